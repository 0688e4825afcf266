/**
 * Time-axis ticks and period names in the chosen calendar and language. Ticks sit on month (or
 * year) starts of that calendar — Solar Hijri months start around the 20th of a Gregorian month,
 * so over Gregorian-month buckets their ticks fall inside the bands, where those days are. The
 * step grows (1, 2, 3, 6 months, then 1, 2, 5, 10… years) until the labels fit.
 */
import type { TimelineBucket, TimelineUnit } from '../../find/timelineData.ts';
import {
  isoToSolarHijri,
  localDigits,
  solarHijriMonthName,
  solarHijriToIso,
  type Calendar,
} from '../../../shared/util/solarHijri.ts';
import { formatIsoDate, formatIsoDateRange } from '../../i18n/calendar.ts';

export interface TimeTick {
  /** ISO date the tick stands on. */
  date: string;
  /** Month name, or the year when ticks are a year or more apart. */
  label: string;
  /** The year, on the first tick and at each new year, when `label` is a month. */
  year: string | null;
}

interface CalendarMonth {
  year: number;
  month: number;
}

const MONTH_STEPS = [1, 2, 3, 6];
const YEAR_STEPS = [1, 2, 5, 10, 20, 50, 100];

/** Ticks for the span the buckets cover, at most `maxTicks` of them. */
export function timeTicks(
  buckets: readonly TimelineBucket[],
  calendar: Calendar,
  language: string,
  maxTicks: number,
): TimeTick[] {
  const first = buckets[0];
  const last = buckets.at(-1);
  if (!first || !last || maxTicks < 1) return [];
  const months = monthStartsBetween(first.start, last.end, calendar);
  for (const step of MONTH_STEPS) {
    const kept = months.filter((m) => (m.month - 1) % step === 0);
    if (kept.length <= maxTicks && kept.length > 0) {
      let previousYear: number | null = null;
      return kept.map((m) => {
        const showYear = m.year !== previousYear;
        previousYear = m.year;
        return {
          date: isoOfMonth(m, calendar),
          label: monthName(m, calendar, language),
          year: showYear ? localDigits(m.year, language) : null,
        };
      });
    }
  }
  const yearStarts = months.filter((m) => m.month === 1);
  for (const step of YEAR_STEPS) {
    const kept = yearStarts.filter((m) => m.year % step === 0);
    if (kept.length <= maxTicks && kept.length > 0) {
      return kept.map((m) => ({
        date: isoOfMonth(m, calendar),
        label: localDigits(m.year, language),
        year: null,
      }));
    }
  }
  // Room for a single label only: the first year (or month) start there is.
  const [firstYear] = yearStarts;
  if (firstYear) {
    return [
      {
        date: isoOfMonth(firstYear, calendar),
        label: localDigits(firstYear.year, language),
        year: null,
      },
    ];
  }
  const [firstMonth] = months;
  if (firstMonth) {
    return [
      {
        date: isoOfMonth(firstMonth, calendar),
        label: monthName(firstMonth, calendar, language),
        year: localDigits(firstMonth.year, language),
      },
    ];
  }
  // A few weeks inside one month: no month starts there, so name the first week's day.
  return [{ date: first.start, label: formatIsoDate(first.start, language, calendar), year: null }];
}

/** The month starts (in the calendar) from `from` to `to`, both ISO dates, inclusive. */
export function monthStartsBetween(from: string, to: string, calendar: Calendar): CalendarMonth[] {
  const months: CalendarMonth[] = [];
  let current = monthOf(from, calendar);
  if (isoOfMonth(current, calendar) < from) current = nextMonth(current);
  while (isoOfMonth(current, calendar) <= to) {
    months.push(current);
    current = nextMonth(current);
  }
  return months;
}

function monthOf(iso: string, calendar: Calendar): CalendarMonth {
  if (calendar === 'persian') {
    const { year, month } = isoToSolarHijri(iso);
    return { year, month };
  }
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) };
}

function nextMonth({ year, month }: CalendarMonth): CalendarMonth {
  return month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
}

function isoOfMonth({ year, month }: CalendarMonth, calendar: Calendar): string {
  return calendar === 'persian'
    ? solarHijriToIso({ year, month, day: 1 })
    : `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

const gregorianMonthNames = new Map<string, Intl.DateTimeFormat>();

function monthName(m: CalendarMonth, calendar: Calendar, language: string): string {
  if (calendar === 'persian') return solarHijriMonthName(m.month, language);
  let format = gregorianMonthNames.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(`${language}-u-ca-gregory`, {
      // Dari's short forms are clipped mid-word (جنو); its full names are short enough.
      month: language.startsWith('en') ? 'short' : 'long',
      timeZone: 'UTC',
    });
    gregorianMonthNames.set(language, format);
  }
  return format.format(Date.UTC(m.year, m.month - 1, 15));
}

const gregorianMonthYear = new Map<string, Intl.DateTimeFormat>();

/** A bucket's name for the table and announcements: "March 2024", or its first and last day. */
export function bucketLabel(
  bucket: TimelineBucket,
  unit: TimelineUnit,
  calendar: Calendar,
  language: string,
): string {
  if (unit === 'month' && calendar === 'gregorian') {
    let format = gregorianMonthYear.get(language);
    if (!format) {
      format = new Intl.DateTimeFormat(`${language}-u-ca-gregory`, {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
      gregorianMonthYear.set(language, format);
    }
    return format.format(Date.parse(`${bucket.start}T00:00:00Z`));
  }
  return formatIsoDateRange(bucket.start, bucket.end, language, calendar);
}
