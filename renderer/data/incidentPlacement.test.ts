/** The list and the map read the same filter: event types kept, incidents without coordinates apart. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyIncident, type IncidentFields } from '../../shared/domain/incident.ts';
import { DaftarData } from './daftarData.ts';
import { NO_FILTER } from './incidentFilter.ts';
import { testSealer } from '../../test/helpers/testSealer.ts';

let data: DaftarData;

const incidents: [string, Partial<IncidentFields>][] = [
  ['Clash in Kunduz', { eventType: 'Battles', latitude: 36.73, longitude: 68.86 }],
  ['Strike in Kabul', { eventType: 'Explosions/Remote violence', latitude: 34.5, longitude: 69.2 }],
  ['Protest, place unknown', { eventType: 'Protests' }],
  ['Untyped, in Herat', { latitude: 34.35, longitude: 62.2 }],
  ['Battle, no coordinates', { eventType: 'Battles', placeName: 'Somewhere' }],
];

beforeEach(async () => {
  let n = 0;
  data = await DaftarData.open({
    sealer: testSealer(),
    name: `placement-${Math.random()}`,
    newId: () => `i${++n}`,
  });
  for (const [title, patch] of incidents) {
    await data.create('incident', { ...emptyIncident('2024-05-01'), title, ...patch });
  }
});
afterEach(() => data.close());

describe('incident placement and the event-type filter', () => {
  it('puts incidents with coordinates on the map and lists the others apart', async () => {
    const { points, unplaced } = await data.incidentPlacement();
    expect(points.map((p) => p.title).sort()).toEqual([
      'Clash in Kunduz',
      'Strike in Kabul',
      'Untyped, in Herat',
    ]);
    expect(points.find((p) => p.id === 'i1')).toMatchObject({ latitude: 36.73, longitude: 68.86 });
    expect(unplaced.map((p) => p.title).sort()).toEqual([
      'Battle, no coordinates',
      'Protest, place unknown',
    ]);
  });

  it('keeps only the chosen event types, on the map and in the list alike', async () => {
    const filter = { ...NO_FILTER, eventTypes: ['Battles', ''] };
    const { points, unplaced } = await data.incidentPlacement(filter);
    expect(points.map((p) => p.id).sort()).toEqual(['i1', 'i4']);
    expect(unplaced.map((p) => p.id)).toEqual(['i5']);
    const listed = await data.incidentIds('dateStart', 'desc', filter);
    expect(listed.sort()).toEqual(['i1', 'i4', 'i5']);
    const first = await data.firstIncidents('dateStart', 'desc', 2, filter);
    expect(first).toHaveLength(2);
    expect(first.every((i) => filter.eventTypes.includes(i.eventType))).toBe(true);
    expect(await data.incidentIds('dateStart', 'desc', { ...NO_FILTER, eventTypes: [] })).toEqual(
      [],
    );
  });

  it('keeps only the chosen review statuses, with the event types, legacy "unverified" as submitted', async () => {
    await data.review.setStatus('incident', 'i1', 'submitted', '');
    await data.review.setStatus('incident', 'i5', 'submitted', '');
    await data.review.setStatus('incident', 'i5', 'disputed', 'Two sources disagree on the day');
    await data.update('incident', 'i3', { status: 'unverified' });
    const submitted = { ...NO_FILTER, statuses: ['submitted' as const] };
    expect((await data.incidentIds('dateStart', 'desc', submitted)).sort()).toEqual(['i1', 'i3']);
    const first = await data.firstIncidents('updated', 'desc', 10, submitted);
    expect(first.map((i) => i.id).sort()).toEqual(['i1', 'i3']);
    const placement = await data.incidentPlacement(submitted);
    expect(placement.points.map((p) => p.id)).toEqual(['i1']);
    expect(placement.unplaced.map((p) => p.id)).toEqual(['i3']);
    const battlesInDispute = {
      ...NO_FILTER,
      eventTypes: ['Battles'],
      statuses: ['disputed' as const],
    };
    expect(await data.incidentIds('dateStart', 'desc', battlesInDispute)).toEqual(['i5']);
    expect(await data.incidentIds('dateStart', 'desc', NO_FILTER)).toHaveLength(5);
  });

  it('knows which event types are in use, "no type" included', async () => {
    expect((await data.eventTypesInUse()).sort()).toEqual([
      '',
      'Battles',
      'Explosions/Remote violence',
      'Protests',
    ]);
  });
});
