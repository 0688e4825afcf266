import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexTerms, queryTerms, wordsOf } from './searchText.ts';

/** What a query must find: one of its terms is one of the stored text's index terms. */
const finds = (stored: string, typed: string) =>
  queryTerms(typed).every((term) => indexTerms(stored).includes(term));

describe('search words', () => {
  it('finds Dari words typed with Arabic letter forms', () => {
    expect(finds('انفجار در شهر کابل', 'كابل')).toBe(true); // Arabic kaf
    expect(finds('ولایت هرات', 'ولايت')).toBe(true); // Arabic yeh
    expect(finds('مسئولیت این حمله', 'مسئوليت')).toBe(true);
    expect(finds('مدرسه دخترانه', 'مدرسة')).toBe(true); // teh marbuta
    expect(finds('اعدام در ملا عام', 'إعدام')).toBe(true); // alef with hamza below
    expect(finds('آمریکا', 'امریکا')).toBe(true); // alef madda
    expect(finds('ٱلله', 'الله')).toBe(true); // alef wasla
  });

  it('ignores diacritics, tatweel, case and Latin accents', () => {
    expect(finds('کابُل', 'کابل')).toBe(true);
    expect(finds('کـــابل', 'کابل')).toBe(true);
    expect(finds('Hérat province', 'HERAT')).toBe(true);
    expect(finds('the chargé d’affaires', 'charge')).toBe(true);
  });

  it('reads Persian and Arabic-Indic digits as ASCII', () => {
    expect(queryTerms('۱۲ تن')).toEqual(['12', 'تن']);
    expect(queryTerms('١٢')).toEqual(['12']);
    expect(finds('12 civilians', '۱۲')).toBe(true);
    expect(finds('۱۴۰۳ حمل', '1403')).toBe(true);
  });

  it('finds a word written with a ZWNJ whether typed with it, without it or with a space', () => {
    const stored = 'منابع محلی می‌گویند';
    expect(indexTerms(stored)).toEqual(['منابع', 'محلی', 'میگویند', 'می', 'گویند']);
    expect(queryTerms('می‌گویند')).toEqual(['میگویند']);
    expect(finds(stored, 'می‌گویند')).toBe(true);
    expect(finds(stored, 'میگویند')).toBe(true);
    expect(finds(stored, 'می گویند')).toBe(true);
    // Written without the ZWNJ, it is one word: found whole, not by its parts.
    expect(finds('منابع میگویند', 'می‌گویند')).toBe(true);
    expect(finds('منابع میگویند', 'گویند')).toBe(false);
  });

  it('keeps letters that are different letters apart', () => {
    // Pashto letters are not folded into their Dari look-alikes.
    expect(queryTerms('ښځه ټول ډېر')).toEqual(['ښځه', 'ټول', 'ډېر']);
    expect(finds('تول', 'ټول')).toBe(false);
    expect(finds('Balkh', 'Badakhshan')).toBe(false);
  });

  it('ends a word at punctuation, in both scripts', () => {
    expect(queryTerms('Mazar-i-Sharif, (Balkh)')).toEqual(['mazar', 'i', 'sharif', 'balkh']);
    expect(queryTerms('کابل، هرات؛ «بلخ»؟')).toEqual(['کابل', 'هرات', 'بلخ']);
    expect(queryTerms('!!! ...')).toEqual([]);
  });

  it('folds rare characters the slow way (other scripts, presentation forms)', () => {
    // Arabic presentation forms (as some PDFs give them) fold to the letters they show.
    expect(queryTerms('ﻛﺎﺑﻞ')).toEqual(['کابل']);
    expect(queryTerms('ﬁeld ™ 😀 Ⅻ')).toEqual(['field', 'tm', 'xii']);
  });
});

describe('the fast path equals folding the whole text', () => {
  const reference = (text: string, parts: boolean) => wordsOf(text, parts).map((w) => w.term);

  it('for every character it takes, alone and between letters', () => {
    const ranges: [number, number][] = [
      [0x0000, 0x024f],
      [0x0600, 0x06ff],
      [0x2000, 0x206f],
    ];
    for (const [from, to] of ranges) {
      for (let code = from; code <= to; code++) {
        const c = String.fromCharCode(code);
        for (const text of [`a${c}b ${c}`, `ک${c}ب`, `${c}\u200Cی`]) {
          expect(indexTerms(text), `U+${code.toString(16)}`).toEqual(reference(text, true));
          expect(queryTerms(text), `U+${code.toString(16)}`).toEqual(reference(text, false));
        }
      }
    }
  });

  it('for random text mixing scripts, marks, ZWNJs and rare characters', () => {
    const alphabet = [
      ...'aZé ΣςİŀĲ¼ª-’.,',
      ...'کابلیيكةۀأإآؤئٱھ۱٢ـًٌ ،؛',
      '\u200C',
      '\u200D',
      '\u200E',
      '\u0301',
      'ﻛ',
      '™',
      '😀',
      '\u00A0',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }), (chars) => {
        const text = chars.join('');
        expect(indexTerms(text)).toEqual(reference(text, true));
        expect(queryTerms(text)).toEqual(reference(text, false));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('wordsOf', () => {
  it('says where each word is in the original text', () => {
    const text = 'In  كابُل، ۱۲ می‌گویند';
    const words = wordsOf(text).map((w) => [w.term, text.slice(w.start, w.end)]);
    expect(words).toEqual([
      ['in', 'In'],
      ['کابل', 'كابُل'],
      ['12', '۱۲'],
      ['میگویند', 'می‌گویند'],
      ['می', 'می'],
      ['گویند', 'گویند'],
    ]);
  });
});
