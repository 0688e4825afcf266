import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { emptyIncident, type Incident } from '../../domain/incident.ts';
import { guardFormula, unguardFormula } from './cellValues.ts';
import { ACLED_COLUMNS, PLAIN_COLUMNS, csvCell, writeAcledCsv, writePlainCsv } from './writeCsv.ts';

function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    ...emptyIncident('2024-03-20'),
    id: 'inc-1',
    created: 'c',
    updated: 'u',
    title: 'Clash at the bridge',
    ...overrides,
  };
}

/** The written text read back by PapaParse, an independent RFC 4180 reader. */
function table(chunks: string[]): string[][] {
  const parsed = Papa.parse<string[]>(chunks.join('').replace(/^\uFEFF/, ''), {
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('writeAcledCsv', () => {
  const kunduz = incident({
    externalId: 'AFG123',
    dateStart: '2024-03-20',
    timePrecision: 2,
    eventType: 'Violence against civilians',
    subEventType: 'Attack',
    actors: [
      { name: 'Taliban', role: 'actor1', actorId: 'a1' },
      { name: 'ISKP', role: 'actor1', actorId: null },
      { name: 'Civilians (Afghanistan)', role: 'actor2', actorId: null },
      { name: 'Militia, local', role: 'associated', actorId: null },
      { name: 'Police', role: 'associated', actorId: null },
      { name: 'IS', role: 'claimedBy', actorId: null },
    ],
    country: 'Afghanistan',
    province: 'Kunduz',
    district: 'Imam Sahib',
    placeName: 'Sher Khan Bandar',
    latitude: 37.16,
    longitude: 68.62,
    geoPrecision: 2,
    fatalities: null,
    notes: 'Two lines,\nwith "quotes" — و متن دری',
    tags: ['crowd size=no report', 'women targeted: girls'],
  });

  it('writes exactly ACLED’s 31 current columns, in ACLED’s order, without a BOM', () => {
    const chunks = writeAcledCsv([kunduz], () => ['Pajhwok', 'TOLOnews']);
    expect(
      chunks[0]!.startsWith('event_id_cnty,event_date,year,time_precision,disorder_type,'),
    ).toBe(true);
    const [header, row] = table(chunks);
    expect(header).toEqual([...ACLED_COLUMNS]);
    expect(header).toHaveLength(31);
    const cells = Object.fromEntries(header!.map((column, i) => [column, row![i]]));
    expect(cells).toEqual({
      event_id_cnty: 'AFG123',
      event_date: '2024-03-20',
      year: '2024',
      time_precision: '2',
      disorder_type: 'Political violence',
      event_type: 'Violence against civilians',
      sub_event_type: 'Attack',
      actor1: 'Taliban',
      assoc_actor_1: 'Militia, local; Police',
      inter1: '',
      actor2: 'Civilians (Afghanistan)',
      assoc_actor_2: '',
      inter2: '',
      interaction: '',
      civilian_targeting: 'Civilian targeting',
      iso: '4',
      region: 'South Asia',
      country: 'Afghanistan',
      admin1: 'Kunduz',
      admin2: 'Imam Sahib',
      admin3: '',
      location: 'Sher Khan Bandar',
      latitude: '37.16',
      longitude: '68.62',
      geo_precision: '2',
      source: 'Pajhwok; TOLOnews',
      source_scale: '',
      notes: 'Two lines,\nwith "quotes" — و متن دری',
      fatalities: '',
      tags: 'crowd size=no report; women targeted: girls',
      timestamp: '',
    });
  });

  it('leaves iso and region blank for a country it does not know', () => {
    const [header, row] = table(writeAcledCsv([incident({ country: 'Chad' })], () => []));
    expect(row![header!.indexOf('iso')]).toBe('');
    expect(row![header!.indexOf('region')]).toBe('');
    expect(row![header!.indexOf('fatalities')]).toBe('');
    expect(table(writeAcledCsv([incident({ fatalities: 0 })], () => []))[1]![28]).toBe('0');
  });

  it('writes chunks of 1,000 rows', () => {
    const many = Array.from({ length: 2_500 }, (_, i) =>
      incident({ id: `i${i}`, externalId: `X${i}` }),
    );
    const chunks = writeAcledCsv(many, () => []);
    expect(chunks).toHaveLength(3);
    expect(chunks.join('').split('\r\n')).toHaveLength(2_502);
  });
});

describe('writePlainCsv', () => {
  it('writes every field a person reads under Daftar’s names, with a BOM for Excel', () => {
    const chunks = writePlainCsv(
      [
        incident({
          actors: [
            { name: 'B', role: 'actor2', actorId: null },
            { name: 'A', role: 'actor1', actorId: 'x' },
            { name: 'A2', role: 'actor1', actorId: null },
            { name: 'D', role: 'deniedBy', actorId: null },
          ],
          time: '07:05',
          dateEnd: '2024-03-21',
          injured: 4,
          status: 'verified',
          statusReason: 'Two sources',
          fatalityReports: [{ count: 3, sourceId: 's', note: '' }],
        }),
      ],
      () => ['Pajhwok'],
    );
    expect(chunks[0]!.startsWith('\uFEFFid,title,dateStart,')).toBe(true);
    const [header, row] = table(chunks);
    expect(header).toEqual([...PLAIN_COLUMNS]);
    const cells = Object.fromEntries(header!.map((column, i) => [column, row![i]]));
    expect(cells).toMatchObject({
      id: 'inc-1',
      dateEnd: '2024-03-21',
      time: '07:05',
      actor1: 'A; A2',
      actor2: 'B',
      deniedBy: 'D',
      injured: '4',
      status: 'verified',
      statusReason: 'Two sources',
      sourceNames: 'Pajhwok',
      fatalities: '',
      latitude: '',
    });
  });
});

describe('csv cells', () => {
  it('quotes what RFC 4180 needs quoted, and edge spaces', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-12.5)).toBe('-12.5');
  });

  it('guards text a spreadsheet would run, and the reader takes exactly the guard off', () => {
    const cases: [string, string][] = [
      ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
      ['+93 700 000', `'+93 700 000`],
      ['@SUM(A1)', `'@SUM(A1)`],
      ['-cmd', `'-cmd`],
      ['\tx', `'\tx`],
      ["'=already", `''=already`],
      ["''-", `'''-`],
      ['-5 killed', '-5 killed'],
      ['-12.5', '-12.5'],
      ["'quoted'", "'quoted'"],
      ['a=b', 'a=b'],
    ];
    for (const [text, guarded] of cases) {
      expect(guardFormula(text)).toBe(guarded);
      expect(unguardFormula(guardFormula(text))).toBe(text);
    }
    expect(csvCell('=1+1')).toBe(`'=1+1`);
  });
});
