/**
 * One pair side by side: a table of every field (field | incident A | incident B), differences
 * marked, a choice of the value kept for each field that differs, and the actions — merge into A,
 * merge into B (each confirmed, then announced with Undo), or "Not duplicates".
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DuplicatePair } from '../../../shared/duplicates/findDuplicateCandidates.ts';
import { RecordValidationError } from '../../../shared/domain/records.ts';
import { useData, useLive } from '../../app/appContext.ts';
import type { Incident } from '../../data/daftarData.ts';
import { mergeIncidents, MergeRefusedError } from '../../data/mergeIncidents.ts';
import { useUi } from '../../state/uiStore.ts';
import { fieldLabel } from '../conflicts/fieldLabel.ts';
import {
  choicesFor,
  comparisonRows,
  isChosen,
  pickOf,
  type ComparedField,
  type ComparisonRow,
  type Picks,
  type Side,
} from './comparison.ts';
import { ComparisonTable } from './ComparisonTable.tsx';
import { MergeDialog } from './MergeDialog.tsx';
import { ReasonList } from './ReasonList.tsx';

interface Props {
  pair: DuplicatePair;
  onClose: () => void;
  onDismissed: () => void;
  /** After a merge, with the id of the incident merged away. */
  onMerged: (removedId: string) => void;
}

export function PairReview({ pair, onClose, onDismissed, onMerged }: Props) {
  const { t } = useTranslation();
  const data = useData();
  const records = useLive((d) => d.getMany('incident', [pair.a, pair.b]), [pair.a, pair.b]);
  const [picks, setPicks] = useState<Picks>({});
  const [confirming, setConfirming] = useState<Side | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [a, b] = records ?? [undefined, undefined];
  const rows = useMemo(() => (a && b ? comparisonRows(a, b) : []), [a, b]);
  const title = (x: Incident | undefined) => x?.title || t('incident.untitled');
  // Opened from anywhere in a long list: take the reader (and focus) to the comparison.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const merge = async (into: Side) => {
    if (!a || !b) return;
    const [survivor, other] = into === 'a' ? [a, b] : [b, a];
    setBusy(true);
    setError(null);
    try {
      const result = await mergeIncidents(
        data,
        survivor.id,
        other.id,
        choicesFor(into, picks, rows),
      );
      const ui = useUi.getState();
      const params = { survivor: title(survivor), other: title(other) };
      ui.pushUndo({ label: 'duplicates.undoMerge', params, ops: result.undo });
      ui.announce(t('duplicates.merged', params), true);
      setConfirming(null);
      onMerged(other.id);
    } catch (e) {
      setConfirming(null);
      setError(t('duplicates.mergeRefused', { reason: reasonOf(t, e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel pair-review" aria-labelledby="pair-review-title">
      <div className="pair-review-head">
        <h2 id="pair-review-title" ref={heading} tabIndex={-1}>
          {t('duplicates.reviewTitle', { percent: Math.round(pair.score * 100) })}
        </h2>
        <button type="button" onClick={onClose} aria-label={t('duplicates.closeReview')}>
          {t('actions.close')}
        </button>
      </div>
      <ReasonList reasons={pair.reasons} />
      {records === undefined ? <p role="status">{t('common.loading')}</p> : null}
      {records !== undefined && (!a || !b) ? <p role="alert">{t('duplicates.gone')}</p> : null}
      {a && b ? (
        <>
          <ComparisonTable
            rows={rows}
            picks={picks}
            titles={{ a: title(a), b: title(b) }}
            onPick={(field, side) => setPicks((p) => ({ ...p, [field]: side }))}
          />
          <p className="hint">
            {t('duplicates.differing', { count: rows.filter(isChosen).length })}
          </p>
          {error ? (
            <p role="alert" className="field-error">
              {error}
            </p>
          ) : null}
          <div className="pair-actions">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => setConfirming('a')}
            >
              {t('duplicates.mergeIntoA')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => setConfirming('b')}
            >
              {t('duplicates.mergeIntoB')}
            </button>
            <button type="button" disabled={busy} onClick={onDismissed}>
              {t('duplicates.notDuplicates')}
            </button>
          </div>
          {confirming ? (
            <MergeDialog
              into={confirming}
              survivor={confirming === 'a' ? a : b}
              other={confirming === 'a' ? b : a}
              taken={takenFields(rows, picks, confirming)}
              busy={busy}
              onConfirm={() => void merge(confirming)}
              onCancel={() => setConfirming(null)}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The chosen fields whose kept value comes from the record merged away. */
function takenFields(rows: readonly ComparisonRow[], picks: Picks, into: Side): ComparedField[] {
  return rows.filter((row) => isChosen(row) && pickOf(picks, row) !== into).map((row) => row.field);
}

function reasonOf(t: TFunction, error: unknown): string {
  if (error instanceof MergeRefusedError)
    return t(`duplicates.error.${error.code}`, { id: error.id });
  if (error instanceof RecordValidationError) {
    return error.issues
      .map(
        (issue) =>
          `${fieldLabel(t, issue.field.split('.')[0] ?? issue.field)}: ${t(issue.message)}`,
      )
      .join(' ');
  }
  return error instanceof Error ? error.message : String(error);
}
