/** Exchange with teammates: export and import bundles, known teammates' keys, full backup. */
import { useTranslation } from 'react-i18next';
import { BackupPanel } from './BackupPanel.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { TeammatesPanel } from './TeammatesPanel.tsx';

export function ExchangeView() {
  const { t } = useTranslation();
  return (
    <section className="exchange" aria-labelledby="exchange-title">
      <h1 id="exchange-title">{t('nav.exchange')}</h1>
      <p className="hint">{t('bundle.intro')}</p>
      <div className="exchange-grid">
        <ExportPanel />
        <div className="stack">
          <ImportPanel />
          <BackupPanel />
        </div>
        <TeammatesPanel />
      </div>
    </section>
  );
}
