/**
 * The calendar dates are shown and typed in — Gregorian or Solar Hijri — a device setting like
 * the language. Dates are stored as ISO Gregorian either way; this only changes what people see.
 *
 * A tiny store read with useSyncExternalStore (zustand is renderer/state's alone): components
 * re-render when it changes; plain functions such as formatIncidentDate read `currentCalendar()`.
 * Also here: writing a stored ISO date in the chosen calendar and the interface's language.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { isIsoDate } from '../../shared/util/isoDate.ts';
import {
  formatSolarHijri,
  isCalendar,
  isoToSolarHijri,
  type Calendar,
} from '../../shared/util/solarHijri.ts';

export const CALENDAR_SETTING = 'calendar';

/** The part of the data API the calendar needs (DaftarData in the app). */
export interface CalendarSettings {
  getSetting<T>(key: string): Promise<T | undefined>;
  setSetting(key: string, value: unknown): Promise<void>;
}

let calendar: Calendar = 'gregorian';
let loadedFrom: CalendarSettings | null = null;
const listeners = new Set<() => void>();

function change(next: Calendar): void {
  if (next === calendar) return;
  calendar = next;
  for (const listener of listeners) listener();
}

export function currentCalendar(): Calendar {
  return calendar;
}

/** Read the stored choice (Gregorian when none or not a calendar). Once per data source. */
export async function loadCalendar(settings: CalendarSettings): Promise<Calendar> {
  if (loadedFrom !== settings) {
    loadedFrom = settings;
    const stored = await settings.getSetting<unknown>(CALENDAR_SETTING);
    change(isCalendar(stored) ? stored : 'gregorian');
  }
  return calendar;
}

/** Switch calendars now and remember the choice on this device. */
export async function saveCalendar(settings: CalendarSettings, next: Calendar): Promise<void> {
  loadedFrom = settings;
  change(next);
  await settings.setSetting(CALENDAR_SETTING, next);
}

/** For tests: forget the loaded choice. */
export function resetCalendar(): void {
  loadedFrom = null;
  change('gregorian');
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The chosen calendar, kept current. Pass the data API to load the stored choice if nobody has
 * yet (the app loads it at start; this covers views opened before that finished).
 */
export function useCalendar(settings?: CalendarSettings): Calendar {
  useEffect(() => {
    if (settings) void loadCalendar(settings).catch((error: unknown) => console.error(error));
  }, [settings]);
  return useSyncExternalStore(subscribe, currentCalendar, currentCalendar);
}

const gregorianFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A stored ISO date for reading: "20 Mar 2024" / "۲۰ مارچ ۲۰۲۴" (Gregorian), "1 Hamal 1403" /
 * "۱ حمل ۱۴۰۳" (Solar Hijri). Text that is not an ISO date is returned as it is.
 */
export function formatIsoDate(
  iso: string,
  language: string,
  chosen: Calendar,
  options: { withYear?: boolean } = {},
): string {
  if (!isIsoDate(iso)) return iso;
  const withYear = options.withYear ?? true;
  switch (chosen) {
    case 'persian':
      return formatSolarHijri(isoToSolarHijri(iso), language, { withYear });
    case 'gregorian': {
      const key = `${language}|${withYear}`;
      let format = gregorianFormats.get(key);
      if (!format) {
        // fa-AF's default calendar is the Persian one: ask for the Gregorian one by name.
        format = new Intl.DateTimeFormat(`${language}-u-ca-gregory`, {
          day: 'numeric',
          month: language.startsWith('en') ? 'short' : 'long',
          ...(withYear ? { year: 'numeric' } : {}),
          timeZone: 'UTC',
        });
        gregorianFormats.set(key, format);
      }
      return format.format(Date.parse(`${iso}T00:00:00Z`));
    }
  }
}

/** A date range, leaving the year off the first date when both share it. */
export function formatIsoDateRange(
  from: string,
  to: string,
  language: string,
  chosen: Calendar,
): string {
  if (from === to) return formatIsoDate(from, language, chosen);
  const sameYear =
    isIsoDate(from) &&
    isIsoDate(to) &&
    (chosen === 'persian'
      ? isoToSolarHijri(from).year === isoToSolarHijri(to).year
      : from.slice(0, 4) === to.slice(0, 4));
  return `${formatIsoDate(from, language, chosen, { withYear: !sameYear })} – ${formatIsoDate(to, language, chosen)}`;
}
