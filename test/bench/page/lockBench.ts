/**
 * The app lock benchmark page (`/__bench/lockBench.html`): the same incidents stored twice — in a
 * sealed profile made as the app makes it (`Vault.create` with the real 600,000 PBKDF2 rounds, a
 * vault record of its own, `DaftarData.open({ name: unlocked.database, sealer })`) and in an
 * unsealed database (`sealer: null`, the floor) — then, from "passphrase submitted", what the
 * app does after its lock screen (renderer/main.tsx): `Vault.unlock`, `DaftarData.open` with a
 * `RowSealer` of the row key, the find engine started (a `FindClient` over the module worker fed
 * by `FindSync.start`, as findState.ts starts it) and, meanwhile, the list's first screen
 * (`firstIncidents('dateStart', 'desc', 100)`, as RecordListView asks while the engine loads).
 * The unsealed run does the same without the vault and the sealer. The runner
 * (test/bench/lockBench.mjs) calls each measurement in a fresh page.
 *
 * Invariant: the timed span holds only the work after the passphrase is submitted; checks follow it.
 */
import { gcm } from '@noble/ciphers/aes.js';
import { DaftarData } from '../../../renderer/data/daftarData.ts';
import type { WriteOp } from '../../../renderer/data/recordStore.ts';
import { RowSealer } from '../../../renderer/data/seal/rowSealer.ts';
import { decodeValue, encodeValue } from '../../../renderer/data/seal/sealCodec.ts';
import { toRow } from '../../../renderer/data/rows.ts';
import { encodeHlc } from '../../../shared/sync/hlc.ts';
import { FindClient } from '../../../renderer/find/findClient.ts';
import { FindSync } from '../../../renderer/find/findSync.ts';
import { Vault } from '../../../renderer/lock/vault.ts';
import { IndexedDbVaultStore } from '../../../renderer/lock/vaultStore.ts';
import { PASSPHRASE_KDF } from '../../../shared/bundle/crypto.ts';
import { generateIds, generateIncidents } from '../generateDataset.ts';
import { deleteDatabase } from './reviewQueueDataset.ts';

/** A vault database of the benchmark's own, so the app's (`daftar-vault`) is left alone. */
const VAULT_DB = 'daftar-bench-lock-vault';
const PLAIN_DB = 'daftar-bench-lock-plain';
/** The list's first screen (RecordListView's FIRST_SCREEN). */
const FIRST_SCREEN = 100;
const AUTHOR = 'Bench';

export interface LockFillOptions {
  incidents: number;
  seed: number;
  chunkSize: number;
  passphrase: string;
}

export interface LockFilled {
  sealedDb: string;
  iterations: number;
  createMs: number;
  fillMs: number;
}

/** ms from "passphrase submitted" (t0), each step's end. */
export interface UnlockRun {
  sealed: boolean;
  /** Vault.unlock: read the record, PBKDF2 ×2 side by side, AES-GCM unwrap, HKDF (0 unsealed). */
  unwrapMs: number;
  /** + DaftarData.open. */
  openMs: number;
  /** + the first screen of rows, read while the engine loads. */
  firstRowsMs: number;
  /** + the engine loaded: every record handed to the worker and applied. */
  searchMs: number;
  firstRows: number;
  loaded: number;
  /** One raw PBKDF2-SHA256 deriveBits of the vault's rounds, timed after the run (sealed only). */
  pbkdf2Ms: number;
  /** Two of them side by side, as Vault.unlock runs them (sealed only). */
  pbkdf2PairMs: number;
  /** Reading the vault record (before t0, as the app reads it before its lock screen). */
  recordReadMs: number;
}

export interface Part {
  part: string;
  ms: number;
}

export interface LockBenchApi {
  ready: true;
  fill(options: LockFillOptions): Promise<LockFilled>;
  measure(options: { sealed: boolean; passphrase: string }): Promise<UnlockRun>;
  /** The sealer's steps, each timed alone over `count` incident rows (where sealing's time goes). */
  sealParts(options: { count: number; seed: number }): Promise<Part[]>;
  remove(): Promise<void>;
}

