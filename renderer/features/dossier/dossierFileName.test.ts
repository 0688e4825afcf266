import { describe, expect, it } from 'vitest';
import { IPC_INVOKE } from '../../../shared/ipc/contract.ts';
import { pdfFileName } from './dossierFileName.ts';

describe('pdfFileName', () => {
  it('keeps a Dari title as it is', () => {
    expect(pdfFileName('پرونده – حملهٔ انتحاری بر دفتر والی بلخ – 2023-03-09')).toBe(
      'پرونده – حملهٔ انتحاری بر دفتر والی بلخ – 2023-03-09.pdf',
    );
  });

  it.each([
    ['Dossier – Kabul: 3/4 attacks? – 2024', 'Dossier – Kabul 3 4 attacks – 2024.pdf'],
    ['a\nb\tc', 'a b c.pdf'],
    ['...hidden', 'hidden.pdf'],
    ['   ', 'dossier.pdf'],
    // A right-to-left override would show "…exe.pdf" for a name that ends in ".exe".
    ['invoice\u202Efdp.exe', 'invoicefdp.exe.pdf'],
  ])('makes %j a safe file name', (base, name) => {
    expect(pdfFileName(base)).toBe(name);
  });

  it('shortens long titles and keeps zero-width non-joiners', () => {
    const name = pdfFileName(`کشته‌شدگان ${'و'.repeat(300)}`);
    expect([...name]).toHaveLength(104);
    expect(name).toContain('\u200c');
  });

  it('always gives a name the host’s print channel accepts', () => {
    for (const base of ['a/b', 'con:', '"x"', '\u0000', 'ok', 'x'.repeat(500)]) {
      const suggestedName = pdfFileName(base);
      expect(IPC_INVOKE['daftar:print-pdf'].safeParse({ suggestedName }).success).toBe(true);
    }
  });
});
