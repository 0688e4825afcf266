/**
 * Which rows of the watched tables changed, told once their transaction has committed: a Dexie
 * middleware sees every write — local edits, undo, imports of bundles and datasets — so whatever
 * keeps a derived copy of the records (the in-memory search index) can follow them without each
 * writer having to remember to say so. Other windows of the same profile hear of the changes too,
 * through a BroadcastChannel (keys only; never record content).
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';

export interface TableChange {
  table: string;
  /** Primary keys written or deleted, or null when a range was cleared (anything may have changed). */
  keys: string[] | null;
}

export type ChangeListener = (changes: TableChange[]) => void;

type Pending = Map<string, Set<string> | null>;

export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  private readonly pending = new WeakMap<object, Pending>();
  private readonly channel: BroadcastChannel | null;
  private closed = false;

  constructor(
    databaseName: string,
    private readonly tables: ReadonlySet<string>,
  ) {
    this.channel =
      typeof BroadcastChannel === 'undefined'
        ? null
        : new BroadcastChannel(`daftar-changes:${databaseName}`);
    if (this.channel) {
      this.channel.onmessage = (event: MessageEvent<TableChange[]>) => this.emit(event.data);
    }
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
    this.channel?.close();
  }

  /** The Dexie middleware that records writes to the watched tables. */
  middleware(): Middleware<DBCore> {
    return {
      stack: 'dbcore',
      name: 'daftarChangeFeed',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return this.tables.has(name) ? this.watched(table) : table;
        },
      }),
    };
  }

  private watched(table: DBCoreTable): DBCoreTable {
    const extractKey = table.schema.primaryKey.extractKey;
    return {
      ...table,
      mutate: async (req) => {
        const response = await table.mutate(req);
        this.note(table.name, req, (value) => (extractKey ? extractKey(value) : undefined));
        return response;
      },
    };
  }

  private note(table: string, req: DBCoreMutateRequest, keyOf: (value: unknown) => unknown): void {
    const trans = req.trans as unknown as IDBTransaction;
    let pending = this.pending.get(trans);
    if (pending === undefined) {
      pending = new Map();
      this.pending.set(trans, pending);
      const flush = () => {
        const changes = [...pending!].map(([name, keys]) => ({
          table: name,
          keys: keys === null ? null : [...keys],
        }));
        this.pending.delete(trans);
        // A write the closing window awaited may commit after the close: nobody to tell then.
        if (this.closed) return;
        this.emit(changes);
        this.channel?.postMessage(changes);
      };
      trans.addEventListener('complete', flush, { once: true });
      trans.addEventListener('abort', () => this.pending.delete(trans), { once: true });
    }
    if (pending.get(table) === null) return;
    if (req.type === 'deleteRange') {
      pending.set(table, null);
      return;
    }
    const keys = pending.get(table) ?? new Set<string>();
    pending.set(table, keys);
    const written = req.type === 'delete' ? req.keys : (req.keys ?? req.values.map(keyOf));
    for (const key of written) {
      if (typeof key === 'string') keys.add(key);
      else {
        // A key this feed cannot name (not a string): say the table changed as a whole.
        pending.set(table, null);
        return;
      }
    }
  }

  private emit(changes: TableChange[]): void {
    if (changes.length === 0) return;
    for (const listener of this.listeners) listener(changes);
  }
}
