/**
 * "Import & export data": datasets in and out of Daftar — ACLED exports, any CSV, GeoJSON and
 * KML/KMZ in; ACLED CSV, CSV, GeoJSON, KML and CSL-JSON (sources) out. Bundles between teammates
 * live on the Exchange screen; this one is for other tools' files.
 */
import { useTranslation } from 'react-i18next';
import { ExportSection } from './ExportSection.tsx';
import { ImportSection } from './ImportSection.tsx';
import './interchange.css';

export function InterchangeView() {
  const { t } = useTranslation();
  return (
    <section className="interchange" aria-labelledby="interchange-title">
      <h1 id="interchange-title">{t('interchange.ui.title')}</h1>
      <p className="hint">{t('interchange.ui.intro')}</p>
      <div className="interchange-grid">
        <ImportSection />
        <ExportSection />
      </div>
    </section>
  );
}
