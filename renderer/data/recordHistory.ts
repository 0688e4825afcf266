/**
 * The history of one record, field by field, and restoring an earlier value.
 *
 * Rows: every field every change set wrote, with the value the field showed just before it and
 * the value it wrote, newest first. "Just before" means the merge of every earlier change set (by
 * clock): the history is walked once, oldest first, keeping one incremental merge per field — a
 * change set only ever affects the fields it writes — so 10,000 changes cost 10,000 merge steps,
 * not 10,000 merges of the past. With concurrent edits the clock order interleaves two devices'
 * changes: the "before" of a change is then what the merge of the earlier-clocked changes showed,
 * which may not be what its author saw; the row says when the change left the field in conflict.
 *
 * An incident's history also shows the histories of the incidents merged into it (its
 * `mergedFrom`), in clock order with its own, each row marked with the merged incident's id.
 *
 * Restoring never rewrites the history: it writes the value a field had before a chosen change
 * (or the whole record as it was before it) as one ordinary new change through RecordStore —
 * validated, undoable, signed and carried in bundles like any edit. A field in conflict is
 * resolved by the restore: the change replaces every version of it.
 */
import { IMMUTABLE_FIELDS, type RecordKind } from '../../shared/domain/records.ts';
import { DELETED_FIELD, type ChangeSet } from '../../shared/sync/changes.ts';
import { isConflict, mergeRecord, RecordMerge } from '../../shared/sync/merge.ts';
import { jsonEqual } from '../../shared/util/canonicalJson.ts';
import type { DaftarData } from './daftarData.ts';
import { RECORD_TABLES, recordKey } from './database.ts';
import type { WriteOp, WriteResult } from './recordStore.ts';

/** What a change did to the record as a whole; `edited` for every ordinary field change. */
export type HistoryEvent = 'created' | 'edited' | 'deleted' | 'restored';

export interface HistoryRow {
  /** Unique within a record's history: the change's clock and the field. */
  key: string;
  change: ChangeSet;
  /** The field written; `deleted` for a deletion or a restore of the record. */
  field: string;
  event: HistoryEvent;
  /** The value the field showed before this change; undefined when it had none. */
  before: unknown;
  /** The value this change wrote. */
  after: unknown;
  /** This change left the field with versions that disagree: it was made concurrently. */
  conflict: boolean;
  /**
   * The incident merged into this one that the change was made to; absent for the record's own
   * changes. Such a row's values were another record's: nothing of it is restored here.
   */
  mergedFrom?: string;
}

/**
 * Why a restore was refused, with nothing written; a value that would make the record invalid
 * is refused by the store with a RecordValidationError instead.
 */
export class RestoreRefusedError extends Error {
  constructor(
    readonly code: 'notFound' | 'immutable',
    message: string,
  ) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

/**
 * Field-level rows of a record's change sets, newest first. `changes` is a record's history as
 * RecordStore.history gives it: oldest first (a clock is a change set's id; repeats are skipped).
 */
export function historyRows(changes: readonly ChangeSet[]): HistoryRow[] {
  const merges = new Map<string, RecordMerge>();
  /** The value each field shows after the changes walked so far. */
  const shown = new Map<string, unknown>();
  const seen = new Set<string>();
  /** One group of rows per change set, fields in the order it wrote them. */
  const groups: HistoryRow[][] = [];
  for (const change of changes) {
    if (seen.has(change.hlc)) continue;
    const first = seen.size === 0;
    seen.add(change.hlc);
    const fields = change.fields as Record<string, unknown>;
    const rows: HistoryRow[] = [];
    groups.push(rows);
    for (const field in fields) {
      let merge = merges.get(field);
      if (merge === undefined) {
        merge = new RecordMerge();
        merges.set(field, merge);
      }
      merge.add(fieldOf(change, field));
      const merged = merge.result();
      const value = field === DELETED_FIELD ? merged.deleted : merged.fields[field];
      const after = fields[field];
      rows.push({
        key: `${change.hlc}\u0000${field}`,
        change,
        field,
        event: first
          ? 'created'
          : field === DELETED_FIELD
            ? after === true
              ? 'deleted'
              : 'restored'
            : 'edited',
        before: shown.get(field),
        after,
        conflict: merged.conflicts.some((c) => isConflict(c.versions)),
      });
      shown.set(field, value);
    }
  }
  return groups.reverse().flat();
}

/**
 * The part of a change set about one field, for that field's own merge. A change set without
 * `base` (written before it existed) keeps none: it replaced every earlier version.
 */
function fieldOf(change: ChangeSet, field: string): ChangeSet {
  const value = (change.fields as Record<string, unknown>)[field];
  const projected: ChangeSet = { ...change, fields: { [field]: value } };
  if (change.base !== undefined) {
    const replaced = change.base[field];
    projected.base = replaced === undefined ? {} : { [field]: replaced };
  }
  return projected;
}

/**
 * How many writes changed a record, from the commits index alone: the count a closed history
 * shows, without reading (and decoding) thousands of change sets whenever the record is saved.
 */
export function historyCount(data: DaftarData, kind: RecordKind, id: string): Promise<number> {
  return data.db.commits.where('records').equals(recordKey(kind, id)).count();
}

/**
 * A record's field-level history, newest first (see historyRows); an incident's with the rows of
 * every incident merged into it, marked with `mergedFrom`.
 */
export async function recordHistory(
  data: DaftarData,
  kind: RecordKind,
  id: string,
): Promise<HistoryRow[]> {
  const changes = await data.history(kind, id);
  const own = historyRows(changes);
  if (kind !== 'incident') return own;
  const merged = await mergedIds(data, id, changes);
  if (merged.length === 0) return own;
  const rows = [own];
  for (const mergedId of merged) {
    rows.push(
      historyRows(await data.history('incident', mergedId)).map((row) => ({
        ...row,
        key: `${mergedId}\u0000${row.key}`,
        mergedFrom: mergedId,
      })),
    );
  }
  // Newest first across the records; a change set's rows stay together (one clock each).
  return rows
    .flat()
    .sort((a, b) => (a.change.hlc < b.change.hlc ? 1 : a.change.hlc > b.change.hlc ? -1 : 0));
}

/** Whether a row is the record's own change (not one of an incident merged into it). */
export function isOwnRow(row: HistoryRow): boolean {
  return row.mergedFrom === undefined;
}

/** The incidents merged into an incident: from the record, or its history once it is deleted. */
async function mergedIds(
  data: DaftarData,
  id: string,
  changes: readonly ChangeSet[],
): Promise<string[]> {
  const live = await data.get('incident', id);
  const value = live ? live.mergedFrom : mergeRecord(changes).fields.mergedFrom;
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v !== id)
    : [];
}

