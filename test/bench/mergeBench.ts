/**
 * Merge benchmark (`merge.*`), in Node: three replicas share 10,000 incident-like records of 12
 * fields, each makes ~33,000 one-field edits offline, and one replica applies the other two's
 * ~67,000 change sets (`merge.*`) — and, as a variant, a replica holding only the shared records
 * applies all three replicas' ~100,000 (`merge.*.allReplicas`). Timed, per variant, over the same
 * edits:
 *
 * - `floor`: a bare per-field last-writer-wins loop — a Map of record → field → { hlc, value },
 *   the incoming change set's clock compared with the stored one as strings;
 * - `core`: `RecordMerge.add` of each incoming change set into the replica's per-record merges
 *   (as an importer keeping merges would): the edits applied, every field's winner and conflict
 *   known — what the floor, Yjs and Automerge are timed doing too (`merge.core`); then, timed
 *   apart, `result()` of every touched record, the records as objects with their conflicts
 *   (`merge.core.withRecords`, against `floorRecords`);
 * - `coreRemerge`: what the bundle importer does today (renderer/data/bundleImport.ts planImport):
 *   `mergeRecord(history + incoming)` from scratch for every touched record;
 * - `yjs`: `Y.applyUpdate` of each other replica's update (one per replica, as y-protocols' sync
 *   step 2 sends after a replica was offline: `encodeStateAsUpdate(doc, stateVectorOfShared)`);
 * - `automerge`: `applyChanges` of the other replicas' change binaries (one per edit), and
 *   `automergeBackend`: the same applied by Automerge's wasm core alone — both on a tenth of the
 *   data at most (AUTOMERGE_MAX_RECORDS), with the floor, core and Yjs timed again on it;
 * - `floorRecords`: the floor plus building each touched record's fields and clocks, the floor
 *   for `merge.core.withRecords`.
 *
 * Yjs and Automerge store the same semantics as the core, not their own: per field a map of clock
 * → value; an edit sets its clock's entry and deletes the entries of the versions it replaced
 * (its `base`). The value shown is the entry with the greatest clock and a field with more than
 * one entry is in conflict, exactly the core's heads. A plain `Y.Map` would instead pick a
 * concurrent winner by client id and drop the other value, so it could neither converge to the
 * core's values nor keep conflicts. Everything each variant receives (change sets, updates,
 * change binaries) is built before the clock starts; after each variant's first run its result
 * is compared field by field with the floor's (the winning clock and value) and with the core's
 * heads (the set of clocks in conflict), and any difference aborts the run.
 *
 * Run by test/bench/run.mjs (bundled with esbuild, in a child `node --expose-gc`); writes its
 * results as JSON to the file given with `--out`. Median of `--runs` (3) interleaved runs.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import * as Automerge from '@automerge/automerge';
import * as Y from 'yjs';
import type { ChangeSet } from '../../shared/sync/changes.ts';
import { encodeHlc, initialHlc, tick, type HlcState } from '../../shared/sync/hlc.ts';
import { mergeRecord, RecordMerge, type MergedRecord } from '../../shared/sync/merge.ts';
import { generateIds, generateIncidents, mulberry32, type Rng } from './generateDataset.ts';

/** The fields records have and edits change: ~12, as in TOOLCHAIN.md's measurement. */
export const FIELDS = [
  'title',
  'dateStart',
  'eventType',
  'subEventType',
  'placeName',
  'district',
  'province',
  'latitude',
  'longitude',
  'fatalities',
  'notes',
  'status',
] as const;
type Field = (typeof FIELDS)[number];
type Value = string | number | null;

export const VARIANTS = [
  'floor',
  'floorRecords',
  'core',
  'coreRemerge',
  'yjs',
  'automerge',
  'automergeBackend',
] as const;
export type MergeVariant = (typeof VARIANTS)[number];
const RESULT_NAMES: Record<Exclude<MergeVariant, 'floor' | 'floorRecords'>, string> = {
  core: 'merge.core',
  coreRemerge: 'merge.core.remerge',
  yjs: 'merge.yjs',
  automerge: 'merge.automerge',
  automergeBackend: 'merge.automerge.backend',
};
/**
 * A variant whose first run takes longer than this is not run again (its one run is reported):
 * Automerge's JS API needs minutes where the others need a second.
 */
