/**
 * Merging an opened (fully checked) bundle into this profile, in two steps: `planImport` reads
 * the history of every record the bundle touches and merges it with the bundle's change sets —
 * the preview (new, changed, conflicting, unchanged) comes from this plan — and `applyImport`
 * writes the plan in one strict-durability transaction: the new change sets, the merged records,
 * their conflicts, attachments, custody entries, the signer's key and a log entry. Change sets
 * already present are skipped, so importing the same bundle again changes nothing.
 */
import { Dexie } from 'dexie';
import type { CustodyEntry } from '../../shared/domain/custody.ts';
import {
  hasEveryField,
  withLaterFields,
  type RecordKind,
  type StoredRecord,
} from '../../shared/domain/records.ts';
import { isStatusStep } from '../../shared/domain/reviewWork.ts';
import { BundleError } from '../../shared/bundle/bundleError.ts';
import { toHex } from '../../shared/bundle/crypto.ts';
import type { OpenedBundle } from '../../shared/bundle/readBundle.ts';
import type { ChangeSet } from '../../shared/sync/changes.ts';
import { isConflict, mergeRecord, type MergedRecord } from '../../shared/sync/merge.ts';
import { canonicalJson } from '../../shared/util/canonicalJson.ts';
import { custodySubjects, type CustodyClerk, type CustodySubject } from './custodyClerk.ts';
import {
  conflictId,
  recordKey,
  type CommitRow,
  type ConflictRow,
  type DaftarDatabase,
  type TeammateRow,
} from './database.ts';
import { fromRow, toRow, type Row } from './rows.ts';

export type RecordOutcome = 'new' | 'changed' | 'conflicting' | 'unchanged';
export type SignerStatus = 'self' | 'new' | 'known' | 'keyChanged';

export interface PlannedRecord {
  kind: RecordKind;
  id: string;
  outcome: RecordOutcome;
  /** The record's title or name after the merge, for the preview. */
  label: string;
}

export interface ImportPlan {
  bundle: OpenedBundle;
  signer: {
    device: string;
    author: string;
    fingerprint: string;
    status: SignerStatus;
    /** The fingerprint remembered for this device, when the key changed. */
    knownFingerprint?: string;
  };
  /** When this bundle was imported before, if it was. */
  importedBefore: string | null;
  counts: Record<RecordOutcome, number>;
  records: PlannedRecord[];
  newChanges: number;
  /** Internal: what apply writes, and the database state it was computed from. */
  writes: PlannedWrites;
}

interface PlannedWrites {
  stamp: string;
  commits: CommitRow[];
  put: Map<RecordKind, Row<RecordKind>[]>;
  remove: Map<RecordKind, string[]>;
  conflictsPut: ConflictRow[];
  conflictsRemove: string[];
  custody: CustodyEntry[];
  attachments: OpenedBundle['attachments'];
  /** Sources whose content the bundle brings or changes (not a status step alone). */
  handedOn: string[];
}

export interface ImportReport {
  bundleId: string;
  counts: Record<RecordOutcome, number>;
  newChanges: number;
  attachments: number;
  custody: number;
}

export interface PlanContext {
  device: string;
  publicKey: Uint8Array;
  now: () => number;
}

export interface ImportContext extends PlanContext {
  custody: CustodyClerk;
}

const COMMIT_ROW_SETS = 1_000;
const KEY_CHUNK = 2_000;

