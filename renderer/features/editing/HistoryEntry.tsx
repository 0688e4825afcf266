/**
 * One row of a record's history: when, by whom and on which device; the field with its value
 * before and after the change; and the restore actions that apply to it.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryRow } from '../../data/recordHistory.ts';
import { fieldLabel } from '../conflicts/fieldLabel.ts';
import { ChangeStamp } from '../review/ChangeStamp.tsx';
import { HistoryValue } from './HistoryValue.tsx';
import { quote, whenOf } from './useHistoryRestore.ts';

interface Props {
  row: HistoryRow;
  /**
   * The first row of its change set. The rows after it show no stamp of their own (a creation
   * writes twenty fields at once); screen readers still read it on every row.
   */
  groupStart: boolean;
  /** Offer "Restore" of the value the field had before this change. */
  canRestoreValue: boolean;
  /** Offer "Restore record" (on the first row of an edit, for the whole change). */
  canRestoreRecord: boolean;
  busy: boolean;
  onRestoreValue: (row: HistoryRow) => void;
  onRestoreRecord: (row: HistoryRow) => void;
}

/** Memoised: rows that stay in view while the list scrolls are not rendered again. */
export const HistoryEntry = memo(function HistoryEntry(props: Props) {
  const { row } = props;
  const { t, i18n } = useTranslation();
  const field = fieldLabel(t, row.field);
  return (
    <div className="history-entry">
      <p className={props.groupStart ? 'history-stamp' : 'history-stamp visually-hidden'}>
        <ChangeStamp change={row.change} />
        {row.event === 'created' ? <> · {t('history.created')}</> : null}
        {row.mergedFrom !== undefined ? (
          <> · {t('duplicates.fromMerged', { id: row.mergedFrom })}</>
        ) : null}
      </p>
      {row.event === 'deleted' || row.event === 'restored' ? (
        <p className="history-change">{t(`history.${row.event}`)}</p>
      ) : (
        <p className="history-change">
          <span className="history-field">{t('history.field', { field })}</span>{' '}
          {row.event === 'edited' ? (
            <>
              <HistoryValue value={row.before} className="before" />{' '}
              <span role="img" aria-label={t('history.changedTo')}>
                →
              </span>{' '}
            </>
          ) : null}
          <HistoryValue value={row.after} className="after" />
        </p>
      )}
      {row.conflict ? <p className="hint">{t('history.concurrent')}</p> : null}
      {props.canRestoreValue || props.canRestoreRecord ? (
        <p className="history-actions">
          {props.canRestoreValue ? (
            <button
              type="button"
              disabled={props.busy}
              aria-label={t('history.restoreValue', { field, value: quote(t, row.before) })}
              onClick={() => props.onRestoreValue(row)}
            >
              {t('history.restore')}
            </button>
          ) : null}{' '}
          {props.canRestoreRecord ? (
            <button
              type="button"
              disabled={props.busy}
              aria-label={t('history.restoreRecordBefore', { time: whenOf(row, i18n.language) })}
              onClick={() => props.onRestoreRecord(row)}
            >
              {t('history.restoreRecord')}
            </button>
          ) : null}
        </p>
      ) : null}
    </div>
  );
});
