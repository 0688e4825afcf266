/**
 * The change history. Every write to a record is a set of field changes made at one clock by one
 * device and author; the stored record is the fold of its changes (per field, the value with the
 * latest clock wins, the device id inside the clock breaking ties). Deletion is a tombstone: a
 * change of the `deleted` field, so a delete can be undone and travels like any edit.
 *
 * Field changes that share a clock are kept together as one ChangeSet: the logical model is one
 * entry per (record, field, value, clock, device, author) — `fieldChanges` lists them — but
 * storing a row per write instead of per field keeps a bulk write near the cost of the records.
 */
import type { RecordFieldsByKind, RecordKind, RecordMeta } from '../domain/records.ts';
import { jsonEqual } from '../util/canonicalJson.ts';

export const DELETED_FIELD = 'deleted';

export type ChangeFields<K extends RecordKind> = Partial<RecordFieldsByKind[K]> & {
  deleted?: boolean;
};

export interface ChangeSet<K extends RecordKind = RecordKind> {
  /** Clock of this write; unique per device and event, so it is the change's id as well. */
  hlc: string;
  kind: K;
  recordId: string;
  device: string;
  author: string;
  fields: ChangeFields<K>;
}

export interface FieldChange {
  kind: RecordKind;
  recordId: string;
  field: string;
  value: unknown;
  hlc: string;
  device: string;
  author: string;
}

export function fieldChanges(set: ChangeSet): FieldChange[] {
  return Object.entries(set.fields).map(([field, value]) => ({
    kind: set.kind,
    recordId: set.recordId,
    field,
    value,
    hlc: set.hlc,
    device: set.device,
    author: set.author,
  }));
}

/** The fields of `next` whose value differs from `previous` (all of them when there is none). */
export function diffFields<T extends object>(previous: T | null, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (previous === null || !jsonEqual(previous[key], next[key])) out[key] = next[key];
  }
  return out;
}

export interface Folded<K extends RecordKind> {
  fields: Partial<RecordFieldsByKind[K]>;
  meta: Omit<RecordMeta, 'id'>;
  deleted: boolean;
}

/** Fold a record's change sets, in any order, into its current state; null when there are none. */
export function foldChanges<K extends RecordKind>(
  changes: readonly ChangeSet<K>[],
): Folded<K> | null {
  if (changes.length === 0) return null;
  const ordered = [...changes].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  const fields: Record<string, unknown> = {};
  let deleted = false;
  for (const change of ordered) {
    for (const [field, value] of Object.entries(change.fields)) {
      if (field === DELETED_FIELD) deleted = value === true;
      else fields[field] = value;
    }
  }
  return {
    fields: fields as Partial<RecordFieldsByKind[K]>,
    meta: { created: ordered[0]!.hlc, updated: ordered[ordered.length - 1]!.hlc },
    deleted,
  };
}
