/** Timeline data for tests: contiguous week or month buckets with chosen counts. */
import type { TimelineBucket, TimelineData, TimelineUnit } from '../../find/timelineData.ts';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `n` buckets from `start` (a Monday for weeks, a 1st for months), counts from `counts(i)`. */
export function timelineOf(
  unit: TimelineUnit,
  start: string,
  n: number,
  counts: (index: number) => Record<string, number> = () => ({}),
  fatalities: (index: number) => number = () => 0,
): TimelineData {
  const buckets: TimelineBucket[] = [];
  let from = Date.parse(`${start}T00:00:00Z`);
  for (let index = 0; index < n; index++) {
    const date = new Date(from);
    const next =
      unit === 'week'
        ? from + 7 * DAY_MS
        : Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    buckets.push({
      start: iso(from),
      end: iso(next - DAY_MS),
      counts: counts(index),
      fatalities: fatalities(index),
    });
    from = next;
  }
  const totals = new Map<string, number>();
  for (const bucket of buckets)
    for (const [type, count] of Object.entries(bucket.counts))
      totals.set(type, (totals.get(type) ?? 0) + count);
  const eventTypes = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)!);
  return { unit, buckets, eventTypes };
}
