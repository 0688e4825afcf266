import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeSet } from './changes.ts';
import { encodeHlc } from './hlc.ts';
import { mergeRecord, RecordMerge, unionChanges } from './merge.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000);
console.log(`merge.test.ts: fast-check seed ${seed} (set FC_SEED to repeat)`);

const T0 = Date.UTC(2025, 0, 1);
const clock = (ms: number, device: string, counter = 0) =>
  encodeHlc({ wall: T0 + ms, counter, device });

function change(
  hlc: string,
  fields: Record<string, unknown>,
  base?: Record<string, string[]>,
): ChangeSet {
  const device = hlc.split('-')[2]!;
  return {
    hlc,
    kind: 'incident',
    recordId: 'r1',
    device,
    author: `author of ${device}`,
    fields: fields as ChangeSet['fields'],
    base: base ?? {},
  };
}

const create = change(clock(0, 'a'), { title: 'T', notes: 'N' });
const C = create.hlc;

describe('mergeRecord: table of cases', () => {
  const cases: {
    name: string;
    changes: ChangeSet[];
    fields: Record<string, unknown>;
    conflicts: Record<string, unknown[]>;
    deleted?: boolean;
  }[] = [
    {
      name: 'a create alone',
      changes: [create],
      fields: { title: 'T', notes: 'N' },
      conflicts: {},
    },
    {
      name: 'a later edit that saw the create replaces the value',
      changes: [create, change(clock(5, 'b'), { title: 'U' }, { title: [C] })],
      fields: { title: 'U', notes: 'N' },
      conflicts: {},
    },
    {
      name: 'two edits of one field that did not see each other conflict; the later clock shows',
      changes: [
        create,
        change(clock(5, 'b'), { title: 'B' }, { title: [C] }),
        change(clock(7, 'c'), { title: 'Cc' }, { title: [C] }),
      ],
      fields: { title: 'Cc', notes: 'N' },
      conflicts: { title: ['Cc', 'B'] },
    },
    {
      name: 'concurrent edits of different fields both apply, no conflict',
      changes: [
        create,
        change(clock(5, 'b'), { title: 'B' }, { title: [C] }),
        change(clock(5, 'c'), { notes: 'M' }, { notes: [C] }),
      ],
      fields: { title: 'B', notes: 'M' },
      conflicts: {},
    },
    {
      name: 'an edit that saw both sides resolves the conflict',
      changes: [
        create,
        change(clock(5, 'b'), { title: 'B' }, { title: [C] }),
        change(clock(7, 'c'), { title: 'Cc' }, { title: [C] }),
        change(clock(9, 'b'), { title: 'B+C' }, { title: [clock(7, 'c'), clock(5, 'b')] }),
      ],
      fields: { title: 'B+C', notes: 'N' },
      conflicts: {},
    },
    {
      name: 'keeping the losing value is a change that clears the conflict',
      changes: [
        create,
        change(clock(5, 'b'), { title: 'B' }, { title: [C] }),
        change(clock(7, 'c'), { title: 'Cc' }, { title: [C] }),
        change(clock(9, 'c'), { title: 'B' }, { title: [clock(7, 'c'), clock(5, 'b')] }),
      ],
      fields: { title: 'B', notes: 'N' },
      conflicts: {},
    },
    {
      name: 'equal walls and counters: the device id breaks the tie the same way everywhere',
      changes: [
        create,
        change(clock(5, 'b'), { title: 'from b' }, { title: [C] }),
        change(clock(5, 'c'), { title: 'from c' }, { title: [C] }),
      ],
      fields: { title: 'from c', notes: 'N' },
      conflicts: { title: ['from c', 'from b'] },
    },
    {
      name: 'an edit that only saw one side leaves the other side in conflict',
      changes: [
        create,
        change(clock(5, 'b'), { title: 'B' }, { title: [C] }),
        change(clock(7, 'c'), { title: 'Cc' }, { title: [C] }),
        change(clock(8, 'c'), { title: 'Cc2' }, { title: [clock(7, 'c')] }),
      ],
      fields: { title: 'Cc2', notes: 'N' },
      conflicts: { title: ['Cc2', 'B'] },
    },
    {
      name: 'an ordinary edit of a conflicted field replaces only the value shown',
      changes: [
        create,
        change(clock(5, 'b'), { title: 'B' }, { title: [C] }),
        change(clock(7, 'c'), { title: 'Cc' }, { title: [C] }),
        change(clock(9, 'a'), { title: 'A' }, { title: [clock(7, 'c')] }),
      ],
      fields: { title: 'A', notes: 'N' },
      conflicts: { title: ['A', 'B'] },
    },
    {
      name: 'changes written before `base` existed replace every earlier version',
      changes: [
        { ...create, base: undefined },
        { ...change(clock(5, 'a'), { title: 'T2' }), base: undefined },
        { ...change(clock(6, 'a'), { title: 'T3' }), base: undefined },
      ],
      fields: { title: 'T3', notes: 'N' },
      conflicts: {},
    },
    {
      name: 'a delete is a tombstone; edits made meanwhile are kept for a restore',
      changes: [
        create,
        change(clock(5, 'b'), { deleted: true }),
        change(clock(6, 'c'), { notes: 'M' }, { notes: [C] }),
      ],
      fields: { title: 'T', notes: 'M' },
      conflicts: {},
      deleted: true,
    },
    {
      name: 'a restore later than the delete brings the record back',
      changes: [
        create,
        change(clock(5, 'b'), { deleted: true }),
        change(clock(6, 'a'), { deleted: false }),
      ],
      fields: { title: 'T', notes: 'N' },
      conflicts: {},
      deleted: false,
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      for (const order of [c.changes, [...c.changes].reverse(), [...c.changes, ...c.changes]]) {
        const merged = mergeRecord(order);
        expect(merged.fields).toEqual(c.fields);
        expect(merged.deleted).toBe(c.deleted ?? false);
        expect(
          Object.fromEntries(
            merged.conflicts.map((x) => [x.field, x.versions.map((v) => v.value)]),
          ),
        ).toEqual(c.conflicts);
      }
    });
  }

  it('names who wrote each side of a conflict, on which device and when', () => {
    const merged = mergeRecord([
      create,
      change(clock(5, 'b'), { title: 'B' }, { title: [C] }),
      change(clock(7, 'c'), { title: 'Cc' }, { title: [C] }),
    ]);
    expect(merged.conflicts[0]!.versions).toEqual([
      { value: 'Cc', hlc: clock(7, 'c'), device: 'c', author: 'author of c' },
      { value: 'B', hlc: clock(5, 'b'), device: 'b', author: 'author of b' },
    ]);
    expect(merged.clocks).toEqual({ title: clock(7, 'c'), notes: C });
    expect(merged.created).toBe(C);
    expect(merged.updated).toBe(clock(7, 'c'));
  });
});

