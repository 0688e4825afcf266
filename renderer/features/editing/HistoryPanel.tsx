/**
 * The history of one record: every change with who made it, on which device and when, field by
 * field with the value before and after, and a way to restore an earlier value as a new change
 * (the history itself is never rewritten). Closed, it only counts the record's writes from an
 * index; the changes are read and turned into rows when the person opens it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordKind } from '../../../shared/domain/records.ts';
import { useLive } from '../../app/appContext.ts';
import { historyCount } from '../../data/recordHistory.ts';
import { HistoryList } from './HistoryList.tsx';

export function HistoryPanel({ kind, id }: { kind: RecordKind; id: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const count = useLive((d) => historyCount(d, kind, id), [kind, id]);
  if (count === undefined) return null;
  const headingId = `history-${id}`;
  const bodyId = `history-body-${id}`;
  return (
    <section className="history" aria-labelledby={headingId}>
      <div className="history-head">
        <h2 id={headingId}>{t('history.title', { count })}</h2>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={open ? bodyId : undefined}
          onClick={() => setOpen(!open)}
        >
          {open ? t('history.hide') : t('history.show')}
        </button>
      </div>
      {open ? (
        <div id={bodyId}>
          <HistoryList kind={kind} id={id} />
        </div>
      ) : null}
    </section>
  );
}