const RERUN_BUDGET_MS = 30_000;
/** The merge core within 1.5× a bare last-writer-wins loop over the same edits. */
const CORE_TARGET = 1.5;

const DEVICES = ['replicaA', 'replicaB', 'replicaC'] as const;
const AUTHORS = ['Researcher A', 'Researcher B', 'Researcher C'];
const T0 = Date.UTC(2025, 2, 3, 8);
/** Mean time between two edits of one replica: ~33,000 edits over about four working days. */
const MEAN_GAP_MS = 10_000;

interface Edit {
  record: number;
  field: Field;
  value: Value;
  hlc: string;
  /** The clock of the version this edit replaced, as its replica saw it. */
  base: string;
  wall: number;
}

export interface MergeDataset {
  ids: string[];
  /** One create per record (replica A, before the replicas went offline). */
  creates: ChangeSet[];
  createValues: Value[][];
  /** Per replica, its edits in the order it made them, and the same as change sets. */
  edits: Edit[][];
  changeSets: ChangeSet[][];
}

/** Deterministic records and offline edits for a seed. */
export function generateMergeDataset(
  records: number,
  editsPerReplica: number,
  seed: number,
): MergeDataset {
  const ids = generateIds(records, seed);
  const pool = generateIncidents(records + 2_000, seed);
  const valueOf = (i: number, field: Field): Value => pool[i]![field] as Value;
  let clock = initialHlc(DEVICES[0]);
  const creates: ChangeSet[] = [];
  const createValues: Value[][] = [];
  for (let r = 0; r < records; r++) {
    clock = tick(clock, T0 + Math.floor(r / 50));
    const values = FIELDS.map((f) => valueOf(r, f));
    createValues.push(values);
    creates.push({
      hlc: encodeHlc(clock),
      kind: 'incident',
      recordId: ids[r]!,
      device: DEVICES[0],
      author: AUTHORS[0]!,
      fields: Object.fromEntries(FIELDS.map((f, i) => [f, values[i]])),
      base: {},
    });
  }
  const edits: Edit[][] = [];
  const changeSets: ChangeSet[][] = [];
  DEVICES.forEach((device, replica) => {
    const rng: Rng = mulberry32(seed + 101 * (replica + 1));
    // This replica's view: the clock and value of every field as it last saw them.
    const seenClock = creates.map((c) => FIELDS.map(() => c.hlc));
    const seenValue = createValues.map((v) => [...v]);
    let state: HlcState = { wall: T0 + 3_600_000, counter: 0, device };
    let now = state.wall;
    const mine: Edit[] = [];
    for (let k = 0; k < editsPerReplica; k++) {
      // Half of a researcher's edits go to the third of the records they work on, half anywhere.
      let record = Math.floor(rng() * records);
      if (rng() < 0.5) record = Math.min(records - 1, record - (record % 3) + replica);
      const f = Math.floor(rng() * FIELDS.length);
      const field = FIELDS[f]!;
      let value = valueOf(Math.floor(rng() * pool.length), field);
      for (let tries = 0; value === seenValue[record]![f] && tries < 10; tries++)
        value = valueOf(Math.floor(rng() * pool.length), field);
      if (value === seenValue[record]![f]) continue; // an edit that changes nothing is not one
      now += 1 + Math.floor(rng() * 2 * MEAN_GAP_MS);
      state = tick(state, now);
      const hlc = encodeHlc(state);
      mine.push({ record, field, value, hlc, base: seenClock[record]![f]!, wall: now });
      seenClock[record]![f] = hlc;
      seenValue[record]![f] = value;
    }
    edits.push(mine);
    changeSets.push(
      mine.map((e) => ({
        hlc: e.hlc,
        kind: 'incident',
        recordId: ids[e.record]!,
        device,
        author: AUTHORS[replica]!,
        fields: { [e.field]: e.value },
        base: { [e.field]: [e.base] },
      })),
    );
  });
  return { ids, creates, createValues, edits, changeSets };
}

// ---- what each variant receives, built before any clock starts ---------------------------------

