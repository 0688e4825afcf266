import { createInstance, type TFunction } from 'i18next';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DataContext } from '../app/appContext.ts';
import type { DaftarData } from '../data/daftarData.ts';
import { resetCalendar, saveCalendar } from '../i18n/calendar.ts';
import en from '../i18n/locales/en.json';
import {
  DateInput,
  describeSolarHijriError,
  solarHijriPartsOf,
  valueOfSolarHijriParts,
} from './DateInput.tsx';

const settings = new Map<string, unknown>();
const data = {
  getSetting: async (key: string) => settings.get(key),
  setSetting: async (key: string, value: unknown) => void settings.set(key, value),
} as unknown as DaftarData;

const i18n = createInstance();
beforeAll(async () => {
  // The real English strings, with the calendar's own written out so the test does not depend
  // on when they are merged into the locale files.
  await i18n.init({
    lng: 'en',
    resources: {
      en: {
        translation: {
          ...en,
          calendar: {
            day: 'Day',
            month: 'Month',
            year: 'Year',
            chooseMonth: '— month —',
            gregorianEquivalent: 'Gregorian: {{date}} ({{iso}})',
            solarHijriEquivalent: 'Solar Hijri: {{date}}',
          },
        },
      },
    },
    interpolation: { escapeValue: false },
  });
});
afterEach(() => resetCalendar());

const render = (element: ReactElement) =>
  renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <DataContext.Provider value={data}>{element}</DataContext.Provider>
    </I18nextProvider>,
  );

describe('DateInput, Gregorian', () => {
  it('is the native date input with its label, and shows the Solar Hijri date', () => {
    const html = render(
      <DateInput label="Date (or start of range)" value="2024-03-20" onChange={() => {}} />,
    );
    expect(html).toMatch(/<label for="([^"]+)">Date \(or start of range\)<\/label><input id="\1"/);
    expect(html).toContain('type="date"');
    expect(html).toContain('value="2024-03-20"');
    expect(html).toContain('dir="ltr"');
    expect(html).toContain('Solar Hijri: 1 Hamal 1403');
  });

  it('shows no equivalent while there is no date', () => {
    const html = render(<DateInput label="Published" value="" onChange={() => {}} />);
    expect(html).not.toContain('Solar Hijri');
  });
});

describe('DateInput, Solar Hijri', () => {
  it('offers day, Afghan month and year, with the Gregorian date beside', async () => {
    await saveCalendar(data, 'persian');
    const html = render(<DateInput label="Published" value="2025-03-20" onChange={() => {}} />);
    expect(html).toMatch(/role="group" aria-labelledby="([^"]+)"><label id="\1"/);
    expect(html).toContain('value="30"'); // day
    expect(html).toContain('value="1403"'); // year
    expect(html).toMatch(/<option value="12" selected="">Hut \(12\)<\/option>/);
    expect(html).toContain('Hamal (1)');
    expect(html).toContain('Gregorian: Mar 20, 2025 (2025-03-20)');
    expect(html).not.toContain('type="date"');
  });

  it('keeps an unfinished entry as typed, and says what is wrong', async () => {
    await saveCalendar(data, 'persian');
    const html = render(<DateInput label="Published" value="1404/12/30" onChange={() => {}} />);
    expect(html).toContain('value="30"');
    expect(html).toContain('value="1404"');
    expect(html).toContain('role="alert"');
    expect(html).toContain('calendar.error.dayRange');
    expect(html).toContain('aria-invalid="true"');
  });
});

describe('Solar Hijri parts and values', () => {
  it('shows a stored date in the interface digits', () => {
    expect(solarHijriPartsOf('2024-03-20', 'fa-AF')).toEqual({
      year: '۱۴۰۳',
      month: '1',
      day: '۱',
    });
    expect(solarHijriPartsOf('', 'en')).toEqual({ year: '', month: '', day: '' });
  });

  it('hands the form an ISO date, nothing, or the text as typed', () => {
    expect(valueOfSolarHijriParts({ year: '۱۴۰۳', month: '1', day: '۱' }).value).toBe('2024-03-20');
    expect(valueOfSolarHijriParts({ year: '', month: '', day: '' }).value).toBe('');
    expect(valueOfSolarHijriParts({ year: '1404', month: '12', day: '30' }).value).toBe(
      '1404/12/30',
    );
    expect(valueOfSolarHijriParts({ year: '۱۴۰۳', month: '', day: '' }).value).toBe('1403//');
  });

  it('round-trips an unfinished entry through the form', () => {
    const typed = { year: '1404', month: '12', day: '30' };
    expect(solarHijriPartsOf(valueOfSolarHijriParts(typed).value, 'en')).toEqual(typed);
  });

  it('words errors with month names and the interface digits', () => {
    const t = ((key: string, params?: Record<string, unknown>) =>
      params ? `${key} ${JSON.stringify(params)}` : `<${key}>`) as unknown as TFunction;
    const entry = valueOfSolarHijriParts({ year: '1404', month: '12', day: '30' }).entry;
    expect(entry.ok).toBe(false);
    if (entry.ok) return;
    expect(describeSolarHijriError(entry.error, t, 'fa-AF')).toBe(
      'calendar.error.dayRange {"day":"۳۰","month":"حوت","year":"۱۴۰۴","max":"۲۹"}',
    );
    expect(
      describeSolarHijriError(
        { key: 'calendar.error.incomplete', params: { missing: 'day,year' } },
        t,
        'en',
      ),
    ).toBe('calendar.error.incomplete {"missing":"<calendar.part.day>, <calendar.part.year>"}');
  });
});