// A model of replicas editing one record. Each replica knows some change sets; an ordinary edit
// replaces the value it shows, a resolving edit every version it shows for the field.
const devices = ['a', 'b', 'c'] as const;
const editArb = fc.record({
  device: fc.constantFrom(...devices),
  field: fc.constantFrom('title', 'notes', 'tags', 'deleted'),
  value: fc.oneof(fc.string({ maxLength: 3 }), fc.boolean(), fc.constant(null)),
  resolves: fc.boolean(),
  advance: fc.integer({ min: 0, max: 2 }),
  /** After the edit, another replica learns everything this one knows. */
  shareWith: fc.option(fc.constantFrom(...devices)),
});

interface Simulated {
  changes: ChangeSet[];
  /** For each change set, the clocks of every version of its field its writer knew. */
  knownBy: Map<string, Set<string>>;
}

type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

function simulate(edits: readonly Edit[]): Simulated {
  const known = new Map<string, ChangeSet[]>(devices.map((d) => [d, [create]]));
  const knownBy = new Map<string, Set<string>>();
  const all: ChangeSet[] = [create];
  let wall = 1;
  for (const [i, edit] of edits.entries()) {
    wall += edit.advance;
    const mine = known.get(edit.device)!;
    const seen = mergeRecord(mine);
    // one global wall that never goes back and a counter per edit: clocks only move forward
    const hlc = clock(wall, edit.device, i);
    const value = edit.field === 'deleted' ? edit.value === true : edit.value;
    const conflict = seen.conflicts.find((x) => x.field === edit.field);
    const shown = seen.clocks[edit.field];
    const replaced =
      edit.resolves && conflict ? conflict.versions.map((v) => v.hlc) : shown ? [shown] : [];
    const next = change(
      hlc,
      { [edit.field]: value },
      edit.field === 'deleted' ? {} : { [edit.field]: replaced },
    );
    knownBy.set(hlc, new Set(mine.filter((c) => edit.field in c.fields).map((c) => c.hlc)));
    mine.push(next);
    all.push(next);
    if (edit.shareWith) known.set(edit.shareWith, unionChanges(known.get(edit.shareWith)!, mine));
  }
  return { changes: all, knownBy };
}

