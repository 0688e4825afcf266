import { describe, expect, it } from 'vitest';
import {
  conservativeFatalities,
  emptyIncident,
  type FatalityReport,
  type IncidentFields,
} from './incident.ts';
import { validateRecord } from './records.ts';
import {
  ACLED_EVENT_TYPES,
  acledEventTypes,
  isAcledEventType,
  subEventTypesOf,
} from './vocabulary.ts';

const valid: IncidentFields = {
  ...emptyIncident('2023-03-09'),
  title: 'Governor of Balkh killed in explosion',
  dateStart: '2023-03-09',
  dateEnd: '2023-03-10',
  time: '09:45',
  timePrecision: 1,
  eventType: 'Explosions/Remote violence',
  subEventType: 'Suicide bomb',
  actors: [{ name: 'ISKP', role: 'claimedBy', actorId: null }],
  placeName: 'Mazar-i-Sharif',
  province: 'Balkh',
  country: 'Afghanistan',
  latitude: 36.7,
  longitude: 67.11,
  geoPrecision: 1,
  fatalities: 3,
  fatalityReports: [{ count: 3, sourceId: 's1', note: '' }],
  injured: 4,
  tags: ['governor', 'balkh'],
  status: 'unverified',
};

describe('incident validation', () => {
  it('accepts a complete, valid incident unchanged', () => {
    expect(validateRecord('incident', valid)).toEqual({ ok: true, value: valid });
  });

  it('accepts an empty incident once it has a title', () => {
    expect(validateRecord('incident', { ...emptyIncident('2024-02-29'), title: 'x' }).ok).toBe(
      true,
    );
  });

  it('refuses an empty incident only for its missing title', () => {
    expect(validateRecord('incident', emptyIncident('2024-02-29'))).toEqual({
      ok: false,
      issues: [{ field: 'title', message: 'validation.titleRequired' }],
    });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['latitude 91', { latitude: 91 }, 'latitude', 'validation.latitudeRange'],
    ['latitude -91', { latitude: -91 }, 'latitude', 'validation.latitudeRange'],
    ['longitude 181', { longitude: 181 }, 'longitude', 'validation.longitudeRange'],
    ['longitude -180.5', { longitude: -180.5 }, 'longitude', 'validation.longitudeRange'],
    ['latitude without longitude', { longitude: null }, 'longitude', 'validation.coordinatePair'],
    ['longitude without latitude', { latitude: null }, 'latitude', 'validation.coordinatePair'],
    ['negative fatalities', { fatalities: -1 }, 'fatalities', 'validation.negative'],
    ['non-integer injured', { injured: 1.5 }, 'injured', 'validation.wholeNumber'],
    ['absurd fatalities', { fatalities: 10_000_001 }, 'fatalities', 'validation.tooLarge'],
    ['end date before start', { dateEnd: '2023-03-08' }, 'dateEnd', 'validation.endBeforeStart'],
    [
      '2023-02-30 as start',
      { dateStart: '2023-02-30', dateEnd: null },
      'dateStart',
      'validation.invalidDate',
    ],
    [
      '2023-02-29 as end',
      { dateEnd: '2023-02-29', dateStart: '2023-02-01' },
      'dateEnd',
      'validation.invalidDate',
    ],
    [
      'non-ISO date',
      { dateStart: '09/03/2023', dateEnd: null },
      'dateStart',
      'validation.invalidDate',
    ],
    [
      'sub-type of another ACLED type',
      { eventType: 'Battles', subEventType: 'Attack' },
      'subEventType',
      'validation.subTypeMismatch',
    ],
    [
      'sub-type without an event type',
      { eventType: '', subEventType: 'Attack' },
      'eventType',
      'validation.eventTypeRequired',
    ],
    ['empty title', { title: '' }, 'title', 'validation.titleRequired'],
    ['whitespace title', { title: '   \t ' }, 'title', 'validation.titleRequired'],
    ['title too long', { title: 'x'.repeat(301) }, 'title', 'validation.tooLong'],
    ['time 25:00', { time: '25:00' }, 'time', 'validation.invalidTime'],
    ['time 24:00', { time: '24:00' }, 'time', 'validation.invalidTime'],
    ['time 9:45', { time: '9:45' }, 'time', 'validation.invalidTime'],
    ['time 12:60', { time: '12:60' }, 'time', 'validation.invalidTime'],
    [
      'too many tags',
      { tags: Array.from({ length: 201 }, (_, i) => `t${i}`) },
      'tags',
      'validation.tooMany',
    ],
    ['tag too long', { tags: ['ok', 'y'.repeat(81)] }, 'tags.1', 'validation.tooLong'],
    ['time precision 4', { timePrecision: 4 }, 'timePrecision', 'validation.invalidChoice'],
    ['geo precision 0', { geoPrecision: 0 }, 'geoPrecision', 'validation.invalidChoice'],
    [
      'unnamed actor',
      { actors: [{ name: ' ', role: 'actor1', actorId: null }] },
      'actors.0.name',
      'validation.required',
    ],
    [
      'negative reported figure',
      { fatalityReports: [{ count: -2, sourceId: null, note: '' }] },
      'fatalityReports.0.count',
      'validation.negative',
    ],
    ['unknown status', { status: 'confirmed' }, 'status', 'validation.invalid'],
  ])('refuses %s', (_name, patch, field, message) => {
    const result = validateRecord('incident', { ...valid, ...patch });
    expect(result).toEqual({ ok: false, issues: [{ field, message }] });
  });

  it.each<[string, Partial<IncidentFields>]>([
    ['the poles and the antimeridian', { latitude: -90, longitude: 180 }],
    ['no coordinates at all', { latitude: null, longitude: null }],
    ['a one-day range', { dateEnd: '2023-03-09' }],
    ['a leap day', { dateStart: '2024-02-29', dateEnd: null }],
    ['midnight and 23:59', { time: '00:00' }],
    ['23:59', { time: '23:59' }],
    ['zero fatalities', { fatalities: 0, injured: 0 }],
    ['200 tags', { tags: Array.from({ length: 200 }, (_, i) => `t${i}`) }],
    [
      'a custom event type with any sub-type',
      { eventType: 'Targeted killing', subEventType: 'Attack' },
    ],
    [
      'a custom event type with a free sub-type',
      { eventType: 'Night raid', subEventType: 'Door-to-door' },
    ],
    ['an ACLED type without sub-type', { eventType: 'Riots', subEventType: '' }],
  ])('accepts %s', (_name, patch) => {
    expect(validateRecord('incident', { ...valid, ...patch }).ok).toBe(true);
  });

  it('accepts every ACLED sub-type under its own type and refuses it under the others', () => {
    for (const type of acledEventTypes) {
      for (const sub of subEventTypesOf(type)) {
        for (const other of acledEventTypes) {
          const result = validateRecord('incident', {
            ...valid,
            eventType: other,
            subEventType: sub,
          });
          const belongs = (ACLED_EVENT_TYPES[other] as readonly string[]).includes(sub);
          expect(result.ok, `${other} / ${sub}`).toBe(belongs);
        }
      }
    }
  });

  it('stores trimmed text', () => {
    const result = validateRecord('incident', { ...valid, title: '  Attack on school  ' });
    expect(result.ok && result.value.title).toBe('Attack on school');
  });

  it('reports each broken field, not only the first', () => {
    const result = validateRecord('incident', {
      ...valid,
      title: '',
      latitude: 95,
      injured: -3,
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues).toEqual(
      expect.arrayContaining([
        { field: 'title', message: 'validation.titleRequired' },
        { field: 'latitude', message: 'validation.latitudeRange' },
        { field: 'injured', message: 'validation.negative' },
      ]),
    );
  });

  it('refuses values of the wrong type', () => {
    expect(validateRecord('incident', { ...valid, fatalities: '3' })).toEqual({
      ok: false,
      issues: [{ field: 'fatalities', message: 'validation.notANumber' }],
    });
    expect(validateRecord('incident', null).ok).toBe(false);
  });
});

describe('ACLED vocabulary', () => {
  it('has exactly the 6 event types and 25 sub-types', () => {
    expect(acledEventTypes).toHaveLength(6);
    const subTypes = acledEventTypes.flatMap((type) => subEventTypesOf(type));
    expect(subTypes).toHaveLength(25);
    expect(new Set(subTypes).size).toBe(25);
    expect(acledEventTypes).toEqual([
      'Battles',
      'Explosions/Remote violence',
      'Violence against civilians',
      'Protests',
      'Riots',
      'Strategic developments',
    ]);
  });

  it('recognises only its own types, not inherited object keys', () => {
    expect(isAcledEventType('Battles')).toBe(true);
    for (const name of [
      'battles',
      'Targeted killing',
      '',
      'constructor',
      'toString',
      '__proto__',
    ]) {
      expect(isAcledEventType(name), name).toBe(false);
      expect(subEventTypesOf(name), name).toEqual([]);
    }
  });
});

describe('conservativeFatalities', () => {
  const report = (count: number): FatalityReport => ({ count, sourceId: null, note: '' });

  it.each<[number[], number | null]>([
    [[], null],
    [[7], 7],
    [[12, 3, 9], 3],
    [[3, 12, 9], 3],
    [[9, 12, 3], 3],
    [[0, 5], 0],
    [[5, 0], 0],
    [[4, 4], 4],
  ])('of %j is %s', (counts, expected) => {
    expect(conservativeFatalities(counts.map(report))).toBe(expected);
  });
});
