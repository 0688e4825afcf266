import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bandStart,
  bucketAt,
  indicesOfRange,
  layoutTimeline,
  niceAxis,
  rangeOfIndices,
  snapPixelRange,
  stackBucket,
  xOfDate,
  yOf,
} from './timelineScale.ts';
import { timelineOf } from './timelineTestData.ts';

const MARGINS = { top: 10, right: 40, bottom: 40, left: 40 };

describe('niceAxis', () => {
  it.each([
    [0, 1, [0, 1]],
    [1, 1, [0, 1]],
    [3, 3, [0, 1, 2, 3]],
    [7, 8, [0, 2, 4, 6, 8]],
    [38, 40, [0, 10, 20, 30, 40]],
    [1000, 1000, [0, 500, 1000]],
  ])('%i → top %i, ticks %j', (largest, max, ticks) => {
    expect(niceAxis(largest)).toEqual({ max, ticks });
  });

  it('always reaches the largest value with a few whole-number ticks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (largest) => {
        const axis = niceAxis(largest);
        expect(axis.max).toBeGreaterThanOrEqual(largest);
        expect(axis.max).toBeLessThan(largest * 2.5 + 1);
        expect(axis.ticks.length).toBeGreaterThanOrEqual(2);
        expect(axis.ticks.length).toBeLessThanOrEqual(6);
        expect(axis.ticks.every(Number.isInteger)).toBe(true);
        expect(axis.ticks.at(-1)).toBe(axis.max);
      }),
    );
  });
});

describe('layoutTimeline', () => {
  it('handles no buckets', () => {
    const layout = layoutTimeline(timelineOf('month', '2024-01-01', 0), 600, 200, MARGINS);
    expect(layout.bucketCount).toBe(0);
    expect(layout.plot).toEqual({ x: 40, y: 10, width: 520, height: 150 });
    expect(bucketAt(layout, 100)).toBe(-1);
    expect(snapPixelRange(layout, 50, 100)).toBeNull();
  });

  it('gives a single bucket the whole width, with a gap around its bar', () => {
    const layout = layoutTimeline(timelineOf('month', '2024-01-01', 1), 600, 200, MARGINS);
    expect(layout.step).toBe(520);
    expect(layout.barWidth).toBeCloseTo(520 * 0.85);
  });

  it('packs 260 weeks edge to edge when the bars get thin', () => {
    const data = timelineOf('week', '2020-01-06', 260, (i) => ({ Battles: i % 7 }));
    const layout = layoutTimeline(data, 640, 200, MARGINS);
    expect(layout.step * 260).toBeCloseTo(layout.plot.width);
    expect(layout.barWidth).toBe(layout.step);
    expect(layout.counts.max).toBe(6);
    expect(bandStart(layout, 259) + layout.step).toBeCloseTo(600);
  });

  it('puts zero on the plot floor and the axis top on its ceiling', () => {
    const data = timelineOf(
      'month',
      '2024-01-01',
      3,
      () => ({ Battles: 4 }),
      (i) => i * 10,
    );
    const layout = layoutTimeline(data, 600, 200, MARGINS);
    expect(yOf(layout, layout.counts, 0)).toBe(160);
    expect(yOf(layout, layout.counts, layout.counts.max)).toBe(10);
    expect(layout.fatalities.max).toBe(20);
  });
});

describe('stackBucket', () => {
  it('stacks in the given order, leaves out empty types and keeps unknown ones on top', () => {
    const bucket = {
      start: '2024-01-01',
      end: '2024-01-31',
      counts: { Protests: 2, Battles: 5, Riots: 0, Other: 1 },
      fatalities: 0,
    };
    expect(stackBucket(bucket, ['Battles', 'Riots', 'Protests'])).toEqual([
      { type: 'Battles', count: 5, from: 0, to: 5 },
      { type: 'Protests', count: 2, from: 5, to: 7 },
      { type: 'Other', count: 1, from: 7, to: 8 },
    ]);
  });
});

describe('brushing', () => {
  const data = timelineOf('month', '2024-01-01', 12);
  const layout = layoutTimeline(data, 640, 200, MARGINS); // step = 560 / 12

  it('snaps a drag to the whole buckets it touches, in either direction', () => {
    const x0 = bandStart(layout, 2) + 5;
    const x1 = bandStart(layout, 4) + 1;
    expect(snapPixelRange(layout, x0, x1)).toEqual({ first: 2, last: 4 });
    expect(snapPixelRange(layout, x1, x0)).toEqual({ first: 2, last: 4 });
    expect(rangeOfIndices(data.buckets, { first: 2, last: 4 })).toEqual({
      from: '2024-03-01',
      to: '2024-05-31',
    });
  });

  it('treats a click as its bucket and clamps drags past the plot', () => {
    const x = bandStart(layout, 7) + 3;
    expect(snapPixelRange(layout, x, x)).toEqual({ first: 7, last: 7 });
    expect(snapPixelRange(layout, -50, 9999)).toEqual({ first: 0, last: 11 });
  });

  it('always gives a range from a bucket start to a bucket end covering both ends', () => {
    const weeks = timelineOf('week', '2021-01-04', 260);
    const wide = layoutTimeline(weeks, 900, 200, MARGINS);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 900, noNaN: true }),
        fc.double({ min: 0, max: 900, noNaN: true }),
        (a, b) => {
          const span = snapPixelRange(wide, a, b)!;
          expect(span.first).toBeLessThanOrEqual(span.last);
          const range = rangeOfIndices(weeks.buckets, span)!;
          expect(weeks.buckets.some((w) => w.start === range.from)).toBe(true);
          expect(weeks.buckets.some((w) => w.end === range.to)).toBe(true);
          expect(span.first).toBe(bucketAt(wide, Math.min(a, b)));
          expect(span.last).toBe(bucketAt(wide, Math.max(a, b)));
        },
      ),
    );
  });

  it('finds the buckets an arbitrary date range touches', () => {
    expect(indicesOfRange(data.buckets, { from: '2024-03-15', to: '2024-04-02' })).toEqual({
      first: 2,
      last: 3,
    });
    expect(indicesOfRange(data.buckets, { from: '2023-01-01', to: '2023-12-31' })).toBeNull();
    expect(indicesOfRange(data.buckets, null)).toBeNull();
  });
});

describe('xOfDate', () => {
  const data = timelineOf('month', '2024-01-01', 12);
  const layout = layoutTimeline(data, 640, 200, MARGINS);

  it('puts bucket starts on band edges and other days in proportion', () => {
    expect(xOfDate(layout, data.buckets, '2024-03-01')).toBeCloseTo(bandStart(layout, 2));
    // 20 March is 19 days into a 31-day month.
    expect(xOfDate(layout, data.buckets, '2024-03-20')).toBeCloseTo(
      bandStart(layout, 2) + (19 / 31) * layout.step,
    );
    expect(xOfDate(layout, data.buckets, '2023-06-01')).toBe(layout.plot.x);
    expect(xOfDate(layout, data.buckets, '2025-06-01')).toBe(layout.plot.x + layout.plot.width);
  });

  it('never goes backwards in time', () => {
    const day = fc
      .integer({ min: 0, max: 400 })
      .map((d) => new Date(Date.UTC(2023, 11, 1) + d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(xOfDate(layout, data.buckets, early)).toBeLessThanOrEqual(
          xOfDate(layout, data.buckets, late),
        );
      }),
    );
  });
});
