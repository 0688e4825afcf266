import { describe, expect, it } from 'vitest';
import {
  columnsNotKept,
  detectAcled,
  incidentFromValues,
  suggestMapping,
  type ColumnMapping,
  type RowResult,
} from './columnMapping.ts';

const ACLED_CURRENT =
  'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp'.split(
    ',',
  );
const ACLED_LEGACY =
  ',actor1,actor2,admin1,admin2,admin3,ally_actor_1,ally_actor_2,country,data_id,event_date,event_id_cnty,event_id_no_cnty,event_type,fatalities,geo_precision,gwno,inter1,inter2,interaction,latitude,location,longitude,notes,source,time_precision,year'.split(
    ',',
  );

const at = { line: 7 };

function incident(result: RowResult) {
  if ('problem' in result) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
  return result.incident;
}
function problem(result: RowResult) {
  if ('incident' in result) throw new Error('accepted');
  return result.problem;
}

describe('suggestMapping', () => {
  it('maps every ACLED current column Daftar keeps', () => {
    expect(suggestMapping(ACLED_CURRENT)).toEqual({
      externalId: 'event_id_cnty',
      dateStart: 'event_date',
      timePrecision: 'time_precision',
      eventType: 'event_type',
      subEventType: 'sub_event_type',
      actor1: 'actor1',
      associated: 'assoc_actor_1',
      actor2: 'actor2',
      associated2: 'assoc_actor_2',
      country: 'country',
      province: 'admin1',
      district: 'admin2',
      placeName: 'location',
      latitude: 'latitude',
      longitude: 'longitude',
      geoPrecision: 'geo_precision',
      sourceNames: 'source',
      notes: 'notes',
      fatalities: 'fatalities',
      tags: 'tags',
    } satisfies ColumnMapping);
  });

  it('maps the 2016 ally_actor columns as associated actors and skips the unnamed index', () => {
    const mapping = suggestMapping(ACLED_LEGACY);
    expect(mapping.associated).toBe('ally_actor_1');
    expect(mapping.associated2).toBe('ally_actor_2');
    expect(Object.values(mapping)).not.toContain('');
    expect(columnsNotKept(ACLED_LEGACY, mapping)).toEqual([
      '#1',
      'admin3',
      'data_id',
      'event_id_no_cnty',
      'gwno',
      'inter1',
      'inter2',
      'interaction',
      'year',
    ]);
  });

  it('ignores case, spaces, underscores and a byte-order mark, and knows common names', () => {
    expect(
      suggestMapping(['\uFEFFName', 'Date', 'LAT', 'lng', 'Description', 'Admin 1', 'ADMIN_2']),
    ).toEqual({
      // The mapping names the column as given, so it finds the row's values under that name.
      title: '\uFEFFName',
      dateStart: 'Date',
      latitude: 'LAT',
      longitude: 'lng',
      notes: 'Description',
      province: 'Admin 1',
      district: 'ADMIN_2',
    });
    expect(suggestMapping(['x', 'y'])).toEqual({ latitude: 'y', longitude: 'x' });
    expect(suggestMapping(['عنوان', 'تاريخ', 'ولايت'])).toEqual({
      title: 'عنوان',
      dateStart: 'تاريخ',
      province: 'ولايت',
    });
  });

  it('prefers Daftar’s own names when a plain export has both id and externalId', () => {
    const mapping = suggestMapping(['id', 'title', 'dateStart', 'externalId']);
    expect(mapping.externalId).toBe('externalId');
    expect(columnsNotKept(['id', 'title', 'dateStart', 'externalId'], mapping)).toEqual(['id']);
  });
});

describe('detectAcled', () => {
  it('tells the current and the 2016 column sets apart, and other files from both', () => {
    expect(detectAcled(ACLED_CURRENT)).toBe('acled-current');
    expect(detectAcled(ACLED_LEGACY)).toBe('acled-legacy');
    expect(detectAcled(ACLED_CURRENT.map((h) => h.toUpperCase()))).toBe('acled-current');
    expect(detectAcled(['title', 'date', 'latitude', 'longitude'])).toBeNull();
  });
});

