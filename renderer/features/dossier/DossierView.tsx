/**
 * An incident's dossier: what an investigator files or hands to a lawyer — the incident's
 * fields and narrative, its verification history and review threads, and each linked source
 * with its hash, files, chain of custody, verification and threads. On screen a page with a
 * toolbar; printed (styles.css, "Dossier print") A4 pages with numbered footers, the app around
 * it hidden. Record text keeps its own direction in either interface language.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { incidentRows } from './dossierFields.ts';
import { DossierHeader } from './DossierHeader.tsx';
import { DossierToolbar } from './DossierToolbar.tsx';
import { FieldTable } from './FieldTable.tsx';
import { usePageFooter } from './pageFooter.ts';
import { RecordText } from './RecordText.tsx';
import { ReviewThreads } from './ReviewThreads.tsx';
import { SourceSection } from './SourceSection.tsx';
import { StatusHistory } from './StatusHistory.tsx';
import { usePrintDossier } from './usePrintDossier.ts';
import { buildDossier, type Dossier } from './dossierModel.ts';
import { useLive } from '../../app/appContext.ts';

export function DossierView({ id }: { id: string }) {
  const { t } = useTranslation();
  const dossier = useLive((d) => buildDossier(d, id, Date.now()), [id]);
  usePageFooter();
  if (dossier === undefined) return <p role="status">{t('common.loading')}</p>;
  if (dossier === null) return <p role="alert">{t('incident.notFound')}</p>;
  return <DossierPage dossier={dossier} />;
}

function DossierPage({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const { incident } = dossier;
  // Also the PDF's title, and the file name the browser's "Save as PDF" offers.
  const title = t('dossier.documentTitle', { title: incident.title, date: incident.dateStart });
  const printing = usePrintDossier(dossier, title);
  useDocumentTitle(title);
  const sourceTitles = new Map(dossier.sources.map((s) => [s.source.id, s.source.title]));
  return (
    <div className="dossier-view">
      <DossierToolbar incidentId={incident.id} printing={printing} />
      <article className="dossier" aria-labelledby="dossier-title">
        <DossierHeader dossier={dossier} titleId="dossier-title" />
        <section aria-labelledby="dossier-record">
          <h2 id="dossier-record">{t('dossier.record')}</h2>
          <FieldTable rows={incidentRows(t, incident, sourceTitles)} labelledBy="dossier-record" />
        </section>
        <RecordText label={t('incident.sectionNotes')} text={incident.notes} level={2} />
        <StatusHistory steps={dossier.statusSteps} level={2} />
        <ReviewThreads threads={dossier.threads} level={2} />
        <section aria-labelledby="dossier-sources">
          <h2 id="dossier-sources">{t('dossier.sources', { count: dossier.sources.length })}</h2>
          {dossier.sources.length === 0 ? <p className="hint">{t('dossier.noSources')}</p> : null}
          {dossier.sources.map((entry) => (
            <SourceSection key={entry.source.id} entry={entry} />
          ))}
        </section>
      </article>
    </div>
  );
}

/**
 * The record's title as the page title only while the browser's print dialog is open (it names
 * the PDF after it): a title kept in the window would be written into the browser's session files
 * and shown by the system's window list, outside the encrypted profile.
 */
function useDocumentTitle(title: string): void {
  useEffect(() => {
    const before = document.title;
    const show = () => (document.title = title);
    const restore = () => (document.title = before);
    window.addEventListener('beforeprint', show);
    window.addEventListener('afterprint', restore);
    return () => {
      window.removeEventListener('beforeprint', show);
      window.removeEventListener('afterprint', restore);
      restore();
    };
  }, [title]);
}