export async function planImport(
  db: DaftarDatabase,
  bundle: OpenedBundle,
  context: PlanContext,
): Promise<ImportPlan> {
  return db.transaction('r', db.tables, async () => {
    const byRecord = new Map<string, ChangeSet[]>();
    for (const set of bundle.changes) {
      const key = recordKey(set.kind, set.recordId);
      const list = byRecord.get(key);
      if (list) list.push(set);
      else byRecord.set(key, [set]);
    }
    const histories = await historiesOf(db, [...byRecord.keys()]);
    const existingConflicts = await conflictsOf(db, [...byRecord.keys()]);

    const counts: Record<RecordOutcome, number> = {
      new: 0,
      changed: 0,
      conflicting: 0,
      unchanged: 0,
    };
    const records: PlannedRecord[] = [];
    const fresh: ChangeSet[] = [];
    const put = new Map<RecordKind, Row<RecordKind>[]>();
    const remove = new Map<RecordKind, string[]>();
    const conflictsPut: ConflictRow[] = [];
    const conflictsRemove: string[] = [];
    const handedOn: string[] = [];

    for (const [key, incoming] of byRecord) {
      const { kind, recordId: id } = incoming[0]!;
      const history = histories.get(key) ?? [];
      const known = new Map(history.map((c) => [c.hlc, c]));
      const added: ChangeSet[] = [];
      for (const change of incoming) {
        const stored = known.get(change.hlc);
        if (stored === undefined) added.push(change);
        else if (canonicalJson(stored) !== canonicalJson(change)) {
          throw new BundleError(
            'changeCollision',
            `The change ${change.hlc} to ${kind} ${id} differs from the one stored under the same clock.`,
            { hlc: change.hlc },
          );
        }
      }
      // Only this device writes this device's changes: one arriving new was forged elsewhere.
      const forged = added.find((c) => c.device === context.device);
      if (forged) {
        throw new BundleError(
          'invalidChange',
          `The bundle holds a change (${forged.hlc}) attributed to this device that this device never made.`,
          { hlc: forged.hlc },
        );
      }
      if (added.length === 0) {
        counts.unchanged++;
        records.push({ kind, id, outcome: 'unchanged', label: '' });
        continue;
      }
      fresh.push(...added);
      if (kind === 'source' && added.some((c) => !isStatusStep(c))) handedOn.push(id);
      const before = history.length > 0 ? mergeRecord(history) : null;
      const after = mergeRecord([...history, ...added]);
      const wasLive = before !== null && isLive(kind, before);
      const live = isLive(kind, after);
      if (live) push(put, kind, toRow(kind, storedOf(kind, id, after), after.clocks));
      else if (wasLive) push(remove, kind, id);

      const previous = existingConflicts.get(key) ?? [];
      const next = after.conflicts.map((c): ConflictRow => ({
        id: conflictId(kind, id, c.field),
        record: key,
        kind,
        recordId: id,
        field: c.field,
        versions: c.versions,
      }));
      conflictsPut.push(...next);
      const kept = new Set(next.map((c) => c.id));
      conflictsRemove.push(...previous.filter((c) => !kept.has(c.id)).map((c) => c.id));
      const addedClocks = new Set(added.map((a) => a.hlc));
      const newConflict = after.conflicts.some(
        (c) => isConflict(c.versions) && c.versions.some((v) => addedClocks.has(v.hlc)),
      );
      const outcome: RecordOutcome =
        newConflict && live ? 'conflicting' : !wasLive && live ? 'new' : 'changed';
      counts[outcome]++;
      records.push({ kind, id, outcome, label: labelOf(after) });
    }

    await refuseReusedClocks(db, fresh);
    const custodyIds = bundle.custody.map((e) => e.id);
    const haveCustody = await db.custody.bulkGet(custodyIds);
    const custody = bundle.custody.filter((_, i) => haveCustody[i] === undefined);
    const forgedEntry = custody.find((e) => e.device === context.device);
    if (forgedEntry) {
      throw new BundleError(
        'invalidChange',
        `The bundle holds a custody entry (${forgedEntry.id}) attributed to this device that this device never made.`,
        { id: forgedEntry.id },
      );
    }
    const haveFiles = await db.attachments.bulkGet(bundle.attachments.map((a) => a.sha256));
    const attachments = bundle.attachments.filter((_, i) => haveFiles[i] === undefined);
    const log = await db.bundleLog.get(bundle.manifest.bundleId);

    return {
      bundle,
      signer: await signerOf(db, bundle, context),
      importedBefore: log?.importedAt ?? null,
      counts,
      records,
      newChanges: fresh.length,
      writes: {
        stamp: await stampOf(db),
        commits: commitRows(fresh),
        put,
        remove,
        conflictsPut,
        conflictsRemove,
        custody,
        attachments,
        handedOn,
      },
    };
  });
}

