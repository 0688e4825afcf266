/**
 * The rows of a record's history, newest first, filtered by field and virtualised
 * (@tanstack/react-virtual): only the rows in view are in the DOM, so a record with 10,000
 * changes opens as fast as one with ten (docs/benchmarks.md, review.history). Rows have their
 * own heights (a value shown whole is taller); the virtualiser measures each one it renders.
 * The list keeps list semantics, with each item's position and the list's size for screen
 * readers, since most items are not in the DOM.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordKind } from '../../../shared/domain/records.ts';
import { jsonEqual } from '../../../shared/util/canonicalJson.ts';
import { useLive } from '../../app/appContext.ts';
import { SelectField } from '../../components/fields.tsx';
import {
  isOwnRow,
  isRestorable,
  recordHistory,
  type HistoryRow,
} from '../../data/recordHistory.ts';
import { readableValue } from '../conflicts/formatValue.ts';
import { fieldLabel } from '../conflicts/fieldLabel.ts';
import { HistoryEntry } from './HistoryEntry.tsx';
import { useHistoryRestore } from './useHistoryRestore.ts';

const ESTIMATED_ROW_PX = 84;
const OVERSCAN = 6;
/** The filter's value for every field. */
const ALL = '';

export function HistoryList({ kind, id }: { kind: RecordKind; id: string }) {
  const { t } = useTranslation();
  const [field, setField] = useState(ALL);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The restored row's button goes once the field shows its value: keep focus in the list.
  const keepFocus = useCallback(() => scrollRef.current?.focus({ preventScroll: true }), []);
  const restore = useHistoryRestore(kind, id, keepFocus);
  const all = useLive((d) => recordHistory(d, kind, id), [kind, id]);
  const rows = useMemo(() => all?.filter(isWorthShowing) ?? [], [all]);
  const shown = useMemo(
    () => (field === ALL ? rows : rows.filter((row) => row.field === field)),
    [rows, field],
  );
  const options = useMemo(() => {
    const fields = [...new Set(rows.map((row) => row.field))].map((f) => ({
      value: f,
      label: f === 'deleted' ? t('history.deletions') : fieldLabel(t, f),
    }));
    fields.sort((a, b) => a.label.localeCompare(b.label));
    return [{ value: ALL, label: t('history.allFields') }, ...fields];
  }, [rows, t]);
  /** What the record shows now, and its fields in conflict: which restores would change it. */
  const now = useLive(
    async (d) => {
      const record = (await d.get(kind, id)) as Record<string, unknown> | undefined;
      const conflicts = await d.exchange.conflictsOf(kind, id);
      return { record, conflicted: new Set(conflicts.map((c) => c.field)) };
    },
    [kind, id],
  );

  // eslint-disable-next-line react-hooks/incompatible-library -- we do not use the React Compiler
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN,
    getItemKey: (index) => shown[index]!.key,
  });

  // A merged incident's rows are about another record: nothing of theirs is restored here.
  const canRestoreValue = (row: HistoryRow) =>
    isOwnRow(row) &&
    row.event === 'edited' &&
    row.before !== undefined &&
    isRestorable(kind, row.field) &&
    now?.record !== undefined &&
    (now.conflicted.has(row.field) || !jsonEqual(now.record[row.field], row.before));

  return (
    <div className="history-body">
      <div className="history-filter">
        <SelectField
          label={t('history.filter')}
          value={field}
          options={options}
          onChange={setField}
        />
      </div>
      {restore.error ? (
        <p role="alert" className="field-error">
          {restore.error}
        </p>
      ) : null}
      {all === undefined ? <p className="hint">{t('common.loading')}</p> : null}
      {/* Focusable, so the list scrolls from the keyboard where a row has no button. */}
      <div
        className="history-scroll"
        ref={scrollRef}
        data-scroll="history"
        role="group"
        aria-label={t('history.listLabel')}
        tabIndex={0}
      >
        <ol className="history-list" style={{ blockSize: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = shown[item.index]!;
            const groupStart = item.index === 0 || shown[item.index - 1]!.change !== row.change;
            return (
              <li
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                aria-posinset={item.index + 1}
                aria-setsize={shown.length}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <HistoryEntry
                  row={row}
                  groupStart={groupStart}
                  canRestoreValue={canRestoreValue(row)}
                  canRestoreRecord={
                    groupStart &&
                    isOwnRow(row) &&
                    row.event === 'edited' &&
                    now?.record !== undefined
                  }
                  busy={restore.busy}
                  onRestoreValue={restore.restoreValue}
                  onRestoreRecord={restore.restoreRecord}
                />
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}

/** A field left empty when the record was made says nothing: the creation lists only values. */
function isWorthShowing(row: HistoryRow): boolean {
  return row.event !== 'created' || readableValue(row.after).type !== 'empty';
}
