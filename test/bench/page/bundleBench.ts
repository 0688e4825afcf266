/**
 * The bundle benchmarks' page side (`bundle.export`, `bundle.import`), registered on
 * `globalThis.daftarBench.bundle` by benchPage.ts and driven by test/bench/bundleBench.mjs.
 *
 * - `fillSource`: the database to export, through the data layer (untimed): the bench page's
 *   incidents (unless the create benchmark already stored them there), its sources, and one link
 *   per incident.
 * - `exportRounds`: `data.exchange.exportBundle({ kind: 'all' })` against the floor — raw
 *   IndexedDB `getAll` of the three record tables, one JSON text per record, fflate `zipSync` at
 *   the bundle writer's level — alternately, floor first in even rounds.
 * - `importRounds`: `openBundle(bytes)` + `applyBundle(plan)` into a fresh app database against
 *   the floor — fflate `unzipSync` of the same bundle, `JSON.parse` of each change set, the
 *   records folded from them and put with raw IndexedDB into stores shaped like the app's record
 *   tables, in one strict-durability transaction — floor, import, floor, … (each import between
 *   two floors), every one into a fresh database. Each round imports twice: sealed, as the app
 *   stores rows, and unsealed (`sealer: null`), the floor of the encryption overhead; which goes
 *   first alternates by round.
 * - breakdowns (`exportBreakdown`, `importBreakdown`): the parts of each, timed one by one on the
 *   same data, to show where the time goes.
 *
 * Invariant as in benchPage.ts: what is not the measured work happens outside the timed spans.
 */
import { deflateSync, unzipSync, zipSync } from 'fflate';
import {
  generateDeviceKeyPair,
  sha256Hex,
  signerFromKey,
  type DeviceSigner,
} from '../../../shared/bundle/crypto.ts';
import { crc32 } from '../../../shared/bundle/crc32.ts';
import { jsonDepth } from '../../../shared/bundle/jsonText.ts';
import { BUNDLE_FILES } from '../../../shared/bundle/manifest.ts';
import { readBundle, type OpenedBundle } from '../../../shared/bundle/readBundle.ts';
import { readZip, writeZip } from '../../../shared/bundle/zip.ts';
import { StrictInflater } from '../../../shared/bundle/zipInflate.ts';
import { linkId, type LinkFields } from '../../../shared/domain/link.ts';
import {
  RECORD_KINDS,
  validateChangeFields,
  type RecordKind,
} from '../../../shared/domain/records.ts';
import type { SourceFields } from '../../../shared/domain/source.ts';
import type { ChangeSet } from '../../../shared/sync/changes.ts';
import { mergeRecord } from '../../../shared/sync/merge.ts';
import { utf8Encode } from '../../../shared/util/utf8.ts';
import { collectBundleContent } from '../../../renderer/data/bundleExport.ts';
import { planImport, type ImportPlan } from '../../../renderer/data/bundleImport.ts';
import { DaftarData } from '../../../renderer/data/daftarData.ts';
import { RECORD_TABLES, recordKey } from '../../../renderer/data/database.ts';
import type { WriteOp } from '../../../renderer/data/recordStore.ts';
import { toRow } from '../../../renderer/data/rows.ts';
import type { IncidentFields } from '../../../shared/domain/incident.ts';
import { appRowKey, sealerFor } from './appProfile.ts';
import { createAppStores } from './appStores.ts';
import { importRowKey, openRawRows } from './rawSealed.ts';

/** The bundle writer's deflate level: writeZip's default, which writeBundle does not override. */
const BUNDLE_LEVEL = 6;
const AUTHOR = 'Bench';
const IMPORT_DB = 'bench-bundle-import';
const IMPORT_DB_UNSEALED = 'bench-bundle-import-unsealed';
const FLOOR_DB = 'bench-bundle-floor';
const KINDS_STORED: RecordKind[] = ['incident', 'source', 'link'];

export interface BenchDataset {
  items: { id: string; fields: IncidentFields }[];
  sources: SourceFields[];
  sourceIds: string[];
}

export interface SourceStats {
  incidents: number;
  sources: number;
  links: number;
  changeSets: number;
  /** Seconds spent filling (untimed for the benchmarks). */
  fillSeconds: number;
  /** Whether the incidents were already there (the create benchmark's database). */
  reusedIncidents: boolean;
}

