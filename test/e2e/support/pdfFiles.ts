/**
 * Reading a PDF the app made as a person's tools would: its text with poppler's `pdftotext`
 * (logical order, the order a screen reader or a search uses) and its fonts with `pdffonts`.
 * Measured (docs/design/review-research.md §4): pdftotext wraps right-to-left runs in bidi
 * embedding marks, moves a neutral full stop or a combining hamza next to a neighbouring run,
 * and breaks lines where the page does; `comparable` undoes exactly that and nothing more, so
 * words out of order still fail.
 */
import { spawnSync } from 'node:child_process';

/** Why the PDF checks cannot run here, or null when they can. */
export function popplerMissing(): string | null {
  for (const tool of ['pdftotext', 'pdffonts']) {
    const run = spawnSync(tool, ['-v'], { encoding: 'utf8' });
    if (run.error) return `${tool} is not installed (apt-get install poppler-utils)`;
  }
  return null;
}

function run(tool: string, args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 ** 2 });
  if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr}`);
  return result.stdout;
}

/** The text of the PDF at `file`, in logical order, without bidi embedding marks. */
export function pdfText(file: string): string {
  return run('pdftotext', ['-enc', 'UTF-8', file, '-']).replace(/[\u202a-\u202e]/g, '');
}

/** Text as words in order: no punctuation, Arabic-script marks or line breaks. */
export function comparable(text: string): string {
  return text
    .replace(/[\u064b-\u065f\u0670]/g, '')
    .replace(/[.,:;!?؟،؛()«»“”"]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

/** The fonts `pdffonts` lists for the PDF at `file`. */
export function pdfFonts(file: string): PdfFont[] {
  const lines = run('pdffonts', [file]).split('\n').slice(2);
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      // name, type (may contain spaces), encoding, emb, sub, uni, object id, generation
      const match = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(
        line,
      );
      if (!match) throw new Error(`Unexpected pdffonts line: ${line}`);
      return { name: match[1]!, type: match[2]!, embedded: match[4] === 'yes' };
    });
}

/**
 * The font family each Type 3 font of the PDF names in its font descriptor. pdffonts lists
 * Chromium's Type 3 fonts as `[none]`; they are glyphs drawn as outlines, and the descriptor says
 * which font the outlines came from. Needs the objects uncompressed, as Chromium writes them.
 */
export function type3FontFamilies(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  if (text.includes('/ObjStm')) throw new Error('Compressed object streams: cannot read fonts.');
  const objects = new Map<string, string>();
  for (const match of text.matchAll(/(\d+) 0 obj\b([\s\S]*?)endobj/g)) {
    objects.set(match[1]!, match[2]!);
  }
  const families: string[] = [];
  for (const body of objects.values()) {
    if (!/\/Subtype\s*\/Type3\b/.test(body)) continue;
    const descriptor = /\/FontDescriptor\s+(\d+)\s+0\s+R/.exec(body)?.[1];
    const family = descriptor && /\/FontFamily\s*\(([^)]*)\)/.exec(objects.get(descriptor) ?? '');
    families.push(family ? family[1]! : '(no font descriptor)');
  }
  return families;
}
