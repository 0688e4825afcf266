/** A source's chain of custody: captured, files added, imported, exported — by whom and when. */
import { useTranslation } from 'react-i18next';
import { useLive } from '../../app/appContext.ts';

export function CustodyLog({ sourceId }: { sourceId: string }) {
  const { t, i18n } = useTranslation();
  const entries = useLive((d) => d.custodyOf(sourceId), [sourceId]);
  if (!entries) return null;
  const format = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (
    <details className="custody">
      <summary>{t('custody.title', { count: entries.length })}</summary>
      <ol>
        {entries.map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{format.format(new Date(e.at))}</time> —{' '}
            {t(`custody.${e.action}`)} —{' '}
            {t('history.by', { author: e.author || t('history.unknownAuthor'), device: e.device })}
            {e.detail ? <code> {e.detail}</code> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