export interface ExportTiming {
  exportMs: number[];
  floorMs: number[];
  /** The raw-history floor (exportHistoryFloor). */
  historyFloorMs: number[];
  bundleBytes: number;
  /** UTF-8 bytes of the bundle's changes.ndjson and of the floor's JSON of the records. */
  changesJsonBytes: number;
  floorJsonBytes: number;
  floorZipBytes: number;
  changeSets: number;
}

export interface ImportTiming {
  importMs: number[];
  openMs: number[];
  applyMs: number[];
  /** The same import into an unsealed database (`sealer: null`), in the same rounds. */
  unsealedImportMs: number[];
  unsealedOpenMs: number[];
  unsealedApplyMs: number[];
  floorMs: number[];
  floorParts: { unzipMs: number; parseMs: number; putMs: number }[];
  counts: Record<string, number>;
  planCounts: ImportPlan['counts'];
  newChanges: number;
  checked: string[];
}

export interface Part {
  part: string;
  ms: number;
}

export interface BundleApi {
  fillSource(options: { dbName: string; chunkSize: number }): Promise<SourceStats>;
  exportRounds(options: { dbName: string; rounds: number }): Promise<ExportTiming>;
  importRounds(options: { rounds: number; canonical: boolean }): Promise<ImportTiming>;
  exportBreakdown(options: { dbName: string }): Promise<Part[]>;
  importBreakdown(): Promise<Part[]>;
  /** Drop the bundle bytes and signers. */
  release(): void;
}

let bundle: Uint8Array | null = null;
let sourceDbName = '';
let exporter: DeviceSigner | null = null;
let importer: DeviceSigner | null = null;

async function signer(): Promise<DeviceSigner> {
  const keys = await generateDeviceKeyPair();
  return signerFromKey(keys.privateKey, keys.publicKey);
}

const now = () => performance.now();

// ---- the source database -----------------------------------------------------------------------

/** One link per incident: to a source its fatality reports cite, or else to one picked by index. */
function linkOps(dataset: BenchDataset): WriteOp[] {
  return dataset.items.map(({ id, fields }, i): WriteOp => {
    const cited = fields.fatalityReports.find((r) => r.sourceId !== null)?.sourceId;
    const sourceId = cited ?? dataset.sourceIds[(i * 7919) % dataset.sourceIds.length]!;
    const link: LinkFields = {
      incidentId: id,
      sourceId,
      supports: cited ? ['fatalities'] : ['date', 'location'],
      note: '',
    };
    return { type: 'create', kind: 'link', id: linkId(id, sourceId), fields: link };
  });
}

async function fillSource(
  dataset: BenchDataset,
  { dbName, chunkSize }: { dbName: string; chunkSize: number },
): Promise<SourceStats> {
  const start = now();
  const data = await DaftarData.open({
    sealer: sealerFor(dbName),
    name: dbName,
  });
  try {
    if (data.profile === null) await data.saveProfile({ name: AUTHOR, role: 'researcher' });
    const write = (ops: WriteOp[]) =>
      data.store.writeInChunks(ops, { chunkSize, freshIds: true }).then(() => undefined);
    const incidents = await data.count('incident');
    const reusedIncidents = incidents === dataset.items.length;
    if (incidents !== 0 && !reusedIncidents)
      throw new Error(`${dbName} holds ${incidents} incidents, not 0 or ${dataset.items.length}`);
    if (!reusedIncidents) {
      await write(
        dataset.items.map(({ id, fields }) => ({ type: 'create', kind: 'incident', id, fields })),
      );
    }
    if ((await data.count('source')) === 0) {
      // Attachments stay out: the generator's references name files that are not stored, and a
      // bundle must carry every file its sources refer to (readBundle refuses it otherwise).
      await write(
        dataset.sources.map((fields, i): WriteOp => ({
          type: 'create',
          kind: 'source',
          id: dataset.sourceIds[i]!,
          fields: { ...fields, attachments: [] },
        })),
      );
    }
    if ((await data.count('link')) === 0) await write(linkOps(dataset));
    return {
      incidents: await data.count('incident'),
      sources: await data.count('source'),
      links: await data.count('link'),
      changeSets: (await data.store.allChanges()).length,
      fillSeconds: (now() - start) / 1000,
      reusedIncidents,
    };
  } finally {
    data.close();
  }
}