describe('mergeRecord: properties', () => {
  const runs = { seed, numRuns: 1_000 };
  const simulated = fc.array(editArb, { maxLength: 25 }).map(simulate);

  it('is commutative, associative and idempotent (a function of the set of changes)', () => {
    fc.assert(
      fc.property(
        simulated,
        fc.func(fc.integer()),
        fc.integer({ min: 0, max: 3 }),
        ({ changes: history }, rank, copies) => {
          const expected = mergeRecord(history);
          const shuffled = [...history].sort((x, y) => rank(x.hlc) - rank(y.hlc));
          const duplicated = [...shuffled, ...history.slice(0, copies)];
          expect(mergeRecord(duplicated)).toEqual(expected);
          // merging parts then the rest, in any grouping, equals merging all at once
          const cut = copies % Math.max(1, history.length);
          const incremental = new RecordMerge(shuffled.slice(cut));
          for (const c of shuffled.slice(0, cut)) incremental.add(c);
          expect(incremental.result()).toEqual(expected);
        },
      ),
      runs,
    );
  });

  it('shows the latest-clock value of every field (last writer wins)', () => {
    fc.assert(
      fc.property(simulated, ({ changes: history }) => {
        const merged = mergeRecord(history);
        const latest = new Map<string, ChangeSet>();
        for (const c of history)
          for (const f of Object.keys(c.fields))
            if (!latest.has(f) || c.hlc > latest.get(f)!.hlc) latest.set(f, c);
        for (const [field, c] of latest) {
          const value = (c.fields as Record<string, unknown>)[field];
          if (field === 'deleted') expect(merged.deleted).toBe(value === true);
          else expect(merged.fields[field]).toEqual(value);
        }
      }),
      runs,
    );
  });

  it('never loses a value silently: a version leaves view only once a writer of that field knew it', () => {
    fc.assert(
      fc.property(simulated, ({ changes: history, knownBy }) => {
        const merged = mergeRecord(history);
        for (const field of ['title', 'notes', 'tags']) {
          const conflict = merged.conflicts.find((x) => x.field === field);
          const shown = new Set(
            conflict ? conflict.versions.map((v) => v.hlc) : [merged.clocks[field]],
          );
          for (const version of history.filter((c) => field in c.fields)) {
            if (shown.has(version.hlc)) continue;
            const laterWriters = history.filter(
              (c) =>
                field in c.fields && c.hlc > version.hlc && knownBy.get(c.hlc)?.has(version.hlc),
            );
            expect(laterWriters.length).toBeGreaterThan(0);
          }
        }
      }),
      runs,
    );
  });

  it('keeps a conflict once two writers edited a field without knowing each other', () => {
    fc.assert(
      fc.property(simulated, ({ changes: history, knownBy }) => {
        const merged = mergeRecord(history);
        for (const field of ['title', 'notes', 'tags']) {
          const writes = history.filter((c) => c !== create && field in c.fields);
          // versions no later writer of the field knew: all must still be shown
          const unknown = writes.filter(
            (v) => !writes.some((w) => w.hlc > v.hlc && knownBy.get(w.hlc)!.has(v.hlc)),
          );
          const conflict = merged.conflicts.find((x) => x.field === field);
          const shown = conflict ? conflict.versions.map((v) => v.hlc) : [merged.clocks[field]];
          for (const v of unknown) expect(shown).toContain(v.hlc);
          if (unknown.length > 1) expect(conflict).toBeDefined();
        }
      }),
      runs,
    );
  });
});

