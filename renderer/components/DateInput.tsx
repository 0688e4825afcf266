/**
 * A date field in the chosen calendar. Gregorian: the native date input, exactly as before, with
 * the Solar Hijri equivalent under it. Solar Hijri: day, a month list with the Afghan names, and
 * year (Persian or Latin digits; a whole date such as "۱۴۰۳/۱/۱" may be typed or pasted into any
 * part), with the Gregorian equivalent under it. The value is always an ISO Gregorian date.
 *
 * While a Solar Hijri date is incomplete or impossible, the field hands the form the text as typed
 * ("1404/12/30"), which is not an ISO date, so the form's validation holds the save back instead
 * of keeping the last good date behind the person's back; the message here says what is wrong.
 */
import { useId, useState, type ClipboardEvent, type FocusEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isIsoDate } from '../../shared/util/isoDate.ts';
import {
  isoToSolarHijri,
  localDigits,
  readSolarHijri,
  solarHijriMonthName,
  splitSolarHijriText,
  type SolarHijriEntry,
  type SolarHijriEntryError,
  type SolarHijriText,
} from '../../shared/util/solarHijri.ts';
import { normaliseDigits } from '../../shared/util/digits.ts';
import { useData } from '../app/appContext.ts';
import { formatIsoDate, useCalendar } from '../i18n/calendar.ts';
import { TextField } from './fields.tsx';

interface DateInputProps {
  label: string;
  /** An ISO date, '' for none, or (while a Solar Hijri entry is unfinished) the text as typed. */
  value: string;
  onChange: (value: string) => void;
  /** i18n key of the form's validation message, if any. */
  error?: string | undefined;
  hint?: ReactNode;
}

export function DateInput(props: DateInputProps) {
  const { t, i18n } = useTranslation();
  const calendar = useCalendar(useData());
  if (calendar === 'persian') return <SolarHijriDateInput {...props} />;
  const equivalent = isIsoDate(props.value)
    ? t('calendar.solarHijriEquivalent', {
        date: formatIsoDate(props.value, i18n.language, 'persian'),
      })
    : null;
  return (
    <TextField
      label={props.label}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      hint={joinHints(props.hint, equivalent)}
      type="date"
      dir="ltr"
    />
  );
}

const NO_PARTS: SolarHijriText = { year: '', month: '', day: '' };
const PARTS = ['day', 'month', 'year'] as const;

/** The parts shown for a value: its Solar Hijri date, or the unfinished text it came from. */
export function solarHijriPartsOf(value: string, language: string): SolarHijriText {
  if (isIsoDate(value)) {
    const { year, month, day } = isoToSolarHijri(value);
    return {
      year: localDigits(year, language),
      month: String(month),
      day: localDigits(day, language),
    };
  }
  return splitSolarHijriText(value) ?? NO_PARTS;
}

/** What the form gets for the parts typed: the ISO date, '' for nothing, else the raw text. */
export function valueOfSolarHijriParts(parts: SolarHijriText): {
  value: string;
  entry: SolarHijriEntry;
} {
  const entry = readSolarHijri(parts);
  if (entry.ok) return { value: entry.iso, entry };
  const blank = PARTS.every((part) => parts[part].trim() === '');
  const typed = PARTS.map((part) => normaliseDigits(parts[part]).trim());
  return { value: blank ? '' : `${typed[2]}/${typed[1]}/${typed[0]}`, entry };
}