// ---- raw IndexedDB -----------------------------------------------------------------------------

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('Request failed'));
  });
}

function completion(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('Transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('Transaction aborted'));
  });
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error(`Cannot delete ${name}`));
    req.onblocked = () => reject(new Error(`Deleting ${name} is blocked by an open connection`));
  });
}

/** A database whose record stores have the app's key path and indexes, nothing else. */
function openRecordStores(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      createAppStores(
        req.result,
        RECORD_KINDS.map((kind) => RECORD_TABLES[kind]),
      );
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error(`Cannot open ${name}`));
    req.onblocked = () => reject(new Error(`Opening ${name} is blocked`));
  });
}

async function countRecords(name: string): Promise<Record<string, number>> {
  const db = await request(indexedDB.open(name));
  try {
    const stores = KINDS_STORED.map((k) => RECORD_TABLES[k]);
    const tx = db.transaction(stores, 'readonly');
    const out: Record<string, number> = {};
    for (const store of stores) out[store] = await request(tx.objectStore(store).count());
    return out;
  } finally {
    db.close();
  }
}

// ---- export ------------------------------------------------------------------------------------

/**
 * The floor: read every record, one JSON text per record, zip at the bundle's level. The app
 * profile's rows are sealed, so the floor opens them with WebCrypto (rawSealed.ts) after reading:
 * the least any reader of sealed storage must do.
 */
async function exportFloor(dbName: string) {
  const key = await importRowKey(appRowKey());
  const start = now();
  const db = await request(indexedDB.open(dbName));
  let rows: unknown[][];
  const stores = KINDS_STORED.map((k) => RECORD_TABLES[k]);
  try {
    const tx = db.transaction(stores, 'readonly');
    rows = await Promise.all(stores.map((s) => request(tx.objectStore(s).getAll())));
  } finally {
    db.close();
  }
  rows = await Promise.all(rows.map((list, i) => openRawRows(key, stores[i]!, 'id', list)));
  const read = now();
  const files: Record<string, Uint8Array> = {};
  let jsonBytes = 0;
  KINDS_STORED.forEach((kind, i) => {
    const bytes = utf8Encode(rows[i]!.map((r) => `${JSON.stringify(r)}\n`).join(''));
    jsonBytes += bytes.byteLength;
    files[`${RECORD_TABLES[kind]}.ndjson`] = bytes;
  });
  const stringified = now();
  const zip = zipSync(files, { level: BUNDLE_LEVEL });
  const end = now();
  return {
    ms: end - start,
    parts: { readMs: read - start, stringifyMs: stringified - read, zipMs: end - stringified },
    jsonBytes,
    zipBytes: zip.byteLength,
  };
}

/**
 * A tighter floor: the history itself read raw (the `commits` rows, each holding up to 2,000
 * change sets), one JSON text per change set, zipped — the same content as the bundle's
 * changes.ndjson, with none of the bundle's checks, hashes or signature.
 */
async function exportHistoryFloor(dbName: string) {
  const key = await importRowKey(appRowKey());
  const start = now();
  const db = await request(indexedDB.open(dbName));
  let stored: unknown[];
  try {
    stored = await request(db.transaction('commits', 'readonly').objectStore('commits').getAll());
  } finally {
    db.close();
  }
  const commits = (await openRawRows(key, 'commits', 'hlc', stored)) as { sets: ChangeSet[] }[];
  const text = commits.flatMap((c) => c.sets.map((set) => `${JSON.stringify(set)}\n`)).join('');
  const zip = zipSync({ [BUNDLE_FILES.changes]: utf8Encode(text) }, { level: BUNDLE_LEVEL });
  return { ms: now() - start, zipBytes: zip.byteLength };
}

async function openExporter(dbName: string): Promise<DaftarData> {
  exporter ??= await signer();
  const key = exporter;
  return DaftarData.open({
    sealer: sealerFor(dbName),
    name: dbName,
    signer: () => Promise.resolve(key),
    appVersion: 'bench',
  });
}

