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

export type Row<K extends RecordKind> = StoredRecord<K> & IndexFieldsByKind[K];

const indexFields: { [K in RecordKind]: (record: StoredRecord<K>) => IndexFieldsByKind[K] } = {
  incident: (r) => ({ _fatalities: r.fatalities ?? -1 }),
  // '~' sorts after every grade, so ungraded sources come last.
  source: (r) => ({ _publishedAt: r.publishedAt ?? '', _reliability: r.reliability ?? '~' }),
  link: () => ({}),
  actor: () => ({}),
  place: () => ({}),
};

export function toRow<K extends RecordKind>(kind: K, record: StoredRecord<K>): Row<K> {
  return { ...record, ...indexFields[kind](record) };
}

export function fromRow<K extends RecordKind>(row: Row<K>): StoredRecord<K> {
  const record = Object.fromEntries(Object.entries(row).filter(([key]) => !key.startsWith('_')));
  return record as unknown as StoredRecord<K>;
}
