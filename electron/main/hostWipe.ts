/**
 * Quick wipe, the desktop host's part: deletes everything main keeps for this profile in its
 * app data folder — the device key, the keychain unlock file, host settings (language, the sync
 * folder's path, the hubs allowed), the window state, the basemap library and any temporary file
 * an interrupted atomic write left of them — then clears Chromium's storage and caches for the
 * app's session (IndexedDB, Local Storage, the Origin Private File System, Cache Storage, the HTTP
 * and code caches). The renderer reloads into first run right after.
 *
 * Invariants: only names main itself writes inside `userData` are deleted (Chromium's own files
 * there are left to the session calls, and links are removed, never followed); main's in-memory
 * state from those files is dropped first and its pending writes are waited for, so nothing writes
 * a deleted file back; one failure does not stop the rest — every step is tried, and the report
 * says which failed. What it cannot reach is in docs/security.md (copies the user saved, the sync
 * folder, freed disk blocks, swap).
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { BASEMAPS_FOLDER_NAME } from './basemapStore.ts';
import { DEVICE_KEY_FILE_NAME } from './deviceKey.ts';
import { eraseFile, nodeEraseFs, type EraseFs } from './eraseFile.ts';
import { SETTINGS_FILE_NAME } from './hostSettings.ts';
import { KEYCHAIN_UNLOCK_FILE_NAME } from './keychainUnlock.ts';
import { WINDOW_STATE_FILE_NAME } from './windowState.ts';

/** Main's own small files in userData: overwritten with zeros, then unlinked. */
export const HOST_FILE_NAMES = [
  DEVICE_KEY_FILE_NAME,
  KEYCHAIN_UNLOCK_FILE_NAME,
  SETTINGS_FILE_NAME,
  WINDOW_STATE_FILE_NAME,
] as const;

/** Main's folders in userData: removed whole (gigabytes of basemaps are not overwritten). */
export const HOST_FOLDER_NAMES = [BASEMAPS_FOLDER_NAME] as const;

/** writeFileAtomic's temporary sibling of one of HOST_FILE_NAMES (atomicWrite.ts). */
function isHostTemporary(name: string): boolean {
  return HOST_FILE_NAMES.some(
    (file) => name.startsWith(`.${file}.`) && /^[0-9a-f]+\.tmp$/.test(name.slice(file.length + 2)),
  );
}

/** The parts of Electron's `Session` the wipe calls. */
export interface WipeSessionLike {
  clearStorageData(): Promise<void>;
  clearData(): Promise<void>;
  clearCache(): Promise<void>;
  clearCodeCaches(options: { urls?: string[] }): Promise<void>;
  clearAuthCache(): Promise<void>;
  clearHostResolverCache(): Promise<void>;
  flushStorageData(): void;
}

/** The file-system calls the wipe needs; injected so tests can make one fail. */
export interface HostWipeFs extends EraseFs {
  readdir(folder: string): Promise<string[]>;
  rm(target: string, options: { recursive: true; force: true }): Promise<void>;
}

export const nodeHostWipeFs: HostWipeFs = { ...nodeEraseFs, readdir, rm };

export interface HostWipeDeps {
  /** The profile's app data folder (`app.getPath('userData')`). */
  userData: string;
  /**
   * Drops what main holds in memory from the files about to go (the loaded device key, the hubs
   * allowed, the sync folder and its watch), so nothing writes them back.
   */
  forgetInMemory(): void;
  /** Resolves once main's writes in flight (settings, window state) have landed or failed. */
  settle(): Promise<void>;
  /** The app's session (`session.defaultSession`). */
  session: WipeSessionLike;
  fs?: HostWipeFs;
}

export interface HostWipeFailure {
  /** A name in userData, or the session step that failed. */
  what: string;
  message: string;
}

export interface HostWipeReport {
  /** Names in userData that were there and are gone now. */
  removed: string[];
  failed: HostWipeFailure[];
}

function messageOf(error: unknown): string {
  if (error instanceof Error && error.message !== '') return error.message;
  return String(error);
}

export async function wipeHostData(deps: HostWipeDeps): Promise<HostWipeReport> {
  const fs = deps.fs ?? nodeHostWipeFs;
  const removed: string[] = [];
  const failed: HostWipeFailure[] = [];
  const attempt = async (what: string, step: () => Promise<unknown> | unknown): Promise<void> => {
    try {
      await step();
    } catch (error) {
      failed.push({ what, message: messageOf(error) });
    }
  };

  await attempt('memory', () => deps.forgetInMemory());
  await attempt('pending writes', () => deps.settle());

  let temporaries: string[] = [];
  await attempt('leftover temporary files', async () => {
    temporaries = (await fs.readdir(deps.userData)).filter(isHostTemporary);
  });
  for (const name of [...HOST_FILE_NAMES, ...temporaries]) {
    await attempt(name, async () => {
      if (await eraseFile(path.join(deps.userData, name), fs)) removed.push(name);
    });
  }
  for (const name of HOST_FOLDER_NAMES) {
    await attempt(name, async () => {
      const folder = path.join(deps.userData, name);
      const there = await fs.lstat(folder).then(
        () => true,
        () => false,
      );
      // rm does not follow links: a link planted here is removed, not what it points to.
      await fs.rm(folder, { recursive: true, force: true });
      if (there) removed.push(name);
    });
  }

  const { session } = deps;
  // clearData is the thorough one (Chromium's BrowsingDataRemover); clearStorageData is kept
  // as well, as the documented call for IndexedDB, Local Storage and the file system.
  await attempt('browser storage', () => session.clearStorageData());
  await attempt('browsing data', () => session.clearData());
  await attempt('HTTP cache', () => session.clearCache());
  await attempt('code cache', () => session.clearCodeCaches({}));
  await attempt('authentication cache', () => session.clearAuthCache());
  await attempt('host resolver cache', () => session.clearHostResolverCache());
  // Writes the now empty DOM storage out at once, rather than at Chromium's next flush.
  await attempt('storage flush', () => session.flushStorageData());

  return { removed, failed };
}

/** The error the page sees when part of the wipe failed, naming each part; none when all went. */
export function wipeFailure(report: HostWipeReport): Error | undefined {
  if (report.failed.length === 0) return undefined;
  const parts = report.failed.map(({ what, message }) => `${what} (${message})`).join('; ');
  return new Error(`Daftar could not delete everything it keeps on this computer: ${parts}.`);
}
