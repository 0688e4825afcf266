/**
 * The interchange import benchmark page (`/__bench/importBench.html`): writes the generated
 * incidents as an ACLED CSV (writeAcledCsv, each row crediting one of a few outlets) into a Blob,
 * then times the app's import of it — `readCsv` with the mapping `inspectCsv` suggests, then
 * `applyImport` into a fresh database, as the import screen does — against the raw floor: the
 * same Blob's text parsed by PapaParse (`header: true`) and one object per row `put` into a bare
 * database (no indexes, the row number as key), one strict-durability transaction per 2,000 rows.
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
import type { ImportPlan } from '../../../shared/interchange/imported.ts';
import { inspectCsv, readCsv } from '../../../shared/interchange/csv/readCsv.ts';
import { writeAcledCsv } from '../../../shared/interchange/csv/writeCsv.ts';
import { generateIds, generateIncidents } from '../generateDataset.ts';

export interface Prepared {
  rows: number;
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
  /** Breakdown: applyImport of the same plan with no source credited (no sources, no links). */
  appApplyNoLinks: number | null;
  floorParse: number;
  floorPut: number;
  appIncidents: number;
  appLinks: number;
  appSources: number;
  floorRows: number;
  problems: number;
}

export interface ImportBenchApi {
  ready: true;
  prepare(options: { incidents: number; seed: number }): Promise<Prepared>;
  round(options: {
    appDb: string;
    floorDb: string;
    chunkSize: number;
    appFirst: boolean;
    breakdown: boolean;
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

async function prepare({
  incidents,
  seed,
}: {
  incidents: number;
  seed: number;
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
  return {
    rows: incidents,
    bytes: file.size,
    generateMs: performance.now() - start,
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

async function floor(dbName: string, chunkSize: number) {
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

/** applyImport of `plan` into a fresh database `dbName`, timed; the incidents stored after. */
async function applyFresh(dbName: string, plan: ImportPlan, chunkSize: number) {
  await deleteDatabase(dbName);
  const data = await DaftarData.open({ name: dbName });
  try {
    await data.saveProfile({ name: 'Bench', role: 'researcher' });
    const start = performance.now();
    await applyImport(data, plan, {
      fileName: FILE_NAME,
      chunkSize,
      carried: fieldsCarriedBy(inspected!.suggested),
    });
    const ms = performance.now() - start;
    return { ms, incidents: await data.db.incidents.count() };
  } finally {
    data.close();
    await deleteDatabase(dbName);
  }
}

async function app(dbName: string, chunkSize: number, breakdown: boolean) {
  let noLinks: number | null = null;
  await deleteDatabase(dbName);
  const data = await DaftarData.open({ name: dbName });
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
    if (breakdown) {
      const bare = { ...plan, incidents: plan.incidents.map((i) => ({ ...i, sourceNames: [] })) };
      const alone = await applyFresh(`${dbName}-nolinks`, bare, chunkSize);
      if (alone.incidents !== incidents) throw new Error('The import without links stored fewer');
      noLinks = alone.ms;
    }
    return {
      parse: parsedAt - start,
      apply: done - parsedAt,
      check: checkedAt - parsedAt,
      problems: plan.problems.length,
      incidents,
      noLinks,
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
  chunkSize,
  appFirst,
  breakdown,
}: {
  appDb: string;
  floorDb: string;
  chunkSize: number;
  appFirst: boolean;
  breakdown: boolean;
}): Promise<Round> {
  let a: Awaited<ReturnType<typeof app>>;
  let f: Awaited<ReturnType<typeof floor>>;
  if (appFirst) {
    a = await app(appDb, chunkSize, breakdown);
    f = await floor(floorDb, chunkSize);
  } else {
    f = await floor(floorDb, chunkSize);
    a = await app(appDb, chunkSize, breakdown);
  }
  return {
    appParse: a.parse,
    appApply: a.apply,
    appCheck: a.check,
    appApplyNoLinks: a.noLinks,
    floorParse: f.parse,
    floorPut: f.put,
    appIncidents: a.incidents,
    appLinks: a.links,
    appSources: a.sources,
    floorRows: f.rows,
    problems: a.problems,
  };
}

globalThis.daftarImportBench = { ready: true, prepare, round, remove: deleteDatabase };
