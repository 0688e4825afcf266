import { describe, expect, it } from 'vitest';
import { emptyIncident, type IncidentFields } from '../domain/incident.ts';
import {
  DEFAULT_THRESHOLD,
  DuplicateSearchCancelled,
  findDuplicateCandidates,
  pairKey,
  type DuplicateInput,
} from './findDuplicateCandidates.ts';

const KABUL = { latitude: 34.5553, longitude: 69.2075 };
const kmNorth = (km: number) => KABUL.latitude + km / 111.195;

let nextId = 0;
/** A killing in Kabul on 14 May 2024 as one researcher recorded it, with `patch` applied. */
function incident(patch: Partial<IncidentFields> = {}): DuplicateInput {
  const fields: IncidentFields = {
    ...emptyIncident('2024-05-14'),
    title: 'Former soldier killed',
    eventType: 'Violence against civilians',
    subEventType: 'Attack',
    ...KABUL,
    province: 'Kabul',
    district: 'Paghman',
    actors: [
      { name: 'Unidentified Armed Group (Afghanistan)', role: 'actor1', actorId: null },
      { name: 'Civilians (Afghanistan) — former ANDSF', role: 'actor2', actorId: null },
    ],
    notes:
      'Gunmen shot Abdul Qadir Sediqi, a former army officer, outside his home in Qala-e-Naw ' +
      'village late on Tuesday. His family said he held an amnesty letter.',
    fatalities: 1,
    ...patch,
  };
  return { ...fields, id: `i${++nextId}` };
}

/** The second researcher's record of the same event. */
const sameEventRetold = (patch: Partial<IncidentFields> = {}) =>
  incident({
    actors: [
      { name: 'Civilians — former ANDSF', role: 'actor2', actorId: null },
      { name: 'Unidentified Armed Group', role: 'actor1', actorId: null },
    ],
    notes: 'Gunmen shot Abdul Qadir Sediqi, a former army officer, outside his home.',
    latitude: kmNorth(1.2),
    ...patch,
  });

const search = (incidents: DuplicateInput[], options = {}) =>
  findDuplicateCandidates(incidents, options, { pause: () => Promise.resolve() });

