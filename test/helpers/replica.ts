/**
 * A replica for exchange tests: a DaftarData on its own fresh fake-IndexedDB database, with a
 * controllable clock, predictable ids, an Ed25519 signer from Node's WebCrypto, and a weak
 * passphrase KDF (test-only) so encrypted round trips stay fast.
 */
import { afterEach } from 'vitest';
import { generateDeviceKeyPair, signerFromKey } from '../../shared/bundle/crypto.ts';
import { DaftarData } from '../../renderer/data/daftarData.ts';
import { hasEveryField, RECORD_KINDS, withLaterFields } from '../../shared/domain/records.ts';
import type { ChangeSet } from '../../shared/sync/changes.ts';
import { mergeRecord } from '../../shared/sync/merge.ts';
import type { CustodyEntry } from '../../shared/domain/custody.ts';
import { testSealer } from './testSealer.ts';

export const T0 = Date.UTC(2025, 2, 1, 8);

export interface Replica {
  data: DaftarData;
  clock: { now: number };
  name: string;
}

export async function openReplica(
  label: string,
  author = label,
  /** Let bundles use a fast, weak passphrase KDF (never in the app). */
  weakKdf = true,
): Promise<Replica> {
  const clock = { now: T0 };
  let next = 0;
  const keys = await generateDeviceKeyPair();
  const signer = signerFromKey(keys.privateKey, keys.publicKey);
  const name = `replica-${label}-${Math.random()}`;
  const data = await DaftarData.open({
    sealer: testSealer(),
    name,
    now: () => clock.now,
    newId: () => `${label}${String(++next).padStart(6, '0')}`,
    signer: () => Promise.resolve(signer),
    appVersion: 'test',
    exchangeOptions: weakKdf
      ? {
          readOptions: { testOnlyAllowWeakKdf: true },
          writeOptions: { iterations: 1_000, testOnlyAllowWeakKdf: true },
        }
      : {},
  });
  await data.saveProfile({ name: author, role: 'researcher' });
  return { data, clock, name };
}

/**
 * For a test file: a function that opens a replica (openReplica's arguments), each closed after
 * the test that opened it.
 */
export function replicasClosedAfterEach(): (label: string, author?: string) => Promise<Replica> {
  const opened: Replica[] = [];
  afterEach(() => {
    for (const r of opened.splice(0)) r.data.close();
  });
  return async (label, author) => {
    const r = await openReplica(label, author);
    opened.push(r);
    return r;
  };
}

/** Export everything from `from` and import it into `to`; returns the import report. */
export async function sendAll(from: Replica, to: Replica) {
  const bundle = await from.data.exchange.exportBundle({ kind: 'all' });
  const plan = await to.data.exchange.openBundle(bundle.bytes);
  return to.data.exchange.applyBundle(plan, { acceptChangedKey: false });
}

/**
 * The stored records and conflicts of a replica, recomputed from nothing but its change history
 * with the merge core: what `canonicalExport` must show if every write kept them in step.
 */
export async function expectedFromHistory(r: Replica) {
  const byRecord = new Map<string, ChangeSet[]>();
  for (const set of await r.data.store.allChanges()) {
    const key = `${set.kind}:${set.recordId}`;
    byRecord.set(key, [...(byRecord.get(key) ?? []), set]);
  }
  const records: Record<string, unknown[]> = Object.fromEntries(RECORD_KINDS.map((k) => [k, []]));
  const conflicts: { id: string; versions: unknown }[] = [];
  for (const [key, sets] of byRecord) {
    const { kind, recordId: id } = sets[0]!;
    const merged = mergeRecord(sets);
    // conflicts are kept for deleted records too: a restore brings them back
    for (const c of merged.conflicts)
      conflicts.push({ id: `${key}|${c.field}`, versions: c.versions });
    if (merged.deleted || !hasEveryField(kind, merged.fields)) continue;
    const clocks = Object.fromEntries(
      Object.entries(merged.clocks).filter(([, hlc]) => hlc !== merged.created),
    );
    records[kind]!.push({
      ...withLaterFields(kind, merged.fields),
      id,
      created: merged.created,
      updated: merged.updated,
      clocks,
    });
  }
  for (const list of Object.values(records)) {
    list.sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1));
  }
  conflicts.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { records, conflicts };
}

/**
 * A replica's canonical export, as data, without the `imported` custody entries its own imports
 * wrote: a fact about this replica alone until it sends them on, so a replica that imported
 * another's bundle holds exactly the other's data plus those.
 */
export async function dataWithoutOwnImports(r: Replica) {
  const exported = JSON.parse(await r.data.exchange.canonicalExport()) as {
    custody: CustodyEntry[];
  };
  const own = (e: CustodyEntry) => e.action === 'imported' && e.device === r.data.deviceId;
  return { ...exported, custody: exported.custody.filter((e) => !own(e)) };
}
