/**
 * The benchmark page: generates the dataset in the browser and times creating it through the data
 * layer, through raw IndexedDB (the floor) and through the variants between the two, each into a
 * fresh database. The runner (test/bench/run.mjs) calls `globalThis.daftarBench.*` with
 * `page.evaluate`.
 *
 * Variants run interleaved, chunk by chunk in balanced orders, rather than one after the other: on
 * a shared two-core machine the load drifts over minutes, and interleaving makes every variant
 * write under the same conditions, so their ratios hold even when absolute times do not.
 *
 * Invariant: nothing that is not the measured work happens inside a timed span — data, ops, rows
 * and change sets are built before the clock starts (a write's commit row is built inside it, as
 * RecordStore builds it inside its write), and counts are verified after it stops.
 */
import { DaftarData } from '../../../renderer/data/daftarData.ts';
import { DaftarDatabase, recordKey, type CommitRow } from '../../../renderer/data/database.ts';
import type { WriteOp } from '../../../renderer/data/recordStore.ts';
import { toRow, type Row } from '../../../renderer/data/rows.ts';
import type { IncidentFields } from '../../../shared/domain/incident.ts';
import { validateRecord, type RecordKind } from '../../../shared/domain/records.ts';
import type { SourceFields } from '../../../shared/domain/source.ts';
import type { ChangeSet } from '../../../shared/sync/changes.ts';
import { encodeHlc } from '../../../shared/sync/hlc.ts';
import { bundleApi, type BundleApi } from './bundleBench.ts';
import {
  averageJsonBytes,
  generateIds,
  generateIncidents,
  generateSources,
} from '../generateDataset.ts';
import { testSealer } from '../../helpers/testSealer.ts';
import { PASSPHRASE_KDF } from '../../../shared/bundle/crypto.ts';
import { appRowKey, openAppProfile, sealerFor } from './appProfile.ts';
import { createAppStores } from './appStores.ts';
import { balancedOrders } from './balancedOrder.ts';

/** The incidents table's indexes in version 1 of the schema, besides the multi-entry `tags`. */
const VERSION_1_INDEXES = ['dateStart', 'updated', 'eventType', 'status', '_fatalities'] as const;
const DEVICE = 'benchdevice00000';
const AUTHOR = 'Bench';

export interface Dataset {
  incidents: number;
  sources: number;
  generateMs: number;
  incidentJsonBytes: number;
  rowJsonBytes: number;
  sourceJsonBytes: number;
  dariTitles: number;
}

export interface Validation {
  incidentsMs: number;
  sourcesMs: number;
  /** Microseconds per incident. */
  perIncidentUs: number;
}

export interface WriteTiming {
  seconds: number;
  recordsPerSecond: number;
  chunks: number;
  /** Slowest chunk, ms: how long progress can stand still. */
  maxChunkMs: number;
  /** Longest main-thread task seen during this variant's chunks, ms (0 when none over 50 ms). */
  longestTaskMs: number;
  /** Main-thread time spent in tasks over 50 ms, as a share of this variant's time. */
  blockedShare: number;
}

/**
 * - `raw`: raw IndexedDB put of the rows into a store with the app's key path and every index of
 *   its incidents table (appStores.ts), strict durability (the floor)
 * - `dataLayer`: `DaftarData` → `store.writeInChunks` of create ops with `freshIds` (the ids are
 *   minted at random for the run, as `DaftarData.newId` does), rows sealed as the app seals them
 *   (the app profile's key when writing its database, else the test key): what is benchmarked
 * - `dataLayerUnsealed`: the same with `sealer: null`, as profiles from before the app lock were
 *   stored: the floor of the encryption overhead
 * - `dataLayerCheckedIds`: the same without `freshIds`, as for ids that came from elsewhere: each
 *   write first looks the new ids up in the history
 * - `validation`: `validateRecord` of each incident, nothing stored
 * - `rawWithCommits`: raw puts of the rows and of the write's commit row (stores shaped like the
 *   app's `incidents` and `commits` tables): the floor of the design
 * - `rawVersion1Indexes`: `raw` with only the six indexes the incidents table had in version 1,
 *   the floor before 2026-11-29: what the review and re-import indexes cost
 * - `dexieWithCommits`: through Dexie on the app's schema, the requests RecordStore makes for a
 *   chunk of fresh creates (one commit row, the rows), none of its JavaScript
 */
export type Variant =
  | 'raw'
  | 'dataLayer'
  | 'dataLayerUnsealed'
  | 'dataLayerCheckedIds'
  | 'validation'
  | 'rawWithCommits'
  | 'rawVersion1Indexes'
  | 'dexieWithCommits';

