/**
 * The Dexie middleware that seals rows on their way to IndexedDB and opens them on the way back.
 * It sits at the bottom of Dexie's stack, directly over IndexedDB, so everything above it — the
 * change feed, live queries, the record store — sees ordinary records, and what reaches the disk
 * is a row's plain fields (plainFields.ts) and one sealed blob holding the whole row.
 *
 *   stored row = { ...plain fields, _sealed: Uint8Array, _keys?: CryptoKey[] }
 *
 * A write or read of a few small rows is sealed or opened on the spot, in script; many rows (an
 * import's chunk, a bundle, a whole history) or a large one (an attachment) go through WebCrypto,
 * their transaction held open meanwhile and its later requests kept in order
 * (transactionGate.ts).
 */
import {
  Dexie,
  type DBCore,
  type DBCoreCursor,
  type DBCoreMutateRequest,
  type DBCoreTable,
  type Middleware,
} from 'dexie';
import { PLAIN_FIELDS } from './plainFields.ts';
import { SealError, type RowSealer, type SealedValue } from './rowSealer.ts';
import { encodeValue } from './sealCodec.ts';
import { afterWork, inOrder } from './transactionGate.ts';

/**
 * From how many rows, or how many bytes, a write is sealed or a read opened with WebCrypto. Below
 * it the wait for WebCrypto costs more than AES in script (about 0.1 ms a row here); above it the
 * script's AES stalls the window (a 1 MB attachment: about 70 ms). Reads go to WebCrypto later
 * than writes: WebCrypto serves requests in turn, and after an unlock the search index's load
 * keeps it busy for seconds (storedPages.ts) — a screenful of rows for the list (100 or so,
 * ≈ 10 ms in script) must not queue behind it.
 */
const BULK_WRITE = { rows: 16, bytes: 64 * 1024 };
const BULK_READ = { rows: 500, bytes: 512 * 1024 };

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

  const stored = (value: Record<string, unknown>, { sealed, keys }: SealedValue): StoredRow => {
    const row: StoredRow = { _sealed: sealed };
    for (const field of plain) if (value[field] !== undefined) row[field] = value[field];
    if (keys.length > 0) row._keys = keys;
    return row;
  };
  const sealedOf = (row: unknown): StoredRow & { _sealed: Uint8Array } => {
    const stored = row as StoredRow;
    if (!(stored._sealed instanceof Uint8Array))
      throw new SealError(`A stored ${name} row is not sealed: this profile's data was changed`);
    return stored as StoredRow & { _sealed: Uint8Array };
  };
  const open = (row: unknown): unknown => {
    if (row === undefined || row === null) return row;
    const { _sealed, _keys } = sealedOf(row);
    return sealer.open(name, keyOf(row), _sealed, _keys ?? []);
  };
  /** Rows read together: many, or large, are opened with WebCrypto, as bulk writes are sealed. */
  const openMany = (trans: object, rows: unknown[]): unknown[] | Promise<unknown[]> => {
    let bytes = 0;
    for (const row of rows) bytes += (row as StoredRow | undefined)?._sealed?.length ?? 0;
    if (rows.length < BULK_READ.rows && bytes < BULK_READ.bytes) return rows.map(open);
    const opening = Promise.all(
      rows.map((row) => {
        if (row === undefined || row === null) return row;
        const { _sealed, _keys } = sealedOf(row);
        return sealer.openAsync(name, keyOf(row), _sealed, _keys ?? []);
      }),
    );
    return afterWork(trans, name, opening, (opened) => Dexie.Promise.resolve(opened));
  };
  const mutate = (req: DBCoreMutateRequest) => {
    if (req.type !== 'add' && req.type !== 'put') return table.mutate(req);
    const values = req.values as Record<string, unknown>[];
    const encoded = values.map(encodeValue);
    const bytes = encoded.reduce((sum, { plaintext }) => sum + plaintext.length, 0);
    const sealedRequest = (sealed: readonly SealedValue[]) =>
      table.mutate({ ...req, values: values.map((value, i) => stored(value, sealed[i]!)) });
    if (values.length < BULK_WRITE.rows && bytes < BULK_WRITE.bytes)
      return sealedRequest(encoded.map((e, i) => sealer.sealEncoded(name, keyOf(values[i]), e)));
    const sealing = sealer.sealManyAsync(
      name,
      encoded.map((e, i) => ({ primaryKey: keyOf(values[i]), encoded: e })),
    );
    return afterWork(req.trans, name, sealing, sealedRequest);
  };

  // `.then` on what the table below returns, never `async`: Dexie's promises carry the current
  // transaction along, and a native promise in between loses it (Dexie's own hooks then fail).
  // Every request goes through `inOrder`: behind a bulk write still being sealed, it waits.
  return {
    ...table,
    mutate: (req) => inOrder(req.trans, () => mutate(req)),
    get: (req) => inOrder(req.trans, () => table.get(req).then(open)),
    getMany: (req) =>
      inOrder(req.trans, () => table.getMany(req).then((rows) => openMany(req.trans, rows))),
    count: (req) => inOrder(req.trans, () => table.count(req)),
    query: (req) =>
      inOrder(req.trans, () =>
        table.query(req).then((response) =>
          req.values
            ? Dexie.Promise.resolve(openMany(req.trans, response.result)).then((result) => ({
                ...response,
                result,
              }))
            : response,
        ),
      ),
    openCursor: (req) =>
      inOrder(req.trans, () =>
        table
          .openCursor(req)
          .then((cursor) =>
            cursor && req.values !== false ? openingCursor(cursor, open) : cursor,
          ),
      ),
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
