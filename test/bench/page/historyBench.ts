/**
 * The history benchmark page (`/__bench/historyBench.html`): fills the app's database with one
 * incident edited 10,000 times, one field per edit, between edits of 50 other incidents — through
 * the data layer, so every change set and commit row is what the app stores — and times reading
 * that incident's history against raw IndexedDB. The runner (test/bench/historyBench.mjs) calls
 * `globalThis.daftarHistoryBench.*`; the same page origin as the app, so they share the database.
 *
 * The database is the app profile's (appProfile.ts: a vault with the bench passphrase, rows sealed
 * with its key), so the app finds the incident once unlocked; the floor opens the commit rows it
 * reads with WebCrypto (rawSealed.ts) — the least any reader of sealed storage must do.
 *
 * Invariant: a timed span holds only the work measured — connections are opened before it, and
 * results are checked after it.
 */
import { DaftarData } from '../../../renderer/data/daftarData.ts';
import { recordKey, type CommitRow } from '../../../renderer/data/database.ts';
import { historyRows, recordHistory } from '../../../renderer/data/recordHistory.ts';
import type { WriteOp } from '../../../renderer/data/recordStore.ts';
import type { ChangeSet } from '../../../shared/sync/changes.ts';
import { generateIds, generateIncidents } from '../generateDataset.ts';
import { appRowKey, openAppProfile, removeAppProfile, sealerFor } from './appProfile.ts';
import { importRowKey, openRawRow } from './rawSealed.ts';

export interface Filled {
  id: string;
  /** Change sets of the incident (its creation and every edit). */
  changeSets: number;
  /** Commit rows in the database (the incident's and the others'). */
  commits: number;
  fillMs: number;
}

export interface Round {
  /** Raw IndexedDB: `commits.index('records').getAll(key)`, then the incident's change sets. */
  floorMs: number;
  /** `recordHistory(data, 'incident', id)`: what the open history panel asks for. */
  appMs: number;
  /** Its two parts, timed alone: `data.history()` (Dexie read, filter, sort)… */
  readMs: number;
  /** …and `historyRows()` over those change sets. */
  rowsMs: number;
  floorSets: number;
  appRows: number;
}

export interface HistoryBenchApi {
  ready: true;
  fill(options: { dbName: string; changes: number; others: number; seed: number }): Promise<Filled>;
  measure(options: { dbName: string; id: string; rounds: number }): Promise<Round[]>;
  /** Close this page's connection, delete the database and the vault, so later benchmarks start empty. */
  remove(dbName: string): Promise<void>;
  /** The app profile (appProfile.ts): its database's name. */
  openAppProfile(passphrase: string): Promise<string>;
  /** Its row key, for the floor run in the app's page. */
  rowKey(): number[];
}

declare global {
  var daftarHistoryBench: HistoryBenchApi;
}

/** Writes per transaction while filling: each write still makes its own commit row. */
const FILL_BATCH = 500;
const EDITED_FIELDS = ['title', 'notes', 'placeName', 'injured'] as const;

let data: DaftarData | null = null;

async function open(dbName: string): Promise<DaftarData> {
  data ??= await DaftarData.open({
    sealer: sealerFor(dbName),
    name: dbName,
  });
  return data;
}

/** The value of the `i`th edit of the incident: each edit a new value of one field. */
function edit(i: number, title: string): Record<string, unknown> {
  const field = EDITED_FIELDS[i % EDITED_FIELDS.length]!;
  switch (field) {
    case 'title':
      return { title: `${title} (revision ${i})` };
    case 'notes':
      return {
        notes: `Revision ${i}: casualty figures checked against the district hospital's list and two local reporters; the earlier count included people injured in the crowd.`,
      };
    case 'placeName':
      return { placeName: `Place ${i % 97}` };
    case 'injured':
      return { injured: i % 40 };
  }
}

