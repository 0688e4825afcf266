/**
 * The interchange import benchmark page (`/__bench/importBench.html`): writes the generated
 * incidents as an ACLED CSV (writeAcledCsv, each row crediting one of a few outlets) into a Blob,
 * then times the app's import of it — `readCsv` with the mapping `inspectCsv` suggests, then
 * `applyImport` into a fresh database, as the import screen does — against two floors, each the
 * same Blob's text parsed by PapaParse (`header: true`) and then stored with raw IndexedDB
 * requests in strict-durability transactions:
 *
 * - the records floor (the target's): the records the import stores — its incident, link and
 *   source rows, made by an untimed import in `prepare` — added to the app's own stores (key
 *   paths and indexes of renderer/data/database.ts) in one transaction, as the import writes
 *   them; records only (the history rows are the difference the target allows for), as
 *   incidents.create and bundle.import measure;
 * - the bare floor: one object per parsed row put into a store with no index, the row number as
 *   key, one transaction per 2,000 rows.
 *
 * The runner (test/bench/importBench.mjs) calls `globalThis.daftarImportBench.*`.
 *
 * Invariant: a timed span holds only the work measured — databases are deleted and opened, and
 * the profile saved, before it; rows are counted after it.
 */
import Papa from 'papaparse';
import { DaftarData } from '../../../renderer/data/daftarData.ts';
import { applyImport } from '../../../renderer/data/importApply.ts';
import { fieldsCarriedBy } from '../../../renderer/data/importUpdate.ts';
import type { Incident } from '../../../shared/domain/incident.ts';
import { inspectCsv, readCsv } from '../../../shared/interchange/csv/readCsv.ts';
import { writeAcledCsv } from '../../../shared/interchange/csv/writeCsv.ts';
import { generateIds, generateIncidents } from '../generateDataset.ts';
import { testSealer } from '../../helpers/testSealer.ts';

export interface Prepared {
  rows: number;
  /** The untimed import that made the records floor's rows (ms), and how many it made. */
  warmUpMs: number;
  records: { incidents: number; links: number; sources: number };
  bytes: number;
  generateMs: number;
  format: string;
  mapped: string[];
}

/** One round, in ms: the app's two steps and the floor's two, each pair back to back. */
export interface Round {
  appParse: number;
  /** applyImport, whole … */
  appApply: number;
  /** … of which its check (until the first chunk is written). */
  appCheck: number;
  floorParse: number;
  /** Raw puts of the import's records into the app's stores. */
  floorPut: number;
  /** Raw puts of the parsed rows into a bare store (the bare floor; its parse is timed apart). */
  bareParse: number;
  barePut: number;
  appIncidents: number;
  appLinks: number;
  appSources: number;
  floorIncidents: number;
  bareRows: number;
  problems: number;
}

export interface ImportBenchApi {
  ready: true;
  prepare(options: {
    incidents: number;
    seed: number;
    warmUpDb: string;
    chunkSize: number;
  }): Promise<Prepared>;
  round(options: {
    appDb: string;
    floorDb: string;
    bareDb: string;
    chunkSize: number;
    /** Which of app, records floor and bare floor goes first (0–2); the others follow in turn. */
    first: number;
  }): Promise<Round>;
  remove(dbName: string): Promise<void>;
}

declare global {
  var daftarImportBench: ImportBenchApi;
}

const OUTLETS = ['Tolonews', 'Pajhwok Afghan News', 'Amu TV', 'BBC Persian'] as const;
const FILE_NAME = 'acled-bench.csv';

let file: Blob | null = null;
let inspected: Awaited<ReturnType<typeof inspectCsv>> | null = null;
/** The rows the import stores, per table, in file order (the records floor's puts). */
let records: { table: string; rows: unknown[] }[] = [];

async function prepare({
  incidents,
  seed,
  warmUpDb,
  chunkSize,
}: {
  incidents: number;
  seed: number;
  warmUpDb: string;
  chunkSize: number;
}): Promise<Prepared> {
  const start = performance.now();
  const ids = generateIds(incidents, seed);
  const stamp = '2025-06-01T00:00:00.000Z';
  const all: Incident[] = generateIncidents(incidents, seed).map((fields, i) => ({
    ...fields,
    id: ids[i]!,
    created: stamp,
    updated: stamp,
  }));
  const outletOf = new Map(all.map((incident, i) => [incident.id, [OUTLETS[i % OUTLETS.length]!]]));
  file = new Blob(
    writeAcledCsv(all, (id) => outletOf.get(id) ?? []),
    { type: 'text/csv' },
  );
  inspected = await inspectCsv(file);
  const generateMs = performance.now() - start;
  const warmUp = await importedRecords(warmUpDb, chunkSize);
  return {
    rows: incidents,
    warmUpMs: warmUp,
    records: {
      incidents: records[1]!.rows.length,
      links: records[2]!.rows.length,
      sources: records[0]!.rows.length,
    },
    bytes: file.size,
    generateMs,
    format: inspected.format,
    mapped: Object.keys(inspected.suggested),
  };
}

/** Delete a database, waiting for connections still closing (their last transaction). */
function deleteDatabase(dbName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(dbName);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error(`Cannot delete ${dbName}`));
  });
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('Request failed'));
  });
}

function openBare(dbName: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('rows');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error(`Cannot open ${dbName}`));
  });
}

function commit(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('Transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('Transaction aborted'));
  });
}

/**
 * One untimed import (it also warms the code up); keeps the rows it stored, in the order written,
 * for the records floor. Returns its time in ms.
 */