export interface InterleavedOptions {
  chunkSize: number;
  /** Database of each storing variant; each is deleted first. */
  databases: Partial<Record<Variant, string>>;
  variants: Variant[];
}

export interface BenchApi {
  ready: true;
  prepare(options: { count: number; seed: number; sources: number }): Dataset;
  validate(): Validation;
  createInterleaved(options: InterleavedOptions): Promise<Partial<Record<Variant, WriteTiming>>>;
  countIncidents(dbName: string): Promise<number>;
  deleteDatabase(dbName: string): Promise<void>;
  /** Fill `dbName` through the data layer (untimed) unless it already holds incidents. */
  fillIfEmpty(options: { dbName: string; chunkSize: number }): Promise<number>;
  release(): void;
  /** The bundle benchmarks (bundleBench.ts) over the same dataset. */
  bundle: BundleApi;
  /** The app's vault and sealed database (appProfile.ts): returns the database's name. */
  openAppProfile(passphrase: string): Promise<string>;
  /**
   * Its row key and the lock's PBKDF2 rounds, for the list's floor page, which derives a key as
   * an unlock does and opens the rows it shows (listFloor.ts).
   */
  appUnlockFloor(): { rowKey: number[]; kdfRounds: number };
}

declare global {
  var daftarBench: BenchApi;
}

interface Item {
  id: string;
  fields: IncidentFields;
}

let items: Item[] = [];
let sources: SourceFields[] = [];
let sourceIds: string[] = [];

function prepare({
  count,
  seed,
  sources: sourceCount,
}: {
  count: number;
  seed: number;
  sources: number;
}): Dataset {
  const start = performance.now();
  sourceIds = generateIds(sourceCount, seed + 1);
  const ids = generateIds(count, seed);
  const fields = generateIncidents(count, seed, { sourceIds });
  items = fields.map((f, i) => ({ id: ids[i]!, fields: f }));
  sources = generateSources(sourceCount, seed + 1);
  const generateMs = performance.now() - start;
  if (new Set(ids).size !== ids.length) throw new Error('Generated incident ids are not unique');
  const sample = items.slice(0, 5_000);
  const { rows } = buildRows(sample);
  return {
    incidents: items.length,
    sources: sources.length,
    generateMs,
    incidentJsonBytes: averageJsonBytes(sample.map((item) => item.fields)),
    rowJsonBytes: averageJsonBytes(rows),
    sourceJsonBytes: averageJsonBytes(sources.slice(0, 5_000)),
    dariTitles:
      items.filter((item) => /[\u0600-\u06ff]/.test(item.fields.title)).length / items.length,
  };
}

/**
 * Every generated record must pass the domain schema unchanged (zod trims strings, so "unchanged"
 * also catches stray whitespace). Fails loudly with the first offenders; also the validation-only
 * cost of the data layer's write path.
 */
function validate(): Validation {
  const failures: string[] = [];
  const check = (kind: RecordKind, value: unknown, index: number) => {
    const result = validateRecord(kind, value);
    if (!result.ok) {
      failures.push(
        `${kind} #${index}: ${result.issues.map((i) => `${i.field} ${i.message}`).join(', ')}`,
      );
    }
    return result;
  };
  let start = performance.now();
  items.forEach((item, i) => check('incident', item.fields, i));
  const incidentsMs = performance.now() - start;
  start = performance.now();
  sources.forEach((source, i) => check('source', source, i));
  const sourcesMs = performance.now() - start;
  const sample = [
    ...items.slice(0, 2_000).map((i) => ['incident', i.fields] as const),
    ...sources.slice(0, 2_000).map((s) => ['source', s] as const),
  ];
  sample.forEach(([kind, value], i) => {
    const result = validateRecord(kind, value);
    if (result.ok && JSON.stringify(result.value) !== JSON.stringify(value))
      failures.push(`${kind} #${i}: changed by validation`);
  });
  if (failures.length > 0) {
    throw new Error(
      `${failures.length} generated records are invalid:\n${failures.slice(0, 10).join('\n')}`,
    );
  }
  return {
    incidentsMs,
    sourcesMs,
    perIncidentUs: (incidentsMs * 1000) / Math.max(1, items.length),
  };
}

