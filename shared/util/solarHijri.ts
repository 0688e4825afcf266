/**
 * The Solar Hijri calendar as used in Afghanistan: conversion to and from stored ISO Gregorian
 * dates, reading what a person types (Persian, Arabic-Indic or ASCII digits), and the Afghan month
 * names (Hamal, Sawr, Jawza… — not the Iranian Farvardin, Ordibehesht…). Stored dates are always
 * ISO Gregorian; this module is for entry and display only.
 *
 * Arithmetic is jalaali-js (Borkowski's algorithm); it agrees with ICU's `-u-ca-persian` for every
 * year this app can meet (they diverge only after 2256 CE).
 */
import { isValidJalaaliDate, jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';
import { normaliseDigits } from './digits.ts';
import { isIsoDate } from './isoDate.ts';

export const CALENDARS = ['gregorian', 'persian'] as const;
export type Calendar = (typeof CALENDARS)[number];

export function isCalendar(value: unknown): value is Calendar {
  return typeof value === 'string' && (CALENDARS as readonly string[]).includes(value);
}

export interface SolarHijriDate {
  year: number;
  /** 1 = Hamal … 12 = Hut. */
  month: number;
  day: number;
}

/**
 * Years accepted on entry. Four digits keep the Gregorian result a four-digit ISO year, and a
 * two- or three-digit year ("03", "140") is far likelier a slip than a date in antiquity.
 */
export const MIN_SOLAR_HIJRI_YEAR = 1000;
export const MAX_SOLAR_HIJRI_YEAR = 1999;

/** Month names as Afghans write them, in Dari and in the usual English transliteration. */
const MONTHS_DARI = [
  'حمل',
  'ثور',
  'جوزا',
  'سرطان',
  'اسد',
  'سنبله',
  'میزان',
  'عقرب',
  'قوس',
  'جدی',
  'دلو',
  'حوت',
] as const;
const MONTHS_ENGLISH = [
  'Hamal',
  'Sawr',
  'Jawza',
  'Saratan',
  'Asad',
  'Sunbula',
  'Mizan',
  'Aqrab',
  'Qaws',
  'Jadi',
  'Dalw',
  'Hut',
] as const;

/** True for the languages that write Solar Hijri dates in Dari (Persian script and digits). */
export function usesPersianScript(language: string): boolean {
  return /^(fa|prs|ps)\b/i.test(language);
}

/** The Afghan name of month 1–12, in Dari for a Dari interface, transliterated otherwise. */
export function solarHijriMonthName(month: number, language: string): string {
  const names = usesPersianScript(language) ? MONTHS_DARI : MONTHS_ENGLISH;
  const name = names[month - 1];
  if (name === undefined) throw new RangeError(`No Solar Hijri month ${month}`);
  return name;
}

let persianDigits: Intl.NumberFormat | null = null;

/** A whole number in the interface's digits (Persian digits for Dari), without grouping. */
export function localDigits(value: number, language: string): string {
  if (!usesPersianScript(language)) return String(value);
  persianDigits ??= new Intl.NumberFormat('fa-AF', { useGrouping: false });
  return persianDigits.format(value);
}

/** The Solar Hijri date of a stored ISO date. Throws on text that is not an ISO date. */
export function isoToSolarHijri(iso: string): SolarHijriDate {
  if (!isIsoDate(iso)) throw new RangeError(`Not an ISO date: ${iso}`);
  const { jy, jm, jd } = toJalaali(
    Number(iso.slice(0, 4)),
    Number(iso.slice(5, 7)),
    Number(iso.slice(8, 10)),
  );
  return { year: jy, month: jm, day: jd };
}

/** The ISO Gregorian date of a valid Solar Hijri date (check it with `readSolarHijri` first). */
export function solarHijriToIso({ year, month, day }: SolarHijriDate): string {
  const { gy, gm, gd } = toGregorian(year, month, day);
  return `${String(gy).padStart(4, '0')}-${pad2(gm)}-${pad2(gd)}`;
}

/** Days in a Solar Hijri month: 31 for Hamal–Sunbula, 30 for Mizan–Dalw, Hut 29 or 30 (leap). */
export function solarHijriMonthLength(year: number, month: number): number {
  return jalaaliMonthLength(year, month);
}

/** What went wrong with a typed date: an i18n key under `calendar.error` and its parameters. */
export interface SolarHijriEntryError {
  key:
    | 'calendar.error.incomplete'
    | 'calendar.error.notANumber'
    | 'calendar.error.format'
    | 'calendar.error.yearRange'
    | 'calendar.error.monthRange'
    | 'calendar.error.dayRange';
  /** Numbers as numbers; the component puts month names and local digits on them. */
  params: Record<string, string | number>;
}

export type SolarHijriEntry =
  { ok: true; date: SolarHijriDate; iso: string } | { ok: false; error: SolarHijriEntryError };

/** The three parts as typed: `''` where nothing is typed yet. */
export interface SolarHijriText {
  year: string;
  month: string;
  day: string;
}

const DIGITS_ONLY = /^\d+$/;

/**
 * Read a date typed as year, month and day (each in any of the digit sets). Every refusal names
 * the part at fault and the value, e.g. "Hut 1404 has 29 days".
 */
export function readSolarHijri(text: SolarHijriText): SolarHijriEntry {
  const parts = {
    year: normaliseDigits(text.year).trim(),
    month: normaliseDigits(text.month).trim(),
    day: normaliseDigits(text.day).trim(),
  };
  if (parts.year === '' || parts.month === '' || parts.day === '') {
    const missing = (['day', 'month', 'year'] as const).filter((p) => parts[p] === '');
    return fail('calendar.error.incomplete', { missing: missing.join(',') });
  }
  for (const part of ['year', 'month', 'day'] as const) {
    if (!DIGITS_ONLY.test(parts[part])) {
      return fail('calendar.error.notANumber', { part, value: text[part].trim() });
    }
  }
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  if (year < MIN_SOLAR_HIJRI_YEAR || year > MAX_SOLAR_HIJRI_YEAR) {
    return fail('calendar.error.yearRange', {
      year,
      min: MIN_SOLAR_HIJRI_YEAR,
      max: MAX_SOLAR_HIJRI_YEAR,
    });
  }
  if (month < 1 || month > 12) return fail('calendar.error.monthRange', { month });
  if (!isValidJalaaliDate(year, month, day)) {
    return fail('calendar.error.dayRange', {
      day,
      month,
      year,
      max: solarHijriMonthLength(year, month),
    });
  }
  const date = { year, month, day };
  return { ok: true, date, iso: solarHijriToIso(date) };
}

/** Separators people use between the parts: / - . and the Arabic date separator ؍. */
const WHOLE_DATE = /^\s*(\S+?)\s*[/\-.\u060D]\s*(\S+?)\s*[/\-.\u060D]\s*(\S+?)\s*$/;

/**
 * Split a whole date typed or pasted in one go — year first, as Afghan documents write it
 * ("۱۴۰۳/۱/۱", "1403-01-01") — into its parts; null when the text is not shaped like one.
 */
export function splitSolarHijriText(text: string): SolarHijriText | null {
  const match = WHOLE_DATE.exec(normaliseDigits(text));
  if (!match) return null;
  const [, year = '', month = '', day = ''] = match;
  return { year, month, day };
}

/** Read a whole date typed in one go (see `splitSolarHijriText`). */
export function parseSolarHijri(text: string): SolarHijriEntry {
  const parts = splitSolarHijriText(text);
  if (parts === null) return fail('calendar.error.format', { value: text.trim() });
  return readSolarHijri(parts);
}

/**
 * A Solar Hijri date for reading: "1 Hamal 1403" in English, "۱ حمل ۱۴۰۳" in Dari. `withYear`
 * false leaves the year off, for the first half of a range within one year.
 */
export function formatSolarHijri(
  date: SolarHijriDate,
  language: string,
  options: { withDay?: boolean; withYear?: boolean } = {},
): string {
  const { withDay = true, withYear = true } = options;
  return [
    withDay ? localDigits(date.day, language) : null,
    solarHijriMonthName(date.month, language),
    withYear ? localDigits(date.year, language) : null,
  ]
    .filter((part) => part !== null)
    .join(' ');
}

/**
 * The Solar Hijri date of an instant in a time zone (the device's by default), read from ICU's
 * Persian calendar so it matches the clock the person sees.
 */
export function solarHijriOfInstant(instant: Date | number, timeZone?: string): SolarHijriDate {
  const parts = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(instant);
  const value = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((part) => part.type === type)?.value);
  return { year: value('year'), month: value('month'), day: value('day') };
}

