/**
 * Whole tables read page by page straight from IndexedDB, for the search index's load in the find
 * worker: the rows are read, opened and decoded in that thread, so the window that scrolls the
 * list meanwhile does none of it. Only a table's name, the database's name and the row key as a
 * non-extractable WebCrypto key (`RowSealer.webKey`) cross over; rows are opened as the seal
 * middleware opens them (`openWithWebKey`), with WebCrypto, many at once.
 *
 * Each page is its own short read transaction, so writes made during a load are not kept waiting
 * behind it (the sync applies them after the load). The connection never creates a database — a
 * wiped profile's load fails instead of leaving an empty one behind — and closes as soon as
 * anyone upgrades or deletes the database.
 */
import { openWithWebKey, SealError } from './seal/rowSealer.ts';

/** Where a load reads: a profile's database and, when it is sealed, its row key. */
export interface StoredSource {
  database: string;
  /** The row key for WebCrypto (not extractable); null for a profile stored unsealed. */
  key: CryptoKey | null;
}

interface StoredRow {
  _sealed?: Uint8Array;
  _keys?: CryptoKey[];
  [field: string]: unknown;
}

interface Page {
  rows: unknown[];
  /** The primary key of its last row: where the next page starts. */
  last: string | null;
}

export class StoredPages {
  readonly #connections = new Map<string, Promise<IDBDatabase>>();
  /** The page after the last one asked for, read meanwhile. */
  #ahead: { id: string; page: Promise<Page> } | null = null;

  /**
   * Up to `limit` rows of `table` in key order after `after`, as the data layer reads them. When
   * the page is full, the next one is read and opened ahead, while the caller indexes this one;
   * its rows may be a moment older than the call that takes them, which a load that follows the
   * change feed afterwards (findSync.ts) does not mind.
   */
  async page(
    source: StoredSource,
    table: string,
    after: string | null,
    limit: number,
  ): Promise<unknown[]> {
    const id = JSON.stringify([source.database, table, after, limit]);
    const ahead = this.#ahead;
    this.#ahead = null;
    const page = await (ahead?.id === id ? ahead.page : this.#read(source, table, after, limit));
    if (page.rows.length === limit) {
      const next = this.#read(source, table, page.last, limit);
      // Nobody may ask for it; its failure is reported to whoever does.
      next.catch(() => undefined);
      this.#ahead = { id: JSON.stringify([source.database, table, page.last, limit]), page: next };
    }
    return page.rows;
  }

  async #read(
    source: StoredSource,
    table: string,
    after: string | null,
    limit: number,
  ): Promise<Page> {
    const db = await this.#connection(source.database);
    let store: IDBObjectStore;
    try {
      store = db.transaction(table, 'readonly').objectStore(table);
    } catch (error) {
      throw new Error(`The profile has no table "${table}" to load`, { cause: error });
    }
    const range = after === null ? null : IDBKeyRange.lowerBound(after, true);
    const stored = (await done(store.getAll(range, limit))) as StoredRow[];
    const keyPath = store.keyPath as string;
    const last = (stored.at(-1)?.[keyPath] as string | undefined) ?? null;
    const { key } = source;
    if (key === null) return { rows: stored, last };
    const rows = await Promise.all(
      stored.map((row) => {
        if (!(row._sealed instanceof Uint8Array))
          throw new SealError(
            `A stored ${table} row is not sealed: this profile's data was changed`,
          );
        return openWithWebKey(key, table, row[keyPath], row._sealed, row._keys ?? []);
      }),
    );
    return { rows, last };
  }

  close(): void {
    this.#ahead = null;
    for (const connection of this.#connections.values())
      void connection.then((db) => db.close()).catch(() => undefined);
    this.#connections.clear();
  }

  #connection(name: string): Promise<IDBDatabase> {
    let connection = this.#connections.get(name);
    if (!connection) {
      connection = openExisting(name, () => this.#connections.delete(name));
      connection.catch(() => this.#connections.delete(name));
      this.#connections.set(name, connection);
    }
    return connection;
  }
}

function openExisting(name: string, closed: () => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    // No version asked: an upgrade is only ever offered for a database that is not there.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => {
        db.close();
        closed();
      };
      resolve(db);
    };
    request.onerror = () =>
      reject(new Error(`The profile's database "${name}" is not there (it was wiped or moved)`));
  });
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB refused the read'));
  });
}