/** One scenario: a replica that already holds `initial` change sets applies `incoming`. */
interface Scenario {
  name: '' | '.allReplicas';
  /** Replicas whose own edits the receiving replica already has (creates aside). */
  have: number[];
  /** Replicas whose edits arrive. */
  from: number[];
  initial: ChangeSet[];
  incoming: ChangeSet[];
  /**
   * The same as JSON: the core and the floor get fresh objects parsed from it for every run, as an
   * importer gets them from a bundle (flat strings, nothing shared with the generator or a run
   * before; the own history stands for rows read from IndexedDB, which are fresh copies too).
   */
  initialJson: string;
  incomingJson: string;
  yjs: { state: Uint8Array; updates: Uint8Array[] };
  automerge: { saved: Uint8Array; changes: Uint8Array[]; fieldIds: string[][] };
  ids: string[];
}

interface Libraries {
  yjs: { shared: Uint8Array; updates: Uint8Array[]; stateOf: (have: number[]) => Uint8Array };
  automerge: {
    shared: Uint8Array;
    changes: Uint8Array[][];
    savedOf: (have: number[]) => Uint8Array;
    /** Object id of each record's field version map, by record index and field index. */
    fieldIds: string[][];
  };
}

function buildYjs(data: MergeDataset): Libraries['yjs'] {
  const origin = new Y.Doc();
  origin.clientID = 1;
  const records = origin.getMap<Y.Map<Y.Map<Value>>>('records');
  origin.transact(() => {
    data.creates.forEach((create, r) => {
      const record = new Y.Map<Y.Map<Value>>();
      records.set(create.recordId, record);
      FIELDS.forEach((field, f) => {
        const versions = new Y.Map<Value>();
        record.set(field, versions);
        versions.set(create.hlc, data.createValues[r]![f]!);
      });
    });
  });
  const shared = Y.encodeStateAsUpdate(origin);
  const sharedVector = Y.encodeStateVector(origin);
  const docs = data.edits.map((edits, replica) => {
    const doc = new Y.Doc();
    doc.clientID = 10 + replica;
    Y.applyUpdate(doc, shared);
    const map = doc.getMap<Y.Map<Y.Map<Value>>>('records');
    for (const e of edits) {
      // One transaction per edit, as an editor makes them.
      doc.transact(() => {
        const versions = map.get(data.ids[e.record]!)!.get(e.field)!;
        versions.delete(e.base);
        versions.set(e.hlc, e.value);
      });
    }
    return doc;
  });
  const updates = docs.map((doc) => Y.encodeStateAsUpdate(doc, sharedVector));
  return {
    shared,
    updates,
    stateOf: (have) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, shared);
      for (const r of have) Y.applyUpdate(doc, updates[r]!);
      return Y.encodeStateAsUpdate(doc);
    },
  };
}

const actorOf = (n: number) => n.toString(16).padStart(32, '0');

type AutomergeRoot = { records: Record<string, Record<Field, Record<string, unknown>>> };

function buildAutomerge(data: MergeDataset): Libraries['automerge'] {
  const initial: AutomergeRoot = { records: {} };
  data.creates.forEach((create, r) => {
    initial.records[create.recordId] = Object.fromEntries(
      FIELDS.map((field, f) => [field, { [create.hlc]: amValue(data.createValues[r]![f]!) }]),
    ) as Record<Field, Record<string, unknown>>;
  });
  const origin = Automerge.from<AutomergeRoot>(initial, { actor: actorOf(1) });
  const shared = Automerge.save(origin);
  const heads = Automerge.getHeads(origin);
  // Object ids of every field's version map: the same in every replica (they are op ids).
  const backend = Automerge.getBackend(origin);
  const recordsId = objectId(backend.getWithType('_root', 'records'));
  const fieldIds = data.ids.map((id) => {
    const recordId = objectId(backend.getWithType(recordsId, id));
    return FIELDS.map((field) => objectId(backend.getWithType(recordId, field)));
  });
  const fieldIndex = new Map<Field, number>(FIELDS.map((f, i) => [f, i]));
  const changes = data.edits.map((edits, replica) => {
    // The low-level document: the same changes the JS API's `change` makes, without
    // re-materialising a 10,000-key object after each of the ~33,000 edits.
    const doc = backend.clone(actorOf(10 + replica));
    for (const e of edits) {
      const obj = fieldIds[e.record]![fieldIndex.get(e.field)!]!;
      doc.delete(obj, e.base);
      if (typeof e.value === 'string') doc.put(obj, e.hlc, e.value, 'str');
      else doc.put(obj, e.hlc, e.value);
      doc.commit(null, Math.floor(e.wall / 1000));
    }
    const out = doc.getChanges(heads);
    doc.free();
    return out;
  });
  Automerge.free(origin);
  return {
    shared,
    changes,
    savedOf: (have) => {
      const doc = Automerge.getBackend(Automerge.load<AutomergeRoot>(shared));
      for (const r of have) doc.applyChanges(changes[r]!);
      const saved = doc.save();
      doc.free();
      return saved;
    },
    fieldIds,
  };
}