async function exportRounds({
  dbName,
  rounds,
}: {
  dbName: string;
  rounds: number;
}): Promise<ExportTiming> {
  sourceDbName = dbName;
  const data = await openExporter(dbName);
  const exportMs: number[] = [];
  const floorMs: number[] = [];
  const historyFloorMs: number[] = [];
  let floor: { jsonBytes: number; zipBytes: number } = { jsonBytes: 0, zipBytes: 0 };
  let changeSets = 0;
  try {
    const exportOnce = async () => {
      bundle = null; // the previous bundle is garbage before the next is made
      const start = now();
      const exported = await data.exchange.exportBundle({ kind: 'all' });
      const ms = now() - start;
      bundle = exported.bytes;
      changeSets = exported.changeSets;
      return ms;
    };
    const floorOnce = async () => {
      const f = await exportFloor(dbName);
      floorMs.push(f.ms);
      floor = f;
    };
    const steps = [
      floorOnce,
      async () => {
        exportMs.push(await exportOnce());
      },
      async () => {
        historyFloorMs.push((await exportHistoryFloor(dbName)).ms);
      },
    ];
    if (rounds === 0) await exportOnce(); // the import benchmark needs a bundle
    // Rotated each round, so none always runs first, on a warmer (or busier) machine.
    for (let r = 0; r < rounds; r++)
      for (let n = 0; n < steps.length; n++) await steps[(r + n) % steps.length]!();
  } finally {
    data.close();
  }
  const entries = await readZip(bundle!);
  return {
    exportMs,
    floorMs,
    historyFloorMs,
    bundleBytes: bundle!.byteLength,
    changesJsonBytes: entries.get(BUNDLE_FILES.changes)!.byteLength,
    floorJsonBytes: floor.jsonBytes,
    floorZipBytes: floor.zipBytes,
    changeSets,
  };
}

/** Times one step of a breakdown and records it in `parts`. */
function timerInto(parts: Part[]) {
  return async <T>(part: string, work: () => T | Promise<T>): Promise<T> => {
    const start = now();
    const value = await work();
    parts.push({ part, ms: now() - start });
    return value;
  };
}

/** writeBundle's steps, one at a time, on the data exportBundle reads; and the floor's. */
async function exportBreakdown({ dbName }: { dbName: string }): Promise<Part[]> {
  const data = await openExporter(dbName);
  const parts: Part[] = [];
  const time = timerInto(parts);
  try {
    const content = await time('read: collectBundleContent (commits table)', () =>
      collectBundleContent(data.db, { kind: 'all' }),
    );
    const sorted = await time('sort change sets by clock', () =>
      [...content.changes].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0)),
    );
    const bytes = await time('JSON: one line per change set + UTF-8', () =>
      utf8Encode(sorted.map((v) => `${JSON.stringify(v)}\n`).join('')),
    );
    await time('sha256 of changes.ndjson', () => sha256Hex(bytes));
    const pieces: Uint8Array[] = [];
    await time('deflate level 6, 1 MiB pieces (fflate deflateSync)', () => {
      for (let at = 0; at < bytes.length; at += 1 << 20)
        pieces.push(deflateSync(bytes.subarray(at, at + (1 << 20)), { level: BUNDLE_LEVEL }));
    });
    await time("writeZip's check: strict inflate of every piece + compare", () => {
      pieces.forEach((piece, i) => {
        const original = bytes.subarray(i << 20, (i + 1) << 20);
        const check = new Uint8Array(original.length);
        new StrictInflater(piece, check).run(Infinity);
        if (check.some((byte, j) => byte !== original[j])) throw new Error('deflate mismatch');
      });
    });
    await time('crc32 (JS) of changes.ndjson', () => crc32(bytes));
    const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
    const entries = [{ name: BUNDLE_FILES.changes, data: bytes, compress: true }];
    await time('writeZip whole (deflate + check + crc32), no pauses', () => writeZip(entries));
    await time('writeZip whole, with setTimeout(0) pauses per MiB', () =>
      writeZip(entries, { pause }),
    );
    const floor = await exportFloor(dbName);
    parts.push(
      { part: 'floor: read (raw getAll of 3 tables, rows opened)', ms: floor.parts.readMs },
      { part: 'floor: JSON, one line per record + UTF-8', ms: floor.parts.stringifyMs },
      { part: 'floor: fflate zipSync level 6', ms: floor.parts.zipMs },
    );
  } finally {
    data.close();
  }
  return parts;
}

