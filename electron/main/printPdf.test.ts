import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { printPdfWithDialog, type PrintPdfDeps } from './printPdf.ts';

const PDF_BYTES = new TextEncoder().encode('%PDF-1.7\n…\n%%EOF\n');

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'daftar-print-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function deps(choice: { canceled: boolean; filePath?: string }) {
  const printToPdf = vi.fn<PrintPdfDeps['printToPdf']>(async () => PDF_BYTES);
  const showSaveDialog = vi.fn<PrintPdfDeps['showSaveDialog']>(async () => choice);
  return { printToPdf, showSaveDialog, defaultDirectory: folder };
}

describe('printPdfWithDialog', () => {
  it('prints the page by its own print style sheet and saves the PDF where the user chose', async () => {
    const target = path.join(folder, 'dossier.pdf');
    const fakes = deps({ canceled: false, filePath: target });
    await expect(printPdfWithDialog({ suggestedName: 'dossier.pdf' }, fakes)).resolves.toBe(
      'saved',
    );
    expect(fakes.printToPdf).toHaveBeenCalledExactlyOnceWith({
      pageSize: 'A4',
      preferCSSPageSize: true,
      printBackground: true,
      generateTaggedPDF: true,
    });
    expect(await readFile(target)).toEqual(Buffer.from(PDF_BYTES));
    const options = fakes.showSaveDialog.mock.calls[0]![0];
    expect(options.defaultPath).toBe(path.join(folder, 'dossier.pdf'));
    expect(options.filters[0]).toEqual({ name: 'PDF', extensions: ['pdf'] });
  });

  it('prints before asking, so the file is the page as it was when the user asked', async () => {
    const order: string[] = [];
    const fakes = deps({ canceled: true });
    fakes.printToPdf.mockImplementation(async () => {
      order.push('print');
      return PDF_BYTES;
    });
    fakes.showSaveDialog.mockImplementation(async () => {
      order.push('dialog');
      return { canceled: true };
    });
    await printPdfWithDialog({ suggestedName: 'dossier.pdf' }, fakes);
    expect(order).toEqual(['print', 'dialog']);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const fakes = deps({ canceled: true });
    await expect(printPdfWithDialog({ suggestedName: 'dossier.pdf' }, fakes)).resolves.toBe(
      'cancelled',
    );
    expect(await readdir(folder)).toEqual([]);
  });

  it('passes a printing failure on without opening the dialog', async () => {
    const fakes = deps({ canceled: false, filePath: path.join(folder, 'x.pdf') });
    fakes.printToPdf.mockRejectedValueOnce(new Error('Printing failed'));
    await expect(printPdfWithDialog({ suggestedName: 'x.pdf' }, fakes)).rejects.toThrow(
      'Printing failed',
    );
    expect(fakes.showSaveDialog).not.toHaveBeenCalled();
  });
});
