/**
 * The find filter benchmark page (`/__bench/findFilterBench.html`): fills a database of its own
 * with the generated incidents through the data layer, starts the find engine as the app does
 * (FindClient over a module Worker running find.worker.ts, fed by FindSync.start), and times a
 * fixed sequence of filter changes — each one `client.incidents(filter, dateStart desc)` — against
 * the same filters answered by raw IndexedDB reads in the same page and database: index key lists
 * (`eventType`, `[_review+updated]`, a `dateStart` range), intersected, in the `dateStart` index's
 * order. A filter no index answers (province) is timed against a scan floor: every row read in
 * the `dateStart` index's order, opened (the profile is sealed: rawSealed.ts) and filtered in
 * JavaScript; the date floor opens the rows it reads to check `dateEnd` too. The runner
 * (test/bench/findFilterBench.mjs) calls `globalThis.daftarFindFilterBench.*`.
 *
 * Invariant: a timed span holds only the work measured — connections are opened and the engine
 * loaded before it, and answers are compared after it.
 */
import type { IncidentFilter } from '../../../renderer/data/incidentFilter.ts';
import { NO_FILTER } from '../../../renderer/data/incidentFilter.ts';
import { DaftarData } from '../../../renderer/data/daftarData.ts';
import type { WriteOp } from '../../../renderer/data/recordStore.ts';
import { FindClient } from '../../../renderer/find/findClient.ts';
import { FindSync } from '../../../renderer/find/findSync.ts';
import type { FindSort } from '../../../renderer/find/findTypes.ts';
import type { ReviewStatus } from '../../../shared/domain/vocabulary.ts';
import { generateIds, generateIncidents } from '../generateDataset.ts';
import { deleteDatabase } from './reviewQueueDataset.ts';
import { TEST_ROW_KEY, testSealer } from '../../helpers/testSealer.ts';
import { importRowKey, openRawRows } from './rawSealed.ts';

export interface FillOptions {
  dbName: string;
  incidents: number;
  seed: number;
  chunkSize: number;
}

export interface Filled {
  fillMs: number;
  /** The longest incident, in days from dateStart to dateEnd: how far back the date floor looks. */
  maxSpanDays: number;
}

/** One filter change: the app's time and the floor's, in ms. */
export interface Step {
  app: number;
  floor: number;
}

export interface Answer {
  name: string;
  floor: 'index' | 'scan';
  app: number;
  raw: number;
  sameSet: boolean;
  sameOrder: boolean;
}

export interface FindFilterBenchApi {
  ready: true;
  fill(options: FillOptions): Promise<Filled>;
  measure(options: { dbName: string; rounds: number; maxSpanDays: number }): Promise<{
    loadMs: number;
    loaded: number;
    /** Every incident row read raw with one `getAll`: the load's floor. */
    rawReadAllMs: number;
    rounds: Record<string, Step>[];
    answers: Answer[];
  }>;
  remove(dbName: string): Promise<void>;
}

declare global {
  var daftarFindFilterBench: FindFilterBenchApi;
}

const SORT: FindSort = { by: 'dateStart', direction: 'desc' };
const AUTHOR = 'Bench';

// ---- filling ------------------------------------------------------------------------------------

async function fill(o: FillOptions): Promise<Filled> {
  const start = performance.now();
  await deleteDatabase(o.dbName);
  const data = await DaftarData.open({
    sealer: testSealer(),
    name: o.dbName,
  });
  let maxSpan = 0;
  try {
    await data.saveProfile({ name: AUTHOR, role: 'researcher' });
    const ids = generateIds(o.incidents, o.seed);
    const ops: WriteOp[] = generateIncidents(o.incidents, o.seed).map((fields, i) => {
      if (fields.dateEnd !== null) {
        const days = (Date.parse(fields.dateEnd) - Date.parse(fields.dateStart)) / 86_400_000;
        maxSpan = Math.max(maxSpan, days);
      }
      return { type: 'create', kind: 'incident', id: ids[i]!, fields };
    });
    for (let from = 0; from < ops.length; from += o.chunkSize) {
      await data.store.write(ops.slice(from, from + o.chunkSize), { freshIds: true });
    }
  } finally {
    data.close();
  }
  return { fillMs: performance.now() - start, maxSpanDays: Math.ceil(maxSpan) };
}