/** The rows and change sets the data layer would store for `list`, with increasing clocks. */
function buildRows(list: readonly Item[]): { rows: Row<'incident'>[]; changes: ChangeSet[] } {
  const wall = Date.now();
  const rows: Row<'incident'>[] = [];
  const changes: ChangeSet[] = [];
  list.forEach(({ id, fields }, i) => {
    const hlc = encodeHlc({ wall: wall + Math.floor(i / 64), counter: i % 64, device: DEVICE });
    rows.push(toRow('incident', { ...fields, id, created: hlc, updated: hlc }));
    changes.push({ hlc, kind: 'incident', recordId: id, device: DEVICE, author: AUTHOR, fields });
  });
  return { rows, changes };
}

interface Writer {
  write(from: number, to: number): Promise<unknown>;
  close(): void;
}

/** The commit row RecordStore stores for a write of these change sets. */
function commitRow(sets: ChangeSet[]): CommitRow {
  return {
    hlc: sets[0]!.hlc,
    last: sets.at(-1)!.hlc,
    sets,
    records: sets.map((c) => recordKey(c.kind, c.recordId)),
  };
}

/** Open (after deleting) the database of `variant` and return its chunk writer. */
async function openWriter(
  variant: Variant,
  dbName: string | undefined,
  rows: Row<'incident'>[],
  changes: ChangeSet[],
): Promise<Writer> {
  if (variant === 'validation') {
    return {
      write: async (from, to) => {
        for (let i = from; i < to; i++) validateRecord('incident', items[i]!.fields);
      },
      close: () => undefined,
    };
  }
  if (dbName === undefined) throw new Error(`No database named for ${variant}`);
  await deleteDatabase(dbName);
  switch (variant) {
    case 'dataLayer':
    case 'dataLayerUnsealed':
    case 'dataLayerCheckedIds': {
      const data = await DaftarData.open({
        sealer: variant === 'dataLayerUnsealed' ? null : sealerFor(dbName),
        name: dbName,
      });
      await data.saveProfile({ name: AUTHOR, role: 'researcher' });
      const ops: WriteOp[] = items.map(({ id, fields }) => ({
        type: 'create',
        kind: 'incident',
        id,
        fields,
      }));
      const freshIds = variant !== 'dataLayerCheckedIds';
      // One chunk per call: exactly the write() writeInChunks makes for that chunk.
      return {
        write: (from, to) =>
          data.store.writeInChunks(ops.slice(from, to), { chunkSize: to - from, freshIds }),
        close: () => data.close(),
      };
    }
    case 'raw':
    case 'rawVersion1Indexes':
    case 'rawWithCommits': {
      const withCommits = variant === 'rawWithCommits';
      const db = await openRaw(
        dbName,
        withCommits ? 'appWithCommits' : variant === 'raw' ? 'app' : 'version1',
      );
      const stores = withCommits ? ['incidents', 'commits'] : ['incidents'];
      return {
        write: (from, to) => {
          const tx = db.transaction(stores, 'readwrite', { durability: 'strict' });
          const incidents = tx.objectStore('incidents');
          for (let i = from; i < to; i++) incidents.put(rows[i]);
          if (withCommits) tx.objectStore('commits').put(commitRow(changes.slice(from, to)));
          return completion(tx);
        },
        close: () => db.close(),
      };
    }
    case 'dexieWithCommits': {
      const db = new DaftarDatabase(dbName, testSealer());
      await db.open();
      return {
        write: (from, to) =>
          db.transaction('rw', ['incidents', 'commits'], async () => {
            await db.commits.add(commitRow(changes.slice(from, to)));
            await db.incidents.bulkAdd(rows.slice(from, to));
          }),
        close: () => db.close(),
      };
    }
  }
}

/**
 * Create the whole dataset once per variant, chunk by chunk: chunk k of every variant, in the
 * k-th of orders in which each variant follows every other equally often (balancedOrder.ts), then
 * chunk k + 1.
 */
