/**
 * Profiles from before the app lock live unencrypted in the database named `daftar`. Once the
 * person has chosen a passphrase, every row is copied into the new sealed database and the old
 * database is deleted. The copy runs after every unlock while the old database exists, so an
 * app killed half-way finishes the move on the next unlock (rows are written by key: copying
 * twice changes nothing).
 *
 * The old rows may linger in the browser's files until it compacts them; docs/security.md says
 * so, and how to be sure (a wipe, then importing a bundle).
 */
import { DaftarDatabase, DEFAULT_DATABASE_NAME } from '../data/database.ts';
import type { RowSealer } from '../data/seal/rowSealer.ts';

const CHUNK = 500;

export async function hasLegacyProfile(): Promise<boolean> {
  return (await indexedDB.databases()).some((db) => db.name === DEFAULT_DATABASE_NAME);
}

export interface MoveProgress {
  table: string;
  done: number;
  total: number;
}

/** Copies the legacy profile into `database`, sealed, then deletes it. */
export async function moveLegacyProfile(
  database: string,
  sealer: RowSealer,
  onProgress: (progress: MoveProgress) => void = () => {},
): Promise<void> {
  const legacy = new DaftarDatabase(DEFAULT_DATABASE_NAME, null);
  const sealed = new DaftarDatabase(database, sealer);
  try {
    await legacy.open(); // Upgrades an old schema first, as the app always did.
    await sealed.open();
    for (const table of legacy.tables) {
      const keys = await table.toCollection().primaryKeys();
      for (let at = 0; at < keys.length; at += CHUNK) {
        const rows = await table.bulkGet(keys.slice(at, at + CHUNK));
        await sealed.table(table.name).bulkPut(rows.filter((row) => row !== undefined));
        onProgress({
          table: table.name,
          done: Math.min(at + CHUNK, keys.length),
          total: keys.length,
        });
      }
    }
  } finally {
    for (const db of [legacy, sealed]) {
      db.changes.close();
      db.close();
    }
  }
  await DaftarDatabase.delete(DEFAULT_DATABASE_NAME);
}
