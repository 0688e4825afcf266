/**
 * The desktop build's sync folder (`SyncFolderHost`, shared/folderSync/syncFolder.ts): a folder
 * the user chose, whose absolute path main keeps in host settings — the renderer only ever names
 * a file inside it. Invariants: the folder is never the user's home folder, a folder holding it,
 * or a whole disk; a path is only built from a name `isSyncFileName` accepts (the description
 * file `daftar-folder.json` and bundles `daftar-….daftarsync`: no separators, no leading dot, no
 * Windows device name), so nothing but Daftar's own files at the folder's top level is listed,
 * read or written — never `desktop.ini`, `autorun.inf` or a `.exe` a sync tool would carry to
 * every teammate, nor the user's other files; links and anything but regular files are neither
 * listed nor read; a new file is written in order to a hidden part file `.daftar-part-<name>`
 * that Daftar itself created afresh (never an existing path, so neither a planted link nor a
 * planted hard link is written through), and appears under its name only whole and flushed,
 * never replacing a file already there. The folder is watched (fs.watch, debounced) so the
 * renderer hears of files a sync tool or a USB stick brought.
 */
import { constants } from 'node:fs';
import {
  link,
  lstat,
  open,
  readdir,
  realpath,
  rename,
  stat,
  unlink,
  type FileHandle,
} from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import {
  checkFolderRange,
  isSyncFileName,
  type FolderEntry,
} from '../../shared/folderSync/syncFolder.ts';
import type { UiLanguage } from '../../shared/ipc/contract.ts';
import { syncFolderDialogOptions, type FolderDialogOptions } from './dialogTexts.ts';
import { createFolderWatch, nodeFolderWatcher, type FolderWatcher } from './folderWatch.ts';
import {
  codeOf,
  describeFolderError,
  describeWriteError,
  folderDisplayName,
} from './syncFolderErrors.ts';
import type { HostSettingsStore } from './hostSettings.ts';
import { readAt } from './readAt.ts';
import { isTooWideForSync, TOO_WIDE_FOLDER } from './syncFolderChoice.ts';

/** Prefix of the hidden file a new folder file is written to until it is committed. */
export const PART_PREFIX = '.daftar-part-';

/** Part files untouched for this long are left over from an interrupted write: list() removes them. */
export const STALE_PART_MS = 24 * 60 * 60 * 1000;

