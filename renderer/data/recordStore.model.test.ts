/**
 * Model test of the write path: random sequences of writes, undos and wall-clock jumps (forwards
 * and backwards) against a plain in-memory model. After every step each stored record must equal
 * the model and the fold of its own history, and every clock must be later than all before it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyIncident, type IncidentFields } from '../../shared/domain/incident.ts';
import { RecordValidationError } from '../../shared/domain/records.ts';
import { mergeRecord } from '../../shared/sync/merge.ts';
import { DaftarData, type WriteOp } from './daftarData.ts';
import { RecordNotFoundError } from './recordStore.ts';
import { testSealer } from '../../test/helpers/testSealer.ts';

const seed = Number(process.env.FC_SEED ?? 42);
console.log(`recordStore.model.test.ts: fast-check seed ${seed} (set FC_SEED to change)`);

const IDS = ['r0', 'r1', 'r2', 'r3'] as const;
const T0 = Date.UTC(2024, 0, 1);

const patchArb: fc.Arbitrary<Partial<IncidentFields>> = fc.oneof(
  fc.record(
    {
      title: fc.constantFrom('Attack on school', 'Arrest of journalist', 'Clash'),
      notes: fc.constantFrom('', 'witness says 3', 'ناشناس'),
      fatalities: fc.option(fc.nat(20)),
      tags: fc.array(fc.constantFrom('kabul', 'school', 'iskp'), { maxLength: 2 }),
      status: fc.constantFrom('draft', 'unverified', 'verified', 'disputed'),
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom<Partial<IncidentFields>>(
    { latitude: 34.5, longitude: 69.2 },
    { latitude: null, longitude: null },
    { eventType: 'Battles', subEventType: 'Armed clash' },
  ),
  // Invalid: the whole write must be refused.
  fc.constantFrom<Partial<IncidentFields>>(
    { latitude: 91, longitude: 0 },
    { fatalities: -1 },
    { title: '' },
    { latitude: 10, longitude: null },
  ),
);

type OpSpec =
  | { type: 'create'; id: string; title: string }
  | { type: 'update'; id: string; patch: Partial<IncidentFields> }
  | { type: 'delete'; id: string }
  | { type: 'restore'; id: string };

type Step = { type: 'write'; ops: OpSpec[] } | { type: 'undo' } | { type: 'clock'; delta: number };

const opArb = (id: string): fc.Arbitrary<OpSpec> =>
  fc.oneof(
    fc.constantFrom('Created', 'Other').map((title) => ({ type: 'create' as const, id, title })),
    patchArb.map((patch) => ({ type: 'update' as const, id, patch })),
    patchArb.map((patch) => ({ type: 'update' as const, id, patch })),
    fc.constant({ type: 'delete' as const, id }),
    fc.constant({ type: 'restore' as const, id }),
  );

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    // Several records in one write; each at most once, since the model applies ops per record.
    arbitrary: fc
      .shuffledSubarray([...IDS], { minLength: 1, maxLength: 3 })
      .chain((ids) => fc.tuple(...ids.map(opArb)))
      .map((ops) => ({ type: 'write' as const, ops })),
  },
  { weight: 2, arbitrary: fc.constant({ type: 'undo' as const }) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(fc.integer({ min: -60_000, max: 60_000 }), fc.constant(0))
      .map((delta) => ({ type: 'clock' as const, delta })),
  },
);

/** What a user would see of one record: its fields while live, and whether it ever existed. */
interface ModelRecord {
  fields: IncidentFields;
  live: boolean;
}
type Model = Map<string, ModelRecord>;

/** The live records, as a user sees them (a deleted record and one never made look alike). */
const visible = (model: Model) =>
  new Map([...model].filter(([, r]) => r.live).map(([id, r]) => [id, r.fields]));

const clone = (model: Model): Model =>
  new Map([...model].map(([id, r]) => [id, { fields: { ...r.fields }, live: r.live }]));

const isValid = (fields: IncidentFields) =>
  !(fields.latitude !== null && (fields.latitude > 90 || fields.longitude === null)) &&
  !(fields.longitude !== null && fields.latitude === null) &&
  !(fields.fatalities !== null && fields.fatalities < 0) &&
  fields.title !== '';

