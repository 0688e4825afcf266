/** The audit trail of one record: every change, who made it, on which device, when. */
import { useTranslation } from 'react-i18next';
import type { RecordKind } from '../../../shared/domain/records.ts';
import { hlcWall } from '../../../shared/sync/hlc.ts';
import { useLive } from '../../app/appContext.ts';

export function HistoryPanel({ kind, id }: { kind: RecordKind; id: string }) {
  const { t, i18n } = useTranslation();
  const history = useLive((d) => d.history(kind, id), [kind, id]);
  if (!history) return null;
  const format = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'medium',
  });
  return (
    <details className="history">
      <summary>{t('history.title', { count: history.length })}</summary>
      <ol>
        {[...history].reverse().map((change) => {
          const fields = Object.keys(change.fields);
          const what =
            change.fields.deleted === true
              ? t('history.deleted')
              : change.fields.deleted === false
                ? t('history.restored')
                : t('history.fields', {
                    fields: fields.map((f) => t(`fieldName.${f}`, { defaultValue: f })).join(', '),
                  });
          return (
            <li key={change.hlc}>
              <time dateTime={new Date(hlcWall(change.hlc)).toISOString()}>
                {format.format(hlcWall(change.hlc))}
              </time>{' '}
              <span>
                {t('history.by', {
                  author: change.author || t('history.unknownAuthor'),
                  device: change.device,
                })}
              </span>
              {': '}
              <span>{what}</span>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
