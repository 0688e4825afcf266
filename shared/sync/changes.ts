/**
 * The change history. Every write to a record is a set of field changes made at one clock by one
 * device and author; the stored record is the merge of its changes (merge.ts: per field, the
 * value with the latest clock wins, the device id inside the clock breaking ties). Deletion is a tombstone: a
 * change of the `deleted` field, so a delete can be undone and travels like any edit.
 *
 * Field changes that share a clock are kept together as one ChangeSet: the logical model is one
 * entry per (record, field, value, clock, device, author) — `fieldChanges` lists them — but
 * storing a row per write instead of per field keeps a bulk write near the cost of the records.
 */
import type { RecordFieldsByKind, RecordKind } from '../domain/records.ts';
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
  /**
   * Per changed field, the clocks of the versions this write replaced, as its writer saw them:
   * the value shown, or every side of a conflict it resolved (absent for a field that had no
   * value). It tells a later edit from a concurrent one: see merge.ts. Change sets written before
   * this existed have no `base`; each of them replaced every earlier version of its fields.
   */
  base?: Record<string, string[]>;
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