declare global {
  var daftarLockBench: LockBenchApi;
}

const vault = () => new Vault(new IndexedDbVaultStore(VAULT_DB));

async function fill(o: LockFillOptions): Promise<LockFilled> {
  await remove();
  const t0 = performance.now();
  const unlocked = await vault().create(o.passphrase, { language: 'en' });
  const createMs = performance.now() - t0;
  const ids = generateIds(o.incidents, o.seed);
  const ops: WriteOp[] = generateIncidents(o.incidents, o.seed).map((fields, i) => ({
    type: 'create',
    kind: 'incident',
    id: ids[i]!,
    fields,
  }));
  const start = performance.now();
  const stores = [
    await DaftarData.open({
      name: unlocked.database,
      sealer: new RowSealer(unlocked.rowKey),
    }),
    await DaftarData.open({ name: PLAIN_DB, sealer: null }),
  ];
  try {
    for (const data of stores) {
      await data.saveProfile({ name: AUTHOR, role: 'researcher' });
      for (let from = 0; from < ops.length; from += o.chunkSize)
        await data.store.write(ops.slice(from, from + o.chunkSize), { freshIds: true });
    }
  } finally {
    for (const data of stores) data.close();
  }
  return {
    sealedDb: unlocked.database,
    iterations: PASSPHRASE_KDF.iterations,
    createMs,
    fillMs: performance.now() - start,
  };
}

/** `runs` raw PBKDF2-SHA256 deriveBits of the vault's rounds side by side, ms. */
async function pbkdf2(passphrase: string, runs: number): Promise<number> {
  const base = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const derive = () =>
    crypto.subtle.deriveBits(
      {
        name: 'PBKDF2',
        hash: 'SHA-256',
        salt: crypto.getRandomValues(new Uint8Array(16)),
        iterations: PASSPHRASE_KDF.iterations,
      },
      base,
      256,
    );
  const t0 = performance.now();
  await Promise.all(Array.from({ length: runs }, derive));
  return performance.now() - t0;
}

async function measure({
  sealed,
  passphrase,
}: {
  sealed: boolean;
  passphrase: string;
}): Promise<UnlockRun> {
  const locked = vault();
  const readStart = performance.now();
  const record = await locked.record(); // read by the app before its lock screen shows
  const recordReadMs = performance.now() - readStart;
  if (record === null) throw new Error('No vault: fill first');
  const t0 = performance.now();
  let name = PLAIN_DB;
  let sealer: RowSealer | null = null;
  if (sealed) {
    const result = await locked.unlock(passphrase);
    if (result.kind !== 'unlocked') throw new Error(`The vault did not unlock: ${result.kind}`);
    name = result.unlocked.database;
    sealer = new RowSealer(result.unlocked.rowKey);
  }
  const unwrapped = performance.now();
  const data = await DaftarData.open({ name, sealer });
  const opened = performance.now();
  const client = new FindClient(
    () =>
      new Worker(new URL('../../../renderer/find/find.worker.ts', import.meta.url), {
        type: 'module',
      }),
  );
  let loaded = 0;
  let sync: FindSync | null = null;
  try {
    const loading = FindSync.start(data, client, (p) => (loaded = p.loaded));
    const first = await data.firstIncidents('dateStart', 'desc', FIRST_SCREEN);
    const firstAt = performance.now();
    sync = await loading;
    const searchAt = performance.now();
    const total = await data.count('incident');
    if (first.length !== Math.min(FIRST_SCREEN, total) || first.some((r) => !r.title))
      throw new Error(`The first screen has ${first.length} incidents, some without a title`);
    if (loaded < total) throw new Error(`The engine loaded ${loaded} of ${total} incidents`);
    return {
      sealed,
      unwrapMs: unwrapped - t0,
      openMs: opened - t0,
      firstRowsMs: firstAt - t0,
      searchMs: searchAt - t0,
      firstRows: first.length,
      loaded,
      pbkdf2Ms: sealed ? await pbkdf2(passphrase, 1) : 0,
      pbkdf2PairMs: sealed ? await pbkdf2(passphrase, 2) : 0,
      recordReadMs,
    };
  } finally {
    sync?.stop();
    client.dispose();
    data.close();
  }
}

