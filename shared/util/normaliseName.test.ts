import { describe, expect, it } from 'vitest';
import { foldForMatching, normaliseName } from './normaliseName.ts';

describe('normaliseName', () => {
  it('matches Arabic and Persian letter forms of one name', () => {
    // "Mazar-i-Sharif" typed with an Arabic yeh and with a Persian yeh.
    expect(normaliseName('مزار شريف')).toBe(normaliseName('مزار شریف'));
    // "Kabul" with Arabic kaf and Persian kaf.
    expect(normaliseName('كابل')).toBe(normaliseName('کابل'));
  });

  it('ignores diacritics, tatweel, zero-width joiners, case and extra spaces', () => {
    expect(normaliseName('طالِبان')).toBe(normaliseName('طالبان'));
    expect(normaliseName('طالـــبان')).toBe(normaliseName('طالبان'));
    expect(normaliseName('می\u200Cشود')).toBe(normaliseName('میشود'));
    expect(normaliseName('  ISIS-K  ')).toBe(normaliseName('isis-k'));
  });

  it('folds hamza carriers, teh marbuta and Latin accents', () => {
    // "Islamic State": with and without the hamza under the alef
    expect(normaliseName('الدولة الإسلامية')).toBe(normaliseName('الدوله الاسلاميه'));
    expect(normaliseName('آمریکا')).toBe(normaliseName('امریکا'));
    expect(normaliseName('مسئول')).toBe(normaliseName('مسیول'));
    expect(normaliseName('Hérat')).toBe(normaliseName('herat'));
  });

  it('keeps different names apart', () => {
    expect(normaliseName('Balkh')).not.toBe(normaliseName('Badakhshan'));
    expect(normaliseName('کابل')).not.toBe(normaliseName('کابول'));
  });
});

describe('foldForMatching', () => {
  it('says where each folded character came from', () => {
    const text = 'Hé  الكِتاب';
    const { folded, starts, ends } = foldForMatching(text);
    expect(folded).toBe('he الکتاب');
    expect(starts).toHaveLength(folded.length);
    // "é" folds to "e", the double space to one, "ك" to "ک", the kasra is dropped
    expect(text.slice(starts[1]!, ends[1]!)).toBe('é');
    expect(text.slice(starts[2]!, ends[2]!)).toBe(' ');
    const kaf = folded.indexOf('ک');
    expect(text.slice(starts[kaf]!, ends[kaf]!)).toBe('ك');
  });
});
