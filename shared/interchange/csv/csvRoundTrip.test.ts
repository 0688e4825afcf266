import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Incident, IncidentActor, IncidentFields } from '../../domain/incident.ts';
import { validateRecord } from '../../domain/records.ts';
import { ACLED_EVENT_TYPES, ACTOR_ROLES, RECORD_STATUSES } from '../../domain/vocabulary.ts';
import { inspectCsv, readCsv } from './readCsv.ts';
import { writeAcledCsv, writePlainCsv } from './writeCsv.ts';

// Characters that stress a CSV round trip: Dari letters and digits, quotes, delimiters, line
// breaks, formula starters and the guard's own apostrophe.
const TEXT_UNITS = [
  'a',
  'Z',
  ' ',
  'ب',
  'ی',
  'ک',
  '۳',
  '"',
  ',',
  '\n',
  '\r\n',
  '=',
  '+',
  '-',
  '@',
  "'",
  '1',
  '.',
  '\t',
  '«',
];
const text = (maxLength: number) => fc.string({ unit: fc.constantFrom(...TEXT_UNITS), maxLength });
const notes = fc.string({ unit: fc.constantFrom(...TEXT_UNITS, ';', '؛', '\r'), maxLength: 120 });
const trimmed = (maxLength: number) => text(maxLength).map((s) => s.trim());
/** A list item: never blank, never holding the list separator. */
const item = trimmed(16).filter((s) => s !== '');

const eventTypes: [string, string][] = [
  ['', ''],
  ['Checkpoint', ''],
  ['Checkpoint', 'Toll'],
  ...Object.entries(ACLED_EVENT_TYPES).flatMap(([type, subs]) => [
    [type, ''] as [string, string],
    ...subs.map((sub) => [type, sub] as [string, string]),
  ]),
];

const isoDay = (day: number) =>
  new Date(Date.UTC(1990, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
const noNegativeZero = (n: number) => (Object.is(n, -0) ? 0 : n);

const incidentArb: fc.Arbitrary<Incident> = fc
  .record({
    id: fc.uuid(),
    title: trimmed(30).filter((s) => s !== ''),
    start: fc.integer({ min: 0, max: 15_000 }),
    length: fc.option(fc.integer({ min: 0, max: 60 })),
    time: fc.option(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))),
    timePrecision: fc.constantFrom(1, 2, 3),
    type: fc.constantFrom(...eventTypes),
    actors: fc.tuple(...ACTOR_ROLES.map(() => fc.uniqueArray(item, { maxLength: 3 }))),
    actorId: fc.option(fc.uuid()),
    places: fc.tuple(trimmed(20), trimmed(20), trimmed(20), trimmed(20)),
    point: fc.option(
      fc.tuple(
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
      ),
    ),
    geoPrecision: fc.constantFrom(1, 2, 3),
    fatalities: fc.option(fc.integer({ min: 0, max: 10_000_000 })),
    injured: fc.option(fc.integer({ min: 0, max: 10_000 })),
    notes,
    tags: fc.uniqueArray(item, { maxLength: 4 }),
    status: fc.constantFrom(...RECORD_STATUSES),
    statusReason: trimmed(20),
    externalId: trimmed(20),
  })
  .map((r) => {
    const fields: IncidentFields = {
      title: r.title,
      dateStart: isoDay(r.start),
      dateEnd: r.length === null ? null : isoDay(r.start + r.length),
      time: r.time && `${String(r.time[0]).padStart(2, '0')}:${String(r.time[1]).padStart(2, '0')}`,
      timePrecision: r.timePrecision,
      eventType: r.type[0],
      subEventType: r.type[1],
      actors: ACTOR_ROLES.flatMap((role, i) =>
        r.actors[i]!.map((name): IncidentActor => ({ name, role, actorId: r.actorId })),
      ),
      placeName: r.places[0],
      district: r.places[1],
      province: r.places[2],
      country: r.places[3],
      latitude: r.point && noNegativeZero(r.point[0]),
      longitude: r.point && noNegativeZero(r.point[1]),
      geoPrecision: r.geoPrecision,
      fatalities: r.fatalities,
      fatalityReports:
        r.fatalities === null ? [] : [{ count: r.fatalities, sourceId: null, note: 'x' }],
      injured: r.injured,
      notes: r.notes,
      tags: r.tags,
      status: r.status,
      statusReason: r.statusReason,
      externalId: r.externalId,
      mergedFrom: [],
    };
    const checked = validateRecord('incident', fields);
    if (!checked.ok)
      throw new Error(`generator made an invalid incident: ${JSON.stringify(checked.issues)}`);
    return { ...checked.value, id: r.id, created: 'c', updated: 'u' };
  });