/**
 * A date-and-time format in the Solar Hijri calendar with Afghan month names, typed as
 * Intl.DateTimeFormat so it drops in where one is expected. ICU works out the calendar date in the
 * time zone and writes the time of day; the date is written here, because ICU's English names are
 * the Iranian ones (Farvardin) and its Dari ones take the ezafe form (سنبلهٔ) in dates.
 */
export function solarHijriDateTimeFormat(
  language: string,
  options: { timeStyle?: 'short' | 'medium'; timeZone?: string } = {},
): Intl.DateTimeFormat {
  return new SolarHijriFormat(language, options.timeStyle ?? null, options.timeZone);
}

/** "1 Hamal 1403, 10:00 AM" or "۱ حمل ۱۴۰۳، ۱۰:۰۰": see `solarHijriDateTimeFormat`. */
class SolarHijriFormat extends Intl.DateTimeFormat {
  readonly #language: string;
  readonly #time: Intl.DateTimeFormat | null;
  readonly #zone: string | undefined;

  constructor(
    language: string,
    timeStyle: 'short' | 'medium' | null,
    timeZone: string | undefined,
  ) {
    const zone = timeZone ? { timeZone } : {};
    super(`${language}-u-ca-persian`, zone);
    this.#language = language;
    this.#time = timeStyle ? new Intl.DateTimeFormat(language, { timeStyle, ...zone }) : null;
    this.#zone = timeZone;
  }

  override format(instant?: Date | number): string {
    const at = instant ?? Date.now();
    const date = formatSolarHijri(solarHijriOfInstant(at, this.#zone), this.#language);
    if (!this.#time) return date;
    const comma = usesPersianScript(this.#language) ? '،' : ',';
    return `${date}${comma} ${this.#time.format(at)}`;
  }

  override formatToParts(instant?: Date | number): Intl.DateTimeFormatPart[] {
    return [{ type: 'literal', value: this.format(instant) }];
  }
}

function fail(key: SolarHijriEntryError['key'], params: SolarHijriEntryError['params']) {
  return { ok: false as const, error: { key, params } };
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
