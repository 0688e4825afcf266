/**
 * A source's files as the dossier lists them: name, type, size, when added, and the SHA-256 the
 * bytes were stored under, on a line of its own so it prints unbroken and can be checked with
 * `sha256sum` against a copy of the file.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat.ts';
import type { AttachmentRef } from '../../../shared/domain/source.ts';

export function AttachmentTable({ attachments }: { attachments: AttachmentRef[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const format = useDateTimeFormat();
  return (
    <section className="dossier-attachments" aria-labelledby={id}>
      <h4 id={id}>{t('attachments.title')}</h4>
      {attachments.length === 0 ? (
        <p className="hint">{t('attachments.none')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('dossier.file')}</th>
              <th scope="col">{t('dossier.mediaType')}</th>
              <th scope="col">{t('dossier.size')}</th>
              <th scope="col">{t('dossier.added')}</th>
            </tr>
          </thead>
          {attachments.map((a) => (
            <tbody key={a.sha256} className="dossier-attachment">
              <tr>
                <td>
                  <bdi>{a.name}</bdi>
                </td>
                <td>
                  <bdi dir="ltr">{a.mediaType}</bdi>
                </td>
                <td>{t('attachments.size', { size: a.size.toLocaleString(i18n.language) })}</td>
                <td>
                  <time dateTime={a.addedAt}>{format.format(new Date(a.addedAt))}</time>
                </td>
              </tr>
              <tr>
                <td colSpan={4}>
                  SHA-256{' '}
                  <bdi
                    dir="ltr"
                    className="hash"
                    aria-label={t('attachments.hashOf', { name: a.name })}
                  >
                    {a.sha256}
                  </bdi>
                </td>
              </tr>
            </tbody>
          ))}
        </table>
      )}
    </section>
  );
}