function amValue(value: Value): unknown {
  return typeof value === 'string' ? new Automerge.ImmutableString(value) : value;
}

function objectId(value: unknown): string {
  if (!Array.isArray(value) || value[0] !== 'map' || typeof value[1] !== 'string')
    throw new Error(`Expected an Automerge map, got ${JSON.stringify(value)}`);
  return value[1];
}

// ---- the timed variants ------------------------------------------------------------------------

interface Winner {
  hlc: string;
  value: Value;
}

/** Per record and field: the winning version, and the clocks of every head (core and CRDTs). */
interface Outcome {
  winners: Map<string, Map<string, Winner>>;
  heads?: Map<string, Map<string, string[]>>;
}

interface Timed {
  ms: number;
  outcome: () => Outcome;
  /** Free what the variant holds outside the JS heap (Automerge's WebAssembly memory). */
  dispose?: () => void;
  /** Parts of `ms`, for run.json. */
  parts?: Record<string, number>;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Fresh change sets for one run, as an importer has them: parsed from JSON. */
function received(s: Scenario): { initial: ChangeSet[]; incoming: ChangeSet[] } {
  return {
    initial: JSON.parse(s.initialJson) as ChangeSet[],
    incoming: JSON.parse(s.incomingJson) as ChangeSet[],
  };
}

function runFloor(s: Scenario): Timed {
  const { initial, incoming } = received(s);
  const state = new Map<string, Map<string, Winner>>();
  for (const set of initial) lww(state, set);
  gc();
  const start = performance.now();
  for (let i = 0; i < incoming.length; i++) lww(state, incoming[i]!);
  const ms = performance.now() - start;
  return { ms, outcome: () => ({ winners: state }) };
}

/**
 * The floor plus what an importer needs from a merge and the floor does not make: each touched
 * record's fields and their clocks as objects (what `result()` returns, conflicts aside).
 */
function runFloorRecords(s: Scenario): Timed {
  const { initial, incoming } = received(s);
  const state = new Map<string, Map<string, Winner>>();
  for (const set of initial) lww(state, set);
  const records = new Map<string, { fields: Record<string, unknown>; clocks: object }>();
  gc();
  const start = performance.now();
  const touched = new Set<string>();
  for (let i = 0; i < incoming.length; i++) {
    lww(state, incoming[i]!);
    touched.add(incoming[i]!.recordId);
  }
  for (const id of touched) {
    const fields: Record<string, unknown> = {};
    const clocks: Record<string, string> = {};
    for (const [field, w] of state.get(id)!) {
      fields[field] = w.value;
      clocks[field] = w.hlc;
    }
    records.set(id, { fields, clocks });
  }
  const ms = performance.now() - start;
  return { ms, outcome: () => ({ winners: state }) };
}

function lww(state: Map<string, Map<string, Winner>>, set: ChangeSet): void {
  let record = state.get(set.recordId);
  if (record === undefined) {
    record = new Map();
    state.set(set.recordId, record);
  }
  const fields = set.fields as Record<string, Value>;
  for (const field in fields) {
    const current = record.get(field);
    if (current === undefined || set.hlc > current.hlc)
      record.set(field, { hlc: set.hlc, value: fields[field]! });
  }
}

function runCore(s: Scenario): Timed {
  const { initial, incoming } = received(s);
  const merges = new Map<string, RecordMerge>();
  for (const set of initial) {
    let merge = merges.get(set.recordId);
    if (merge === undefined) {
      merge = new RecordMerge();
      merges.set(set.recordId, merge);
    }
    merge.add(set);
  }
  const results = new Map<string, MergedRecord>();
  gc();
  const start = performance.now();
  const touched = new Set<string>();
  for (let i = 0; i < incoming.length; i++) {
    const set = incoming[i]!;
    merges.get(set.recordId)!.add(set);
    touched.add(set.recordId);
  }
  const added = performance.now();
  gc();
  const resultStart = performance.now();
  for (const id of touched) results.set(id, merges.get(id)!.result());
  const resultMs = performance.now() - resultStart;
  return {
    ms: added - start,
    parts: { addMs: added - start, resultMs },
    outcome: () => {
      for (const [id, merge] of merges) if (!results.has(id)) results.set(id, merge.result());
      return fromMerged(results);
    },
  };
}

/** The importer's way (planImport): group the incoming change sets by record, merge from scratch. */
function runCoreRemerge(s: Scenario): Timed {
  const { initial, incoming } = received(s);
  const histories = new Map<string, ChangeSet[]>();
  for (const set of initial) {
    const list = histories.get(set.recordId);
    if (list) list.push(set);
    else histories.set(set.recordId, [set]);
  }
  const results = new Map<string, MergedRecord>();
  gc();
  const start = performance.now();
  const byRecord = new Map<string, ChangeSet[]>();
  for (const set of incoming) {
    const list = byRecord.get(set.recordId);
    if (list) list.push(set);
    else byRecord.set(set.recordId, [set]);
  }
  for (const [id, added] of byRecord)
    results.set(id, mergeRecord([...(histories.get(id) ?? []), ...added]));
  const ms = performance.now() - start;
  return {
    ms,
    outcome: () => {
      for (const [id, history] of histories)
        if (!results.has(id)) results.set(id, mergeRecord(history));
      return fromMerged(results);
    },
  };
}

function fromMerged(results: Map<string, MergedRecord>): Outcome {
  const winners = new Map<string, Map<string, Winner>>();
  const heads = new Map<string, Map<string, string[]>>();
  for (const [id, merged] of results) {
    const w = new Map<string, Winner>();
    const h = new Map<string, string[]>();
    for (const field of Object.keys(merged.fields)) {
      w.set(field, { hlc: merged.clocks[field]!, value: merged.fields[field] as Value });
      h.set(field, [merged.clocks[field]!]);
    }
    for (const c of merged.conflicts) h.set(c.field, c.versions.map((v) => v.hlc).sort());
    winners.set(id, w);
    heads.set(id, h);
  }
  return { winners, heads };
}

function runYjs(s: Scenario): Timed {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, s.yjs.state);
  const updates = s.yjs.updates;
  gc();
  const start = performance.now();
  for (const update of updates) Y.applyUpdate(doc, update);
  const ms = performance.now() - start;
  return {
    ms,
    outcome: () => {
      const records = doc.getMap<Y.Map<Y.Map<Value>>>('records');
      return fromVersionMaps(
        (function* () {
          for (const [id, record] of records.entries())
            for (const [field, versions] of record.entries())
              yield [id, field, Object.fromEntries(versions.entries())] as const;
        })(),
      );
    },
  };
}

