/**
 * Quick wipe. The wrapped data key goes first: from that moment nothing sealed can be opened by
 * anyone, even if deleting the rest is interrupted. Then everything the page stores — every
 * IndexedDB database of this origin (the data, the vault, anything half-written by an import
 * still running), Local and Session Storage, Cache Storage, the private file system (basemaps) —
 * and whatever the host keeps outside the page. The caller reloads into first run.
 */
export interface WipeSteps {
  /** Destroys the wrapped data key. */
  destroyKey: () => Promise<void>;
  /** Closes the open database, if any, so deleting it is not blocked. */
  closeData: () => void;
  /** The host's part (Electron main's files and Chromium's caches). */
  wipeHost: () => Promise<void>;
}

/** How long one database may hold out (an open connection elsewhere) before the wipe moves on. */
const DELETE_PATIENCE_MS = 3_000;

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    const timer = setTimeout(resolve, DELETE_PATIENCE_MS);
    const finish = () => {
      clearTimeout(timer);
      resolve();
    };
    request.onsuccess = request.onerror = finish;
    // "blocked": another window still has it open; it closes on the versionchange Dexie sends.
  });
}

async function clearOriginPrivateFiles(): Promise<void> {
  if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return;
  const root = await navigator.storage.getDirectory();
  const names: string[] = [];
  for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys())
    names.push(name);
  await Promise.all(names.map((name) => root.removeEntry(name, { recursive: true })));
}

async function clearCaches(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await Promise.all((await caches.keys()).map((key) => caches.delete(key)));
}

/** Runs every step; one that fails does not stop the others. Returns what failed, if anything. */
export async function wipeEverything(steps: WipeSteps): Promise<string[]> {
  const failed: string[] = [];
  const attempt = async (what: string, step: () => unknown) => {
    try {
      await step();
    } catch (error) {
      failed.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  await attempt('key', steps.destroyKey);
  await attempt('close', steps.closeData);
  await attempt('databases', async () => {
    const databases = await indexedDB.databases();
    await Promise.all(databases.flatMap((db) => (db.name ? [deleteDatabase(db.name)] : [])));
  });
  await attempt('local storage', () => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await attempt('caches', clearCaches);
  await attempt('files', clearOriginPrivateFiles);
  await attempt('host', steps.wipeHost);
  return failed;
}
