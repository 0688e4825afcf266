/**
 * Confirmation of a merge, naming what will happen: which incident stays and which goes, the
 * values taken from the one that goes, and that sources, reports, tags, actors and history are
 * kept and the merge can be undone.
 */
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal.tsx';
import type { Incident } from '../../data/daftarData.ts';
import { comparedFieldLabel, type ComparedField, type Side } from './comparison.ts';

const TITLE_ID = 'merge-dialog-title';

interface Props {
  into: Side;
  survivor: Incident;
  other: Incident;
  /** Fields whose kept value comes from `other`. */
  taken: readonly ComparedField[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function MergeDialog({ into, survivor, other, taken, busy, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const names = {
    survivor: survivor.title || t('incident.untitled'),
    other: other.title || t('incident.untitled'),
    kept: into.toUpperCase(),
    gone: into === 'a' ? 'B' : 'A',
  };
  return (
    <Modal labelledBy={TITLE_ID} onCancel={onCancel} className="merge-dialog">
      <h2 id={TITLE_ID}>{t('duplicates.confirmTitle', names)}</h2>
      <p>{t('duplicates.confirmKeeps', names)}</p>
      <p>
        {taken.length === 0
          ? t('duplicates.confirmNothingTaken', names)
          : t('duplicates.confirmTaken', {
              ...names,
              fields: taken.map((field) => comparedFieldLabel(t, field)).join(', '),
            })}
      </p>
      <p>{t('duplicates.confirmUnited', names)}</p>
      <p className="hint">{t('duplicates.confirmUndo')}</p>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('actions.cancel')}
        </button>
        <button type="button" className="primary" onClick={onConfirm} disabled={busy}>
          {t('duplicates.confirmMerge', names)}
        </button>
      </div>
    </Modal>
  );
}
