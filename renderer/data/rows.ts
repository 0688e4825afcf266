/**
 * How a record is stored: the record itself plus derived index fields (prefixed `_`). Index
 * fields exist where a record's own value cannot be an IndexedDB key — a null count would drop
 * the row out of its index, so `_fatalities` holds -1 for "unknown" and `_publishedAt` '' for an
 * unknown date. This mapping is the one
 * place where the stored form may differ from the domain form (encryption will slot in here).
 */
import type { RecordKind, StoredRecord } from '../../shared/domain/records.ts';
import { reviewStatusOf } from '../../shared/domain/vocabulary.ts';
import { decodeHlc } from '../../shared/sync/hlc.ts';

/**
 * `_owner`: the device that created the record (from its creation clock), for "my records".
 * `_review`: the review status, the legacy `unverified` counted as `submitted`. Annotations:
 * `_target` (`kind:id` of what they are about), `_root` (their thread's first annotation) and
 * `_open` (1 for the first annotation of an open thread, else 0; IndexedDB cannot index booleans).
 */
interface IndexFieldsByKind {
  incident: { _fatalities: number; _owner: string; _review: string };
  source: { _publishedAt: string; _reliability: string; _owner: string; _review: string };
  link: object;
  actor: object;
  place: object;
  annotation: { _target: string; _root: string; _open: 0 | 1; _owner: string };
}

/**
 * `_clocks`: the clock of each field's current value where it differs from the record's
 * `created` (so a record never edited stores none). A write names the versions it replaces from
 * these (ChangeSet.base), which is how a later edit is told from a concurrent one.
 */
export type Row<K extends RecordKind> = StoredRecord<K> &
  IndexFieldsByKind[K] & { _clocks?: Record<string, string> };

const ownerOf = (record: { created: string }) => decodeHlc(record.created).device;

const indexFields: { [K in RecordKind]: (record: StoredRecord<K>) => IndexFieldsByKind[K] } = {
  incident: (r) => ({
    _fatalities: r.fatalities ?? -1,
    _owner: ownerOf(r),
    _review: reviewStatusOf(r.status),
  }),
  source: (r) => ({
    _publishedAt: r.publishedAt ?? '',
    // '~' sorts after every grade, so ungraded sources come last.
    _reliability: r.reliability ?? '~',
    _owner: ownerOf(r),
    _review: reviewStatusOf(r.status),
  }),
  link: () => ({}),
  actor: () => ({}),
  place: () => ({}),
  annotation: (r) => ({
    _target: `${r.targetKind}:${r.targetId}`,
    _root: r.replyTo ?? r.id,
    _open: r.replyTo === null && r.state === 'open' ? 1 : 0,
    _owner: ownerOf(r),
  }),
};

export function toRow<K extends RecordKind>(
  kind: K,
  record: StoredRecord<K>,
  clocks: Record<string, string> = {},
): Row<K> {
  const row = { ...record, ...indexFields[kind](record) } as Row<K>;
  const edited = Object.entries(clocks).filter(([, hlc]) => hlc !== record.created);
  if (edited.length > 0) row._clocks = Object.fromEntries(edited);
  return row;
}

/** Clock of the current value of `field` in a stored row. */
export function fieldClock(
  row: { created: string; _clocks?: Record<string, string> },
  field: string,
) {
  return row._clocks?.[field] ?? row.created;
}

export function fromRow<K extends RecordKind>(row: Row<K>): StoredRecord<K> {
  const record = Object.fromEntries(Object.entries(row).filter(([key]) => !key.startsWith('_')));
  return record as unknown as StoredRecord<K>;
}