async function fill({
  dbName,
  changes,
  others,
  seed,
}: {
  dbName: string;
  changes: number;
  others: number;
  seed: number;
}): Promise<Filled> {
  const start = performance.now();
  const d = await open(dbName);
  await d.saveProfile({ name: 'Bench', role: 'researcher' });
  const ids = generateIds(others + 1, seed);
  const incidents = generateIncidents(others + 1, seed);
  const id = ids[0]!;
  await d.write(
    incidents.map((fields, i): WriteOp => ({
      type: 'create',
      kind: 'incident',
      id: ids[i]!,
      fields,
    })),
    { freshIds: true },
  );
  const title = incidents[0]!.title;
  // One write per edit, as a person makes them, each followed by an edit of another incident;
  // batched into transactions only so that filling does not wait for a disk flush per write.
  for (let from = 0; from < changes; from += FILL_BATCH) {
    await d.db.transaction('rw', ['incidents', 'commits', 'conflicts'], async () => {
      for (let i = from; i < Math.min(changes, from + FILL_BATCH); i++) {
        await d.write([{ type: 'update', kind: 'incident', id, fields: edit(i, title) }]);
        const other = ids[1 + (i % others)]!;
        await d.write([{ type: 'update', kind: 'incident', id: other, fields: { injured: i } }]);
      }
    });
  }
  const changeSets = (await d.history('incident', id)).length;
  return { id, changeSets, commits: await d.db.commits.count(), fillMs: performance.now() - start };
}

function rawOpen(dbName: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`Cannot open ${dbName}`));
  });
}

/**
 * The floor: one index read of the record's commit rows, each opened (WebCrypto), and the
 * record's change sets in them.
 */
async function rawHistory(db: IDBDatabase, key: CryptoKey, id: string): Promise<ChangeSet[]> {
  const stored = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
    const request = db
      .transaction('commits', 'readonly')
      .objectStore('commits')
      .index('records')
      .getAll(recordKey('incident', id));
    request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
    request.onerror = () => reject(request.error ?? new Error('getAll failed'));
  });
  const commits = (await Promise.all(
    stored.map((row) => openRawRow(key, 'commits', row.hlc, row)),
  )) as CommitRow[];
  return commits
    .flatMap((commit) => commit.sets)
    .filter((set) => set.kind === 'incident' && set.recordId === id);
}

async function measure({
  dbName,
  id,
  rounds,
}: {
  dbName: string;
  id: string;
  rounds: number;
}): Promise<Round[]> {
  const d = await open(dbName);
  const raw = await rawOpen(dbName);
  const key = await importRowKey(appRowKey());
  const out: Round[] = [];
  try {
    // Round 0 warms up (JIT, IndexedDB's caches) and is dropped; the order alternates after it.
    for (let round = 0; round <= rounds; round++) {
      const timeFloor = async () => {
        const t0 = performance.now();
        const sets = await rawHistory(raw, key, id);
        return { ms: performance.now() - t0, sets: sets.length };
      };
      const timeApp = async () => {
        const t0 = performance.now();
        const rows = await recordHistory(d, 'incident', id);
        return { ms: performance.now() - t0, rows: rows.length };
      };
      const floorFirst = round % 2 === 1;
      const floor = floorFirst ? await timeFloor() : undefined;
      const app = await timeApp();
      const floorAfter = floor ?? (await timeFloor());
      const t0 = performance.now();
      const history = await d.history('incident', id);
      const t1 = performance.now();
      historyRows(history);
      const t2 = performance.now();
      if (round === 0) continue;
      out.push({
        floorMs: floorAfter.ms,
        appMs: app.ms,
        readMs: t1 - t0,
        rowsMs: t2 - t1,
        floorSets: floorAfter.sets,
        appRows: app.rows,
      });
    }
  } finally {
    raw.close();
  }
  return out;
}

globalThis.daftarHistoryBench = {
  ready: true,
  fill,
  measure,
  remove: async (dbName) => {
    data?.close();
    data = null;
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(dbName);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error ?? new Error(`Cannot delete ${dbName}`));
      request.onblocked = () => reject(new Error(`Deleting ${dbName} is blocked`));
    });
    await removeAppProfile();
  },
  openAppProfile,
  rowKey: () => [...appRowKey()],
};
