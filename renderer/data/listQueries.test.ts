import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { DaftarData } from './daftarData.ts';
import { testSealer } from '../../test/helpers/testSealer.ts';

let data: DaftarData;

beforeEach(async () => {
  let n = 0;
  data = await DaftarData.open({
    sealer: testSealer(),
    name: `lists-${Math.random()}`,
    newId: () => `i${++n}`,
  });
  for (const [date, fatalities] of [
    ['2024-03-01', 4],
    ['2022-01-15', null],
    ['2025-07-30', 0],
    ['2023-11-02', 12],
  ] as const) {
    await data.create('incident', { ...emptyIncident(date), title: `On ${date}`, fatalities });
  }
});
afterEach(() => data.close());

describe('list queries', () => {
  it('gives the first screen of records in the same order as the full list of ids', async () => {
    const ids = await data.incidentIds('dateStart', 'desc');
    expect(ids).toHaveLength(4);
    const first = await data.firstIncidents('dateStart', 'desc', 2);
    expect(first.map((i) => i.id)).toEqual(ids.slice(0, 2));
    expect(first.map((i) => i.dateStart)).toEqual(['2025-07-30', '2024-03-01']);
  });

  it('orders by fatalities with unknown figures still listed', async () => {
    const asc = await data.firstIncidents('fatalities', 'asc', 10);
    expect(asc.map((i) => i.fatalities)).toEqual([null, 0, 4, 12]);
    expect(await data.incidentIds('fatalities', 'desc')).toEqual(asc.map((i) => i.id).reverse());
  });
});
