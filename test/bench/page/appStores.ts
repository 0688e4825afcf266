/**
 * The app's object stores as its schema declares them (renderer/data/database.ts, all versions):
 * key path and indexes, read from Dexie's parsed schema. A floor that stores the app's rows with
 * raw IndexedDB builds its stores from this, so it maintains exactly the indexes the app does and
 * follows when a new version adds one (hand-copied lists fell behind: the incidents' floor kept
 * the six indexes of version 1 after versions 3 and 4 added three).
 */
import { DaftarDatabase } from '../../../renderer/data/database.ts';

export interface StoreShape {
  name: string;
  keyPath: string;
  indexes: { name: string; keyPath: string | string[]; multiEntry: boolean; unique: boolean }[];
}

export function appStoreShapes(tables: readonly string[]): StoreShape[] {
  // Never opened: declaring the versions is enough for Dexie to parse the schema.
  const schemaOnly = new DaftarDatabase('daftar-bench-schema', null);
  try {
    return tables.map((name) => {
      const { primKey, indexes } = schemaOnly.table(name).schema;
      if (typeof primKey.keyPath !== 'string') {
        throw new Error(`The app's "${name}" table has no single key path`);
      }
      return {
        name,
        keyPath: primKey.keyPath,
        indexes: indexes.map((index) => ({
          name: index.name,
          keyPath: index.keyPath ?? index.name,
          multiEntry: index.multi ?? false,
          unique: index.unique ?? false,
        })),
      };
    });
  } finally {
    schemaOnly.changes.close();
  }
}

/** In an upgrade: create `tables` shaped as the app's, with every index it keeps. */
export function createAppStores(db: IDBDatabase, tables: readonly string[]): void {
  for (const { name, keyPath, indexes } of appStoreShapes(tables)) {
    const store = db.createObjectStore(name, { keyPath });
    for (const index of indexes) {
      store.createIndex(index.name, index.keyPath, {
        multiEntry: index.multiEntry,
        unique: index.unique,
      });
    }
  }
}
