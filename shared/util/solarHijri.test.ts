import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDateOf } from './isoDate.ts';
import {
  formatSolarHijri,
  isoToSolarHijri,
  parseSolarHijri,
  readSolarHijri,
  solarHijriDateTimeFormat,
  solarHijriMonthLength,
  solarHijriMonthName,
  solarHijriOfInstant,
  solarHijriToIso,
  splitSolarHijriText,
} from './solarHijri.ts';

const DAY_MS = 86_400_000;

describe('Solar Hijri ↔ ISO at the year boundaries', () => {
  it.each([
    // Nowruz
    ['2024-03-20', 1403, 1, 1],
    ['2024-03-19', 1402, 12, 29],
    ['2025-03-21', 1404, 1, 1],
    ['2025-03-20', 1403, 12, 30], // 1403 is a leap year: Hut has 30 days
    ['2026-03-20', 1404, 12, 29], // 1404 is not: Hut ends on the 29th
    ['2026-03-21', 1405, 1, 1],
    // 1399 is a leap year
    ['2020-03-20', 1399, 1, 1],
    ['2021-03-20', 1399, 12, 30],
    ['2021-03-21', 1400, 1, 1],
    // month boundaries inside a year: Sunbula has 31 days, Mizan 30
    ['2024-09-21', 1403, 6, 31],
    ['2024-09-22', 1403, 7, 1],
    ['2024-02-29', 1402, 12, 10],
  ])('%s = %i-%i-%i', (iso, year, month, day) => {
    expect(isoToSolarHijri(iso)).toEqual({ year, month, day });
    expect(solarHijriToIso({ year, month, day })).toBe(iso);
  });

  it('knows the length of Hut in leap and common years', () => {
    expect(solarHijriMonthLength(1399, 12)).toBe(30);
    expect(solarHijriMonthLength(1403, 12)).toBe(30);
    expect(solarHijriMonthLength(1404, 12)).toBe(29);
    expect(solarHijriMonthLength(1404, 6)).toBe(31);
    expect(solarHijriMonthLength(1404, 7)).toBe(30);
  });

  it('refuses text that is not an ISO date', () => {
    expect(() => isoToSolarHijri('2024-02-30')).toThrow(/Not an ISO date/);
  });
});

describe('round trips', () => {
  const anyDay = fc
    .integer({ min: Date.UTC(1900, 0, 1) / DAY_MS, max: Date.UTC(2100, 11, 31) / DAY_MS })
    .map((day) => isoDateOf(day * DAY_MS));

  it('ISO → Solar Hijri → ISO is the same day, for every day 1900–2100', () => {
    fc.assert(
      fc.property(anyDay, (iso) => {
        const solar = isoToSolarHijri(iso);
        const read = readSolarHijri({
          year: String(solar.year),
          month: String(solar.month),
          day: String(solar.day),
        });
        expect(read).toEqual({ ok: true, date: solar, iso });
      }),
      { numRuns: 2000 },
    );
  });

  it('consecutive days map to consecutive Solar Hijri days (no gap, no repeat)', () => {
    let previous = isoToSolarHijri('1990-01-01');
    for (let day = Date.UTC(1990, 0, 2) / DAY_MS; day <= Date.UTC(2040, 0, 1) / DAY_MS; day++) {
      const current = isoToSolarHijri(isoDateOf(day * DAY_MS));
      const expected =
        previous.day < solarHijriMonthLength(previous.year, previous.month)
          ? { ...previous, day: previous.day + 1 }
          : previous.month < 12
            ? { year: previous.year, month: previous.month + 1, day: 1 }
            : { year: previous.year + 1, month: 1, day: 1 };
      expect(current).toEqual(expected);
      previous = current;
    }
  });

  it("agrees with ICU's Persian calendar (what the display uses for instants)", () => {
    fc.assert(
      fc.property(anyDay, (iso) => {
        const noonUtc = Date.parse(`${iso}T12:00:00Z`);
        expect(solarHijriOfInstant(noonUtc, 'UTC')).toEqual(isoToSolarHijri(iso));
      }),
      { numRuns: 500 },
    );
  });
});

