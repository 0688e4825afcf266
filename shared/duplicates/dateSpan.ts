/**
 * The days an incident may have happened on, from its dates and time precision, and how two such
 * spans compare. A day known (precision 1) is that day, or the recorded range; a week (2) without
 * an end date is the date ± 3 days; a month (3) without an end date is that calendar month. An
 * explicit end date is trusted. Two records are "within their precision" when their spans
 * overlap — so the coarser precision decides — or, both known to the day, are one day apart
 * (reports are often dated the day they were published).
 */
import type { TimePrecision } from '../domain/vocabulary.ts';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD). */
export function dayNumber(iso: string): number {
  return (
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) /
    DAY_MS
  );
}

/** The ISO date of a day number. */
export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export interface DateSpan {
  /** First and last possible day (day numbers, inclusive). */
  first: number;
  last: number;
  precision: TimePrecision;
}

export function dateSpanOf(
  dateStart: string,
  dateEnd: string | null,
  precision: TimePrecision,
): DateSpan {
  const start = dayNumber(dateStart);
  const end = dateEnd === null ? start : dayNumber(dateEnd);
  if (end > start || precision === 1)
    return { first: start, last: Math.max(start, end), precision };
  if (precision === 2) return { first: start - 3, last: start + 3, precision };
  const y = Number(dateStart.slice(0, 4));
  const m = Number(dateStart.slice(5, 7));
  return {
    first: Date.UTC(y, m - 1, 1) / DAY_MS,
    last: Date.UTC(y, m, 0) / DAY_MS,
    precision,
  };
}

/** The last day of the month after the one `day` is in: how far a block reaches. */
export function endOfNextMonth(day: number): number {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 2, 0) / DAY_MS;
}

/** Days allowed between two spans: one when both are known to the day, none otherwise. */
export function allowedGap(a: DateSpan, b: DateSpan): number {
  return a.precision === 1 && b.precision === 1 ? 1 : 0;
}

/** Days between two spans: 0 or less when they overlap. */
export function daysBetween(a: DateSpan, b: DateSpan): number {
  return Math.max(a.first, b.first) - Math.min(a.last, b.last);
}

export type DateKey = 'sameDay' | 'datesOverlap' | 'oneDayApart' | 'sameWeek' | 'sameMonth';
export interface DateVerdict {
  key: DateKey;
  score: number;
}

/** One shared verdict per outcome: the search compares millions of pairs, allocating none. */
const VERDICTS: Readonly<Record<DateKey, DateVerdict>> = {
  sameDay: { key: 'sameDay', score: 1 },
  datesOverlap: { key: 'datesOverlap', score: 0.85 },
  oneDayApart: { key: 'oneDayApart', score: 0.7 },
  sameWeek: { key: 'sameWeek', score: 0.65 },
  sameMonth: { key: 'sameMonth', score: 0.5 },
};

/** How close two spans are, or null when they are not within their precision. */
export function compareDates(a: DateSpan, b: DateSpan): DateVerdict | null {
  const gap = daysBetween(a, b);
  if (gap > allowedGap(a, b)) return null;
  const coarser = Math.max(a.precision, b.precision);
  if (coarser === 3) return VERDICTS.sameMonth;
  if (coarser === 2) return VERDICTS.sameWeek;
  if (gap > 0) return VERDICTS.oneDayApart;
  const single = a.first === a.last && b.first === b.last;
  return single ? VERDICTS.sameDay : VERDICTS.datesOverlap;
}