async function importedRecords(dbName: string, chunkSize: number): Promise<number> {
  await deleteDatabase(dbName);
  const data = await DaftarData.open({
    sealer: testSealer(),
    name: dbName,
  });
  try {
    await data.saveProfile({ name: 'Bench', role: 'researcher' });
    const { suggested, format } = inspected!;
    const start = performance.now();
    const plan = await readCsv(file!, suggested, { format });
    const result = await applyImport(data, plan, {
      fileName: FILE_NAME,
      chunkSize,
      carried: fieldsCarriedBy(suggested),
    });
    const ms = performance.now() - start;
    const order = new Map(result.created.map((id, i) => [id, i]));
    const rank = (id: string) => order.get(id) ?? -1;
    const incidents = await data.db.incidents.toArray();
    incidents.sort((a, b) => rank(a.id) - rank(b.id));
    const links = await data.db.links.toArray();
    links.sort((a, b) => rank(a.incidentId) - rank(b.incidentId));
    records = [
      { table: 'sources', rows: await data.db.sources.toArray() },
      { table: 'incidents', rows: incidents },
      { table: 'links', rows: links },
    ];
    return ms;
  } finally {
    data.close();
    await deleteDatabase(dbName);
  }
}

/**
 * The records floor: PapaParse, then raw `add`s of the import's rows into the app's own stores
 * (opened through DaftarData for its schema, written through the bare IDBDatabase) in one
 * strict-durability transaction, as the import writes them.
 */
async function recordsFloor(dbName: string) {
  await deleteDatabase(dbName);
  const data = await DaftarData.open({
    sealer: testSealer(),
    name: dbName,
  });
  try {
    await data.saveProfile({ name: 'Bench', role: 'researcher' });
    const db = data.db.backendDB();
    const start = performance.now();
    const parsed = Papa.parse<Record<string, string>>(await file!.text(), {
      header: true,
      skipEmptyLines: true,
    });
    const parsedAt = performance.now();
    if (parsed.data.length === 0) throw new Error('PapaParse read no row');
    const tx = db.transaction(
      records.map((r) => r.table),
      'readwrite',
      { durability: 'strict' },
    );
    for (const { table, rows } of records) {
      const store = tx.objectStore(table);
      for (const row of rows) store.add(row);
    }
    await commit(tx);
    const done = performance.now();
    return {
      parse: parsedAt - start,
      put: done - parsedAt,
      incidents: await data.db.incidents.count(),
    };
  } finally {
    data.close();
    await deleteDatabase(dbName);
  }
}

async function bareFloor(dbName: string, chunkSize: number) {
  await deleteDatabase(dbName);
  const db = await openBare(dbName);
  try {
    const blob = file!;
    const start = performance.now();
    const parsed = Papa.parse<Record<string, string>>(await blob.text(), {
      header: true,
      skipEmptyLines: true,
    });
    const parsedAt = performance.now();
    const rows = parsed.data;
    for (let from = 0; from < rows.length; from += chunkSize) {
      const tx = db.transaction('rows', 'readwrite', { durability: 'strict' });
      const store = tx.objectStore('rows');
      const end = Math.min(rows.length, from + chunkSize);
      for (let i = from; i < end; i++) store.put(rows[i], i);
      await commit(tx);
    }
    const done = performance.now();
    const count = await request(db.transaction('rows', 'readonly').objectStore('rows').count());
    return { parse: parsedAt - start, put: done - parsedAt, rows: count };
  } finally {
    db.close();
    await deleteDatabase(dbName);
  }
}

async function app(dbName: string, chunkSize: number) {
  await deleteDatabase(dbName);
  const data = await DaftarData.open({
    sealer: testSealer(),
    name: dbName,
  });
  try {
    await data.saveProfile({ name: 'Bench', role: 'researcher' });
    const { suggested, format } = inspected!;
    const start = performance.now();
    const plan = await readCsv(file!, suggested, { format });
    const parsedAt = performance.now();
    let checkedAt = Number.NaN;
    const result = await applyImport(data, plan, {
      fileName: FILE_NAME,
      chunkSize,
      carried: fieldsCarriedBy(suggested),
      onProgress: (_done, _total, phase) => {
        if (phase === 'writing' && Number.isNaN(checkedAt)) checkedAt = performance.now();
      },
    });
    const done = performance.now();
    const incidents = await data.db.incidents.count();
    return {
      parse: parsedAt - start,
      apply: done - parsedAt,
      check: checkedAt - parsedAt,
      problems: plan.problems.length,
      incidents,
      links: result.links,
      sources: result.sources.created,
    };
  } finally {
    data.close();
    await deleteDatabase(dbName);
  }
}

async function round({
  appDb,
  floorDb,
  bareDb,
  chunkSize,
  first,
}: {
  appDb: string;
  floorDb: string;
  bareDb: string;
  chunkSize: number;
  first: number;
}): Promise<Round> {
  let a: Awaited<ReturnType<typeof app>> | undefined;
  let f: Awaited<ReturnType<typeof recordsFloor>> | undefined;
  let b: Awaited<ReturnType<typeof bareFloor>> | undefined;
  const steps = [
    async () => (a = await app(appDb, chunkSize)),
    async () => (f = await recordsFloor(floorDb)),
    async () => (b = await bareFloor(bareDb, chunkSize)),
  ];
  for (let i = 0; i < steps.length; i++) await steps[(first + i) % steps.length]!();
  if (!a || !f || !b) throw new Error('A step of the round did not run');
  return {
    appParse: a.parse,
    appApply: a.apply,
    appCheck: a.check,
    floorParse: f.parse,
    floorPut: f.put,
    bareParse: b.parse,
    barePut: b.put,
    appIncidents: a.incidents,
    appLinks: a.links,
    appSources: a.sources,
    floorIncidents: f.incidents,
    bareRows: b.rows,
    problems: a.problems,
  };
}

globalThis.daftarImportBench = { ready: true, prepare, round, remove: deleteDatabase };