export interface ApplyOptions {
  /** Required to import a bundle whose signer's key differs from the one remembered. */
  acceptChangedKey?: boolean;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export async function applyImport(
  db: DaftarDatabase,
  plan: ImportPlan,
  context: ImportContext,
  options: ApplyOptions = {},
): Promise<ImportReport> {
  const { manifest } = plan.bundle;
  return db.transaction('rw', db.tables, async () => {
    let current = plan;
    // Something was written since the preview: merge again against what is stored now.
    if ((await stampOf(db)) !== plan.writes.stamp) {
      current = await planImport(db, plan.bundle, context);
    }
    if (current.signer.status === 'keyChanged' && !options.acceptChangedKey) {
      throw new Error(
        `The key of ${plan.signer.device} changed; confirm it with its owner before importing.`,
      );
    }
    const writes = current.writes;
    const steps = writes.commits.length + writes.put.size + 4;
    let done = 0;
    const step = () => {
      options.signal?.throwIfAborted();
      options.onProgress?.(++done, steps);
    };
    for (const row of writes.commits) {
      try {
        await db.commits.add(row);
      } catch {
        throw new BundleError(
          'changeCollision',
          `A change with clock ${row.hlc} is already stored with different content.`,
          { hlc: row.hlc },
        );
      }
      step();
    }
    for (const [kind, rows] of writes.put) {
      await db.tableOf(kind).bulkPut(rows);
      step();
    }
    for (const [kind, ids] of writes.remove) await db.tableOf(kind).bulkDelete(ids);
    await db.conflicts.bulkDelete(writes.conflictsRemove);
    await db.conflicts.bulkPut(writes.conflictsPut);
    step();
    await db.attachments.bulkPut(writes.attachments);
    await db.custody.bulkPut(writes.custody);
    const { signer } = current;
    await db.custody.bulkAdd(
      context.custody.entries(
        await importedSubjects(current),
        'imported',
        `bundle:${manifest.bundleId} from:${signer.device} key:${signer.fingerprint}`,
      ),
    );
    step();
    const at = new Date(context.now()).toISOString();
    if (current.signer.status !== 'self') await db.teammates.put(await teammateRow(db, plan, at));
    await db.bundleLog.put({
      id: manifest.bundleId,
      importedAt: at,
      device: manifest.device.id,
      author: manifest.author,
      changes: plan.bundle.changes.length,
      newChanges: writes.commits.reduce((n, c) => n + c.sets.length, 0),
    });
    step();
    return {
      bundleId: manifest.bundleId,
      counts: current.counts,
      newChanges: current.newChanges,
      attachments: writes.attachments.length,
      custody: writes.custody.length,
    };
  });
}

/**
 * The bundle joins the chain of custody of every source whose content it brought or changed, with
 * the source's hash as it now stands, and of each file of theirs it carried.
 */
function importedSubjects(plan: ImportPlan): Promise<CustodySubject[]> {
  const rows = (plan.writes.put.get('source') ?? []) as Row<'source'>[];
  const live = new Map(rows.map((row) => [row.id, fromRow(row)]));
  const carried = new Set(plan.bundle.attachments.map((a) => a.sha256));
  // Hashing is asynchronous (WebCrypto): waitFor keeps the import's transaction open meanwhile.
  return Dexie.waitFor(custodySubjects(plan.writes.handedOn, live, carried));
}

/** New change sets whose clock is already stored — for another record — are refused. */
async function refuseReusedClocks(db: DaftarDatabase, fresh: readonly ChangeSet[]): Promise<void> {
  for (let i = 0; i < fresh.length; i += KEY_CHUNK) {
    const clocks = fresh.slice(i, i + KEY_CHUNK).map((c) => c.hlc);
    const hit = await db.commits.where('clocks').anyOf(clocks).first();
    if (hit) {
      const taken = clocks.find((h) => hit.clocks?.includes(h)) ?? '';
      throw new BundleError(
        'changeCollision',
        `The change ${taken} reuses a clock already stored for another record.`,
        { hlc: taken },
      );
    }
  }
}

/** Every stored change set of the given records, by record key. */
async function historiesOf(db: DaftarDatabase, keys: string[]): Promise<Map<string, ChangeSet[]>> {
  const wanted = new Set(keys);
  const out = new Map<string, ChangeSet[]>();
  const seenCommits = new Set<string>();
  for (let i = 0; i < keys.length; i += KEY_CHUNK) {
    const commits = await db.commits
      .where('records')
      .anyOf(keys.slice(i, i + KEY_CHUNK))
      .toArray();
    for (const commit of commits) {
      if (seenCommits.has(commit.hlc)) continue;
      seenCommits.add(commit.hlc);
      for (const set of commit.sets) {
        const key = recordKey(set.kind, set.recordId);
        if (!wanted.has(key)) continue;
        const list = out.get(key);
        if (list) list.push(set);
        else out.set(key, [set]);
      }
    }
  }
  return out;
}

async function conflictsOf(
  db: DaftarDatabase,
  keys: string[],
): Promise<Map<string, ConflictRow[]>> {
  const out = new Map<string, ConflictRow[]>();
  if ((await db.conflicts.count()) === 0) return out;
  for (let i = 0; i < keys.length; i += KEY_CHUNK) {
    for (const row of await db.conflicts
      .where('record')
      .anyOf(keys.slice(i, i + KEY_CHUNK))
      .toArray()) {
      out.set(row.record, [...(out.get(row.record) ?? []), row]);
    }
  }
  return out;
}

/** Identifies the database state a plan was computed from: any write adds a commit row. */
async function stampOf(db: DaftarDatabase): Promise<string> {
  const last = await db.commits.orderBy('hlc').last();
  return `${await db.commits.count()}|${last?.hlc ?? ''}`;
}

async function signerOf(
  db: DaftarDatabase,
  bundle: OpenedBundle,
  context: PlanContext,
): Promise<ImportPlan['signer']> {
  const { device, author } = bundle.manifest;
  const base = { device: device.id, author, fingerprint: bundle.fingerprint };
  const key = toHex(bundle.publicKey);
  if (device.id === context.device) {
    return toHex(context.publicKey) === key
      ? { ...base, status: 'self' }
      : { ...base, status: 'keyChanged', knownFingerprint: '(this device)' };
  }
  const known = await db.teammates.get(device.id);
  if (!known) return { ...base, status: 'new' };
  if (known.publicKey === key) return { ...base, status: 'known' };
  return { ...base, status: 'keyChanged', knownFingerprint: known.fingerprint };
}

async function teammateRow(db: DaftarDatabase, plan: ImportPlan, at: string): Promise<TeammateRow> {
  const { manifest } = plan.bundle;
  const known = await db.teammates.get(manifest.device.id);
  const covered = Object.assign(Object.create(null), known?.covered) as TeammateRow['covered'];
  // Only a bundle of everything tells what its maker has seen (see docs/bundle-format.md).
  if (manifest.scope.kind === 'all') {
    for (const [device, c] of Object.entries(manifest.covers)) {
      const before = covered[device];
      if (!before || c.last >= before.last) covered[device] = { last: c.last, count: c.count };
    }
  }
  return {
    device: manifest.device.id,
    author: manifest.author,
    publicKey: toHex(plan.bundle.publicKey),
    fingerprint: plan.bundle.fingerprint,
    firstSeen: known?.firstSeen ?? at,
    lastSeen: at,
    covered,
  };
}

function commitRows(sets: ChangeSet[]): CommitRow[] {
  const sorted = [...sets].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  const rows: CommitRow[] = [];
  for (let i = 0; i < sorted.length; i += COMMIT_ROW_SETS) {
    const chunk = sorted.slice(i, i + COMMIT_ROW_SETS);
    rows.push({
      hlc: chunk[0]!.hlc,
      last: chunk.at(-1)!.hlc,
      sets: chunk,
      records: [...new Set(chunk.map((c) => recordKey(c.kind, c.recordId)))],
      clocks: chunk.map((c) => c.hlc),
    });
  }
  return rows;
}

function isLive(kind: RecordKind, merged: MergedRecord): boolean {
  return !merged.deleted && hasEveryField(kind, merged.fields);
}

function storedOf(kind: RecordKind, id: string, merged: MergedRecord): StoredRecord<RecordKind> {
  const fields = withLaterFields(kind, merged.fields);
  return { ...fields, id, created: merged.created, updated: merged.updated } as StoredRecord<
    typeof kind
  >;
}

function labelOf(merged: MergedRecord): string {
  const { title, name } = merged.fields as { title?: unknown; name?: unknown };
  return typeof title === 'string' ? title : typeof name === 'string' ? name : '';
}

function push<T>(map: Map<RecordKind, T[]>, kind: RecordKind, value: T): void {
  const list = map.get(kind);
  if (list) list.push(value);
  else map.set(kind, [value]);
}
