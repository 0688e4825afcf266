/**
 * The sync folder as the renderer sees it: a folder the user chose (kept in step between
 * laptops by Syncthing, Nextcloud, a network share or a USB stick) holding the team's sealed
 * bundles as flat files. The host owns the folder: Electron's main process keeps its path (the
 * renderer never names a path, only a file inside it) and watches it; the web build holds a
 * File System Access handle and is asked to look on demand. Which files are written and read,
 * and what is in them, is `folderSync`'s; the host only lists, reads and writes bytes.
 *
 * File names are plain (`isFolderFileName`): no separators, no leading dot — so a name can never
 * leave the folder, and a hidden part file being written is never listed — and a host touches
 * only the description and bundle files (`isSyncFileName`).
 */

/** A file at the folder's top level. */
export interface FolderEntry {
  name: string;
  size: number;
  /** Last modified, in milliseconds since 1970. */
  modified: number;
}

export interface SyncFolderHost {
  /**
   * Whether the host notices changes in the folder by itself and calls `onChange` listeners
   * (Electron); the web build cannot, and the app checks the folder when asked.
   */
  readonly watches: boolean;
  /**
   * Let the user choose a folder (a native dialog, or the browser's picker), replacing any chosen
   * before. The folder's display name, or null when the user cancelled.
   */
  choose(): Promise<string | null>;
  /** The chosen folder's display name, or null when none is chosen. */
  current(): Promise<string | null>;
  /** Forget the chosen folder (its files stay where they are). */
  forget(): Promise<void>;
  /**
   * The folder's files whose names `isSyncFileName` accepts, in no particular order. Throws an
   * `Error` with a message for the user when no folder is chosen, it is gone, or the app may not
   * use it (the web build asks the browser for permission again first).
   */
  list(): Promise<FolderEntry[]>;
  /** Bytes of a file (at most MAX_FOLDER_PIECE; fewer past its end). */
  read(name: string, offset: number, length: number): Promise<Uint8Array>;
  /**
   * Writes a piece of a new file (at most MAX_FOLDER_PIECE), in order: offset 0 starts it afresh.
   * The pieces go to a hidden part file; nothing shows under `name` until `commit`.
   */
  write(name: string, offset: number, data: Uint8Array): Promise<void>;
  /**
   * Makes the written file appear under `name` whole (flushed to disk, then renamed). Refused
   * when a file of that name exists already: files in the folder are never replaced.
   */
  commit(name: string): Promise<void>;
  /** Calls `listener` (debounced) when the folder's files change; returns an unsubscribe. */
  onChange(listener: () => void): () => void;
}

/** Largest piece read or written in one call (one IPC message stays small). */
export const MAX_FOLDER_PIECE = 8 * 1024 ** 2;

/** Largest file the app reads from or writes to the folder. */
export const MAX_FOLDER_FILE_BYTES = 2 * 1024 ** 3;

const FOLDER_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** Windows device names, with or without an extension: never files, on any system. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/**
 * A name a folder host lists, reads or writes: letters, digits, `.`, `_` and `-`, not starting
 * with a dot, at most 128 characters, not ending in a dot (Windows drops it) and not a Windows
 * device name (`CON`, `nul.txt`…: a folder shared with a Windows laptop never holds one). Never
 * a path.
 */
export function isFolderFileName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    FOLDER_FILE_NAME.test(name) &&
    !name.endsWith('.') &&
    !WINDOWS_DEVICE.test(name)
  );
}

/** The folder's description file, which every device of the team reads. */
export const FOLDER_DESCRIPTION_FILE = 'daftar-folder.json';
/** What a bundle file's name ends in (folderFiles.ts names them). */
export const BUNDLE_SUFFIX = '.daftarsync';

/** Whether a folder file is named as a bundle (its content is checked when read). */
export function isBundleFileName(name: unknown): name is string {
  return isFolderFileName(name) && name.startsWith('daftar-') && name.endsWith(BUNDLE_SUFFIX);
}

/**
 * The only names a host lists, reads or writes: the description file and bundle files. So the
 * app touches nothing else in the folder — not the user's other files if they chose a folder
 * that holds some, and never writes `desktop.ini`, `autorun.inf` or a `.exe` that a sync tool
 * would carry to every teammate.
 */
export function isSyncFileName(name: unknown): name is string {
  return name === FOLDER_DESCRIPTION_FILE || isBundleFileName(name);
}

/** Refuses a piece a host would not read or write: negative, fractional, too large, too far. */
export function checkFolderRange(offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw new Error('A folder file is read or written at whole, non-negative positions.');
  }
  if (length > MAX_FOLDER_PIECE) throw new Error('Too many bytes in one piece (limit 8 MiB).');
  if (offset + length > MAX_FOLDER_FILE_BYTES) throw new Error('Folder files end at 2 GiB.');
}