const sourcesArb = fc.uniqueArray(item, { maxLength: 3 });
const batchArb = fc.array(fc.tuple(incidentArb, sourcesArb), { minLength: 1, maxLength: 6 });

async function readBack(chunks: string[], sliceBytes: number) {
  const file = new Blob(chunks);
  const preview = await inspectCsv(file);
  const plan = await readCsv(file, preview.suggested, { limits: { sliceBytes } });
  expect(plan.problems).toEqual([]);
  return { preview, plan };
}

describe('CSV round trips', () => {
  it('plain CSV: every carried field comes back equal', async () => {
    await fc.assert(
      fc.asyncProperty(batchArb, fc.integer({ min: 7, max: 5_000 }), async (batch, sliceBytes) => {
        const sources = new Map(batch.map(([incident, names]) => [incident.id, names]));
        const chunks = writePlainCsv(
          batch.map(([incident]) => incident),
          (id) => sources.get(id)!,
        );
        const { preview, plan } = await readBack(chunks, sliceBytes);
        expect(preview.acled).toBeNull();
        expect(plan.remarks).toEqual([
          {
            key: 'interchange.remark.columnsNotKept',
            params: { columns: 'id, statusReason', count: 2 },
          },
        ]);
        expect(plan.incidents).toHaveLength(batch.length);
        batch.forEach(([{ id: _id, created: _c, updated: _u, ...fields }, names], i) => {
          const back = plan.incidents[i]!;
          // Not carried: actor record ids, fatality reports, the status reason, merges.
          expect(back.fields).toEqual({
            ...fields,
            actors: fields.actors.map((actor) => ({ ...actor, actorId: null })),
            fatalityReports: [],
            statusReason: '',
            mergedFrom: [],
          });
          expect(back.sourceNames).toEqual(names);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('ACLED CSV: ACLED’s fields come back equal', async () => {
    await fc.assert(
      fc.asyncProperty(batchArb, fc.integer({ min: 7, max: 5_000 }), async (batch, sliceBytes) => {
        const sources = new Map(batch.map(([incident, names]) => [incident.id, names]));
        const chunks = writeAcledCsv(
          batch.map(([incident]) => incident),
          (id) => sources.get(id)!,
        );
        const { preview, plan } = await readBack(chunks, sliceBytes);
        expect(preview.acled).toBe('acled-current');
        expect(plan.format).toBe('acled-csv');
        batch.forEach(([incident, names], i) => {
          const back = plan.incidents[i]!;
          const first = (role: string) =>
            incident.actors.filter((a) => a.role === role).slice(0, 1);
          expect(back.fields).toMatchObject({
            externalId: incident.externalId,
            dateStart: incident.dateStart,
            timePrecision: incident.timePrecision,
            eventType: incident.eventType,
            subEventType: incident.subEventType,
            placeName: incident.placeName,
            district: incident.district,
            province: incident.province,
            country: incident.country,
            latitude: incident.latitude,
            longitude: incident.longitude,
            geoPrecision: incident.geoPrecision,
            fatalities: incident.fatalities,
            notes: incident.notes,
            tags: incident.tags,
            // What ACLED has no column for comes back empty.
            dateEnd: null,
            time: null,
            injured: null,
            status: 'draft',
          });
          expect(back.fields.actors).toEqual(
            [
              ...first('actor1'),
              ...first('actor2'),
              ...incident.actors.filter((a) => a.role === 'associated'),
            ].map((actor) => ({ ...actor, actorId: null })),
          );
          expect(back.sourceNames).toEqual(names);
        });
      }),
      { numRuns: 150 },
    );
  });
});
