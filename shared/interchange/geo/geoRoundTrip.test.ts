/**
 * Incidents → writeGeoJson → readGeoJson, and → writeKml → readKml, give back every carried
 * field exactly, for generated valid incidents with Dari text, quotes, `<`, `&`, markup-like
 * text, CDATA ends, line breaks and repeated spaces. Not carried (and so generated neutral):
 * fatality reports, actor record ids, status reasons, merges.
 */
import { parseXml, xmldomHtml } from '../../../test/helpers/xmldomParsers.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incidentSchema, type Incident, type IncidentFields } from '../../domain/incident.ts';
import {
  ACLED_EVENT_TYPES,
  ACTOR_ROLES,
  RECORD_STATUSES,
  type ActorRole,
} from '../../domain/vocabulary.ts';
import { suggestMapping } from '../columnMapping.ts';
import type { ImportPlan } from '../imported.ts';
import { createHtmlToText } from './htmlToText.ts';
import { inspectGeoJson, readGeoJson } from './readGeoJson.ts';
import { readKml } from './readKml.ts';
import { writeGeoJson, writeKml, xmlSafe } from './writeGeo.ts';

const htmlToText = createHtmlToText(xmldomHtml);

const PIECES = [
  'کابل',
  'ولسوالی',
  'ننگرهار',
  '\u200c',
  '٣',
  'a',
  'Z',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '"',
  "'",
  '<',
  '>',
  '&',
  '&amp;',
  '<b>',
  '</p>',
  '<!--',
  ']]>',
  '<![CDATA[',
  '😀',
];

const text = (maxLength: number) =>
  fc
    .array(fc.constantFrom(...PIECES), { maxLength: 12 })
    .map((p) => p.join('').slice(0, maxLength));
/** A short text as stored: trimmed (the schema trims). */
const shortText = text(120).map((t) => t.trim());
/** A list item: no `;` or `؛` (the list separators, as in the CSV export), not blank. */
const name = shortText.filter((t) => t !== '' && !/[;؛]/.test(t));
const title = shortText.filter((t) => t !== '');
const uniqueNames = fc.uniqueArray(name, { maxLength: 3 });

const isoDate = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const eventTypes = fc.oneof(
  fc.constant({ eventType: '', subEventType: '' }),
  fc
    .constantFrom(...Object.entries(ACLED_EVENT_TYPES))
    .chain(([type, subs]) =>
      fc.constantFrom('', ...subs).map((sub) => ({ eventType: type, subEventType: sub })),
    ),
  fc.constant({ eventType: 'Targeted killing', subEventType: 'Night raid' }),
);

const coordinates = fc.option(
  fc.record({
    latitude: fc.double({ min: -90, max: 90, noNaN: true }).map((v) => v + 0),
    longitude: fc.double({ min: -180, max: 180, noNaN: true }).map((v) => v + 0),
  }),
);

const actors = fc
  .tuple(...ACTOR_ROLES.map(() => uniqueNames))
  .map((lists) =>
    lists.flatMap((names, i) =>
      names.map((n) => ({ name: n, role: ACTOR_ROLES[i] as ActorRole, actorId: null })),
    ),
  );

const incidentFields: fc.Arbitrary<IncidentFields> = fc
  .record({
    title,
    dateStart: isoDate,
    days: fc.option(fc.integer({ min: 0, max: 400 })),
    time: fc.option(
      fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    ),
    timePrecision: fc.constantFrom(1, 2, 3),
    type: eventTypes,
    actors,
    placeName: shortText,
    district: shortText,
    province: shortText,
    country: shortText,
    coordinates,
    geoPrecision: fc.constantFrom(1, 2, 3),
    fatalities: fc.option(fc.nat({ max: 10_000_000 })),
    injured: fc.option(fc.nat({ max: 10_000_000 })),
    notes: text(2_000),
    tags: fc.uniqueArray(
      name.map((t) => t.slice(0, 80).trim()).filter((t) => t !== ''),
      {
        maxLength: 3,
      },
    ),
    status: fc.constantFrom(...RECORD_STATUSES),
    externalId: shortText,
  })
  .map(({ days, type, coordinates: c, ...rest }) => ({
    ...rest,
    ...type,
    dateEnd:
      days === null
        ? null
        : new Date(Date.parse(rest.dateStart) + days * 86_400_000).toISOString().slice(0, 10),
    latitude: c?.latitude ?? null,
    longitude: c?.longitude ?? null,
    fatalityReports: [],
    statusReason: '',
    mergedFrom: [],
  }))
  .filter((fields) => incidentSchema.safeParse(fields).success)
  .map((fields) => incidentSchema.parse(fields));

const incidents = fc
  .array(fc.tuple(incidentFields, uniqueNames), { minLength: 1, maxLength: 6 })
  .map((rows) =>
    rows.map(([fields, sources], i) => ({
      incident: { ...fields, id: `inc-${i}`, created: 'c', updated: 'u' } satisfies Incident,
      sources,
    })),
  );

