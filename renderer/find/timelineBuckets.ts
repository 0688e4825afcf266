/**
 * The timeline's aggregation (TimelineData, timelineData.ts): incidents per ISO week (Monday to
 * Sunday, UTC calendar days) or calendar month by event type, with the sum of known fatality
 * figures, every bucket from the first incident's to the last one's, empty ones included. One
 * pass over the kept slots into flat counters, then one bucket object per period.
 */
import { dayOf, type IncidentTable } from './incidentTable.ts';
import type { TimelineBucket, TimelineData, TimelineUnit } from './timelineData.ts';

const DAY_MS = 86_400_000;
/** 1970-01-01 was a Thursday: day -3 is the Monday that starts week 0. */
const WEEK_ORIGIN = -3;

const isoOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The bucket index of a slot: weeks since WEEK_ORIGIN, or months since year 0. */
function bucketOf(table: IncidentTable, slot: number, unit: TimelineUnit): number {
  if (unit === 'week') return Math.floor((table.day[slot]! - WEEK_ORIGIN) / 7);
  const ymd = table.dateStart[slot]!;
  return Math.floor(ymd / 10_000) * 12 + (Math.floor(ymd / 100) % 100) - 1;
}

function periodOf(bucket: number, unit: TimelineUnit): { start: string; end: string } {
  if (unit === 'week') {
    const monday = bucket * 7 + WEEK_ORIGIN;
    return { start: isoOfDay(monday), end: isoOfDay(monday + 6) };
  }
  const year = Math.floor(bucket / 12);
  const month = (bucket % 12) + 1;
  const first = year * 10_000 + month * 100 + 1;
  const next = month === 12 ? (year + 1) * 10_000 + 101 : year * 10_000 + (month + 1) * 100 + 1;
  return { start: isoOfDay(dayOf(first)), end: isoOfDay(dayOf(next) - 1) };
}

export function timelineOf(
  table: IncidentTable,
  slots: readonly number[],
  unit: TimelineUnit,
): TimelineData {
  if (slots.length === 0) return { unit, buckets: [], eventTypes: [] };
  let first = Infinity;
  let last = -Infinity;
  for (const slot of slots) {
    const bucket = bucketOf(table, slot, unit);
    if (bucket < first) first = bucket;
    if (bucket > last) last = bucket;
  }
  const types = table.eventTypes.keys;
  const width = types.length;
  const length = last - first + 1;
  const counts = new Int32Array(length * width);
  const fatalities = new Float64Array(length);
  const totals = new Int32Array(width);
  for (const slot of slots) {
    const at = bucketOf(table, slot, unit) - first;
    const type = table.eventType[slot]!;
    counts[at * width + type]! += 1;
    totals[type]! += 1;
    const dead = table.fatalities[slot]!;
    if (dead > 0) fatalities[at]! += dead;
  }
  const buckets: TimelineBucket[] = [];
  for (let at = 0; at < length; at++) {
    const byType: Record<string, number> = {};
    for (let type = 0; type < width; type++) {
      const n = counts[at * width + type]!;
      if (n > 0) byType[types[type]!] = n;
    }
    buckets.push({ ...periodOf(first + at, unit), counts: byType, fatalities: fatalities[at]! });
  }
  const eventTypes = [...types.keys()]
    .filter((type) => totals[type]! > 0)
    .sort(
      (a, b) =>
        totals[b]! - totals[a]! || (types[a]! < types[b]! ? -1 : types[a]! > types[b]! ? 1 : 0),
    )
    .map((type) => types[type]!);
  return { unit, buckets, eventTypes };
}
