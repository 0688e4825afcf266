/**
 * The sync folder in the web build: a folder the user picks with the File System Access API
 * (`showDirectoryPicker`, Chromium and Edge), its handle kept in a small IndexedDB database of the
 * host's own (not the profile's), so the folder is remembered across visits. The browser asks the
 * user again before the page may use it after a reload; that prompt needs a click, so the web
 * build checks the folder when the user asks ("Sync folder now") and never watches it.
 *
 * Writes go to a hidden part file, renamed (`move`) when whole; where the browser cannot rename
 * in a picked folder, the part file is copied under its own name and removed (the browser writes
 * the copy to a swap file and swaps it in when closed, so at worst others see an empty file for a
 * moment, which a reader refuses until it grows).
 */
import {
  checkFolderRange,
  isSyncFileName,
  type FolderEntry,
  type SyncFolderHost,
} from '../../shared/folderSync/syncFolder.ts';

/** The parts of the File System Access API used here (not all in TypeScript's DOM types yet). */
interface PickedFile {
  kind: 'file';
  name: string;
  getFile(): Promise<File>;
  createWritable(options?: { keepExistingData?: boolean }): Promise<WritableFile>;
  move?(name: string): Promise<void>;
}
interface WritableFile {
  write(data: { type: 'write'; position: number; data: Uint8Array<ArrayBuffer> }): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}
export interface PickedFolder {
  kind: 'directory';
  name: string;
  entries(): AsyncIterableIterator<[string, { kind: 'file' | 'directory' }]>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<PickedFile>;
  removeEntry(name: string): Promise<void>;
  queryPermission(options: { mode: 'readwrite' }): Promise<PermissionState>;
  requestPermission(options: { mode: 'readwrite' }): Promise<PermissionState>;
}
type DirectoryPicker = (options: { id?: string; mode: 'readwrite' }) => Promise<PickedFolder>;

const PART_PREFIX = '.daftar-part-';
const DB_NAME = 'daftar-host';
const STORE = 'handles';
const KEY = 'syncFolder';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB failed.'));
  });
}

async function handleStore(mode: IDBTransactionMode): Promise<IDBObjectStore> {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  const db = await request(open);
  return db.transaction(STORE, mode).objectStore(STORE);
}

const isNamed = (error: unknown, name: string) =>
  error instanceof DOMException && error.name === name;

export function createWebSyncFolder(): SyncFolderHost {
  let folder: PickedFolder | null | undefined;
  const writers = new Map<string, { file: PickedFile; stream: WritableFile; size: number }>();

  const load = async (): Promise<PickedFolder | null> => {
    if (folder === undefined) {
      folder = ((await request((await handleStore('readonly')).get(KEY))) as PickedFolder) ?? null;
    }
    return folder;
  };

  /** The chosen folder, once the browser lets the page use it (asking the user if need be). */
  const usable = async (): Promise<PickedFolder> => {
    const picked = await load();
    if (!picked) throw new Error('No sync folder is chosen.');
    const mode = { mode: 'readwrite' } as const;
    if ((await picked.queryPermission(mode)) === 'granted') return picked;
    if ((await picked.requestPermission(mode).catch(() => 'denied')) === 'granted') return picked;
    throw new Error(
      `Daftar may not use the folder ${picked.name} now. Press "Sync folder now" and allow it when the browser asks, or choose the folder again.`,
    );
  };

  const gone = (picked: PickedFolder, error: unknown): Error =>
    isNamed(error, 'NotFoundError')
      ? new Error(
          `The sync folder ${picked.name} cannot be found. Was it moved or deleted, or is the USB stick out?`,
        )
      : error instanceof Error
        ? error
        : new Error(String(error));

  const checkName = (name: string) => {
    if (!isSyncFileName(name)) throw new Error(`Not a sync file name: ${name}`);
  };

  return {
    watches: false,
    choose: async () => {
      const picker = (window as unknown as { showDirectoryPicker?: DirectoryPicker })
        .showDirectoryPicker;
      if (!picker) {
        throw new Error(
          'This browser cannot sync through a folder. Use Chromium, Edge or the Daftar desktop app.',
        );
      }
      let picked: PickedFolder;
      try {
        picked = await picker({ id: 'daftar-sync-folder', mode: 'readwrite' });
      } catch (error) {
        if (isNamed(error, 'AbortError')) return null;
        throw error;
      }
      await request((await handleStore('readwrite')).put(picked, KEY));
      folder = picked;
      return picked.name;
    },
    current: async () => (await load())?.name ?? null,
    forget: async () => {
      await request((await handleStore('readwrite')).delete(KEY));
      folder = null;
    },
    list: async (): Promise<FolderEntry[]> => {
      const picked = await usable();
      const out: FolderEntry[] = [];
      try {
        for await (const [name, entry] of picked.entries()) {
          if (entry.kind !== 'file' || !isSyncFileName(name)) continue;
          const file = await (await picked.getFileHandle(name)).getFile();
          out.push({ name, size: file.size, modified: file.lastModified });
        }
      } catch (error) {
        throw gone(picked, error);
      }
      return out;
    },
    read: async (name, offset, length) => {
      checkName(name);
      checkFolderRange(offset, length);
      const picked = await usable();
      try {
        const file = await (await picked.getFileHandle(name)).getFile();
        return new Uint8Array(await file.slice(offset, offset + length).arrayBuffer());
      } catch (error) {
        throw gone(picked, error);
      }
    },
    write: async (name, offset, data) => {
      checkName(name);
      checkFolderRange(offset, data.length);
      const picked = await usable();
      let writer = writers.get(name);
      if (offset === 0) {
        await writer?.stream.abort().catch(() => undefined);
        const file = await picked.getFileHandle(PART_PREFIX + name, { create: true });
        writer = { file, stream: await file.createWritable({ keepExistingData: false }), size: 0 };
        writers.set(name, writer);
      }
      if (!writer || writer.size !== offset) throw new Error('Pieces must be written in order.');
      await writer.stream.write({ type: 'write', position: offset, data: data.slice() });
      writer.size += data.length;
    },
    commit: async (name) => {
      checkName(name);
      const picked = await usable();
      const writer = writers.get(name);
      if (!writer) throw new Error(`Nothing was written for ${name}.`);
      writers.delete(name);
      await writer.stream.close();
      const exists = await picked.getFileHandle(name).then(
        () => true,
        () => false,
      );
      if (exists) {
        await picked.removeEntry(PART_PREFIX + name).catch(() => undefined);
        throw new Error(`${name} exists already in the sync folder; it is never replaced.`);
      }
      if (writer.file.move) {
        await writer.file.move(name);
        return;
      }
      // No rename here: copy the part file under its own name, then remove it.
      const bytes = new Uint8Array(await (await writer.file.getFile()).arrayBuffer());
      const target = await picked.getFileHandle(name, { create: true });
      const stream = await target.createWritable({ keepExistingData: false });
      await stream.write({ type: 'write', position: 0, data: bytes });
      await stream.close();
      await picked.removeEntry(PART_PREFIX + name).catch(() => undefined);
    },
    onChange: () => () => {},
  };
}