function runAutomerge(s: Scenario): Timed {
  let doc = Automerge.load<AutomergeRoot>(s.automerge.saved);
  const changes = s.automerge.changes;
  gc();
  const start = performance.now();
  [doc] = Automerge.applyChanges(doc, changes);
  const ms = performance.now() - start;
  return {
    ms,
    dispose: () => Automerge.free(doc),
    outcome: () =>
      fromVersionMaps(
        (function* () {
          for (const [id, record] of Object.entries(doc.records))
            for (const [field, versions] of Object.entries(record))
              yield [id, field, versions] as const;
        })(),
      ),
  };
}

/** Winners and heads from per-field maps of clock → value (the CRDT encodings). */
/**
 * The same changes applied by Automerge's core (the wasm document) alone: no patches, no JS
 * document object — what Automerge's merge itself costs, apart from its JS API.
 */
function runAutomergeBackend(s: Scenario): Timed {
  const doc = Automerge.getBackend(Automerge.load<AutomergeRoot>(s.automerge.saved));
  const changes = s.automerge.changes;
  gc();
  const start = performance.now();
  doc.applyChanges(changes);
  const ms = performance.now() - start;
  return {
    ms,
    dispose: () => doc.free(),
    outcome: () =>
      fromVersionMaps(
        (function* () {
          for (const [r, id] of s.ids.entries()) {
            for (const [f, field] of FIELDS.entries()) {
              const obj = s.automerge.fieldIds[r]![f]!;
              const versions: Record<string, unknown> = {};
              for (const key of doc.keys(obj)) versions[key] = doc.get(obj, key);
              yield [id, field, versions] as const;
            }
          }
        })(),
      ),
  };
}

