/**
 * The history's restore actions for one record: write the value, or the whole record, as it was
 * before a change — as one new change with an undo entry and an announcement — or say why not.
 */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { RecordValidationError, type RecordKind } from '../../../shared/domain/records.ts';
import { hlcWall } from '../../../shared/sync/hlc.ts';
import { useData } from '../../app/appContext.ts';
import {
  restoreFieldValue,
  restoreRecordBefore,
  RestoreRefusedError,
  type HistoryRow,
} from '../../data/recordHistory.ts';
import type { WriteResult } from '../../data/recordStore.ts';
import { useUi } from '../../state/uiStore.ts';
import { fieldLabel } from '../conflicts/fieldLabel.ts';
import { shorten, valueText } from './historyText.ts';

/** Characters of a value quoted in a button's name or an announcement. */
const QUOTE_LIMIT = 60;

/** `onRestored` runs after a restore wrote its change (the clicked button may then be gone). */
export function useHistoryRestore(kind: RecordKind, id: string, onRestored: () => void) {
  const { t, i18n } = useTranslation();
  const data = useData();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async (
      work: () => Promise<WriteResult>,
      undo: { label: string; params?: Record<string, string> },
      done: string,
    ) => {
      setBusy(true);
      setError(null);
      try {
        const written = await work();
        const ui = useUi.getState();
        if (written.changes.length === 0) ui.announce(t('history.unchanged'));
        else {
          ui.pushUndo({ ...undo, ops: written.undo });
          ui.announce(done, true);
          onRestored();
        }
      } catch (e) {
        setError(t('history.refused', { reason: reasonOf(e, t) }));
      } finally {
        setBusy(false);
      }
    },
    [t, onRestored],
  );

  const restoreValue = useCallback(
    (row: HistoryRow) => {
      const field = fieldLabel(t, row.field);
      const value = quote(t, row.before);
      return run(
        () => restoreFieldValue(data, kind, id, row.field, row.before),
        { label: 'undo.restoreValue', params: { field } },
        t('history.restoredValue', { field, value }),
      );
    },
    [data, kind, id, run, t],
  );

  const restoreRecord = useCallback(
    (row: HistoryRow) => {
      const time = whenOf(row, i18n.language);
      return run(
        () => restoreRecordBefore(data, kind, id, row.change.hlc),
        { label: 'undo.restoreRecord' },
        t('history.restoredRecord', { time }),
      );
    },
    [data, kind, id, run, t, i18n.language],
  );

  return { restoreValue, restoreRecord, busy, error };
}

/** A value as quoted in a button's name or an announcement: one short line. */
export function quote(t: TFunction, value: unknown): string {
  return shorten(valueText(value, t('common.notSet')).replace(/\s+/g, ' '), QUOTE_LIMIT);
}

/** When a row's change was made, as the record-level restore names it. */
export function whenOf(row: HistoryRow, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(
    hlcWall(row.change.hlc),
  );
}

function reasonOf(error: unknown, t: TFunction): string {
  if (error instanceof RecordValidationError) {
    return error.issues.map((issue) => t(issue.message)).join(' ') || t('validation.invalid');
  }
  if (error instanceof RestoreRefusedError) return t(`history.refusedBecause.${error.code}`);
  return error instanceof Error ? error.message : String(error);
}