/** Whether a person may restore a row's value: not a tombstone, not a field fixed at creation. */
export function isRestorable(kind: RecordKind, field: string): boolean {
  return field !== DELETED_FIELD && !(IMMUTABLE_FIELDS[kind] ?? []).includes(field);
}

/**
 * Write `value` back into one field as a new change. When the field is in conflict the change
 * replaces every version, resolving it; when it already shows `value` and has no conflict nothing
 * is written (the result has no changes). Refused, with nothing written, for a field fixed at
 * creation, a deleted record (RestoreRefusedError) or a record the value would make invalid
 * (RecordValidationError).
 */
export async function restoreFieldValue(
  data: DaftarData,
  kind: RecordKind,
  id: string,
  field: string,
  value: unknown,
): Promise<WriteResult> {
  if (!isRestorable(kind, field)) {
    throw new RestoreRefusedError('immutable', `The ${field} of a ${kind} cannot be changed`);
  }
  // One transaction, so the record and its conflicts cannot change between the look and the write.
  return data.db.transaction('rw', [RECORD_TABLES[kind], 'commits', 'conflicts'], async () => {
    const current = await currentFields(data, kind, id);
    const conflicts = await data.exchange.conflictsOf(kind, id);
    const inConflict = conflicts.some((c) => c.field === field);
    if (!inConflict && jsonEqual(current[field], value)) return { changes: [], undo: [] };
    // `resolve` replaces every stored version of a conflict, and otherwise the one shown.
    const op = { type: 'resolve', kind, id, field, value } as WriteOp;
    return data.write([op]);
  });
}

/**
 * Restore every field that differs from the record as it was just before change `hlc` (the merge
 * of every change with an earlier clock), in one change: every later edit rolled back. Fields
 * fixed at creation are left alone; fields the record had no value for then are kept. Refused
 * like restoreFieldValue; nothing is written when nothing differs.
 */
export async function restoreRecordBefore(
  data: DaftarData,
  kind: RecordKind,
  id: string,
  hlc: string,
): Promise<WriteResult> {
  return data.db.transaction('rw', [RECORD_TABLES[kind], 'commits', 'conflicts'], async () => {
    const current = await currentFields(data, kind, id);
    const history = await data.history(kind, id);
    const then = mergeRecord(history.filter((change) => change.hlc < hlc)).fields;
    const conflicts = await data.exchange.conflictsOf(kind, id);
    const conflicted = new Map(conflicts.map((c) => [c.field, c.versions.map((v) => v.hlc)]));
    const fields: Record<string, unknown> = {};
    const replaces: Record<string, string[]> = {};
    for (const [field, value] of Object.entries(then)) {
      if (!isRestorable(kind, field)) continue;
      const versions = conflicted.get(field);
      if (versions === undefined && jsonEqual(current[field], value)) continue;
      fields[field] = value;
      if (versions !== undefined) replaces[field] = versions;
    }
    if (Object.keys(fields).length === 0) return { changes: [], undo: [] };
    // An update writes only the fields that differ; a conflicted field showing the restored
    // value already is left in conflict (resolve it from the conflicts view).
    const op = { type: 'update', kind, id, fields, replaces } as WriteOp;
    return data.write([op]);
  });
}

async function currentFields(
  data: DaftarData,
  kind: RecordKind,
  id: string,
): Promise<Record<string, unknown>> {
  const record = await data.get(kind, id);
  if (record === undefined) {
    throw new RestoreRefusedError('notFound', `No ${kind} with id ${id} (deleted?)`);
  }
  return record as unknown as Record<string, unknown>;
}
