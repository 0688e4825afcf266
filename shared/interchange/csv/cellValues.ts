/**
 * One cell of an imported table read as a typed value: dates (ISO, `2 July 2016`, `02-Jul-2016`,
 * Solar Hijri `1403-01-15`), times, counts, coordinates, `;`-separated lists; and the guard
 * against spreadsheet formulas that the CSV writer adds and the reader takes off again.
 *
 * Every reader accepts Persian and Arabic-Indic digits. A reader never guesses: a date such as
 * `03/04/2016` (April 3rd or March 4th?) is refused with its own reason rather than read one way.
 */
import { isValidJalaaliDate, toGregorian } from 'jalaali-js';
import { normaliseDigits } from '../../util/digits.ts';
import { isIsoDate } from '../../util/isoDate.ts';

export type DateCell =
  | { ok: true; iso: string; solarHijri: boolean }
  | { ok: false; reason: 'badDate' | 'ambiguousDate' };

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const FULL_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase().replace(/\.$/, '');
  const full = FULL_MONTHS.indexOf(lower);
  return full >= 0 ? full + 1 : MONTHS[lower];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Years written this way are Solar Hijri: no incident is dated 1300–1499 AD. */
const SOLAR_HIJRI_YEARS = { from: 1300, to: 1499 };

const YMD =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DAY_MONTH_YEAR = /^(\d{1,2})[\s-]+([A-Za-z]{3,9}\.?)[\s,-]+(\d{4})$/;
const MONTH_DAY_YEAR = /^([A-Za-z]{3,9}\.?)\s+(\d{1,2}),?\s+(\d{4})$/;
const SLASHED = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/;

/** A date cell as an ISO date; the text is known not to be blank. */
export function parseDateCell(text: string): DateCell {
  const value = normaliseDigits(text).trim();
  const gregorian = (y: number, m: number, d: number): DateCell => {
    const iso = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
    return isIsoDate(iso) ? { ok: true, iso, solarHijri: false } : { ok: false, reason: 'badDate' };
  };
  let match = YMD.exec(value);
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (y >= SOLAR_HIJRI_YEARS.from && y <= SOLAR_HIJRI_YEARS.to) {
      if (!isValidJalaaliDate(y, m, d)) return { ok: false, reason: 'badDate' };
      const g = toGregorian(y, m, d);
      return { ok: true, iso: `${pad(g.gy, 4)}-${pad(g.gm)}-${pad(g.gd)}`, solarHijri: true };
    }
    return gregorian(y, m, d);
  }
  match = DAY_MONTH_YEAR.exec(value);
  if (match) {
    const month = monthNumber(match[2]!);
    return month === undefined
      ? { ok: false, reason: 'badDate' }
      : gregorian(Number(match[3]), month, Number(match[1]));
  }
  match = MONTH_DAY_YEAR.exec(value);
  if (match) {
    const month = monthNumber(match[1]!);
    return month === undefined
      ? { ok: false, reason: 'badDate' }
      : gregorian(Number(match[3]), month, Number(match[2]));
  }
  if (SLASHED.test(value)) return { ok: false, reason: 'ambiguousDate' };
  return { ok: false, reason: 'badDate' };
}

/** `HH:MM`, `H:MM` or `HH:MM:SS` (seconds dropped) as `HH:MM`; null when it is not a time. */
export function parseTimeCell(text: string): string | null {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(normaliseDigits(text).trim());
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  return h <= 23 && m <= 59 ? `${pad(h)}:${pad(m)}` : null;
}

/**
 * A number of people: digits with optional thousands separators (`1,200`, `۱٬۲۰۰`). NaN when
 * the text is not a number (a fraction stays a fraction; the schema refuses it by name).
 */
export function parseCountCell(text: string): number {
  let value = normaliseDigits(text).trim();
  if (/^\d{1,3}(,\d{3})+$/.test(value)) value = value.replaceAll(',', '');
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
}

/** A coordinate in decimal degrees; a decimal comma (`34,5`) is read as a point. */
export function parseCoordinateCell(text: string): number {
  let value = normaliseDigits(text).trim();
  if (/^[-+]?\d+,\d+$/.test(value)) value = value.replace(',', '.');
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(value) ? Number(value) : Number.NaN;
}

/**
 * Names in a cell separated by `;` (ACLED's separator; names themselves contain commas, as in
 * "Military Forces of Libya (2016-)"), trimmed, blanks and repeats dropped, order kept.
 */
export function splitNames(text: string): string[] {
  const names: string[] = [];
  for (const part of text.split(/[;؛]/)) {
    const name = part.trim();
    if (name !== '' && !names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * Formula guard. A spreadsheet runs a cell that starts with `=`, `+`, `@`, a tab, a carriage
 * return, or `-` not followed by a digit (`-5.2` stays a number). Such a text cell is
 * written with one `'` in front. So that the reader can take exactly that `'` off again, a cell
 * that already starts with `'`s followed by one of those characters gets one more `'` too; the
 * reader removes one `'` from any cell of that shape. Writing then reading gives back every text.
 */
const NEEDS_GUARD = /^'*(?:[=+@\t\r]|-(?!\d))/;
const GUARDED = /^'+(?:[=+@\t\r]|-(?!\d))/;

/** Whether a cell may need the guard (almost none starts with one of these, so test it first). */
function mayNeedGuard(first: number): boolean {
  // = + @ tab CR - '
  return (
    first === 0x3d ||
    first === 0x2b ||
    first === 0x40 ||
    first === 0x09 ||
    first === 0x0d ||
    first === 0x2d ||
    first === 0x27
  );
}

export function guardFormula(text: string): string {
  return mayNeedGuard(text.charCodeAt(0)) && NEEDS_GUARD.test(text) ? `'${text}` : text;
}

export function unguardFormula(text: string): string {
  return text.charCodeAt(0) === 0x27 && GUARDED.test(text) ? text.slice(1) : text;
}