export interface SyncFolderStoreDeps {
  settings: HostSettingsStore;
  /** The native open dialog, parented to the window of `senderId`. */
  showOpenDialog(
    options: FolderDialogOptions,
    senderId: number,
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
  /** The UI language, for the dialog's words. */
  language(): UiLanguage;
  watchFolder?: FolderWatcher;
  /** Changes within this time reach the listener as one call (default 1 s). */
  debounceMs?: number;
  now?: () => number;
  warn?: (message: string, error: unknown) => void;
  /** `fs.link`; tests stand in a disk without hard links. */
  hardLink?: (existing: string, created: string) => Promise<void>;
  /** The user's home folder, never accepted as the sync folder (default `os.homedir()`). */
  homeDir?: string;
}

/** `SyncFolderHost` as main serves it: `choose` knows who asked, `watch` has one listener. */
export interface SyncFolderStore {
  choose(senderId: number): Promise<string | null>;
  current(): Promise<string | null>;
  forget(): Promise<void>;
  list(): Promise<FolderEntry[]>;
  read(name: string, offset: number, length: number): Promise<Uint8Array>;
  write(name: string, offset: number, data: Uint8Array): Promise<void>;
  commit(name: string): Promise<void>;
  /** Calls `onChange` (debounced) when the chosen folder's files change; returns a stop function. */
  watch(onChange: () => void): () => void;
  /**
   * Drops the chosen folder from memory and stops watching it, writing nothing (a wipe deletes
   * the settings); a folder being chosen now is not kept. The folder's files are left alone.
   */
  reset(): void;
}

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
/** A FIFO planted under a file's name would otherwise block the open forever. */
const NON_BLOCK = constants.O_NONBLOCK ?? 0;

/** Refuses, before the disk is touched, any name but the description file's and a bundle's. */
function checkName(name: unknown): asserts name is string {
  if (!isSyncFileName(name)) {
    throw new Error(
      'Not a file name the sync folder holds (only daftar-folder.json and daftar-….daftarsync files).',
    );
  }
}

export function createSyncFolderStore(deps: SyncFolderStoreDeps): SyncFolderStore {
  const now = deps.now ?? Date.now;
  const hardLink = deps.hardLink ?? link;
  const home = deps.homeDir ?? homedir();
  const warn = deps.warn ?? ((message, error) => console.warn(`[daftar] ${message}`, error));

  let chosen: Promise<string | undefined> | undefined;
  /** Bumped by `reset`: a choice made in a dialog opened before it is not kept. */
  let generation = 0;
  const chosenFolder = (): Promise<string | undefined> => {
    chosen ??= deps.settings.load().then(
      ({ syncFolder }) =>
        syncFolder !== undefined && path.isAbsolute(syncFolder) ? syncFolder : undefined,
      () => undefined,
    );
    return chosen;
  };
  const requireFolder = async (): Promise<string> => {
    const folder = await chosenFolder();
    if (folder === undefined) throw new Error('No sync folder is chosen yet.');
    return folder;
  };

  /** Throws the folder's own message when it is the folder, not the file, that is missing. */
  const checkFolderThere = async (folder: string): Promise<void> => {
    let isFolder: boolean;
    try {
      isFolder = (await stat(folder)).isDirectory();
    } catch (error) {
      throw new Error(describeFolderError(error, folder), { cause: error });
    }
    if (!isFolder) throw new Error(describeFolderError({ code: 'ENOTDIR' }, folder));
  };

  // One operation at a time per file name: pieces of a file are written, then committed, in order.
  const queues = new Map<string, Promise<unknown>>();
  const serial = <T>(name: string, operation: () => Promise<T>): Promise<T> => {
    const result = (queues.get(name) ?? Promise.resolve()).then(operation, operation);
    const tail = result.catch(() => undefined);
    queues.set(name, tail);
    void tail.then(() => {
      if (queues.get(name) === tail) queues.delete(name);
    });
    return result;
  };

  const folderWatch = createFolderWatch({
    watchFolder: deps.watchFolder ?? nodeFolderWatcher,
    debounceMs: deps.debounceMs ?? 1000,
    warn,
  });

  const removeIfStale = async (folder: string, fileName: string): Promise<void> => {
    const name = fileName.slice(PART_PREFIX.length);
    if (!isSyncFileName(name) || queues.has(name)) return;
    const file = path.join(folder, fileName);
    try {
      const info = await lstat(file);
      if (info.isFile() && now() - info.mtimeMs > STALE_PART_MS) await unlink(file);
    } catch {
      // Gone already, or not ours to remove: the next list() tries again.
    }
  };

  const entryOf = async (folder: string, name: string): Promise<FolderEntry | undefined> => {
    try {
      // lstat: a link is not followed, so a link to a file outside the folder is not listed.
      const info = await lstat(path.join(folder, name));
      if (!info.isFile()) return undefined;
      return { name, size: info.size, modified: Math.floor(info.mtimeMs) };
    } catch {
      return undefined; // removed since readdir
    }
  };

  /** Opens a file of the folder without following a link, refusing anything but a plain file. */
  const openPlainFile = async (file: string, flags: number, name: string): Promise<FileHandle> => {
    if (NO_FOLLOW === 0) {
      // Windows has no O_NOFOLLOW: look first. A link made between this look and the open would
      // be followed; making one there needs rights on the folder a remote attacker lacks.
      const info = await lstat(file).catch((error: unknown) => {
        if (codeOf(error) === 'ENOENT') return undefined; // a new file: the open creates it
        throw error;
      });
      if (info?.isSymbolicLink()) {
        throw new Error(
          `“${name}” in the sync folder is a link; Daftar only uses plain files there.`,
        );
      }
    }
    const handle = await open(file, flags | NO_FOLLOW | NON_BLOCK, 0o644);
    try {
      if (!(await handle.stat()).isFile()) {
        throw new Error(`“${name}” in the sync folder is not a plain file.`);
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
    return handle;
  };

  const partOf = (folder: string, name: string): string => path.join(folder, PART_PREFIX + name);

  /**
   * Opens the part file of `name` for writing. Its name is predictable, so another user of the
   * computer may have planted something there: a symbolic link (O_NOFOLLOW refuses it) or a hard
   * link to one of the user's files, which O_NOFOLLOW does not see and O_TRUNC would empty. So
   * offset 0 removes whatever is there and creates the file anew (O_EXCL: an existing path is
   * never opened); a later piece opens the file only when it is a plain file with no other name.
   */
  const openPart = async (part: string, name: string, fresh: boolean): Promise<FileHandle> => {
    if (fresh) {
      await unlink(part).catch((error: unknown) => {
        if (codeOf(error) !== 'ENOENT') throw error;
      });
      const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
      return openPlainFile(part, flags, name).catch((error: unknown) => {
        if (codeOf(error) !== 'EEXIST') throw error;
        throw new Error(
          `Something else appeared under “${PART_PREFIX}${name}” in the sync folder while Daftar was writing; try again.`,
          { cause: error },
        );
      });
    }
    return checkSingleName(await openPlainFile(part, constants.O_RDWR, name), name);
  };

  /** Closes `handle` and refuses when the file has another name too (a hard link). */
  const checkSingleName = async (handle: FileHandle, name: string): Promise<FileHandle> => {
    try {
      if ((await handle.stat()).nlink !== 1) {
        throw new Error(
          `The file being written under “${name}” in the sync folder is linked to another file; Daftar does not write to it.`,
        );
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
    return handle;
  };

  const writePiece = async (name: string, offset: number, data: Uint8Array): Promise<void> => {
    const folder = await requireFolder();
    const part = partOf(folder, name);
    let handle: FileHandle;
    try {
      // Offset 0 starts the file afresh; a later piece continues one that exists.
      handle = await openPart(part, name, offset === 0);
    } catch (error) {
      if (codeOf(error) === 'ENOENT') {
        await checkFolderThere(folder);
        throw new Error(
          `Nothing is being written under “${name}” in the sync folder; start it again from the beginning.`,
        );
      }
      if (codeOf(error) === undefined && error instanceof Error) throw error;
      throw new Error(describeWriteError(error, name, folder), { cause: error });
    }
    try {
      const size = (await handle.stat()).size;
      if (offset !== size) {
        throw new Error(
          `A piece of “${name}” came out of order (at byte ${offset}, but ${size} bytes are written).`,
        );
      }
      let done = 0;
      while (done < data.byteLength) {
        const { bytesWritten } = await handle
          .write(data, done, data.byteLength - done, offset + done)
          .catch((error: unknown) => {
            throw new Error(describeWriteError(error, name, folder), { cause: error });
          });
        done += bytesWritten;
      }
    } finally {
      await handle.close();
    }
  };

  const commitFile = async (name: string): Promise<void> => {
    const folder = await requireFolder();
    const part = partOf(folder, name);
    const target = path.join(folder, name);
    let handle: FileHandle;
    try {
      // Read-write: Windows flushes only a file open for writing. A part linked to another file
      // is refused: committing it would put that file's content in the shared folder.
      handle = await openPart(part, name, false);
    } catch (error) {
      if (codeOf(error) === 'ENOENT') {
        await checkFolderThere(folder);
        throw new Error(`Nothing was written under “${name}” in the sync folder.`);
      }
      if (codeOf(error) === undefined && error instanceof Error) throw error;
      throw new Error(describeWriteError(error, name, folder), { cause: error });
    }
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    const exists = async () => {
      // The part is not needed any more: a file of that name is there to stay.
      await unlink(part).catch(() => undefined);
      return new Error(
        `A file named “${name}” is already in the sync folder; Daftar never replaces files there.`,
      );
    };
    // A hard link is an atomic "create unless it exists": no file can slip in between a check
    // and the rename, so nothing is ever replaced. FAT and exFAT (most USB sticks) and some
    // network shares have no hard links; there we check, then rename. A file the sync tool brings
    // under the same name in the instant between would be replaced: a window of microseconds we
    // accept, since refusing to commit on such disks would make USB sticks unusable.
    try {
      await hardLink(part, target);
      await unlink(part).catch(() => undefined);
    } catch (error) {
      if (codeOf(error) === 'EEXIST') throw await exists();
      if (codeOf(error) === 'ENOENT') await checkFolderThere(folder);
      try {
        await lstat(target);
        throw await exists();
      } catch (missing) {
        if (codeOf(missing) !== 'ENOENT') throw missing;
      }
      try {
        await rename(part, target);
      } catch (failure) {
        throw new Error(describeWriteError(failure, name, folder), { cause: failure });
      }
    }
    // Flush the folder's entry too, where the system allows opening a folder (not Windows).
    try {
      const directory = await open(folder, constants.O_RDONLY);
      try {
        await directory.sync();
      } finally {
        await directory.close();
      }
    } catch {
      // Best effort: the file itself is on disk.
    }
  };

  return {
    async choose(senderId) {
      const askedIn = generation;
      const result = await deps.showOpenDialog(syncFolderDialogOptions(deps.language()), senderId);
      const folder = result.filePaths[0];
      if (result.canceled || folder === undefined) return null;
      if (!path.isAbsolute(folder)) throw new Error('The chosen folder has no absolute path.');
      await checkFolderThere(folder);
      // Also through links: a link to the home folder is the home folder.
      const real = await realpath(folder).catch(() => folder);
      const realHome = await realpath(home).catch(() => home);
      if (
        isTooWideForSync(folder, home) ||
        isTooWideForSync(real, home) ||
        isTooWideForSync(real, realHome)
      ) {
        throw new Error(TOO_WIDE_FOLDER);
      }
      if (askedIn !== generation) return null;
      await deps.settings.update({ syncFolder: folder });
      chosen = Promise.resolve(folder);
      folderWatch.start(folder);
      return folderDisplayName(folder);
    },

    async current() {
      const folder = await chosenFolder();
      return folder === undefined ? null : folderDisplayName(folder);
    },

    async forget() {
      await deps.settings.update({ syncFolder: undefined });
      chosen = Promise.resolve(undefined);
      folderWatch.stop();
    },

    async list() {
      const folder = await requireFolder();
      let names: string[];
      try {
        names = await readdir(folder);
      } catch (error) {
        throw new Error(describeFolderError(error, folder), { cause: error });
      }
      const entries: FolderEntry[] = [];
      for (const name of names) {
        if (name.startsWith(PART_PREFIX)) {
          await removeIfStale(folder, name);
        } else if (isSyncFileName(name)) {
          const entry = await entryOf(folder, name);
          if (entry) entries.push(entry);
        }
      }
      // The folder is back (the stick is in again): watch it again.
      if (folderWatch.broken && folderWatch.listening && (await chosenFolder()) === folder) {
        folderWatch.start(folder);
      }
      return entries;
    },

    async read(name, offset, length) {
      checkName(name);
      checkFolderRange(offset, length);
      const folder = await requireFolder();
      let handle: FileHandle;
      try {
        handle = await openPlainFile(path.join(folder, name), constants.O_RDONLY, name);
      } catch (error) {
        if (codeOf(error) === 'ENOENT') {
          await checkFolderThere(folder);
          throw new Error(`There is no file “${name}” in the sync folder.`);
        }
        if (codeOf(error) === undefined && error instanceof Error) throw error;
        throw new Error(describeWriteError(error, name, folder), { cause: error });
      }
      try {
        const size = (await handle.stat()).size;
        const bytes = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        const filled = await readAt(handle, bytes, offset);
        return filled === bytes.length ? bytes : bytes.slice(0, filled);
      } finally {
        await handle.close();
      }
    },

    async write(name, offset, data) {
      checkName(name);
      if (!(data instanceof Uint8Array)) throw new Error('A folder file is written in bytes.');
      checkFolderRange(offset, data.byteLength);
      return serial(name, () => writePiece(name, offset, data));
    },

    async commit(name) {
      checkName(name);
      return serial(name, () => commitFile(name));
    },

    watch(onChange) {
      folderWatch.listen(onChange);
      let watching = true;
      void chosenFolder().then((folder) => {
        if (folder !== undefined && watching && !folderWatch.running) folderWatch.start(folder);
      });
      return () => {
        if (!watching) return;
        watching = false;
        folderWatch.listen(undefined);
      };
    },

    reset() {
      generation += 1;
      chosen = Promise.resolve(undefined);
      folderWatch.stop();
    },
  };
}
