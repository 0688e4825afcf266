/**
 * Whole-table loads of a sealed database (the search index after unlock), decrypted with
 * WebCrypto, many rows at once, outside any transaction. It reads through its own plain
 * connection to the same database, below the middleware, and opens each row itself: a page's
 * read transaction ends as soon as its rows are read, so the load never holds a transaction open
 * while it decrypts (the middleware does, for large reads inside transactions: transactionGate.ts),
 * and writes made meanwhile are not kept waiting behind it.
 */
import { Dexie } from 'dexie';
import type { RowSealer } from './rowSealer.ts';

interface StoredRow {
  _sealed: Uint8Array;
  _keys?: CryptoKey[];
  [field: string]: unknown;
}

export class SealedReader {
  private constructor(
    private readonly raw: Dexie,
    private readonly sealer: RowSealer,
  ) {}

  static async open(name: string, sealer: RowSealer): Promise<SealedReader> {
    // No schema declared: Dexie opens the database as it is, at its current version, and closes
    // this connection by itself when the database is upgraded or deleted (a wipe).
    const raw = new Dexie(name);
    await raw.open();
    return new SealedReader(raw, sealer);
  }

  /** Up to `limit` rows of `table` in key order after `after`, opened. */
  async page(table: string, after: string | null, limit: number): Promise<unknown[]> {
    const rows = this.raw.table<StoredRow>(table);
    const keyPath = rows.schema.primKey.keyPath as string;
    const found = await (after === null ? rows.orderBy(':id') : rows.where(':id').above(after))
      .limit(limit)
      .toArray();
    return Promise.all(
      found.map((row) => this.sealer.openAsync(table, row[keyPath], row._sealed, row._keys ?? [])),
    );
  }

  close(): void {
    this.raw.close();
  }
}
