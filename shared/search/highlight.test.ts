import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlight } from './highlight.ts';

const marked = (text: string, terms: string[], prefixLast = false) =>
  highlight(text, terms, { prefixLast })
    .filter((run) => run.match)
    .map((run) => run.text);

describe('highlight', () => {
  it('marks the original characters of words typed with other letter forms', () => {
    // Stored with an Arabic kaf and a damma; searched with the Persian kaf.
    expect(marked('انفجار در شهر كابُل رخ داد', ['کابل'])).toEqual(['كابُل']);
    expect(marked('ولايت هرات', ['ولایت'])).toEqual(['ولايت']);
    expect(marked('در این رویداد ۱۲ تن کشته شدند', ['12'])).toEqual(['۱۲']);
    expect(marked('Clashes in Hérat, HERAT province', ['herat'])).toEqual(['Hérat', 'HERAT']);
  });

  it('marks the part of a word written with a ZWNJ that matched, or all of it', () => {
    expect(marked('منابع محلی می‌گویند', ['گویند'])).toEqual(['گویند']);
    expect(marked('منابع محلی می‌گویند', ['میگویند'])).toEqual(['می‌گویند']);
    expect(marked('منابع محلی می‌گویند', ['می', 'گویند'])).toEqual(['می', 'گویند']);
  });

  it('marks words the last term begins only when asked to (as-you-type)', () => {
    expect(marked('Explosion in Jalalabad city', ['jalal'])).toEqual([]);
    expect(marked('Explosion in Jalalabad city', ['jalal'], true)).toEqual(['Jalalabad']);
    expect(marked('Explosion in Jalalabad city', ['jalal', 'explosion'], true)).toEqual([
      'Explosion',
    ]);
  });

  it('keeps the text whole: runs join back to it, unmarked where nothing matched', () => {
    expect(highlight('No match here', ['kabul'])).toEqual([
      { text: 'No match here', match: false },
    ]);
    expect(highlight('', ['kabul'])).toEqual([]);
    expect(highlight('Kabul, Kabul', [])).toEqual([{ text: 'Kabul, Kabul', match: false }]);
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'ab کابل\u200Cی۱-é'.split('')), maxLength: 40 }),
        fc.array(fc.constantFrom('a', 'کابل', 'ی', '1', 'e', 'ab'), { maxLength: 3 }),
        fc.boolean(),
        (text, terms, prefixLast) => {
          const runs = highlight(text, terms, { prefixLast });
          expect(runs.map((r) => r.text).join('')).toBe(text);
          for (let i = 1; i < runs.length; i++) {
            expect(runs[i]!.match && runs[i - 1]!.match).toBe(false);
          }
        },
      ),
    );
  });
});
