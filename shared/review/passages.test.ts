/**
 * Passages are placed in the text as it is now — unchanged, moved by an edit around them, or
 * orphaned when deleted — and the text is cut into runs the reader can highlight.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placePassages, runsOf } from './passages.ts';
import { anchorOf } from './textAnchor.ts';

const TEXT =
  'گفته می‌شود که در حمله انتحاری در مزار شریف سه محافظ کشته شدند. ' +
  'The governor of Balkh was killed in his office. ISIS claimed the attack on its channel.';

const quote = (text: string, q: string) => {
  const start = text.indexOf(q);
  return anchorOf(text, start, start + q.length);
};

describe('placing passages', () => {
  it('finds unchanged, moved and deleted passages, and keeps the deleted one as orphaned', () => {
    const items = [
      { id: 'dari', anchor: quote(TEXT, 'سه محافظ کشته شدند') },
      { id: 'governor', anchor: quote(TEXT, 'governor of Balkh') },
      { id: 'claim', anchor: quote(TEXT, 'ISIS claimed the attack') },
    ];
    const same = placePassages(TEXT, items);
    expect([...same.values()].every((p) => p.exact)).toBe(true);

    const edited = `Update, 3 March: ${TEXT.replace(' ISIS claimed the attack on its channel.', '')}`;
    const places = placePassages(edited, items);
    const text = (id: string) => {
      const range = places.get(id)!.range;
      return range && edited.slice(range.start, range.end);
    };
    expect(text('dari')).toBe('سه محافظ کشته شدند');
    expect(text('governor')).toBe('governor of Balkh');
    expect(places.get('governor')!.exact).toBe(false);
    expect(places.get('claim')).toEqual({ range: null, exact: false });
  });
});

describe('runs', () => {
  it('cut the text at every boundary and merge neighbours covered alike', () => {
    const ranges = new Map([
      ['a', { start: 2, end: 6 }],
      ['b', { start: 4, end: 8 }],
    ]);
    expect(runsOf(10, ranges)).toEqual([
      { start: 0, end: 2, ids: [] },
      { start: 2, end: 4, ids: ['a'] },
      { start: 4, end: 6, ids: ['a', 'b'] },
      { start: 6, end: 8, ids: ['b'] },
      { start: 8, end: 10, ids: [] },
    ]);
  });

  it('always cover the whole text in order, each run inside every passage it names', () => {
    fc.assert(
      fc.property(
        fc.nat(200),
        fc.array(fc.tuple(fc.nat(220), fc.nat(220)), { maxLength: 8 }),
        (length, pairs) => {
          const ranges = new Map(
            pairs.map(([x, y], i) => [`p${i}`, { start: Math.min(x, y), end: Math.max(x, y) }]),
          );
          const runs = runsOf(length, ranges);
          let at = 0;
          for (const run of runs) {
            expect(run.start).toBe(at);
            expect(run.end).toBeGreaterThan(run.start);
            for (const id of run.ids) {
              const r = ranges.get(id)!;
              expect(r.start <= run.start && run.end <= r.end).toBe(true);
            }
            at = run.end;
          }
          expect(at).toBe(length);
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });
});