async function createInterleaved({
  chunkSize,
  databases,
  variants,
}: InterleavedOptions): Promise<Partial<Record<Variant, WriteTiming>>> {
  const { rows, changes } = buildRows(items);
  const writers = new Map<Variant, Writer>();
  for (const variant of variants)
    writers.set(variant, await openWriter(variant, databases[variant], rows, changes));
  const spent = new Map<Variant, { ms: number; maxChunkMs: number; chunks: number }>(
    variants.map((v) => [v, { ms: 0, maxChunkMs: 0, chunks: 0 }]),
  );
  const windows: { variant: Variant; start: number; end: number }[] = [];
  const longTasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask' });
  try {
    const orders = balancedOrders(variants.length);
    for (let from = 0, k = 0; from < items.length; from += chunkSize, k++) {
      const to = Math.min(items.length, from + chunkSize);
      for (const n of orders[k % orders.length]!) {
        const variant = variants[n]!;
        const start = performance.now();
        await writers.get(variant)!.write(from, to);
        const end = performance.now();
        const s = spent.get(variant)!;
        s.ms += end - start;
        s.maxChunkMs = Math.max(s.maxChunkMs, end - start);
        s.chunks++;
        windows.push({ variant, start, end });
      }
    }
  } finally {
    longTasks.push(...observer.takeRecords());
    observer.disconnect();
    for (const writer of writers.values()) writer.close();
  }
  const out: Partial<Record<Variant, WriteTiming>> = {};
  for (const variant of variants) {
    const { ms, maxChunkMs, chunks } = spent.get(variant)!;
    const mine = longTasks.filter((t) =>
      windows.some((w) => w.variant === variant && t.startTime >= w.start && t.startTime < w.end),
    );
    out[variant] = {
      seconds: ms / 1000,
      recordsPerSecond: items.length / (ms / 1000),
      chunks,
      maxChunkMs,
      longestTaskMs: Math.max(0, ...mine.map((t) => t.duration)),
      blockedShare: mine.reduce((sum, t) => sum + t.duration, 0) / ms,
    };
    const dbName = databases[variant];
    if (variant !== 'validation' && dbName !== undefined) await expectCount(dbName, items.length);
  }
  return out;
}

/**
 * Stores shaped like the app's `incidents` table (key path, every index its schema declares) and
 * optionally its `commits` table, or, for `version1`, the incidents table as version 1 had it:
 * the floor before the review and re-import indexes (and what they cost).
 */
function openRaw(name: string, shape: 'app' | 'appWithCommits' | 'version1'): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (shape === 'version1') {
        const incidents = db.createObjectStore('incidents', { keyPath: 'id' });
        for (const index of VERSION_1_INDEXES) incidents.createIndex(index, index);
        incidents.createIndex('tags', 'tags', { multiEntry: true });
      } else {
        createAppStores(db, shape === 'app' ? ['incidents'] : ['incidents', 'commits']);
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`Cannot open ${name}`));
    request.onblocked = () => reject(new Error(`Opening ${name} is blocked`));
  });
}

function completion(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('Transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('Transaction aborted'));
  });
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('Request failed'));
  });
}

/** Incidents in an existing database, 0 when it does not exist (it is never created here). */
async function countIncidents(dbName: string): Promise<number> {
  const names = (await indexedDB.databases()).map((d) => d.name);
  if (!names.includes(dbName)) return 0;
  const db = await request(indexedDB.open(dbName));
  try {
    if (!db.objectStoreNames.contains('incidents')) return 0;
    return await request(db.transaction('incidents', 'readonly').objectStore('incidents').count());
  } finally {
    db.close();
  }
}

async function expectCount(dbName: string, expected: number): Promise<void> {
  const actual = await countIncidents(dbName);
  if (actual !== expected)
    throw new Error(`${dbName} holds ${actual} incidents, expected ${expected}`);
}

function deleteDatabase(dbName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(dbName);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error(`Cannot delete ${dbName}`));
    req.onblocked = () => reject(new Error(`Deleting ${dbName} is blocked by an open connection`));
  });
}

async function fillIfEmpty({
  dbName,
  chunkSize,
}: {
  dbName: string;
  chunkSize: number;
}): Promise<number> {
  const existing = await countIncidents(dbName);
  if (existing > 0) return existing;
  const data = await DaftarData.open({
    sealer: sealerFor(dbName),
    name: dbName,
  });
  try {
    await data.saveProfile({ name: AUTHOR, role: 'researcher' });
    const ops: WriteOp[] = items.map(({ id, fields }) => ({
      type: 'create',
      kind: 'incident',
      id,
      fields,
    }));
    await data.store.writeInChunks(ops, { chunkSize, freshIds: true });
  } finally {
    data.close();
  }
  return countIncidents(dbName);
}

globalThis.daftarBench = {
  ready: true,
  prepare,
  validate,
  createInterleaved,
  countIncidents,
  deleteDatabase,
  fillIfEmpty,
  release: () => {
    items = [];
    sources = [];
    sourceIds = [];
  },
  bundle: bundleApi(() => ({ items, sources, sourceIds })),
  openAppProfile,
  appUnlockFloor: () => ({
    rowKey: Array.from(appRowKey()),
    kdfRounds: PASSPHRASE_KDF.iterations,
  }),
};
