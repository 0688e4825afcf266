import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DELETED_FIELD, diffFields, fieldChanges, type ChangeSet } from './changes.ts';
import { encodeHlc } from './hlc.ts';
import { mergeRecord } from './merge.ts';

/** The merge of a history written before change sets named what they replaced (no `base`). */
const foldChanges = (changes: readonly ChangeSet[]) =>
  changes.length === 0 ? null : mergeRecord(changes);

const seed = Number(process.env.FC_SEED ?? 42);
console.log(`changes.test.ts: fast-check seed ${seed} (set FC_SEED to change)`);
const runs = { seed, numRuns: 200 };

const T0 = Date.UTC(2024, 0, 1);

/** Clocks from a few devices around one instant, so walls and counters often tie. */
const hlcArb = fc
  .record({
    wall: fc.integer({ min: T0, max: T0 + 3 }),
    counter: fc.integer({ min: 0, max: 3 }),
    device: fc.constantFrom('dev1', 'dev2', 'Dev3', 'dev1x'),
  })
  .map(encodeHlc);

const fieldsArb = fc.record(
  {
    title: fc.constantFrom('A', 'B', 'C'),
    notes: fc.string({ maxLength: 3 }),
    fatalities: fc.option(fc.nat(9)),
    tags: fc.array(fc.constantFrom('x', 'y'), { maxLength: 2 }),
    [DELETED_FIELD]: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** Change sets of one record with distinct clocks (a clock is a change set's id). */
const historyArb = fc
  .uniqueArray(hlcArb, { minLength: 1, maxLength: 12 })
  .chain((hlcs) => fc.tuple(...hlcs.map((hlc) => fieldsArb.map((fields) => ({ hlc, fields })))))
  .map((entries) =>
    entries.map(({ hlc, fields }): ChangeSet<'incident'> => ({
      hlc,
      kind: 'incident',
      recordId: 'r1',
      device: hlc.split('-')[2]!,
      author: 'Mariam',
      fields,
    })),
  );

/** Reference semantics, written independently of the merge: per field, the latest clock wins. */
function latestPerField(history: readonly ChangeSet<'incident'>[]) {
  const winners = new Map<string, { hlc: string; value: unknown }>();
  for (const change of history) {
    for (const [field, value] of Object.entries(change.fields)) {
      const current = winners.get(field);
      if (!current || change.hlc > current.hlc) winners.set(field, { hlc: change.hlc, value });
    }
  }
  return winners;
}

describe('mergeRecord of histories without base (last writer wins per field)', () => {
  it('is empty for no changes', () => {
    expect(foldChanges([])).toBeNull();
  });

  it('gives the same state for any order of the same change sets', () => {
    fc.assert(
      fc.property(
        historyArb.chain((history) =>
          fc.tuple(
            fc.constant(history),
            fc.shuffledSubarray(history, { minLength: history.length, maxLength: history.length }),
          ),
        ),
        ([history, permuted]) => {
          expect(foldChanges(permuted)).toEqual(foldChanges(history));
          expect(foldChanges([...history].reverse())).toEqual(foldChanges(history));
        },
      ),
      runs,
    );
  });

  it('takes, per field, the value with the greatest clock; deleted follows the latest deletion change', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const folded = foldChanges(history)!;
        const winners = latestPerField(history);
        const expectedFields = Object.fromEntries(
          [...winners].filter(([field]) => field !== DELETED_FIELD).map(([f, w]) => [f, w.value]),
        );
        expect(folded.fields).toEqual(expectedFields);
        expect(folded.deleted).toBe(winners.get(DELETED_FIELD)?.value === true);
        const clocks = history.map((c) => c.hlc).sort();
        expect([folded.created, folded.updated]).toEqual([clocks[0], clocks[clocks.length - 1]]);
      }),
      runs,
    );
  });

  it('is idempotent: change sets seen twice, from two overlapping bundles, count once', () => {
    fc.assert(
      fc.property(
        historyArb.chain((history) =>
          fc.tuple(fc.constant(history), fc.subarray(history), fc.subarray(history)),
        ),
        ([history, a, b]) => {
          expect(foldChanges([...history, ...history])).toEqual(foldChanges(history));
          const union = history.filter((c) => a.includes(c) || b.includes(c));
          expect(foldChanges([...a, ...b])).toEqual(foldChanges(union));
          expect(foldChanges([...b, ...a, ...b])).toEqual(foldChanges(union));
        },
      ),
      runs,
    );
  });

  it('lets a later restore win over an earlier deletion, and the other way round', () => {
    const change = (
      hlc: string,
      fields: ChangeSet<'incident'>['fields'],
    ): ChangeSet<'incident'> => ({
      hlc,
      kind: 'incident',
      recordId: 'r1',
      device: 'd',
      author: '',
      fields,
    });
    const c1 = encodeHlc({ wall: T0, counter: 0, device: 'd' });
    const c2 = encodeHlc({ wall: T0, counter: 1, device: 'd' });
    const c3 = encodeHlc({ wall: T0 + 1, counter: 0, device: 'd' });
    const created = change(c1, { title: 'A' });
    const deleted = change(c2, { deleted: true });
    const restored = change(c3, { deleted: false });
    expect(foldChanges([restored, created, deleted])).toEqual({
      fields: { title: 'A' },
      clocks: { title: c1 },
      created: c1,
      updated: c3,
      deleted: false,
      conflicts: [],
    });
    expect(foldChanges([deleted, created])?.deleted).toBe(true);
    // A restore from a lagging clock does not resurrect a later deletion.
    const lateDelete = change(c3, { deleted: true });
    const earlyRestore = change(c2, { deleted: false });
    expect(foldChanges([lateDelete, created, earlyRestore])?.deleted).toBe(true);
  });
});