// ---- import ------------------------------------------------------------------------------------

/** The floor: unzip, parse every change set, fold them into records, put those raw at once. */
async function importFloor(bytes: Uint8Array) {
  await deleteDatabase(FLOOR_DB);
  const db = await openRecordStores(FLOOR_DB);
  try {
    const start = now();
    const files = unzipSync(bytes);
    const unzipped = now();
    const text = new TextDecoder().decode(files[BUNDLE_FILES.changes]);
    const rows = new Map<string, { kind: RecordKind; row: Record<string, unknown> }>();
    for (let at = 0; at < text.length;) {
      const end = text.indexOf('\n', at);
      const set = JSON.parse(text.slice(at, end)) as ChangeSet;
      at = end + 1;
      // The stored form of a record: its fields (the later change set's value of each field
      // wins: the file is in clock order), id, clocks and the app's derived index fields.
      const key = `${set.kind}:${set.recordId}`;
      let entry = rows.get(key);
      if (entry === undefined) {
        entry = { kind: set.kind, row: { id: set.recordId, created: set.hlc } };
        rows.set(key, entry);
      }
      Object.assign(entry.row, set.fields, indexFields(set));
      entry.row.updated = set.hlc;
    }
    const parsed = now();
    const tx = db.transaction(
      KINDS_STORED.map((k) => RECORD_TABLES[k]),
      'readwrite',
      { durability: 'strict' },
    );
    const stores = new Map(KINDS_STORED.map((k) => [k, tx.objectStore(RECORD_TABLES[k])]));
    for (const { kind, row } of rows.values()) stores.get(kind)!.put(row);
    await completion(tx);
    const end = now();
    return {
      ms: end - start,
      parts: { unzipMs: unzipped - start, parseMs: parsed - unzipped, putMs: end - parsed },
    };
  } finally {
    db.close();
  }
}

function indexFields(set: ChangeSet): Record<string, unknown> {
  const f = set.fields as Record<string, unknown>;
  if (set.kind === 'incident' && 'fatalities' in f) return { _fatalities: f.fatalities ?? -1 };
  if (set.kind === 'source') {
    const out: Record<string, unknown> = {};
    if ('publishedAt' in f) out._publishedAt = f.publishedAt ?? '';
    if ('reliability' in f) out._reliability = f.reliability ?? '~';
    return out;
  }
  return {};
}

async function openImporter(sealed: boolean): Promise<DaftarData> {
  const name = sealed ? IMPORT_DB : IMPORT_DB_UNSEALED;
  await deleteDatabase(name);
  importer ??= await signer();
  const key = importer;
  const data = await DaftarData.open({
    sealer: sealed ? sealerFor(name) : null,
    name,
    signer: () => Promise.resolve(key),
    appVersion: 'bench',
  });
  await data.saveProfile({ name: 'Importer', role: 'researcher' });
  return data;
}

async function importRounds({
  rounds,
  canonical,
}: {
  rounds: number;
  canonical: boolean;
}): Promise<ImportTiming> {
  if (!bundle) throw new Error('No bundle: run the export benchmark first');
  const bytes = bundle;
  const out: ImportTiming = {
    importMs: [],
    openMs: [],
    applyMs: [],
    unsealedImportMs: [],
    unsealedOpenMs: [],
    unsealedApplyMs: [],
    floorMs: [],
    floorParts: [],
    counts: {},
    planCounts: { new: 0, changed: 0, conflicting: 0, unchanged: 0 },
    newChanges: 0,
    checked: [],
  };
  const floor = async () => {
    const f = await importFloor(bytes);
    out.floorMs.push(f.ms);
    out.floorParts.push(f.parts);
  };
  const importOnce = async (sealed: boolean, check: boolean) => {
    const data = await openImporter(sealed);
    try {
      const start = now();
      const plan = await data.exchange.openBundle(bytes);
      const opened = now();
      await data.exchange.applyBundle(plan);
      const end = now();
      (sealed ? out.importMs : out.unsealedImportMs).push(end - start);
      (sealed ? out.openMs : out.unsealedOpenMs).push(opened - start);
      (sealed ? out.applyMs : out.unsealedApplyMs).push(end - opened);
      out.planCounts = plan.counts;
      out.newChanges = plan.newChanges;
      if (check) out.checked = await checkImport(data, canonical);
    } finally {
      data.close();
    }
  };
  await floor();
  for (let r = 0; r < rounds; r++) {
    const sealedFirst = r % 2 === 0;
    await importOnce(sealedFirst, sealedFirst && r === rounds - 1);
    await importOnce(!sealedFirst, !sealedFirst && r === rounds - 1);
    await floor();
  }
  out.counts = await countRecords(IMPORT_DB);
  // The unsealed copy is not needed afterwards; the sealed one is checked against the source.
  await deleteDatabase(IMPORT_DB_UNSEALED);
  return out;
}

