/**
 * How a record is stored: the record itself plus derived index fields (prefixed `_`). Index
 * fields exist where a record's own value cannot be an IndexedDB key — a null count would drop
 * the row out of its index, so `_fatalities` holds -1 for "unknown" and `_publishedAt` '' for an
 * unknown date. This mapping is the one
 * place where the stored form may differ from the domain form (encryption will slot in here).
 */
import type { RecordKind, StoredRecord } from '../../shared/domain/records.ts';

interface IndexFieldsByKind {
  incident: { _fatalities: number };
  source: { _publishedAt: string; _reliability: string };
  link: object;
  actor: object;
  place: object;
}

/**
 * `_clocks`: the clock of each field's current value where it differs from the record's
 * `created` (so a record never edited stores none). A write names the versions it replaces from
 * these (ChangeSet.base), which is how a later edit is told from a concurrent one.
 */
export type Row<K extends RecordKind> = StoredRecord<K> &
  IndexFieldsByKind[K] & { _clocks?: Record<string, string> };

const indexFields: { [K in RecordKind]: (record: StoredRecord<K>) => IndexFieldsByKind[K] } = {
  incident: (r) => ({ _fatalities: r.fatalities ?? -1 }),
  // '~' sorts after every grade, so ungraded sources come last.
  source: (r) => ({ _publishedAt: r.publishedAt ?? '', _reliability: r.reliability ?? '~' }),
  link: () => ({}),
  actor: () => ({}),
  place: () => ({}),
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