function fromVersionMaps(
  entries: Iterable<readonly [string, string, Record<string, unknown>]>,
): Outcome {
  const winners = new Map<string, Map<string, Winner>>();
  const heads = new Map<string, Map<string, string[]>>();
  for (const [id, field, versions] of entries) {
    const clocks = Object.keys(versions).sort();
    const top = clocks.at(-1);
    if (top === undefined) continue;
    if (!winners.has(id)) {
      winners.set(id, new Map());
      heads.set(id, new Map());
    }
    winners.get(id)!.set(field, { hlc: top, value: plain(versions[top]) });
    heads.get(id)!.set(field, clocks);
  }
  return { winners, heads };
}

function plain(value: unknown): Value {
  if (Automerge.isImmutableString(value)) return value.val;
  return value as Value;
}

const RUNNERS: Record<MergeVariant, (s: Scenario) => Timed> = {
  floor: runFloor,
  floorRecords: runFloorRecords,
  core: runCore,
  coreRemerge: runCoreRemerge,
  yjs: runYjs,
  automerge: runAutomerge,
  automergeBackend: runAutomergeBackend,
};

/** Every record and field the same winner (clock and value) as the floor, the same heads as the core. */
function check(variant: MergeVariant, got: Outcome, floor: Outcome, core: Outcome | null): number {
  const problems: string[] = [];
  let fields = 0;
  for (const [id, expected] of floor.winners) {
    const mine = got.winners.get(id);
    for (const [field, want] of expected) {
      fields++;
      const w = mine?.get(field);
      if (!w || w.hlc !== want.hlc || w.value !== want.value) {
        problems.push(
          `${id}.${field}: ${JSON.stringify(w ?? null)}, expected ${JSON.stringify(want)}`,
        );
      }
      const coreHeads = core?.heads?.get(id)?.get(field);
      const heads = got.heads?.get(id)?.get(field);
      if (coreHeads && heads && coreHeads.join() !== heads.join())
        problems.push(`${id}.${field}: heads ${heads.join(' ')}, core ${coreHeads.join(' ')}`);
    }
  }
  if (got.winners.size !== floor.winners.size)
    problems.push(`${got.winners.size} records, expected ${floor.winners.size}`);
  if (problems.length > 0) {
    throw new Error(
      `merge.${variant} does not converge to the floor's values (${problems.length} differences):\n  ${problems.slice(0, 10).join('\n  ')}`,
    );
  }
  return fields;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface MergeResult {
  name: string;
  value: number;
  unit: string;
  floor: number;
  ratio: number;
  target: number | null;
}

export interface MergeOptions {
  scale: number;
  runs: number;
  seed: number;
  /** The variants to time (the floor always runs). */
  variants?: readonly MergeVariant[];
  log: (line: string) => void;
}

export async function runMergeBench({ scale, runs, seed, variants, log }: MergeOptions) {
  const selected = VARIANTS.filter((v) => v === 'floor' || !variants || variants.includes(v));
  const records = Math.max(60, Math.round(10_000 * scale));
  const editsPerReplica = Math.max(200, Math.round(33_333 * scale));
  const loadStart = os.loadavg();
  const results: MergeResult[] = [];
  const detail: Record<string, unknown> = { runs };

  const full = selected.filter((v) => !AUTOMERGE_VARIANTS.includes(v));
  if (full.length > 1) {
    const measured = await measureDataset({ records, editsPerReplica, seed, runs, log }, full);
    results.push(...measured.results);
    detail.full = measured.detail;
  }
  const automerge = selected.filter((v) => v === 'floor' || AUTOMERGE_VARIANTS.includes(v));
  if (automerge.length > 1) {
    // Automerge on a tenth of the data at most (see AUTOMERGE_MAX_RECORDS), with the floor, the
    // core and Yjs again on that same data, so its ratio compares like with like.
    const small = Math.min(records, AUTOMERGE_MAX_RECORDS);
    const measured = await measureDataset(
      {
        records: small,
        editsPerReplica: Math.round((editsPerReplica * small) / records),
        seed,
        runs,
        log,
      },
      [...new Set<MergeVariant>(['floor', 'core', 'yjs', ...automerge])],
      (v) => AUTOMERGE_VARIANTS.includes(v),
    );
    results.push(...measured.results);
    detail.automergeSized = measured.detail;
  }
  detail.loadAverage = { start: loadStart, end: os.loadavg() };
  return { results, detail };
}

const AUTOMERGE_VARIANTS: readonly MergeVariant[] = ['automerge', 'automergeBackend'];
/**
 * Automerge 3.5 cannot apply the full data set's changes here: 20,000 changes on 3,000 records
 * took 82 s through its JS API (1.4 s in its wasm core alone; 225 s when a few documents were
 * left to the garbage collector instead of freed), and 67,000 on 10,000 records ran out of
 * WebAssembly memory (`rust_oom` in `hexane::raw::splice_slab`) after ~8 minutes of building the
 * replicas' states. So it is measured on at most 1,000 records and a tenth of the edits.
 */
const AUTOMERGE_MAX_RECORDS = 1_000;

interface DatasetOptions {
  records: number;
  editsPerReplica: number;
  seed: number;
  runs: number;
  log: (line: string) => void;
}

/**
 * Generate one data set, build what each selected variant receives, and time the variants over
 * its two scenarios; `reported` picks the variants that become results (default: all but the floor).
 */
async function measureDataset(
  { records, editsPerReplica, seed, runs, log }: DatasetOptions,
  selected: readonly MergeVariant[],
  reported: (v: MergeVariant) => boolean = () => true,
) {
  log(
    `merge: ${records.toLocaleString('en-US')} records × ${FIELDS.length} fields, 3 replicas × ${editsPerReplica.toLocaleString('en-US')} offline edits (seed ${seed}); ${selected.join(', ')}`,
  );
  let t = performance.now();
  const data = generateMergeDataset(records, editsPerReplica, seed);
  const generateMs = performance.now() - t;
  t = performance.now();
  const wantsAutomerge = selected.some((v) => AUTOMERGE_VARIANTS.includes(v));
  const yjs = selected.includes('yjs') ? buildYjs(data) : null;
  const yjsBuildMs = performance.now() - t;
  t = performance.now();
  const automerge = wantsAutomerge ? buildAutomerge(data) : null;
  const automergeBuildMs = performance.now() - t;
  const jsonBytes = data.changeSets.map((sets) =>
    sets.reduce((sum, s) => sum + Buffer.byteLength(JSON.stringify(s)) + 1, 0),
  );
  log(
    `  generated in ${Math.round(generateMs)} ms; Yjs updates built in ${Math.round(yjsBuildMs)} ms, Automerge changes in ${Math.round(automergeBuildMs)} ms`,
  );

  const scenario = (name: Scenario['name'], have: number[], from: number[]): Scenario => {
    const initial = [...data.creates, ...have.flatMap((r) => data.changeSets[r]!)];
    const incoming = from.flatMap((r) => data.changeSets[r]!);
    return {
      name,
      have,
      from,
      initial,
      incoming,
      initialJson: JSON.stringify(initial),
      incomingJson: JSON.stringify(incoming),
      yjs: {
        state: yjs?.stateOf(have) ?? new Uint8Array(),
        updates: from.map((r) => yjs?.updates[r] ?? new Uint8Array()),
      },
      automerge: {
        saved: automerge?.savedOf(have) ?? new Uint8Array(),
        changes: from.flatMap((r) => automerge?.changes[r] ?? []),
        fieldIds: automerge?.fieldIds ?? [],
      },
      ids: data.ids,
    };
  };
  const scenarios = [scenario('', [0], [1, 2]), scenario('.allReplicas', [], [0, 1, 2])];

  const results: MergeResult[] = [];
  const detail: Record<string, unknown> = {
    records,
    fields: FIELDS.length,
    editsPerReplica: data.edits.map((e) => e.length),
    changeSetJsonBytesPerReplica: jsonBytes,
    yjsUpdateBytes: yjs?.updates.map((u) => u.byteLength),
    automergeChangeBytes: automerge?.changes.map((c) => c.reduce((n, x) => n + x.byteLength, 0)),
    generateMs,
    yjsBuildMs,
    automergeBuildMs,
  };
  for (const s of scenarios) {
    const conflicts = countConflicts(s);
    log(
      `merge${s.name}: ${s.incoming.length.toLocaleString('en-US')} incoming change sets from ${s.from.map((r) => DEVICES[r]).join(', ')} into a replica holding ${s.initial.length.toLocaleString('en-US')}; ${conflicts.toLocaleString('en-US')} fields end in conflict`,
    );
    const times = new Map<MergeVariant, number[]>(selected.map((v) => [v, []]));
    const parts: Record<string, number>[] = [];
    for (let run = 0; run < runs; run++) {
      const outcomes = new Map<MergeVariant, Outcome>();
      const order = selected.filter((v) => run === 0 || times.get(v)![0]! <= RERUN_BUDGET_MS);
      for (let n = 0; n < order.length; n++) {
        // Rotated each run, so no variant always follows the same one.
        const variant = order[(run + n) % order.length]!;
        const timed = RUNNERS[variant](s);
        times.get(variant)!.push(timed.ms);
        if (timed.parts) parts.push({ run, ...timed.parts });
        if (run === 0) outcomes.set(variant, timed.outcome());
        timed.dispose?.();
      }
      if (run === 0) {
        const floor = outcomes.get('floor')!;
        const core = outcomes.get('core') ?? null;
        let fields = 0;
        for (const v of selected)
          if (v !== 'floor') fields = check(v, outcomes.get(v)!, floor, v === 'core' ? null : core);
        log(`  all variants converge: ${fields.toLocaleString('en-US')} fields checked`);
      }
      log(
        `  run ${run + 1}: ${order.map((v) => `${v} ${times.get(v)!.at(-1)!.toFixed(0)} ms`).join(', ')}`,
      );
    }
    const floorMs = median(times.get('floor')!);
    for (const v of selected) {
      if (v === 'floor' || v === 'floorRecords' || !reported(v)) continue;
      const ms = median(times.get(v)!);
      results.push({
        name: `${RESULT_NAMES[v]}${s.name}`,
        value: ms,
        unit: 'ms',
        floor: floorMs,
        ratio: ms / floorMs,
        target: v === 'core' ? CORE_TARGET : null,
      });
    }
    const withRecords = times.get('floorRecords');
    if (withRecords && parts.length > 0 && reported('core')) {
      const ms = median(parts.map((p) => p.addMs! + p.resultMs!));
      results.push({
        name: `merge.core.withRecords${s.name}`,
        value: ms,
        unit: 'ms',
        floor: median(withRecords),
        ratio: ms / median(withRecords),
        target: null,
      });
    }
    detail[`scenario${s.name || '.twoReplicas'}`] = {
      incoming: s.incoming.length,
      initial: s.initial.length,
      conflictingFields: conflicts,
      runsMs: Object.fromEntries(times),
      medianMs: Object.fromEntries([...times].map(([v, ms]) => [v, median(ms)])),
      coreParts: parts,
    };
  }
  return { results, detail };
}

/** Fields with more than one head after the merge (from the core, untimed). */
function countConflicts(s: Scenario): number {
  const byRecord = new Map<string, ChangeSet[]>();
  for (const set of [...s.initial, ...s.incoming]) {
    const list = byRecord.get(set.recordId);
    if (list) list.push(set);
    else byRecord.set(set.recordId, [set]);
  }
  let n = 0;
  for (const sets of byRecord.values()) n += mergeRecord(sets).conflicts.length;
  return n;
}

// ---- command line (the runner's child process) -------------------------------------------------

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const out = argument('--out');
if (out !== undefined) {
  const started = Date.now();
  runMergeBench({
    scale: Number(argument('--scale') ?? '1'),
    runs: Number(argument('--runs') ?? '3'),
    seed: Number(argument('--seed') ?? '20210815'),
    variants: argument('--variants')?.split(',') as MergeVariant[] | undefined,
    log: (line) => {
      const s = Math.round((Date.now() - started) / 1000);
      console.log(`  [merge +${s}s] ${line}`);
    },
  })
    .then((result) => writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    });
}
