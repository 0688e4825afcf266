/**
 * Anchors survive edits around their passage, find the right one of several identical quotes,
 * follow small changes inside the passage, and are orphaned — not moved somewhere wrong — when
 * the passage is gone.
 */
import { describe, expect, it } from 'vitest';
import { anchorOf, locateAnchor } from './textAnchor.ts';

const ARTICLE =
  'Last week a suicide attack killed the Taliban governor of Balkh in his office in Mazar-i-Sharif. ' +
  'ISIS claimed the attack. In December, a district official was killed in Badakhshan; ISIS ' +
  'announced the killing. Officials said the attack killed three guards as well.';

const passage = (text: string, quote: string, from = 0) => {
  const start = text.indexOf(quote, from);
  return anchorOf(text, start, start + quote.length);
};

const found = (text: string, match: { start: number; end: number } | null) =>
  match && text.slice(match.start, match.end);

describe('text anchors', () => {
  it('remember the quote with its context and position', () => {
    const anchor = passage(ARTICLE, 'Taliban governor of Balkh');
    expect(anchor).toMatchObject({
      exact: 'Taliban governor of Balkh',
      prefix: 'Last week a suicide attack killed the '.slice(-32),
      start: ARTICLE.indexOf('Taliban governor'),
    });
    expect(anchor.suffix).toBe(' in his office in Mazar-i-Sharif');
    expect(locateAnchor(ARTICLE, anchor)).toEqual({
      start: anchor.start,
      end: anchor.end,
      score: 1,
    });
  });

  it('survive text added and removed elsewhere', () => {
    const anchor = passage(ARTICLE, 'a district official was killed in Badakhshan');
    const edited =
      'UPDATED 12 March. ' + ARTICLE.replace('ISIS claimed the attack. ', 'ISIS claimed it. ');
    const match = locateAnchor(edited, anchor);
    expect(found(edited, match)).toBe('a district official was killed in Badakhshan');
    expect(match!.score).toBeGreaterThan(0.9);
  });

  it('tell identical quotes apart by their context', () => {
    const second = passage(ARTICLE, 'the attack', ARTICLE.indexOf('Officials said'));
    const edited = 'Corrected. ' + ARTICLE;
    const match = locateAnchor(edited, second);
    expect(match!.start).toBe(edited.indexOf('the attack killed three'));
  });

  it('follow a small correction inside the passage', () => {
    const anchor = passage(ARTICLE, 'Taliban governor of Balkh in his office');
    const edited = ARTICLE.replace('governor of Balkh', 'governor of Balkh province');
    expect(found(edited, locateAnchor(edited, anchor))).toMatch(/^Taliban governor of Balkh/);
  });

  it('are orphaned when their passage is gone', () => {
    const anchor = passage(ARTICLE, 'three guards as well');
    const edited = ARTICLE.replace(' Officials said the attack killed three guards as well.', '');
    expect(locateAnchor(edited, anchor)).toBeNull();
  });

  it('work on Dari text and never split a character', () => {
    const dari = 'به گفتهٔ مقامات محلی، والی طالبان در بلخ در یک حملهٔ انتحاری کشته شد 🙏 دیروز.';
    const anchor = passage(dari, 'والی طالبان در بلخ');
    const edited = 'خبر تازه: ' + dari;
    expect(found(edited, locateAnchor(edited, anchor))).toBe('والی طالبان در بلخ');
    // the same words retyped on an Arabic keyboard (ي for ی, ك for ک) with a vowel mark added
    const retyped = dari.replace('والی طالبان', 'واليِ طالبان');
    const match = locateAnchor(retyped, anchor);
    expect(found(retyped, match)).toBe('واليِ طالبان در بلخ');
    // found as the same words, not as an approximate match with two errors
    expect(match!.score).toBeGreaterThan(0.99);
    const emoji = dari.indexOf('🙏');
    // a range ending in the middle of the emoji's surrogate pair is moved to its start
    expect(anchorOf(dari, emoji - 3, emoji + 1).exact).toBe(dari.slice(emoji - 3, emoji));
    expect(() => anchorOf(dari, 5, 5)).toThrow(RangeError);
    expect(() => anchorOf(dari, 0, dari.length + 1)).toThrow(RangeError);
  });
});
