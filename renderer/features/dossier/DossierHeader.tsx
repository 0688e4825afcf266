/**
 * The dossier's first lines: the incident's title, and when, by whom and on which device the
 * dossier was made, with the SHA-256 of its contents.
 */
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat.ts';
import type { Dossier } from './dossierModel.ts';

export function DossierHeader({ dossier, titleId }: { dossier: Dossier; titleId: string }) {
  const { t } = useTranslation();
  const { profile } = dossier;
  const format = useDateTimeFormat();
  return (
    <header className="dossier-header">
      <p className="dossier-kicker">{t('dossier.kind')}</p>
      <h1 id={titleId} dir="auto">
        {dossier.incident.title}
      </h1>
      <dl className="facts">
        <dt>{t('dossier.generatedAt')}</dt>
        <dd>
          <time dateTime={dossier.generatedAt}>{format.format(new Date(dossier.generatedAt))}</time>{' '}
          (<bdi dir="ltr">{dossier.generatedAt}</bdi>)
        </dd>
        <dt>{t('dossier.madeBy')}</dt>
        <dd>
          {profile ? (
            <>
              <bdi>{profile.name}</bdi> ({t(`vocab.profileRole.${profile.role}`)})
            </>
          ) : (
            t('history.unknownAuthor')
          )}
        </dd>
        <dt>{t('dossier.device')}</dt>
        <dd>
          <bdi dir="ltr">{dossier.device}</bdi>
        </dd>
        <dt>{t('dossier.contentHash')}</dt>
        <dd>
          <bdi dir="ltr" className="hash">
            {dossier.sha256}
          </bdi>
          <br />
          <span className="hint">{t('dossier.contentHashHint')}</span>
        </dd>
      </dl>
    </header>
  );
}