/** The imported database against the source: counts, a sample of rows, the canonical export. */
async function checkImport(imported: DaftarData, canonical: boolean): Promise<string[]> {
  const source = await openExporter(sourceDbName);
  const checked: string[] = [];
  try {
    const problems: string[] = [];
    for (const kind of KINDS_STORED) {
      const [a, b] = [await source.count(kind), await imported.count(kind)];
      if (a !== b) problems.push(`${kind}: ${b} imported, ${a} in the source`);
      // Every 97th row by id, compared field by field (key order aside).
      const ids = (await source.db.tableOf(kind).toCollection().primaryKeys()).filter(
        (_, i) => i % 97 === 0,
      );
      const [mine, theirs] = [
        await imported.db.tableOf(kind).bulkGet(ids),
        await source.db.tableOf(kind).bulkGet(ids),
      ];
      ids.forEach((id, i) => {
        if (sortedJson(mine[i]) !== sortedJson(theirs[i])) problems.push(`${kind} ${id} differs`);
      });
      checked.push(`${kind}: ${b} records, ${ids.length} compared`);
    }
    const [a, b] = [
      (await source.store.allChanges()).length,
      (await imported.store.allChanges()).length,
    ];
    if (a !== b) problems.push(`change sets: ${b} imported, ${a} in the source`);
    checked.push(`change sets: ${b}`);
    if (canonical) {
      // The importer logs the import in its chain of custody ("imported"); the source has no
      // such entry, so custody is left out of the comparison.
      const withoutCustody = (text: string) => {
        const value = JSON.parse(text) as Record<string, unknown>;
        delete value.custody;
        return JSON.stringify(value);
      };
      const [mineText, theirsText] = [
        withoutCustody(await imported.exchange.canonicalExport()),
        withoutCustody(await source.exchange.canonicalExport()),
      ];
      if (mineText !== theirsText) {
        let at = 0;
        while (mineText[at] === theirsText[at]) at++;
        problems.push(
          `the canonical exports differ from character ${at}: imported …${mineText.slice(Math.max(0, at - 80), at + 80)}… source …${theirsText.slice(Math.max(0, at - 80), at + 80)}…`,
        );
      }
      checked.push('canonical export identical (but for the importer’s custody log)');
    }
    if (problems.length > 0)
      throw new Error(`The import differs from the source:\n${problems.slice(0, 10).join('\n')}`);
    return checked;
  } finally {
    source.close();
  }
}

