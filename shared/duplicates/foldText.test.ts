import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseName } from '../util/normaliseName.ts';
import { foldedWords, foldFast, PLAIN } from './foldText.ts';

/** Letters the two foldings must agree on: Latin with accents, Arabic script with its variants. */
const ALPHABET = [
  ...'aAzZéÉüçñ -,.()0129',
  ...'ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیءآأإؤئيىكةەۀ',
  '\u064B', // fathatan
  '\u0650', // kasra
  '\u0640', // tatweel
  '\u200C', // zero-width non-joiner
  '\u200F', // right-to-left mark
  ...'۰۱۹٠٩،؛؟’“”—\u00A0\t\n',
];

describe('foldFast', () => {
  it('folds exactly as normaliseName does', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(foldFast(text)).toBe(normaliseName(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('takes the quick path only for characters folding leaves alone', () => {
    // Every character the quick path accepts must fold the same on the slow one.
    const one = new RegExp(`^[${PLAIN.source.slice(2, -3)}]$`);
    let checked = 0;
    for (let code = 0; code < 0x2100; code++) {
      const char = String.fromCharCode(code);
      if (!one.test(char)) continue;
      checked++;
      const text = `x${char}y`;
      expect([code.toString(16), foldFast(text)]).toEqual([code.toString(16), normaliseName(text)]);
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('treats Arabic and Persian letters and marks as the same word', () => {
    expect(foldFast('علي  كريمي')).toBe(foldFast('علی کریمی'));
    expect(foldFast('مُحَمَّد')).toBe('محمد');
    expect(foldFast('  Hérat\u00A0City ')).toBe('herat city');
  });
});

describe('foldedWords', () => {
  it('gives the distinct folded words of three letters or more', () => {
    expect(foldedWords('The Taliban, the TALIBAN and 12 of them; گزارش‌ها در کابل')).toEqual([
      'the',
      'taliban',
      'and',
      'them',
      'گزارشها',
      'کابل',
    ]);
  });
});