/** Applies a write to a copy of the model; returns the error type the store must throw, if any. */
function applyToModel(model: Model, ops: readonly WriteOp[]): { next: Model; error?: unknown } {
  const next = clone(model);
  for (const op of ops) {
    const current = next.get(op.id);
    switch (op.type) {
      case 'create':
        if (current) return { next: model, error: Error };
        next.set(op.id, { fields: op.fields as IncidentFields, live: true });
        break;
      case 'update': {
        if (!current?.live) return { next: model, error: RecordNotFoundError };
        const fields = { ...current.fields, ...(op.fields as Partial<IncidentFields>) };
        if (!isValid(fields)) return { next: model, error: RecordValidationError };
        current.fields = fields;
        break;
      }
      case 'delete':
        if (current) current.live = false;
        break;
      case 'restore':
        if (!current) return { next: model, error: RecordNotFoundError };
        current.live = true;
        break;
    }
  }
  return { next };
}

function toWriteOp(spec: OpSpec, model: Model): WriteOp {
  switch (spec.type) {
    case 'create':
      // A record that was deleted is brought back by restoring it, never by re-creating its id.
      if (model.get(spec.id)?.live === false)
        return { type: 'restore', kind: 'incident', id: spec.id };
      return {
        type: 'create',
        kind: 'incident',
        id: spec.id,
        fields: { ...emptyIncident('2023-03-09'), title: spec.title },
      };
    case 'update':
      return { type: 'update', kind: 'incident', id: spec.id, fields: spec.patch };
    case 'delete':
    case 'restore':
      return { type: spec.type, kind: 'incident', id: spec.id };
  }
}

async function expectStoreMatches(data: DaftarData, model: Model) {
  for (const id of IDS) {
    const stored = await data.get('incident', id);
    const history = await data.history('incident', id);
    const folded = history.length === 0 ? null : mergeRecord(history);
    const expected = model.get(id);
    if (!expected) {
      expect(stored).toBeUndefined();
      expect(history).toEqual([]);
      continue;
    }
    expect(folded).not.toBeNull();
    expect(folded!.deleted).toBe(!expected.live);
    if (!expected.live) {
      expect(stored).toBeUndefined();
      continue;
    }
    const { id: storedId, created, updated, ...fields } = stored!;
    expect(storedId).toBe(id);
    expect(fields).toEqual(expected.fields);
    expect(fields).toEqual(folded!.fields);
    expect([created, updated]).toEqual([folded!.created, folded!.updated]);
  }
}

describe('RecordStore against a model', () => {
  it('keeps every record equal to the model and to the fold of its history', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 12 }), async (steps) => {
        const clock = { now: T0 };
        const data = await DaftarData.open({
          sealer: testSealer(),
          name: `model-${seed}-${++run}-${Math.random()}`,
          now: () => clock.now,
          newId: () => 'unused',
        });
        try {
          let model: Model = new Map();
          let lastUndo: { ops: WriteOp[]; before: Model } | null = null;
          let latestClock = '';
          const write = async (ops: WriteOp[]) => {
            const { next, error } = applyToModel(model, ops);
            const changesBefore = (await data.store.allChanges()).length;
            if (error) {
              await expect(data.write(ops)).rejects.toBeInstanceOf(error);
              expect((await data.store.allChanges()).length).toBe(changesBefore);
              return;
            }
            const result = await data.write(ops);
            for (const change of result.changes) {
              expect(change.hlc > latestClock).toBe(true);
              latestClock = change.hlc;
            }
            expect((await data.store.allChanges()).length).toBe(
              changesBefore + result.changes.length,
            );
            lastUndo = { ops: result.undo, before: model };
            model = next;
          };

          for (const step of steps) {
            if (step.type === 'clock') {
              clock.now += step.delta;
            } else if (step.type === 'write') {
              await write(step.ops.map((spec) => toWriteOp(spec, model)));
            } else if (lastUndo) {
              const { ops, before } = lastUndo;
              await write(ops);
              // Undo brings back exactly what was there before the write it undoes.
              expect(visible(model)).toEqual(visible(before));
            }
            await expectStoreMatches(data, model);
          }
        } finally {
          await data.db.delete();
        }
      }),
      { seed, numRuns: 30 },
    );
  });
});
