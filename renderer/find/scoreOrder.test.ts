import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestFirst } from './scoreOrder.ts';

describe('bestFirst', () => {
  it('orders slots by exact score, best first, even scores equal but for their last bits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 3 })), {
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 200_000 }),
        (picks, limitBase) => {
          const limit = limitBase + picks.length;
          const scores = new Float64Array(limit);
          const slots = new Int32Array(picks.length);
          picks.forEach(([base, ulps], i) => {
            const slot = limit - 1 - i * Math.floor(limitBase / (picks.length + 1) || 1);
            slots[i] = slot;
            // Scores a few units in the last place apart: the packed key cannot tell them apart.
            scores[slot] = base * 1.1 * (1 + ulps * Number.EPSILON);
          });
          const distinct = new Set(slots).size === slots.length;
          fc.pre(distinct);
          const got = bestFirst(slots, slots.length, scores, limit);
          const want = [...slots].sort((a, b) => scores[b]! - scores[a]! || b - a);
          expect([...got.slots]).toEqual(want);
          expect([...got.scores]).toEqual(want.map((slot) => scores[slot]!));
        },
      ),
    );
  });
});