describe('fieldChanges', () => {
  it('lists one entry per field, each carrying the set’s clock, device and author', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        for (const set of history) {
          const entries = fieldChanges(set);
          expect(entries.map((e) => e.field)).toEqual(Object.keys(set.fields));
          for (const entry of entries) {
            expect(entry).toMatchObject({
              kind: set.kind,
              recordId: set.recordId,
              hlc: set.hlc,
              device: set.device,
              author: set.author,
            });
            expect(entry.value).toEqual(set.fields[entry.field as keyof typeof set.fields]);
          }
        }
      }),
      { seed, numRuns: 50 },
    );
  });
});

describe('diffFields', () => {
  const valueArb = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom('', 'a', 'b'),
    fc.array(fc.constantFrom('x', 'y'), { maxLength: 2 }),
    fc.record({ name: fc.constantFrom('a', 'b'), role: fc.constantFrom('actor1', 'actor2') }),
  );
  const recordArb = fc.record({ a: valueArb, b: valueArb, c: valueArb, d: valueArb });

  it('gives a diff that turns the old record into the new one, and nothing more', () => {
    fc.assert(
      fc.property(recordArb, recordArb, (previous, next) => {
        const diff = diffFields(previous, next);
        expect({ ...previous, ...diff }).toEqual(next);
        for (const key of Object.keys(next) as (keyof typeof next)[]) {
          const changed = JSON.stringify(previous[key]) !== JSON.stringify(next[key]);
          expect(key in diff, key).toBe(changed);
        }
      }),
      runs,
    );
  });

  it('is empty between equal records, whatever their key order', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const reverseKeys = <T extends object>(value: T): T =>
          Object.fromEntries(Object.entries(value).reverse()) as T;
        const reordered = reverseKeys(
          Object.fromEntries(
            Object.entries(structuredClone(record)).map(([k, v]) => [
              k,
              v !== null && typeof v === 'object' && !Array.isArray(v) ? reverseKeys(v) : v,
            ]),
          ) as typeof record,
        );
        expect(diffFields(record, reordered)).toEqual({});
      }),
      runs,
    );
  });

  it('is the whole record when there is no previous one', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        expect(diffFields(null, record)).toEqual(record);
      }),
      runs,
    );
  });
});
