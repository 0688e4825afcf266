/**
 * Printing a dossier: "Print…" through the browser's dialog (which can also save a PDF), and
 * "Save as PDF…" where the host can make one itself (Electron). The bundled Vazirmatn must be
 * loaded first, or the print falls back to another font. Each print joins the chain of custody
 * of every source in the dossier, with the dossier's hash in the entry's detail.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useData, usePlatform } from '../../app/appContext.ts';
import { useUi } from '../../state/uiStore.ts';
import { pdfFileName } from './dossierFileName.ts';
import type { Dossier } from './dossierModel.ts';

export interface PrintDossier {
  print: () => Promise<void>;
  /** Null where the host cannot save a PDF itself (the web build). */
  savePdf: (() => Promise<void>) | null;
  busy: boolean;
  error: string | null;
}

export function usePrintDossier(dossier: Dossier, title: string): PrintDossier {
  const { t } = useTranslation();
  const data = useData();
  const platform = usePlatform();
  const announce = useUi((s) => s.announce);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const logPrinted = (as: 'print' | 'pdf') =>
    data.logCustody(
      dossier.sources.map((s) => s.source.id),
      'printed',
      `dossier:${dossier.incident.id} sha256:${dossier.sha256} as:${as}`,
    );

  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await document.fonts.ready;
      await step();
    } catch (e) {
      setError(t('dossier.printFailed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  const print = () =>
    run(async () => {
      // The dialog's outcome is not told to the page: the request to print is what is logged.
      window.print();
      await logPrinted('print');
    });

  const printToPdf = platform.printToPdf;
  const savePdf = printToPdf
    ? () =>
        run(async () => {
          const outcome = await printToPdf({ suggestedName: pdfFileName(title) });
          if (outcome !== 'saved') return;
          await logPrinted('pdf');
          announce(t('dossier.pdfSaved'));
        })
    : null;

  return { print, savePdf, busy, error };
}