// The definition, written the slow way: a version of a field is a head unless some change set
// writing that field replaced it — by naming its clock in `base`, or, without a `base` (written
// before it existed), by coming later. The winner is the latest head.
function byDefinition(changes: readonly ChangeSet[]) {
  const writes = (field: string) => changes.filter((c) => field in c.fields);
  const replaces = (d: ChangeSet, c: ChangeSet, field: string) =>
    d.base === undefined ? c.hlc < d.hlc : (d.base[field] ?? []).includes(c.hlc);
  const fields: Record<string, unknown> = {};
  const clocks: Record<string, string> = {};
  const conflicts: { field: string; versions: string[] }[] = [];
  let deleted = false;
  const names = [...new Set(changes.flatMap((c) => Object.keys(c.fields)))].sort();
  for (const field of names) {
    const heads = writes(field)
      .filter((c) => !writes(field).some((d) => replaces(d, c, field)))
      .sort((a, b) => (a.hlc < b.hlc ? 1 : -1));
    const winner = heads[0];
    if (winner === undefined) continue;
    const value = (winner.fields as Record<string, unknown>)[field];
    if (field === 'deleted') {
      deleted = value === true;
      continue;
    }
    fields[field] = value;
    clocks[field] = winner.hlc;
    if (heads.length > 1) conflicts.push({ field, versions: heads.map((c) => c.hlc) });
  }
  const sorted = changes.map((c) => c.hlc).sort();
  return { fields, clocks, deleted, conflicts, created: sorted[0], updated: sorted.at(-1) };
}

describe('RecordMerge: the definition', () => {
  // Arbitrary histories, not only ones replicas could write: bases naming any clock (later ones,
  // unknown ones, their own), legacy change sets without a base, any order, duplicates.
  const history = fc
    .uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 14 })
    .chain((times) =>
      fc.tuple(
        ...times.map((t) =>
          fc.record({
            t: fc.constant(t),
            device: fc.constantFrom('a', 'b'),
            fields: fc.dictionary(
              fc.constantFrom('title', 'notes', 'deleted'),
              fc.oneof(fc.boolean(), fc.constantFrom('x', 'y')),
              { minKeys: 1 },
            ),
            legacy: fc.boolean(),
            replaced: fc.array(fc.integer({ min: 0, max: 42 }), { maxLength: 3 }),
          }),
        ),
      ),
    )
    .map((specs) =>
      specs.map((spec) => {
        const base = spec.legacy
          ? undefined
          : Object.fromEntries(
              Object.keys(spec.fields).map((f) => [
                f,
                spec.replaced.map((r) => clock(r, r % 2 === 0 ? 'a' : 'b')),
              ]),
            );
        return change(clock(spec.t, spec.device), spec.fields, base);
      }),
    );

  it('computes heads, winners and conflicts as defined, in any order of arrival', () => {
    fc.assert(
      fc.property(history, fc.func(fc.integer()), fc.nat(3), (changes, rank, copies) => {
        const expected = byDefinition(changes);
        const arrival = [...changes].sort((x, y) => rank(x.hlc) - rank(y.hlc));
        const merged = mergeRecord([...arrival, ...arrival.slice(0, copies)]);
        expect({
          fields: merged.fields,
          clocks: merged.clocks,
          deleted: merged.deleted,
          conflicts: merged.conflicts.map((c) => ({
            field: c.field,
            versions: c.versions.map((v) => v.hlc),
          })),
          created: merged.created,
          updated: merged.updated,
        }).toEqual(expected);
        for (const conflict of merged.conflicts)
          for (const v of conflict.versions) {
            const source = changes.find((c) => c.hlc === v.hlc)!;
            expect(v.value).toEqual((source.fields as Record<string, unknown>)[conflict.field]);
          }
      }),
      { seed, numRuns: 2_000 },
    );
  });
});