// ---- the floor: raw IndexedDB ------------------------------------------------------------------

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('Request failed'));
  });
}

function rawOpen(dbName: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName);
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error(`No database ${dbName}`));
  });
}

const keysOf = (index: IDBIndex, range?: IDBKeyRange) =>
  request(index.getAllKeys(range)) as Promise<string[]>;

/** Union of the primary keys of `ranges` in `index`, as a set. */
async function keySet(index: IDBIndex, ranges: IDBKeyRange[]): Promise<Set<string>> {
  const lists = await Promise.all(ranges.map((range) => keysOf(index, range)));
  return new Set(lists.flat());
}

const isoDaysBefore = (date: string, days: number) =>
  new Date(Date.parse(date) - days * 86_400_000).toISOString().slice(0, 10);

interface Row {
  id: string;
  dateStart: string;
  dateEnd: string | null;
  province: string;
}

/**
 * The indexed filters (event types, statuses, date range) answered with index reads, newest
 * first: the candidates in `dateStart` order — the date range's keys, led by the incidents that
 * start up to `maxSpanDays` earlier and end inside it (their rows read to check `dateEnd`), or
 * else every key of the index — kept when in every other key set.
 */
async function indexFloor(
  db: IDBDatabase,
  key: CryptoKey,
  filter: IncidentFilter,
  maxSpanDays: number,
): Promise<string[]> {
  const store = db.transaction('incidents', 'readonly').objectStore('incidents');
  const byDate = store.index('dateStart');
  const sets: Promise<Set<string>>[] = [];
  if (filter.eventTypes !== null) {
    const types = filter.eventTypes;
    sets.push(
      keySet(
        store.index('eventType'),
        types.map((t) => IDBKeyRange.only(t)),
      ),
    );
  }
  if (filter.statuses !== null) {
    const ranges = filter.statuses.map((s) => IDBKeyRange.bound([s, ''], [s, '\uffff']));
    sets.push(keySet(store.index('[_review+updated]'), ranges));
  }
  let ordered: Promise<string[]>;
  if (filter.dateFrom !== null && filter.dateTo !== null) {
    const from = filter.dateFrom;
    const early = request(
      byDate.getAll(IDBKeyRange.bound(isoDaysBefore(from, maxSpanDays), from, false, true)),
    ).then((rows) => openRawRows(key, 'incidents', 'id', rows) as Promise<Row[]>);
    const inside = keysOf(byDate, IDBKeyRange.bound(from, filter.dateTo));
    ordered = Promise.all([early, inside]).then(([rows, keys]) => [
      ...rows.filter((r) => r.dateEnd !== null && r.dateEnd >= from).map((r) => r.id),
      ...keys,
    ]);
  } else ordered = keysOf(byDate);
  const [keys, filters] = await Promise.all([ordered, Promise.all(sets)]);
  const out: string[] = [];
  for (let i = keys.length - 1; i >= 0; i--) {
    const id = keys[i]!;
    if (filters.every((set) => set.has(id))) out.push(id);
  }
  return out;
}

/** Provinces: no index; every row read in `dateStart` order and filtered. */
async function scanFloor(
  db: IDBDatabase,
  key: CryptoKey,
  provinces: readonly string[],
): Promise<string[]> {
  const store = db.transaction('incidents', 'readonly').objectStore('incidents');
  const stored = await request(store.index('dateStart').getAll());
  const rows = (await openRawRows(key, 'incidents', 'id', stored)) as Row[];
  const out: string[] = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    if (provinces.includes(rows[i]!.province)) out.push(rows[i]!.id);
  }
  return out;
}

// ---- the filter changes --------------------------------------------------------------------------

interface Change {
  name: string;
  filter: IncidentFilter;
  floor: 'index' | 'scan';
}

const statuses = (...s: ReviewStatus[]) => s;

