/**
 * A source's chain of custody as the dossier prints it: each step (captured, file attached,
 * imported, exported, printed), when, by whom on which device, its detail, and the whole hash of
 * what was handed on (a file's own, for a step about a file) — marked where it is the content
 * this dossier shows, so a reader sees which steps carried exactly this version. The editor's
 * list (CustodyEntryItem) shortens hashes behind copy buttons: right on screen, useless on paper.
 * Entries written before hashes were recorded have none.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat.ts';
import { custodyFileOf, type CustodyEntry } from '../../../shared/domain/custody.ts';

interface Props {
  entries: CustodyEntry[];
  /** The source's hash as this dossier shows it. */
  sourceHash: string;
}

export function CustodyList({ entries, sourceHash }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const format = useDateTimeFormat();
  return (
    <section className="dossier-custody" aria-labelledby={id}>
      <h4 id={id}>{t('custody.title', { count: entries.length })}</h4>
      <ol>
        {entries.map((entry) => {
          const file = custodyFileOf(entry);
          // An entry about a file carries the file's own hash; older ones named it in the detail.
          const hash = entry.hash ?? file;
          return (
            <li key={entry.id}>
              <time dateTime={entry.at}>{format.format(new Date(entry.at))}</time> —{' '}
              {t(`custody.${entry.action}`)} —{' '}
              <bdi>
                {t('history.by', {
                  author: entry.author || t('history.unknownAuthor'),
                  device: entry.device,
                })}
              </bdi>
              {entry.detail ? (
                <div className="detail">
                  <bdi>{entry.detail}</bdi>
                </div>
              ) : null}
              {hash !== undefined ? (
                <div className="detail">
                  {file !== undefined ? `${t('custody.file')} ` : null}
                  SHA-256{' '}
                  <bdi dir="ltr" className="hash">
                    {hash}
                  </bdi>
                  {file === undefined && hash === sourceHash
                    ? ` ${t('dossier.sameAsShown')}`
                    : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