function expectSame(plan: ImportPlan, rows: { incident: Incident; sources: string[] }[]) {
  expect(plan.problems).toEqual([]);
  expect(plan.incidents).toHaveLength(rows.length);
  rows.forEach(({ incident, sources }, i) => {
    const { id: _id, created: _c, updated: _u, ...fields } = incident;
    expect(plan.incidents[i]!.fields).toEqual(fields);
    expect(plan.incidents[i]!.sourceNames).toEqual(sources);
  });
}

describe('round trips', () => {
  it('GeoJSON: every carried field comes back', async () => {
    await fc.assert(
      fc.asyncProperty(incidents, async (rows) => {
        const sourcesOf = (id: string) => rows.find((r) => r.incident.id === id)!.sources;
        const file = new Blob(
          writeGeoJson(
            rows.map((r) => r.incident),
            sourcesOf,
          ),
        );
        const { suggested } = await inspectGeoJson(file);
        expectSame(await readGeoJson(file, suggested), rows);
      }),
      { numRuns: 60 },
    );
  });

  it('KML: every carried field comes back', async () => {
    await fc.assert(
      fc.asyncProperty(incidents, async (rows) => {
        const sourcesOf = (id: string) => rows.find((r) => r.incident.id === id)!.sources;
        const file = new Blob(
          writeKml(
            rows.map((r) => r.incident),
            sourcesOf,
          ),
        );
        const plan = await readKml(file, { parseXml, htmlToText });
        expect(plan.format).toBe('kml');
        expectSame(plan, rows);
      }),
      { numRuns: 60 },
    );
  });
});

const sample: Incident = {
  id: 'inc-1',
  created: 'c',
  updated: 'u',
  title: 'Attack on "Kabul" <market> & bazaar',
  dateStart: '2024-03-05',
  dateEnd: null,
  time: '10:20',
  timePrecision: 1,
  eventType: 'Violence against civilians',
  subEventType: 'Attack',
  actors: [{ name: 'Unknown gunmen', role: 'actor1', actorId: null }],
  placeName: 'Shahr-e Naw',
  district: 'District 10',
  province: 'Kabul',
  country: 'Afghanistan',
  latitude: 34.5281,
  longitude: 69.1723,
  geoPrecision: 1,
  fatalities: 3,
  fatalityReports: [],
  injured: null,
  notes: 'Line one\nسه تن کشته شدند\u0001',
  tags: ['market', 'کابل'],
  status: 'submitted',
  statusReason: '',
  externalId: 'AFG123',
  mergedFrom: [],
};

describe('writers', () => {
  it('GeoJSON: a FeatureCollection of Points, null geometry without coordinates', () => {
    const unplaced = { ...sample, id: 'inc-2', latitude: null, longitude: null };
    const collection = JSON.parse(writeGeoJson([sample, unplaced], () => ['Pajhwok']).join(''));
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features[0].geometry).toEqual({
      type: 'Point',
      coordinates: [69.1723, 34.5281],
    });
    expect(collection.features[1].geometry).toBeNull();
    expect(collection.features[0].properties).toMatchObject({
      title: sample.title,
      actor1: 'Unknown gunmen',
      tags: 'market; کابل',
      sourceNames: 'Pajhwok',
      fatalities: 3,
      injured: null,
    });
    expect(suggestMapping(Object.keys(collection.features[0].properties))).toMatchObject({
      title: 'title',
      dateStart: 'dateStart',
      sourceNames: 'sourceNames',
    });
  });

  it('KML: valid XML, escaped text, time, point and forbidden characters left out', () => {
    const xml = writeKml(
      [sample, { ...sample, id: 'inc-2', dateEnd: '2024-03-07' }],
      () => [],
    ).join('');
    expect(() => parseXml(xml)).not.toThrow();
    expect(xml).toContain('<name>Attack on "Kabul" &lt;market&gt; &amp; bazaar</name>');
    expect(xml).toContain('<description>Line one&lt;br&gt;سه تن کشته شدند</description>');
    expect(xml).toContain('<TimeStamp><when>2024-03-05T10:20:00</when></TimeStamp>');
    expect(xml).toContain(
      '<TimeSpan><begin>2024-03-05T10:20:00</begin><end>2024-03-07</end></TimeSpan>',
    );
    expect(xml).toContain('<Point><coordinates>69.1723,34.5281</coordinates></Point>');
    expect(xml).toContain('<Data name="fatalities"><value>3</value></Data>');
    expect(xml).not.toContain('\u0001');
    expect(xmlSafe('a\u0000b\uFFFEc\uD800d\u{1F600}\t\n\r')).toBe('abcd\u{1F600}\t\n\r');
  });
});
