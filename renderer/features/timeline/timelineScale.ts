/**
 * The timeline's geometry, as pure functions of the data and the drawing size: one equal-width
 * band per bucket from left to right (time runs left to right in Dari too), stacked counts on the
 * left axis, fatalities on the right one, and the mapping from pixels back to buckets that
 * brushing snaps to. Dates between bucket bounds are placed in proportion to their days, so ticks
 * in another calendar (Solar Hijri months over Gregorian-month buckets) land where they belong.
 */
import type { TimelineBucket, TimelineData } from '../../find/timelineData.ts';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const DEFAULT_MARGINS: Margins = { top: 12, right: 44, bottom: 40, left: 44 };

export interface Axis {
  /** The value at the top of the plot (a "nice" number at or above the largest value). */
  max: number;
  ticks: number[];
}

export interface TimelineLayout {
  width: number;
  height: number;
  /** The plot area inside the axes. */
  plot: { x: number; y: number; width: number; height: number };
  /** Width of one bucket's band. */
  step: number;
  /** Width of the bar drawn in a band (a gap between bars while there is room for one). */
  barWidth: number;
  counts: Axis;
  fatalities: Axis;
  bucketCount: number;
}

/** Axis values: steps of 1, 2 or 5 × 10ⁿ, at most about `target` intervals, from 0. */
export function niceAxis(largest: number, target = 4): Axis {
  if (!(largest > 0)) return { max: 1, ticks: [0, 1] };
  const rough = largest / target;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough && Number.isInteger(s)) ??
    Math.max(1, Math.ceil(rough));
  const wholeStep = Math.max(1, Math.round(step));
  const max = Math.ceil(largest / wholeStep) * wholeStep;
  const ticks: number[] = [];
  for (let value = 0; value <= max; value += wholeStep) ticks.push(value);
  return { max, ticks };
}

export function bucketTotal(bucket: TimelineBucket): number {
  let total = 0;
  for (const count of Object.values(bucket.counts)) total += count;
  return total;
}

export function layoutTimeline(
  data: TimelineData,
  width: number,
  height: number,
  margins: Margins = DEFAULT_MARGINS,
): TimelineLayout {
  const plot = {
    x: margins.left,
    y: margins.top,
    width: Math.max(1, width - margins.left - margins.right),
    height: Math.max(1, height - margins.top - margins.bottom),
  };
  const n = data.buckets.length;
  const step = n === 0 ? plot.width : plot.width / n;
  // Bars touch when thin (260 weeks in 600 px); otherwise leave a gap of 15 % between them.
  const barWidth = step >= 6 ? step * 0.85 : step;
  const largestCount = Math.max(0, ...data.buckets.map(bucketTotal));
  const largestFatalities = Math.max(0, ...data.buckets.map((b) => b.fatalities));
  return {
    width,
    height,
    plot,
    step,
    barWidth,
    counts: niceAxis(largestCount),
    fatalities: niceAxis(largestFatalities),
    bucketCount: n,
  };
}

/** Left edge of bucket `index`'s band. */
export function bandStart(layout: TimelineLayout, index: number): number {
  return layout.plot.x + index * layout.step;
}

export function bandCentre(layout: TimelineLayout, index: number): number {
  return bandStart(layout, index) + layout.step / 2;
}

/** Vertical position of a value on an axis (0 at the bottom of the plot). */
export function yOf(layout: TimelineLayout, axis: Axis, value: number): number {
  return layout.plot.y + layout.plot.height * (1 - value / axis.max);
}

export interface StackSegment {
  type: string;
  count: number;
  /** Cumulative counts below and at the top of the segment. */
  from: number;
  to: number;
}

/** A bucket's counts stacked bottom-up in the given type order; empty types are left out. */
export function stackBucket(bucket: TimelineBucket, eventTypes: readonly string[]): StackSegment[] {
  const segments: StackSegment[] = [];
  let base = 0;
  const seen = new Set(eventTypes);
  // Types missing from eventTypes still count, on top, so the bar's height is always the total.
  const order = [...eventTypes, ...Object.keys(bucket.counts).filter((t) => !seen.has(t))];
  for (const type of order) {
    const count = bucket.counts[type] ?? 0;
    if (count <= 0) continue;
    segments.push({ type, count, from: base, to: base + count });
    base += count;
  }
  return segments;
}

/** The bucket under a horizontal position, clamped to the first and last bucket. */
export function bucketAt(layout: TimelineLayout, x: number): number {
  if (layout.bucketCount === 0) return -1;
  const index = Math.floor((x - layout.plot.x) / layout.step);
  return Math.min(layout.bucketCount - 1, Math.max(0, index));
}

export interface IndexRange {
  first: number;
  last: number;
}

/** A dragged span of pixels, in either direction, snapped out to the whole buckets it touches. */
export function snapPixelRange(layout: TimelineLayout, x0: number, x1: number): IndexRange | null {
  if (layout.bucketCount === 0) return null;
  return { first: bucketAt(layout, Math.min(x0, x1)), last: bucketAt(layout, Math.max(x0, x1)) };
}

/** The date range a run of buckets covers: first bucket's start to last bucket's end. */
export function rangeOfIndices(
  buckets: readonly TimelineBucket[],
  { first, last }: IndexRange,
): { from: string; to: string } | null {
  const start = buckets[Math.min(first, last)];
  const end = buckets[Math.max(first, last)];
  return start && end ? { from: start.start, to: end.end } : null;
}

/** The buckets a date range touches (it need not fall on bucket bounds); null if none. */
export function indicesOfRange(
  buckets: readonly TimelineBucket[],
  range: { from: string; to: string } | null,
): IndexRange | null {
  if (range === null) return null;
  let first = -1;
  let last = -1;
  buckets.forEach((bucket, index) => {
    if (bucket.end >= range.from && bucket.start <= range.to) {
      if (first === -1) first = index;
      last = index;
    }
  });
  return first === -1 ? null : { first, last };
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/** Where a date falls: inside its bucket's band in proportion to its day, clamped to the plot. */
export function xOfDate(
  layout: TimelineLayout,
  buckets: readonly TimelineBucket[],
  iso: string,
): number {
  const first = buckets[0];
  const last = buckets.at(-1);
  if (!first || !last || iso <= first.start) return layout.plot.x;
  if (iso > last.end) return layout.plot.x + layout.plot.width;
  // Buckets are sorted and contiguous: binary search for the one holding the date.
  let low = 0;
  let high = buckets.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (buckets[mid]!.start <= iso) low = mid;
    else high = mid - 1;
  }
  const bucket = buckets[low]!;
  const days = dayNumber(bucket.end) - dayNumber(bucket.start) + 1;
  const fraction = Math.min(1, (dayNumber(iso) - dayNumber(bucket.start)) / days);
  return bandStart(layout, low + fraction);
}
