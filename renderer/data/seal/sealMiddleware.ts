/**
 * The Dexie middleware that seals rows on their way to IndexedDB and opens them on the way back.
 * It sits at the bottom of Dexie's stack, directly over IndexedDB, so everything above it — the
 * change feed, live queries, the record store — sees ordinary records, and what reaches the disk
 * is a row's plain fields (plainFields.ts) and one sealed blob holding the whole row.
 *
 *   stored row = { ...plain fields, _sealed: Uint8Array, _keys?: CryptoKey[] }
 */
import type { DBCore, DBCoreCursor, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { PLAIN_FIELDS } from './plainFields.ts';
import { SealError, type RowSealer } from './rowSealer.ts';

interface StoredRow {
  _sealed?: Uint8Array;
  _keys?: CryptoKey[];
  [field: string]: unknown;
}

export function sealMiddleware(sealer: RowSealer): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'daftarSeal',
    // Below Dexie's own middlewares (the lowest is -1): nothing but IndexedDB sees sealed rows.
    level: -10,
    create: (down) => ({
      ...down,
      table: (name) => sealedTable(down.table(name), sealer),
    }),
  };
}

function sealedTable(table: DBCoreTable, sealer: RowSealer): DBCoreTable {
  const name = table.name;
  const plain = PLAIN_FIELDS[name];
  if (!plain) throw new SealError(`The table "${name}" has no sealing rule`);
  const keyOf = table.schema.primaryKey.extractKey;
  if (!keyOf) throw new SealError(`The table "${name}" has no inbound primary key to seal with`);

  const seal = (value: Record<string, unknown>): StoredRow => {
    const { sealed, keys } = sealer.seal(name, keyOf(value), value);
    const row: StoredRow = { _sealed: sealed };
    for (const field of plain) if (value[field] !== undefined) row[field] = value[field];
    if (keys.length > 0) row._keys = keys;
    return row;
  };
  const open = (row: unknown): unknown => {
    if (row === undefined || row === null) return row;
    const stored = row as StoredRow;
    if (!(stored._sealed instanceof Uint8Array))
      throw new SealError(`A stored ${name} row is not sealed: this profile's data was changed`);
    return sealer.open(name, keyOf(row), stored._sealed, stored._keys ?? []);
  };
  const sealRequest = (req: DBCoreMutateRequest): DBCoreMutateRequest =>
    req.type === 'add' || req.type === 'put'
      ? { ...req, values: req.values.map((v) => seal(v as Record<string, unknown>)) }
      : req;

  // `.then` on what the table below returns, never `async`: Dexie's promises carry the current
  // transaction along, and a native promise in between loses it (Dexie's own hooks then fail).
  return {
    ...table,
    mutate: (req) => table.mutate(sealRequest(req)),
    get: (req) => table.get(req).then(open),
    getMany: (req) => table.getMany(req).then((rows) => rows.map(open)),
    query: (req) =>
      table
        .query(req)
        .then((response) =>
          req.values ? { ...response, result: response.result.map(open) } : response,
        ),
    openCursor: (req) =>
      table
        .openCursor(req)
        .then((cursor) => (cursor && req.values !== false ? openingCursor(cursor, open) : cursor)),
  };
}

/** A cursor whose `value` is the opened row (opened once per position). */
function openingCursor(cursor: DBCoreCursor, open: (row: unknown) => unknown): DBCoreCursor {
  let raw: unknown;
  let opened: unknown;
  return Object.create(cursor, {
    value: {
      get() {
        const current: unknown = cursor.value;
        if (current !== raw) {
          raw = current;
          opened = open(current);
        }
        return opened;
      },
    },
    key: { get: () => cursor.key },
    primaryKey: { get: () => cursor.primaryKey },
    done: { get: () => cursor.done },
    continue: { value: (key?: unknown) => cursor.continue(key) },
    continuePrimaryKey: {
      value: (key: unknown, primaryKey: unknown) => cursor.continuePrimaryKey(key, primaryKey),
    },
    advance: { value: (count: number) => cursor.advance(count) },
  }) as DBCoreCursor;
}
