/** The dossier's actions, on screen only: print, save as PDF where the host can, go back. */
import { useTranslation } from 'react-i18next';
import { useUi } from '../../state/uiStore.ts';
import type { PrintDossier } from './usePrintDossier.ts';

export function DossierToolbar({
  incidentId,
  printing,
}: {
  incidentId: string;
  printing: PrintDossier;
}) {
  const { t } = useTranslation();
  const navigate = useUi((s) => s.navigate);
  const { print, savePdf, busy, error } = printing;
  return (
    <div className="dossier-toolbar">
      <div className="row" role="group" aria-label={t('dossier.actions')}>
        <button type="button" onClick={() => navigate({ view: 'incident', id: incidentId })}>
          {t('dossier.back')}
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void print()}>
          {t('dossier.print')}
        </button>
        {savePdf ? (
          <button type="button" disabled={busy} onClick={() => void savePdf()}>
            {t('dossier.savePdf')}
          </button>
        ) : null}
      </div>
      {savePdf ? null : <p className="hint">{t('dossier.printHint')}</p>}
      {busy ? <p role="status">{t('dossier.printing')}</p> : null}
      {error ? <p role="alert">{error}</p> : null}
    </div>
  );
}