/** A researcher narrowing and widening the list: each step is one change of the filter. */
const CHANGES: Change[] = [
  { name: 'eventType', filter: { ...NO_FILTER, eventTypes: ['Battles'] }, floor: 'index' },
  {
    name: 'twoEventTypes',
    filter: { ...NO_FILTER, eventTypes: ['Battles', 'Explosions/Remote violence'] },
    floor: 'index',
  },
  { name: 'status', filter: { ...NO_FILTER, statuses: statuses('verified') }, floor: 'index' },
  {
    name: 'eventTypeAndStatus',
    filter: { ...NO_FILTER, eventTypes: ['Battles'], statuses: statuses('submitted') },
    floor: 'index',
  },
  {
    name: 'dateRange',
    filter: { ...NO_FILTER, dateFrom: '2021-08-01', dateTo: '2021-09-30' },
    floor: 'index',
  },
  {
    name: 'dateRangeEventTypeStatus',
    filter: {
      ...NO_FILTER,
      dateFrom: '2022-01-01',
      dateTo: '2022-12-31',
      eventTypes: ['Explosions/Remote violence'],
      statuses: statuses('verified', 'submitted'),
    },
    floor: 'index',
  },
  { name: 'province', filter: { ...NO_FILTER, provinces: ['Kabul'] }, floor: 'scan' },
  { name: 'cleared', filter: NO_FILTER, floor: 'index' },
];

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

async function measure({
  dbName,
  rounds,
  maxSpanDays,
}: {
  dbName: string;
  rounds: number;
  maxSpanDays: number;
}) {
  const data = await DaftarData.open({
    sealer: testSealer(),
    name: dbName,
  });
  const raw = await rawOpen(dbName);
  const key = await importRowKey(TEST_ROW_KEY);
  // The load's floor: every incident row read raw, in one request, and opened.
  const rawRead = await time(async () =>
    openRawRows(
      key,
      'incidents',
      'id',
      await request(raw.transaction('incidents', 'readonly').objectStore('incidents').getAll()),
    ),
  );
  // Started as renderer/main.tsx and findState.ts start it.
  const loadStart = performance.now();
  const client = new FindClient(
    () =>
      new Worker(new URL('../../../renderer/find/find.worker.ts', import.meta.url), {
        type: 'module',
      }),
  );
  let loaded = 0;
  const sync = await FindSync.start(data, client, (p) => (loaded = p.loaded));
  const loadMs = performance.now() - loadStart;
  const app = (change: Change) => async () => (await client.incidents(change.filter, SORT)).ids;
  const floor = (change: Change) => () =>
    change.floor === 'scan'
      ? scanFloor(raw, key, change.filter.provinces ?? [])
      : indexFloor(raw, key, change.filter, maxSpanDays);
  try {
    // Warm-up: every change once each way, unmeasured; the answers compared.
    const answers: Answer[] = [];
    for (const change of CHANGES) {
      const a = await app(change)();
      const f = await floor(change)();
      const set = new Set(f);
      answers.push({
        name: change.name,
        floor: change.floor,
        app: a.length,
        raw: f.length,
        sameSet: a.length === f.length && a.every((id) => set.has(id)),
        sameOrder: a.length === f.length && a.every((id, i) => id === f[i]),
      });
    }
    const out: Record<string, Step>[] = [];
    for (let r = 0; r < rounds; r++) {
      const round: Record<string, Step> = {};
      for (const change of CHANGES) {
        // Which goes first alternates by round.
        const first = r % 2 === 0 ? app(change) : floor(change);
        const second = r % 2 === 0 ? floor(change) : app(change);
        const a = await time(first);
        const b = await time(second);
        round[change.name] = r % 2 === 0 ? { app: a.ms, floor: b.ms } : { app: b.ms, floor: a.ms };
      }
      out.push(round);
    }
    return { loadMs, loaded, rawReadAllMs: rawRead.ms, rounds: out, answers };
  } finally {
    sync.stop();
    client.dispose();
    raw.close();
    data.close();
  }
}

globalThis.daftarFindFilterBench = { ready: true, fill, measure, remove: deleteDatabase };
