/**
 * Where the vault record lives: its own small IndexedDB database, apart from the sealed data, so
 * the lock screen can read it without opening anything else. One record, replaced in one
 * strict-durability transaction: a passphrase change killed half-way leaves the old record or the
 * new one, never neither.
 */
const DATABASE = 'daftar-vault';
const STORE = 'vault';
const KEY = 'vault';

export interface VaultStore {
  read(): Promise<unknown>;
  write(record: unknown): Promise<void>;
  /** Removes the record: without it the data key cannot be recovered. */
  destroy(): Promise<void>;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

export class IndexedDbVaultStore implements VaultStore {
  constructor(private readonly name = DATABASE) {}

  private async open(): Promise<IDBDatabase> {
    const req = indexedDB.open(this.name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    return request(req);
  }

  private async run(mode: IDBTransactionMode, step: (store: IDBObjectStore) => void) {
    const db = await this.open();
    try {
      const tx = db.transaction(STORE, mode, { durability: 'strict' });
      step(tx.objectStore(STORE));
      await done(tx);
    } finally {
      db.close();
    }
  }

  async read(): Promise<unknown> {
    let value: unknown;
    await this.run('readonly', (store) => {
      const req = store.get(KEY);
      req.onsuccess = () => (value = req.result);
    });
    return value;
  }

  write(record: unknown): Promise<void> {
    return this.run('readwrite', (store) => store.put(record, KEY));
  }

  destroy(): Promise<void> {
    return this.run('readwrite', (store) => store.delete(KEY));
  }
}