describe('reading what a person types', () => {
  it('accepts Persian, Arabic-Indic and ASCII digits alike', () => {
    const expected = { ok: true, date: { year: 1403, month: 1, day: 1 }, iso: '2024-03-20' };
    expect(readSolarHijri({ year: '۱۴۰۳', month: '۱', day: '۱' })).toEqual(expected);
    expect(readSolarHijri({ year: '١٤٠٣', month: '٠١', day: '٠١' })).toEqual(expected);
    expect(readSolarHijri({ year: ' 1403 ', month: '01', day: '1' })).toEqual(expected);
    expect(readSolarHijri({ year: '۱4۰3', month: '1', day: '۱' })).toEqual(expected);
  });

  it.each([
    ['۱۴۰۳/۱/۱', '2024-03-20'],
    ['1403-01-01', '2024-03-20'],
    ['1403.12.30', '2025-03-20'],
    ['١٤٠٣/٠٦/٣١', '2024-09-21'],
    [' 1399 / 12 / 30 ', '2021-03-20'],
  ])('reads the whole date %j', (text, iso) => {
    expect(parseSolarHijri(text)).toMatchObject({ ok: true, iso });
  });

  it('splits a pasted date into its parts', () => {
    expect(splitSolarHijriText('۱۴۰۳/۰۱/۰۵')).toEqual({ year: '1403', month: '01', day: '05' });
    expect(splitSolarHijriText('1403')).toBeNull();
  });

  it.each([
    [{ year: '1404', month: '12', day: '30' }, 'calendar.error.dayRange', { max: 29, day: 30 }],
    [{ year: '1403', month: '7', day: '31' }, 'calendar.error.dayRange', { max: 30, month: 7 }],
    [{ year: '1403', month: '13', day: '1' }, 'calendar.error.monthRange', { month: 13 }],
    [{ year: '1403', month: '1', day: '0' }, 'calendar.error.dayRange', { day: 0 }],
    [{ year: '140', month: '1', day: '1' }, 'calendar.error.yearRange', { year: 140 }],
    [{ year: '03', month: '1', day: '1' }, 'calendar.error.yearRange', { year: 3 }],
    [{ year: '1403', month: '', day: '1' }, 'calendar.error.incomplete', { missing: 'month' }],
    [{ year: '', month: '', day: '' }, 'calendar.error.incomplete', { missing: 'day,month,year' }],
    [{ year: '1403', month: '1', day: 'x5' }, 'calendar.error.notANumber', { value: 'x5' }],
    [{ year: '1403', month: '1', day: '1.5' }, 'calendar.error.notANumber', { part: 'day' }],
    [{ year: '-1403', month: '1', day: '1' }, 'calendar.error.notANumber', { part: 'year' }],
  ])('refuses %j with %s', (text, key, params) => {
    const result = readSolarHijri(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.key).toBe(key);
    expect(result.error.params).toMatchObject(params);
  });

  it('names the offending text when a whole date cannot be read', () => {
    expect(parseSolarHijri('Hamal 1403')).toEqual({
      ok: false,
      error: { key: 'calendar.error.format', params: { value: 'Hamal 1403' } },
    });
  });
});

describe('display', () => {
  it('uses the Afghan month names in both languages', () => {
    expect(solarHijriMonthName(1, 'en')).toBe('Hamal');
    expect(solarHijriMonthName(6, 'en')).toBe('Sunbula');
    expect(solarHijriMonthName(12, 'fa-AF')).toBe('حوت');
    expect(() => solarHijriMonthName(13, 'en')).toThrow(RangeError);
  });

  it('writes dates as Afghans read them', () => {
    const nowruz = isoToSolarHijri('2024-03-20');
    expect(formatSolarHijri(nowruz, 'en')).toBe('1 Hamal 1403');
    expect(formatSolarHijri(nowruz, 'fa-AF')).toBe('۱ حمل ۱۴۰۳');
    expect(formatSolarHijri(nowruz, 'en', { withYear: false })).toBe('1 Hamal');
    expect(formatSolarHijri(nowruz, 'fa-AF', { withDay: false })).toBe('حمل ۱۴۰۳');
  });

  it('formats an instant with its time of day, in the given time zone', () => {
    // 2024-09-21 20:00 UTC is already 22 September (1 Mizan) in Kabul (UTC+4:30).
    const at = Date.UTC(2024, 8, 21, 20, 0);
    const en = solarHijriDateTimeFormat('en', { timeStyle: 'short', timeZone: 'Asia/Kabul' });
    expect(en.format(at)).toBe('1 Mizan 1403, 12:30 AM');
    const fa = solarHijriDateTimeFormat('fa-AF', { timeStyle: 'short', timeZone: 'Asia/Kabul' });
    expect(fa.format(at)).toBe('۱ میزان ۱۴۰۳، ۰:۳۰');
    const utc = solarHijriDateTimeFormat('en', { timeZone: 'UTC' });
    expect(utc.format(at)).toBe('31 Sunbula 1403');
    expect(en).toBeInstanceOf(Intl.DateTimeFormat);
  });
});