describe('duplicate candidates', () => {
  it('pair two records of one event, with every reason that speaks for it', async () => {
    const a = incident();
    const b = sameEventRetold();
    const { pairs, compared } = await search([a, b]);
    expect(compared).toBe(1);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.score).toBeGreaterThan(DEFAULT_THRESHOLD);
    expect(pairs[0]!.reasons.map((r) => [r.key, r.params, r.supports])).toEqual([
      ['sameDay', {}, true],
      ['placeWithin', { km: 1.2, limitKm: 5 }, true],
      ['sameSubType', { subType: 'Attack' }, true],
      [
        'actorsShared',
        {
          names: 'Unidentified Armed Group (Afghanistan); Civilians (Afghanistan) — former ANDSF',
          percent: 100,
        },
        true,
      ],
      ['notesSimilar', { percent: 100 }, true],
      ['sameFatalities', { count: 1 }, true],
    ]);
  });

  it('say what speaks against a pair, and score it lower', async () => {
    const a = incident();
    const b = sameEventRetold({
      dateStart: '2024-05-15',
      subEventType: 'Abduction/forced disappearance',
      fatalities: 4,
    });
    const { pairs } = await search([a, b], { threshold: 0 });
    const reasons = Object.fromEntries(pairs[0]!.reasons.map((r) => [r.key, r]));
    expect(reasons.oneDayApart).toMatchObject({ supports: true });
    expect(reasons.subTypeDiffers).toMatchObject({
      params: { a: 'Attack', b: 'Abduction/forced disappearance' },
      supports: false,
    });
    expect(reasons.fatalitiesDiffer).toMatchObject({ params: { a: 1, b: 4 }, supports: false });
    const same = (await search([incident(), sameEventRetold()])).pairs[0]!;
    expect(pairs[0]!.score).toBeLessThan(same.score);
  });

  it('name shared fatality figures and close ones', async () => {
    const reported = (count: number) => ({ count, sourceId: null, note: '' });
    const shared = await search(
      [
        incident({ fatalities: 2, fatalityReports: [reported(2), reported(5)] }),
        sameEventRetold({ fatalities: 5, fatalityReports: [reported(5)] }),
      ],
      { threshold: 0 },
    );
    expect(shared.pairs[0]!.reasons.at(-1)).toMatchObject({
      key: 'sharedFatalityFigure',
      params: { count: 5 },
    });
    const close = await search(
      [incident({ fatalities: 10 }), sameEventRetold({ fatalities: 12 })],
      {
        threshold: 0,
      },
    );
    expect(close.pairs[0]!.reasons.at(-1)).toMatchObject({ key: 'similarFatalities' });
  });

  it('keep places to their precision: 5 km exact, 25 km near, the province for a region', async () => {
    const at = (km: number, geoPrecision: 1 | 2 | 3 = 1) =>
      sameEventRetold({ latitude: kmNorth(km), geoPrecision });
    const found = async (b: DuplicateInput) =>
      (await search([incident(), b], { threshold: 0 })).pairs.length;
    expect(await found(at(4.9))).toBe(1);
    expect(await found(at(5.1))).toBe(0);
    expect(await found(at(24.9, 2))).toBe(1);
    expect(await found(at(25.1, 2))).toBe(0);
    expect(await found(at(80, 3))).toBe(1);
    expect(await found(sameEventRetold({ geoPrecision: 3, province: 'Parwan' }))).toBe(0);
  });

  it('keep dates to the coarser precision, across a month boundary too', async () => {
    const found = async (a: Partial<IncidentFields>, b: Partial<IncidentFields>) =>
      (await search([incident(a), sameEventRetold(b)], { threshold: 0 })).pairs.length;
    expect(await found({ dateStart: '2024-05-31' }, { dateStart: '2024-06-01' })).toBe(1);
    expect(await found({}, { dateStart: '2024-05-16' })).toBe(0);
    expect(await found({}, { dateStart: '2024-05-21', timePrecision: 2 })).toBe(0);
    expect(await found({}, { dateStart: '2024-05-17', timePrecision: 2 })).toBe(1);
    expect(await found({}, { dateStart: '2024-05-01', timePrecision: 3 })).toBe(1);
    expect(
      await found({ dateStart: '2024-06-03' }, { dateStart: '2024-05-01', timePrecision: 3 }),
    ).toBe(0);
  });

  it('compare an incident without a type with every type, but never two types', async () => {
    const untyped = sameEventRetold({ eventType: '', subEventType: '' });
    const other = sameEventRetold({ eventType: 'Battles', subEventType: 'Armed clash' });
    const { pairs, compared } = await search([incident(), untyped, other], { threshold: 0 });
    expect(compared).toBe(2);
    const keys = pairs.map((p) => pairKey(p.a, p.b));
    expect(keys).toContain(pairKey(untyped.id, other.id));
    expect(pairs.find((p) => p.a === untyped.id || p.b === untyped.id)!.reasons).toContainEqual({
      key: 'eventTypeMissing',
      params: {},
      supports: false,
    });
  });

  it('never return a pair dismissed as not duplicates', async () => {
    const a = incident();
    const b = sameEventRetold();
    const c = sameEventRetold({ latitude: kmNorth(2) });
    const dismissed = [pairKey(b.id, a.id)];
    const { pairs } = await search([a, b, c], { dismissed });
    expect(pairs.map((p) => pairKey(p.a, p.b)).sort()).toEqual(
      [pairKey(a.id, c.id), pairKey(b.id, c.id)].sort(),
    );
  });

  it('list the best candidates first', async () => {
    const a = incident();
    const weaker = sameEventRetold({ fatalities: 9, dateStart: '2024-05-15' });
    const stronger = sameEventRetold();
    const { pairs } = await search([weaker, a, stronger], { threshold: 0 });
    const scores = pairs.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });
});

describe('the search as a long job', () => {
  const many = () =>
    Array.from({ length: 400 }, (_, i) =>
      incident({ dateStart: `2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}` }),
    );

  it('pauses for the event loop and reports progress up to the total', async () => {
    let pauses = 0;
    const progress: [number, number][] = [];
    await findDuplicateCandidates(
      many(),
      {},
      {
        sliceMs: 0,
        pause: () => {
          pauses++;
          return Promise.resolve();
        },
        onProgress: (done, total) => progress.push([done, total]),
      },
    );
    expect(pauses).toBeGreaterThan(100);
    expect(progress.at(-1)).toEqual([1200, 1200]);
    expect(progress.every(([done], i) => i === 0 || done >= progress[i - 1]![0])).toBe(true);
  });

  it('stops when cancelled, with a specific error', async () => {
    const signal = { aborted: false };
    let steps = 0;
    const run = findDuplicateCandidates(
      many(),
      {},
      {
        signal,
        sliceMs: 0,
        pause: () => Promise.resolve(),
        onProgress: () => {
          if (++steps === 5) signal.aborted = true;
        },
      },
    );
    await expect(run).rejects.toBeInstanceOf(DuplicateSearchCancelled);
    expect(steps).toBe(5);
    signal.aborted = true;
    await expect(findDuplicateCandidates(many(), {}, { signal })).rejects.toThrow(/cancelled/);
  });
});
