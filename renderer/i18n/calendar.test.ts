import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CALENDAR_SETTING,
  currentCalendar,
  formatIsoDate,
  formatIsoDateRange,
  loadCalendar,
  resetCalendar,
  saveCalendar,
  type CalendarSettings,
} from './calendar.ts';
import { formatIncidentDate } from '../features/incidents/formatIncidentDate.ts';
import type { TFunction } from 'i18next';

function memorySettings(initial: Record<string, unknown> = {}): CalendarSettings & {
  values: Map<string, unknown>;
} {
  const values = new Map(Object.entries(initial));
  return {
    values,
    getSetting: async <T>(key: string) => values.get(key) as T | undefined,
    setSetting: async (key: string, value: unknown) => {
      values.set(key, value);
    },
  };
}

afterEach(() => resetCalendar());

describe('the calendar setting', () => {
  it('is Gregorian until a Solar Hijri choice is stored', async () => {
    expect(currentCalendar()).toBe('gregorian');
    expect(await loadCalendar(memorySettings())).toBe('gregorian');
    resetCalendar();
    expect(await loadCalendar(memorySettings({ [CALENDAR_SETTING]: 'persian' }))).toBe('persian');
    expect(currentCalendar()).toBe('persian');
  });

  it('ignores a stored value that is not a calendar', async () => {
    expect(await loadCalendar(memorySettings({ [CALENDAR_SETTING]: 'islamic' }))).toBe('gregorian');
  });

  it('is saved on the device and switches at once', async () => {
    const settings = memorySettings();
    await saveCalendar(settings, 'persian');
    expect(settings.values.get(CALENDAR_SETTING)).toBe('persian');
    expect(currentCalendar()).toBe('persian');
    // The same device reloading reads it back; loading twice does not read again.
    const read = vi.spyOn(settings, 'getSetting');
    await loadCalendar(settings);
    expect(read).not.toHaveBeenCalled();
  });
});

describe('formatIsoDate', () => {
  it.each([
    ['en', 'gregorian', 'Mar 20, 2024'],
    ['fa-AF', 'gregorian', '۲۰ مارچ ۲۰۲۴'],
    ['en', 'persian', '1 Hamal 1403'],
    ['fa-AF', 'persian', '۱ حمل ۱۴۰۳'],
  ] as const)('%s, %s', (language, calendar, expected) => {
    expect(formatIsoDate('2024-03-20', language, calendar)).toBe(expected);
  });

  it('leaves text that is not an ISO date alone', () => {
    expect(formatIsoDate('1403/01/01', 'en', 'persian')).toBe('1403/01/01');
  });

  it('writes the shared year once in a range', () => {
    expect(formatIsoDateRange('2024-03-20', '2024-04-02', 'en', 'persian')).toBe(
      '1 Hamal – 14 Hamal 1403',
    );
    expect(formatIsoDateRange('2024-03-19', '2024-03-20', 'en', 'persian')).toBe(
      '29 Hut 1402 – 1 Hamal 1403',
    );
    expect(formatIsoDateRange('2024-03-20', '2024-03-20', 'fa-AF', 'persian')).toBe('۱ حمل ۱۴۰۳');
  });
});

describe('formatIncidentDate in either calendar', () => {
  const t = ((key: string) => `<${key}>`) as unknown as TFunction;
  const incident = { dateStart: '2024-03-20', dateEnd: '2024-03-25', timePrecision: 2 as const };

  it('keeps the ISO dates in Gregorian, as before', () => {
    expect(formatIncidentDate(incident, t, 'gregorian', 'en')).toBe(
      '2024-03-20 – 2024-03-25 (<vocab.timePrecisionShort.2>)',
    );
    expect(
      formatIncidentDate({ ...incident, dateEnd: null, timePrecision: 1 }, t, 'gregorian', 'fa-AF'),
    ).toBe('2024-03-20');
  });

  it('writes Solar Hijri dates with Afghan month names', () => {
    expect(formatIncidentDate(incident, t, 'persian', 'fa-AF')).toBe(
      '۱ حمل – ۶ حمل ۱۴۰۳ (<vocab.timePrecisionShort.2>)',
    );
    expect(
      formatIncidentDate({ ...incident, dateEnd: null, timePrecision: 1 }, t, 'persian', 'en'),
    ).toBe('1 Hamal 1403');
  });

  it('follows the chosen calendar when none is passed', async () => {
    await saveCalendar(memorySettings(), 'persian');
    expect(formatIncidentDate({ ...incident, timePrecision: 1 }, t, undefined, 'en')).toBe(
      '1 Hamal – 6 Hamal 1403',
    );
  });
});
