/**
 * The preview of an opened bundle, before anything is written: who signed it, whether it was
 * imported before, how many records are new, changed, in conflict or unchanged, and the first
 * records with their outcome. Import stays disabled until a changed key has been confirmed.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat.ts';
import type { ImportPlan, RecordOutcome } from '../../data/bundleImport.ts';
import { OutcomeCounts } from './OutcomeCounts.tsx';
import { SignerCard } from './SignerCard.tsx';

const LISTED = 50;
const ORDER: Record<RecordOutcome, number> = { conflicting: 0, new: 1, changed: 2, unchanged: 3 };

export function BundlePreview({
  plan,
  onImport,
  onCancel,
}: {
  plan: ImportPlan;
  onImport: (acceptChangedKey: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [confirmed, setConfirmed] = useState(false);
  const keyChanged = plan.signer.status === 'keyChanged';
  const listed = [...plan.records].sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome]);
  const format = useDateTimeFormat();
  return (
    <div className="bundle-preview">
      <SignerCard signer={plan.signer} confirmed={confirmed} onConfirm={setConfirmed} />
      {plan.bundle.encrypted ? <p>{t('bundle.preview.encrypted')}</p> : null}
      {plan.importedBefore ? (
        <p className="notice">
          {t('bundle.preview.importedBefore', {
            date: format.format(new Date(plan.importedBefore)),
          })}
        </p>
      ) : null}
      <section aria-labelledby="preview-records">
        <h3 id="preview-records">{t('bundle.preview.records')}</h3>
        <OutcomeCounts counts={plan.counts} />
        {listed.length > 0 ? (
          <ul className="plain-list preview-records" aria-label={t('bundle.preview.recordList')}>
            {listed.slice(0, LISTED).map((record) => (
              <li key={`${record.kind}:${record.id}`}>
                <span className={`outcome outcome-${record.outcome}`}>
                  {t(`bundle.outcome.${record.outcome}`)}
                </span>{' '}
                <span className="kind">{t(`recordKind.${record.kind}`)}</span>{' '}
                <span dir="auto">{record.label || t('bundle.preview.noLabel')}</span>
              </li>
            ))}
          </ul>
        ) : null}
        {listed.length > LISTED ? (
          <p className="hint">{t('bundle.preview.more', { count: listed.length - LISTED })}</p>
        ) : null}
      </section>
      <div className="dialog-actions">
        <button
          type="button"
          className="primary"
          disabled={keyChanged && !confirmed}
          onClick={() => onImport(keyChanged && confirmed)}
        >
          {t('bundle.import.confirm')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('actions.cancel')}
        </button>
      </div>
    </div>
  );
}