function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** openBundle's and applyBundle's steps, one at a time, on the same bundle. */
async function importBreakdown(): Promise<Part[]> {
  if (!bundle) throw new Error('No bundle: run the export benchmark first');
  const bytes = bundle;
  const parts: Part[] = [];
  const time = timerInto(parts);
  const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  await time('fflate unzipSync (the floor)', () => unzipSync(bytes));
  const entries = await time('readZip: strict inflate + crc32 (JS), no pauses', () =>
    readZip(bytes),
  );
  await time('readZip with setTimeout(0) pauses per MiB (as openBundle)', () =>
    readZip(bytes, { pause }),
  );
  const changes = entries.get(BUNDLE_FILES.changes)!;
  await time('sha256 of changes.ndjson', () => sha256Hex(changes));
  const text = await time('UTF-8 decode (strict)', () =>
    new TextDecoder('utf-8', { fatal: true }).decode(changes),
  );
  const lines = text.split('\n').slice(0, -1);
  await time('jsonDepth of every line', () => lines.forEach((l) => jsonDepth(l, 12)));
  const sets = await time('JSON.parse of every line', () =>
    lines.map((l) => JSON.parse(l) as ChangeSet),
  );
  await time('validateChangeFields (zod) of every change set', () =>
    sets.forEach((s) => validateChangeFields(s.kind, s.fields)),
  );
  const opened: OpenedBundle = await time('readBundle whole (as openBundle, no pauses)', () =>
    readBundle(bytes, { now: Date.now() }),
  );
  const data = await openImporter(true);
  try {
    const keys = [...new Set(opened.changes.map((c) => recordKey(c.kind, c.recordId)))];
    await time("history lookup as planImport's historiesOf (empty database)", () =>
      data.db.transaction('r', data.db.commits, async () => {
        for (let i = 0; i < keys.length; i += 2_000)
          await data.db.commits
            .where('records')
            .anyOf(keys.slice(i, i + 2_000))
            .toArray();
      }),
    );
    await time('mergeRecord + toRow of every record', () => {
      const byRecord = new Map<string, ChangeSet[]>();
      for (const set of opened.changes) {
        const key = recordKey(set.kind, set.recordId);
        const list = byRecord.get(key);
        if (list) list.push(set);
        else byRecord.set(key, [set]);
      }
      for (const [, list] of byRecord) {
        const { kind, recordId: id } = list[0]!;
        const merged = mergeRecord(list);
        toRow(
          kind,
          { ...merged.fields, id, created: merged.created, updated: merged.updated } as never,
          merged.clocks,
        );
      }
    });
    const signerKey = importer!;
    const plan = await time('planImport whole', () =>
      planImport(data.db, opened, {
        device: data.deviceId,
        publicKey: signerKey.publicKey,
        now: () => Date.now(),
      }),
    );
    await time('applyBundle (one transaction: commit rows, records, log)', () =>
      data.exchange.applyBundle(plan),
    );
  } finally {
    data.close();
  }
  // The floor of the design: the floor's records plus the history rows applyBundle writes.
  await deleteDatabase(FLOOR_DB);
  const db = await openRecordStores(FLOOR_DB);
  db.close();
  await time('raw puts: records + commit rows, one transaction (floor of the design)', async () => {
    const withCommits = await openWithCommits();
    try {
      const tx = withCommits.transaction(
        [...KINDS_STORED.map((k) => RECORD_TABLES[k]), 'commits'],
        'readwrite',
        { durability: 'strict' },
      );
      for (const set of opened.changes) {
        const row = toRow(set.kind, {
          ...set.fields,
          id: set.recordId,
          created: set.hlc,
          updated: set.hlc,
        } as never);
        tx.objectStore(RECORD_TABLES[set.kind]).put(row);
      }
      const sorted = [...opened.changes].sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
      for (let i = 0; i < sorted.length; i += 1_000) {
        const chunk = sorted.slice(i, i + 1_000);
        tx.objectStore('commits').put({
          hlc: chunk[0]!.hlc,
          last: chunk.at(-1)!.hlc,
          sets: chunk,
          records: [...new Set(chunk.map((c) => recordKey(c.kind, c.recordId)))],
        });
      }
      await completion(tx);
    } finally {
      withCommits.close();
    }
  });
  return parts;
}

/** FLOOR_DB upgraded to add a store shaped like the app's `commits` table. */
function openWithCommits(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(FLOOR_DB, 2);
    req.onupgradeneeded = () => {
      createAppStores(req.result, ['commits']);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error(`Cannot open ${FLOOR_DB}`));
    req.onblocked = () => reject(new Error(`Opening ${FLOOR_DB} is blocked`));
  });
}

export function bundleApi(dataset: () => BenchDataset): BundleApi {
  return {
    fillSource: (options) => fillSource(dataset(), options),
    exportRounds,
    importRounds,
    exportBreakdown,
    importBreakdown,
    release: () => {
      bundle = null;
    },
  };
}