function SolarHijriDateInput({ label, value, onChange, error, hint }: DateInputProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const id = useId();
  const ids = {
    label: `${id}-label`,
    hint: `${id}-hint`,
    error: `${id}-error`,
    day: `${id}-day`,
    month: `${id}-month`,
    year: `${id}-year`,
  };
  // The parts as typed, and the value they stand for: a new value from outside (undo, another
  // record, a teammate's edit) replaces them; the value this field just sent does not.
  const [typed, setTyped] = useState(() => ({
    value,
    parts: solarHijriPartsOf(value, language),
  }));
  const [left, setLeft] = useState(false);
  let { parts } = typed;
  if (typed.value !== value) {
    parts = solarHijriPartsOf(value, language);
    setTyped({ value, parts });
  }

  const { entry } = valueOfSolarHijriParts(parts);
  const blank = PARTS.every((part) => parts[part].trim() === '');
  const complete = PARTS.every((part) => parts[part].trim() !== '');
  const ownError = entry.ok || blank ? null : entry.error;
  // Say what is wrong once the person has finished typing: all three parts, or focus moved on.
  const shownOwnError = ownError !== null && (left || complete) ? ownError : null;
  const message = shownOwnError
    ? describeSolarHijriError(shownOwnError, t, language)
    : ownError === null && error
      ? t(error)
      : null;

  const edit = (part: (typeof PARTS)[number], text: string) => {
    const whole = splitSolarHijriText(text);
    // A whole date typed or pasted fills all three parts, in the interface's digits.
    const next = whole
      ? {
          year: inLocalDigits(whole.year, language),
          month: whole.month,
          day: inLocalDigits(whole.day, language),
        }
      : { ...parts, [part]: text };
    const { value: nextValue } = valueOfSolarHijriParts(next);
    setTyped({ value: nextValue, parts: next });
    if (nextValue !== value) onChange(nextValue);
  };
  const paste = (part: (typeof PARTS)[number]) => (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData('text');
    if (splitSolarHijriText(text) === null) return;
    event.preventDefault();
    edit(part, text);
  };
  const blur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget)) setLeft(true);
  };

  const equivalent = entry.ok
    ? t('calendar.gregorianEquivalent', {
        date: formatIsoDate(entry.iso, language, 'gregorian'),
        iso: entry.iso,
      })
    : null;
  const hintText = joinHints(hint, equivalent);
  const describedBy = [message ? ids.error : null, hintText ? ids.hint : null]
    .filter(Boolean)
    .join(' ');
  const a11y = (part: (typeof PARTS)[number]) => ({
    id: ids[part],
    'aria-labelledby': `${ids.label} ${ids[part]}-name`,
    'aria-invalid': message !== null,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
  });
  const monthValue = /^\d+$/.test(normaliseDigits(parts.month).trim())
    ? String(Number(normaliseDigits(parts.month)))
    : '';

  return (
    <div
      className={message ? 'field field-invalid' : 'field'}
      role="group"
      aria-labelledby={ids.label}
      onBlur={blur}
    >
      <label id={ids.label} htmlFor={ids.day}>
        {label}
      </label>
      <div className="row">
        <div className="cell">
          <label id={`${ids.day}-name`} htmlFor={ids.day}>
            {t('calendar.day')}
          </label>
          <input
            {...a11y('day')}
            value={parts.day}
            inputMode="numeric"
            size={3}
            dir="auto"
            onChange={(e) => edit('day', e.target.value)}
            onPaste={paste('day')}
          />
        </div>
        <div className="cell">
          <label id={`${ids.month}-name`} htmlFor={ids.month}>
            {t('calendar.month')}
          </label>
          <select
            {...a11y('month')}
            value={monthValue}
            onChange={(e) => edit('month', e.target.value)}
          >
            <option value="">{t('calendar.chooseMonth')}</option>
            {Array.from({ length: 12 }, (_, index) => index + 1).map((month) => (
              <option key={month} value={String(month)}>
                {`${solarHijriMonthName(month, language)} (${localDigits(month, language)})`}
              </option>
            ))}
          </select>
        </div>
        <div className="cell">
          <label id={`${ids.year}-name`} htmlFor={ids.year}>
            {t('calendar.year')}
          </label>
          <input
            {...a11y('year')}
            value={parts.year}
            inputMode="numeric"
            size={5}
            dir="auto"
            placeholder={localDigits(1403, language)}
            onChange={(e) => edit('year', e.target.value)}
            onPaste={paste('year')}
          />
        </div>
      </div>
      {hintText ? (
        <div className="field-hint" id={ids.hint}>
          {hintText}
        </div>
      ) : null}
      {message ? (
        <div className="field-error" id={ids.error} role="alert">
          {message}
        </div>
      ) : null}
    </div>
  );
}

/** The message for a Solar Hijri entry error, with month names and digits as the person reads. */
export function describeSolarHijriError(
  error: SolarHijriEntryError,
  t: TFunction,
  language: string,
): string {
  const digits = (value: string | number | undefined) =>
    typeof value === 'number' ? localDigits(value, language) : String(value ?? '');
  const partName = (part: string | number | undefined) => t(`calendar.part.${String(part)}`);
  const { params } = error;
  switch (error.key) {
    case 'calendar.error.incomplete':
      return t(error.key, {
        missing: String(params.missing ?? '')
          .split(',')
          .map(partName)
          .join(language.startsWith('fa') ? '، ' : ', '),
      });
    case 'calendar.error.notANumber':
      return t(error.key, { part: partName(params.part), value: params.value });
    case 'calendar.error.format':
      return t(error.key, { value: params.value });
    case 'calendar.error.yearRange':
      return t(error.key, {
        year: digits(params.year),
        min: digits(params.min),
        max: digits(params.max),
      });
    case 'calendar.error.monthRange':
      return t(error.key, { month: digits(params.month) });
    case 'calendar.error.dayRange': {
      const month = Number(params.month);
      return t(error.key, {
        day: digits(params.day),
        month: month >= 1 && month <= 12 ? solarHijriMonthName(month, language) : digits(month),
        year: digits(params.year),
        max: digits(params.max),
      });
    }
  }
}

function inLocalDigits(text: string, language: string): string {
  return /^\d+$/.test(text) ? localDigits(Number(text), language) : text;
}

function joinHints(hint: ReactNode, extra: string | null): ReactNode {
  if (!extra) return hint;
  if (!hint) return extra;
  return (
    <>
      {hint} <span>{extra}</span>
    </>
  );
}
