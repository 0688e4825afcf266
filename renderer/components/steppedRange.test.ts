import { describe, expect, it } from 'vitest';
import { steppedRange } from './VirtualTable.tsx';

const range = (startIndex: number, endIndex: number, count = 100_000) => ({
  startIndex,
  endIndex,
  count,
  overscan: 0,
});

describe('the rows a virtual table renders', () => {
  it('cover the rows in view and 12 more each way, within the list', () => {
    for (const [start, end] of [
      [0, 16],
      [500, 516],
      [99_990, 99_999],
    ] as const) {
      const rows = steppedRange(range(start, end));
      expect(rows[0]).toBeLessThanOrEqual(Math.max(0, start - 12));
      expect(rows.at(-1)).toBeGreaterThanOrEqual(Math.min(99_999, end + 12));
      expect(rows.at(-1)).toBeLessThanOrEqual(99_999);
      expect(rows).toEqual(Array.from({ length: rows.length }, (_, i) => rows[0]! + i));
    }
  });

  it('move both ends together, by 16 rows, once every 16 rows the view moves', () => {
    let changes = 0;
    let previous = steppedRange(range(0, 16));
    for (let start = 1; start <= 1_600; start++) {
      const next = steppedRange(range(start, start + 16));
      if (next[0] !== previous[0] || next.at(-1) !== previous.at(-1)) {
        changes++;
        expect([next[0]! - previous[0]!, next.at(-1)! - previous.at(-1)!]).toEqual([16, 16]);
      }
      previous = next;
    }
    // The first change comes once the view is 12 rows (the overscan) past a multiple of 16.
    expect(changes).toBe(Math.floor((1_600 - 12) / 16));
  });

  it('are none for an empty list', () => {
    expect(steppedRange(range(0, -1, 0))).toEqual([]);
  });
});
