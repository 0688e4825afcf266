import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { RECORD_STATUSES } from '../../shared/domain/vocabulary.ts';
import { DaftarData } from '../data/daftarData.ts';
import { NO_FILTER } from '../data/incidentFilter.ts';
import { FindEngine } from './findEngine.ts';
import type { FindSort } from './findTypes.ts';
import { testSealer } from '../../test/helpers/testSealer.ts';

/**
 * The engine's orders against IndexedDB's own (fake-indexeddb through the real data layer): the
 * list shows the same order whether the engine or the database answers it.
 */
let data: DaftarData;
let engine: FindEngine;

beforeEach(async () => {
  let n = 0;
  // Ids in an order unrelated to creation, so ties by id are visible.
  data = await DaftarData.open({
    sealer: testSealer(),
    name: `find-orders-${Math.random()}`,
    newId: () => `id-${((++n * 7919) % 1000).toString().padStart(3, '0')}`,
  });
  const dates = ['2024-03-01', '2022-01-15', '2024-03-01', '2023-11-02', '2022-01-15'];
  const types = ['Battles', '', 'Protests', 'Battles', 'Riots'];
  for (let i = 0; i < 30; i++) {
    await data.create('incident', {
      ...emptyIncident(dates[i % dates.length]!),
      title: `Incident ${i}`,
      eventType: types[i % types.length]!,
      fatalities: i % 4 === 0 ? null : i % 3,
      status: RECORD_STATUSES[i % RECORD_STATUSES.length]!,
    });
  }
  engine = new FindEngine();
  engine.apply(
    (await data.all('incident')).map((record) => ({ kind: 'incident', id: record.id, record })),
  );
});
afterEach(() => data.close());

describe('find engine orders', () => {
  const sorts: FindSort[] = (
    ['dateStart', 'updated', 'eventType', 'status', 'fatalities', 'relevance'] as const
  ).flatMap((by) => (['asc', 'desc'] as const).map((direction) => ({ by, direction })));

  it.each(sorts)('equal IndexedDB orderBy for $by $direction', async (sort) => {
    expect(engine.incidents(NO_FILTER, sort).ids).toEqual(
      await data.incidentIds(sort.by, sort.direction),
    );
  });

  it('equal the database with the indexed filters, and keep equal as incidents change', async () => {
    const filter = { ...NO_FILTER, eventTypes: ['Battles', ''], statuses: ['submitted' as const] };
    for (const sort of sorts) {
      expect(engine.incidents(filter, sort).ids).toEqual(
        await data.incidentIds(sort.by, sort.direction, filter),
      );
    }
    // A few edits patch the engine's ready orders instead of rebuilding them.
    const ids = await data.incidentIds('dateStart', 'asc');
    for (const [k, id] of ids.slice(0, 5).entries()) {
      await data.write([
        {
          type: 'update',
          kind: 'incident',
          id,
          fields: { fatalities: 7 - k, dateStart: '2021-06-0' + (k + 1) },
        },
      ]);
      const record = (await data.get('incident', id))!;
      engine.apply([{ kind: 'incident', id, record }]);
    }
    for (const sort of sorts) {
      expect(engine.incidents(NO_FILTER, sort).ids).toEqual(
        await data.incidentIds(sort.by, sort.direction),
      );
    }
  });

  it('place incidents as the database does', async () => {
    const filter = { ...NO_FILTER, statuses: ['draft' as const, 'verified' as const] };
    expect(engine.placement(filter)).toEqual(await data.incidentPlacement(filter));
  });
});