async function sealParts({ count, seed }: { count: number; seed: number }): Promise<Part[]> {
  const ids = generateIds(count, seed);
  const hlc = encodeHlc({ wall: Date.now(), counter: 0, device: 'benchdevice00000' });
  const rows = generateIncidents(count, seed).map((fields, i) =>
    toRow('incident', { ...fields, id: ids[i]!, created: hlc, updated: hlc }),
  );
  const key = crypto.getRandomValues(new Uint8Array(32));
  const sealer = new RowSealer(key);
  const nonce = new Uint8Array(12);
  const aad = new TextEncoder().encode('daftar-row\u0000incidents\u0000"id"');
  const parts: Part[] = [];
  const time = async <T>(part: string, work: () => T | Promise<T>): Promise<T> => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const t0 = performance.now();
    const out = await work();
    parts.push({ part, ms: performance.now() - t0 });
    return out;
  };
  // Writing: what RowSealer.seal does per row, step by step.
  const json = await time('JSON.stringify of each row (no replacer)', () =>
    rows.map((row) => JSON.stringify(row)),
  );
  await time('TextEncoder of each JSON', () => json.map((text) => new TextEncoder().encode(text)));
  const encoded = await time("encodeValue (JSON with the codec's replacer + bytes)", () =>
    rows.map((row) => encodeValue(row).plaintext),
  );
  await time('AES-256-GCM encrypt, @noble/ciphers', () =>
    encoded.map((bytes) => gcm(key, nonce, aad).encrypt(bytes)),
  );
  const sealed = await time('RowSealer.seal whole', () =>
    rows.map((row) => sealer.seal('incidents', row.id, row).sealed),
  );
  // Reading: what RowSealer.open does per row.
  await time('JSON.parse of each row (no reviver)', () => json.map((text) => JSON.parse(text)));
  await time("decodeValue (JSON.parse with the codec's reviver)", () =>
    encoded.map((bytes) => decodeValue(bytes)),
  );
  await time('AES-256-GCM decrypt, @noble/ciphers', () =>
    sealed.map((bytes, i) =>
      gcm(
        key,
        bytes.subarray(1, 13),
        new TextEncoder().encode(`daftar-row\u0000incidents\u0000${JSON.stringify(rows[i]!.id)}`),
      ).decrypt(bytes.subarray(13)),
    ),
  );
  const webKey = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['decrypt']);
  await time('AES-256-GCM decrypt, WebCrypto (async, all at once)', () =>
    Promise.all(
      sealed.map((bytes, i) =>
        crypto.subtle.decrypt(
          {
            name: 'AES-GCM',
            iv: bytes.slice(1, 13),
            additionalData: new TextEncoder().encode(
              `daftar-row\u0000incidents\u0000${JSON.stringify(rows[i]!.id)}`,
            ),
          },
          webKey,
          bytes.slice(13),
        ),
      ),
    ),
  );
  await time('RowSealer.open whole', () =>
    sealed.map((bytes, i) => sealer.open('incidents', rows[i]!.id, bytes, [])),
  );
  return parts;
}

async function remove(): Promise<void> {
  const record = await vault()
    .record()
    .catch(() => null);
  await vault().destroy();
  if (record) await deleteDatabase(record.database);
  await deleteDatabase(PLAIN_DB);
}

globalThis.daftarLockBench = { ready: true, fill, measure, sealParts, remove };
