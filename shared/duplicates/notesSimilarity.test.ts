import { describe, expect, it } from 'vitest';
import { indexNotes, notesSimilarity } from './notesSimilarity.ts';

const similarity = (texts: string[], i: number, j: number) => {
  const index = indexNotes(texts);
  return notesSimilarity(index.notes[i]!, index.notes[j]!, index);
};

const NOTE =
  'Gunmen shot Abdul Qadir Sediqi, a former army officer, outside his home in Qala-e-Naw ' +
  'village late on Tuesday. His family said he held an amnesty letter.';

describe('notes similarity', () => {
  it('counts a shortened copy as the same note', () => {
    expect(similarity([NOTE, 'Gunmen shot Abdul Qadir Sediqi outside his home.'], 0, 1)).toBe(1);
  });

  it('folds letters typed on an Arabic keyboard and marks', () => {
    const dari = 'کریمی در ولسوالی پغمان کشته شد';
    expect(similarity([dari, 'كريمي در ولسوالي پغمان كشته شد'], 0, 1)).toBe(1);
  });

  it('weighs a rare shared word over a common one', () => {
    const texts = [
      'alpha police sediqi',
      'bravo charlie sediqi',
      'delta echo police',
      'foxtrot golf police',
      'hotel india police',
    ];
    // "sediqi" is in two notes, "police" in four: sharing the name says more.
    expect(similarity(texts, 0, 1)!).toBeGreaterThan(similarity(texts, 0, 2)!);
  });

  it('says nothing about an empty note', () => {
    expect(similarity([NOTE, ''], 0, 1)).toBeNull();
    expect(similarity(['of a', NOTE], 0, 1)).toBeNull();
  });
});
