/**
 * One step of a chain of custody: when, what (captured, file attached, imported, exported,
 * printed), by whom on which device, which file if it is about one, the hash of what was handed
 * on, and the step's detail (the bundle, its sender and key).
 */
import { useTranslation } from 'react-i18next';
import { custodyFileOf, type CustodyEntry } from '../../../shared/domain/custody.ts';
import { HashValue } from './HashValue.tsx';

export function CustodyEntryItem({
  entry,
  format,
  fileNames,
}: {
  entry: CustodyEntry;
  format: Intl.DateTimeFormat;
  /** The names of the source's files by hash, where the entry does not say which file it is. */
  fileNames?: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const file = custodyFileOf(entry);
  const fileName = file === undefined ? undefined : fileNames?.get(file);
  // An entry about a file carries the file's own hash; older ones only named it in the detail.
  const hash = entry.hash ?? file;
  return (
    <li>
      <time dateTime={entry.at}>{format.format(new Date(entry.at))}</time> —{' '}
      {t(`custody.${entry.action}`)} —{' '}
      {t('history.by', {
        author: entry.author || t('history.unknownAuthor'),
        device: entry.device,
      })}
      {hash !== undefined ? (
        <>
          {' — '}
          {file !== undefined ? `${t('custody.file')} ` : null}
          {fileName !== undefined ? <span dir="auto">{fileName} </span> : null}
          <HashValue hash={hash} />
        </>
      ) : null}
      {entry.detail ? <code> {entry.detail}</code> : null}
    </li>
  );
}