describe('incidentFromValues', () => {
  const mapping: ColumnMapping = {
    title: 'T',
    dateStart: 'D',
    eventType: 'E',
    subEventType: 'S',
    actor1: 'A1',
    latitude: 'LAT',
    longitude: 'LON',
    fatalities: 'F',
    placeName: 'P',
    province: 'PR',
    tags: 'TG',
    sourceNames: 'SRC',
    status: 'ST',
    time: 'TM',
  };
  const row = (values: Record<string, string>) => incidentFromValues(values, mapping, at);

  it('builds complete fields with defaults and Persian digits', () => {
    const result = incident(
      row({
        T: ' Attack on market ',
        D: '۱۴۰۳-۰۱-۰۱',
        E: 'battles',
        S: 'ARMED CLASH',
        A1: 'Taliban; ISKP;Taliban',
        LAT: '۳۶٫۷۲',
        LON: '68.86',
        F: '۱۲',
        TG: 'market; market;  civilians ',
        SRC: 'Pajhwok; TOLOnews',
        TM: '7:05',
      }),
    );
    expect(result.at).toEqual(at);
    expect(result.fields).toMatchObject({
      title: 'Attack on market',
      dateStart: '2024-03-20',
      eventType: 'Battles',
      subEventType: 'Armed clash',
      latitude: 36.72,
      longitude: 68.86,
      fatalities: 12,
      tags: ['market', 'civilians'],
      time: '07:05',
      status: 'draft',
      timePrecision: 1,
      geoPrecision: 1,
      injured: null,
      dateEnd: null,
    });
    expect(result.fields.actors).toEqual([
      { name: 'Taliban', role: 'actor1', actorId: null },
      { name: 'ISKP', role: 'actor1', actorId: null },
    ]);
    expect(result.sourceNames).toEqual(['Pajhwok', 'TOLOnews']);
    expect(result.remarks).toEqual([
      { key: 'interchange.remark.solarHijri', params: { value: '۱۴۰۳-۰۱-۰۱', date: '2024-03-20' } },
    ]);
  });

  it('reads the written date forms ACLED files have used', () => {
    for (const [text, iso] of [
      ['2016-07-02', '2016-07-02'],
      ['02 July 2016', '2016-07-02'],
      ['2 july 2016', '2016-07-02'],
      ['02-Jul-2016', '2016-07-02'],
      ['July 2, 2016', '2016-07-02'],
      ['2016-07-02T00:00:00Z', '2016-07-02'],
      ['2016/7/2', '2016-07-02'],
    ]) {
      expect(incident(row({ T: 'x', D: text! })).fields.dateStart).toBe(iso);
    }
  });

  it('refuses a date it would have to guess, naming the field, column and value', () => {
    expect(problem(row({ T: 'x', D: '03/04/2016' }))).toEqual({
      key: 'interchange.row.ambiguousDate',
      at,
      params: { field: 'dateStart', column: 'D' },
      detail: '03/04/2016',
    });
    expect(problem(row({ T: 'x', D: '2016-02-30' })).key).toBe('interchange.row.badDate');
    expect(problem(row({ T: 'x', D: '' })).key).toBe('interchange.row.dateMissing');
  });

  it('refuses values the schema refuses, with the schema’s reason', () => {
    expect(problem(row({ T: 'x', D: '2016-07-02', LAT: '95', LON: '1' }))).toEqual({
      key: 'interchange.row.invalid',
      at,
      params: {
        field: 'latitude',
        column: 'LAT',
        reason: 'validation.latitudeRange',
        path: 'latitude',
      },
      detail: '95',
    });
    expect(problem(row({ T: 'x', D: '2016-07-02', LAT: '34' })).params).toMatchObject({
      field: 'longitude',
      reason: 'validation.coordinatePair',
    });
    expect(problem(row({ T: 'x', D: '2016-07-02', F: 'many' }))).toMatchObject({
      key: 'interchange.row.badNumber',
      detail: 'many',
    });
    expect(problem(row({ T: 'x', D: '2016-07-02', F: '2.5' })).params).toMatchObject({
      reason: 'validation.wholeNumber',
    });
    expect(problem(row({ T: 'x', D: '2016-07-02', ST: 'approved' }))).toMatchObject({
      key: 'interchange.row.badChoice',
      params: { field: 'status', choices: expect.stringContaining('verified') },
    });
    expect(
      problem(row({ T: 'x', D: '2016-07-02', E: 'Battles', S: 'Grenade' })).params,
    ).toMatchObject({ field: 'subEventType', reason: 'validation.subTypeMismatch' });
    expect(problem(row({ T: 'x', D: '2016-07-02', A1: 'a'.repeat(301) })).params).toMatchObject({
      field: 'actor1',
      reason: 'validation.tooLong',
    });
    expect(problem(row({ T: 'x', D: '2016-07-02', TM: '25:00' })).key).toBe(
      'interchange.row.badTime',
    );
  });

  it('makes a title from what happened and where, and says so', () => {
    const made = incident(
      row({ D: '2016-07-02', E: 'Battles', S: 'Armed clash', P: '', PR: 'Kunduz' }),
    );
    expect(made.fields.title).toBe('Armed clash — Kunduz');
    expect(made.remarks).toContainEqual({
      key: 'interchange.remark.titleMade',
      params: { title: 'Armed clash — Kunduz' },
    });
    expect(incident(row({ D: '2016-07-02' })).fields.title).toBe('Incident — 2016-07-02');
  });

  it('translates 2016 ACLED event types, leaving an ambiguous sub-type blank with a remark', () => {
    const legacy = (type: string, extra: Record<string, string> = {}) =>
      incident(
        incidentFromValues(
          { D: '2016-07-02', E: type, ...extra },
          { dateStart: 'D', eventType: 'E' },
          at,
        ),
      );
    expect(legacy('Battle-No change of territory').fields).toMatchObject({
      eventType: 'Battles',
      subEventType: 'Armed clash',
    });
    expect(legacy('Battle-No change of territory').remarks).toEqual([
      expect.objectContaining({ key: 'interchange.remark.titleMade' }),
    ]);
    const remote = legacy('Remote violence');
    expect(remote.fields).toMatchObject({
      eventType: 'Explosions/Remote violence',
      subEventType: '',
    });
    expect(remote.remarks[0]).toEqual({
      key: 'interchange.remark.legacyType',
      params: { legacy: 'Remote violence', type: 'Explosions/Remote violence' },
    });
    expect(legacy('Riots/Protests', { inter1: '5' }).fields.eventType).toBe('Riots');
    expect(legacy('Riots/Protests', { inter1: '1', inter2: '6' }).fields.eventType).toBe(
      'Protests',
    );
    const unknown = legacy('Riots/Protests');
    expect(unknown.fields.eventType).toBe('');
    expect(unknown.remarks[0]!.key).toBe('interchange.remark.riotOrProtest');
    expect(legacy('Non-violent transfer of territory').fields).toMatchObject({
      eventType: 'Strategic developments',
      subEventType: 'Non-violent transfer of territory',
    });
    expect(legacy('Checkpoint extortion').fields.eventType).toBe('Checkpoint extortion');
  });
});
