/**
 * `daftar:print-pdf`: the asking page as a PDF, laid out by its own print style sheet, saved
 * through the same dialog and atomic write as `daftar:save-file`. The page decides the layout
 * (its `@page` size, margins and page-number margin boxes), so "Print…" and "Save as PDF…" give
 * the same pages, and the footer keeps the page's fonts and direction — Electron's
 * `footerTemplate` would fall back to a system font (docs/design/review-research.md §4).
 */
import type { PrintToPDFOptions } from 'electron';
import type { PrintPdfRequest, SaveFileOutcome } from '../../shared/ipc/contract.ts';
import { saveFileWithDialog, type SaveFileDeps } from './saveFile.ts';

export const PDF_OPTIONS = {
  // A4 where the page says nothing; the page's `@page { size }` wins (preferCSSPageSize).
  pageSize: 'A4',
  preferCSSPageSize: true,
  printBackground: true,
  // Headings, tables and reading order stay in the file, for screen readers and text extraction.
  generateTaggedPDF: true,
} as const satisfies PrintToPDFOptions;

export const PDF_MEDIA_TYPE = 'application/pdf';

export interface PrintPdfDeps extends SaveFileDeps {
  /** The sender's `webContents.printToPDF`. */
  printToPdf(options: PrintToPDFOptions): Promise<Uint8Array>;
}

export async function printPdfWithDialog(
  request: PrintPdfRequest,
  deps: PrintPdfDeps,
): Promise<SaveFileOutcome> {
  // Printed before the dialog opens, so the file holds the page as it was when the user asked.
  const data = await deps.printToPdf(PDF_OPTIONS);
  return saveFileWithDialog(
    { suggestedName: request.suggestedName, mediaType: PDF_MEDIA_TYPE, data },
    deps,
  );
}
