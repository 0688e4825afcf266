/**
 * A source's chain of custody: captured, files added, imported, exported, printed — by whom,
 * when, and the hash of what was handed on at each step.
 */
import { useTranslation } from 'react-i18next';
import { useLive } from '../../app/appContext.ts';
import { CustodyEntryItem } from './CustodyEntryItem.tsx';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat.ts';

export function CustodyLog({ sourceId }: { sourceId: string }) {
  const { t } = useTranslation();
  const format = useDateTimeFormat();
  const log = useLive(
    async (d) => ({
      entries: await d.custodyOf(sourceId),
      files: (await d.get('source', sourceId))?.attachments ?? [],
    }),
    [sourceId],
  );
  if (!log) return null;
  const { entries } = log;
  const fileNames = new Map(log.files.map((file) => [file.sha256, file.name]));
  return (
    <details className="custody">
      <summary>{t('custody.title', { count: entries.length })}</summary>
      <ol>
        {entries.map((e) => (
          <CustodyEntryItem key={e.id} entry={e} format={format} fileNames={fileNames} />
        ))}
      </ol>
    </details>
  );
}
