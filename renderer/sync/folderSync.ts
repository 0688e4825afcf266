/**
 * Team sync through a shared folder, for teams without a hub: the folder (kept in step between
 * laptops by Syncthing, Nextcloud, a network share or a USB stick carried around) holds the
 * team's bundles as files, each sealed with the folder key (folderDescription.ts), and one
 * description file. A run:
 *
 * 1. Lists the folder and checks it is still the folder this device began with (its description
 *    file is there, with the same id).
 * 2. Pull: every bundle file not handled yet — not read before, not written here — oldest first:
 *    read, opened with the folder key, then through the file import's checks and merge
 *    (applySyncedBundle.ts). A file that fails is recorded as refused with its size, and tried
 *    again only once its size changes: a file the sync tool is still copying in fails to open
 *    until it is whole. A file that changes while being read is left for the next run.
 * 3. Push: a bundle of what the folder is not known to hold (the `notHeld` scope by the folder),
 *    sealed and written as a new file (a hidden part file renamed when whole: others never see
 *    half a bundle), then the folder is known to hold it.
 *
 * Files are never changed or deleted (a sync tool would carry a deletion everywhere); a crash
 * after a file was written but before it was recorded writes the same changes again next time,
 * which every import knows by the bundle's id and skips.
 */
import {
  FOLDER_DESCRIPTION_FILE,
  MAX_DESCRIPTION_BYTES,
  describeNewFolder,
  openFolder,
  parseFolderDescription,
  type DescribeOptions,
  type FolderDescription,
} from '../../shared/folderSync/folderDescription.ts';
import { bundleFileName, isBundleFileName } from '../../shared/folderSync/folderFiles.ts';
import { FolderSyncError, isFolderSyncError } from '../../shared/folderSync/folderSyncError.ts';
import {
  MAX_FOLDER_FILE_BYTES,
  MAX_FOLDER_PIECE,
  type FolderEntry,
  type SyncFolderHost,
} from '../../shared/folderSync/syncFolder.ts';
import type { SyncProgress } from '../../shared/teamSync/syncStatus.ts';
import { openForTeam, sealForTeam } from '../../shared/teamSync/teamCipher.ts';
import { randomBytes, toBase64Url } from '../../shared/teamSync/webCrypto.ts';
import type { DaftarData } from '../data/daftarData.ts';
import {
  heldAfterPush,
  holdingCoverage,
  pendingFor,
  recentPendingFor,
} from '../data/heldCoverage.ts';
import { applySyncedBundle, isSyncRefusal } from './applySyncedBundle.ts';
import { FolderSyncStore, type FolderRefusal, type FolderSyncConfig } from './folderSyncStore.ts';

/** A file the app stopped reading this often (it crashed, or was killed) is passed over. */
const MAX_CRASHES_READING = 2;

export interface FolderSyncOptions {
  now?: () => number;
  /** Key derivation settings (tests use few iterations). */
  passphrase?: DescribeOptions;
}

export interface FolderRunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
}

export interface FolderRunResult {
  /** Bundles applied from the folder. */
  pulled: number;
  refused: FolderRefusal[];
  /** Change sets written, 0 when there was nothing to write. */
  pushed: number;
  /** The file written, if any. */
  written: string | null;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new Error('Cancelled.');
}

export class FolderSync {
  readonly store: FolderSyncStore;
  private readonly now: () => number;

  constructor(
    private readonly data: DaftarData,
    readonly host: SyncFolderHost,
    private readonly options: FolderSyncOptions = {},
  ) {
    this.store = new FolderSyncStore(data);
    this.now = options.now ?? (() => Date.now());
  }

  async joined(): Promise<boolean> {
    return (await this.store.config()) !== null;
  }

  /**
   * Whether the chosen folder was set up by a Daftar already (its passphrase then opens it) or
   * not yet (a new passphrase sets it up).
   */
  async inspect(): Promise<'described' | 'new'> {
    const entries = await this.host.list();
    return entries.some((e) => e.name === FOLDER_DESCRIPTION_FILE) ? 'described' : 'new';
  }

  /**
   * Begin syncing through the chosen folder: open its description with `passphrase`, or, when
   * it has none, set it up with a new folder key wrapped by `passphrase`.
   */
  async begin(passphrase: string): Promise<FolderSyncConfig> {
    const label = await this.host.current();
    if (label === null) throw new FolderSyncError('notSetUp', 'Choose a folder first.');
    let folder;
    if ((await this.inspect()) === 'described') {
      folder = await openFolder(await this.readDescription(), passphrase, this.options.passphrase);
    } else {
      const made = await describeNewFolder(passphrase, this.options.passphrase);
      await this.writeFile(FOLDER_DESCRIPTION_FILE, made.bytes);
      folder = made.folder;
    }
    const config: FolderSyncConfig = {
      folderId: folder.id,
      key: folder.key,
      label,
      writer: toBase64Url(randomBytes(6)),
      since: new Date(this.now()).toISOString(),
    };
    await this.store.saveConfig(config);
    return config;
  }

  /** Stop syncing through the folder: forget it, its key and state (records and files stay). */
  async leave(): Promise<void> {
    await this.store.forget();
    await this.host.forget();
  }

  /** Change sets the folder is not known to hold (cheaply, as TeamSync.pendingChanges). */
  async pendingChanges(): Promise<number> {
    const held = await this.store.held();
    const recent = await recentPendingFor(this.data.db, held, this.data.deviceId);
    return recent ?? (await pendingFor(this.data.db, held)).changes;
  }

  /** One run: check the folder, read what is new, write what the folder lacks. */
  async run(options: FolderRunOptions = {}): Promise<FolderRunResult> {
    const config = await this.store.config();
    if (!config) {
      throw new FolderSyncError('notSetUp', 'This device does not sync through a folder.');
    }
    const { signal } = options;
    const entries = await this.host.list();
    if (!entries.some((e) => e.name === FOLDER_DESCRIPTION_FILE)) {
      throw new FolderSyncError(
        'noFolderDescription',
        `The folder ${config.label} no longer holds ${FOLDER_DESCRIPTION_FILE}. Is it the right folder, and has it finished syncing?`,
        { folder: config.label },
      );
    }
    const description = await this.readDescription();
    if (description.id !== config.folderId) {
      throw new FolderSyncError(
        'folderReplaced',
        `The folder ${config.label} now belongs to another team's sync (its description changed). Stop syncing through it and choose the right folder.`,
        { folder: config.label },
      );
    }
    const result: FolderRunResult = { pulled: 0, refused: [], pushed: 0, written: null };
    await this.pull(config, entries, result, options);
    throwIfAborted(signal);
    await this.push(config, result, options);
    await this.store.setLastSuccess(this.now());
    return result;
  }

  private async pull(
    config: FolderSyncConfig,
    entries: FolderEntry[],
    result: FolderRunResult,
    { signal, onProgress }: FolderRunOptions,
  ): Promise<void> {
    const handled = await this.store.handled();
    const refused = new Map((await this.store.refusals()).map((r) => [r.name, r]));
    const fresh = entries
      .filter((e) => isBundleFileName(e.name) && !handled.has(e.name))
      .filter((e) => {
        const before = refused.get(e.name);
        return !before || before.size !== e.size || before.modified !== e.modified;
      })
      .sort((a, b) => a.modified - b.modified || (a.name < b.name ? -1 : 1));
    for (const [i, entry] of fresh.entries()) {
      throwIfAborted(signal);
      const progress = (done: number) =>
        onProgress?.({
          phase: 'pulling',
          bundle: i + 1,
          bundles: fresh.length,
          done,
          total: entry.size,
        });
      // Marked while read and applied: a file that took the app down twice (too large for this
      // laptop's memory, say) is refused the third time rather than crashing it at every start.
      const crashes = await this.store.startReading(entry);
      try {
        if (crashes >= MAX_CRASHES_READING) {
          throw new FolderSyncError(
            'readCrashed',
            `Daftar stopped twice while reading ${entry.name}; it is passed over.`,
            { name: entry.name },
          );
        }
        if (entry.size > MAX_FOLDER_FILE_BYTES) {
          throw new FolderSyncError(
            'fileTooLarge',
            `${entry.name} is larger than the 2 GiB a bundle may be.`,
            { name: entry.name },
          );
        }
        const envelope = await this.readFile(entry, progress, signal);
        if (envelope === null) continue; // changed while read: next run
        const plain = await openForTeam(envelope, config.key, config.folderId);
        if ((await applySyncedBundle(this.data, plain, this.store, signal)).applied) {
          result.pulled++;
        }
        await this.store.addHandled(entry.name);
      } catch (error) {
        throwIfAborted(signal);
        const tooBig = error instanceof RangeError; // an allocation this laptop cannot make
        if (!tooBig && !isSyncRefusal(error) && !isFolderSyncError(error)) throw error;
        const refusal: FolderRefusal = {
          name: entry.name,
          size: entry.size,
          modified: entry.modified,
          code: tooBig ? 'fileTooLarge' : (error as { code: string }).code,
          message: (error as Error).message,
          at: new Date(this.now()).toISOString(),
        };
        await this.store.recordRefusal(refusal);
        result.refused.push(refusal);
      } finally {
        await this.store.doneReading();
      }
    }
  }

  private async push(
    config: FolderSyncConfig,
    result: FolderRunResult,
    { signal, onProgress }: FolderRunOptions,
  ): Promise<void> {
    const held = await this.store.held();
    const pending = await pendingFor(this.data.db, held);
    if (pending.changes === 0 && pending.custody === 0) return;
    // Taken before the bundle is made, so it claims nothing the bundle might lack.
    const marker = await holdingCoverage(this.data.db);
    const bundle = await this.data.exchange.exportBundle(
      { kind: 'notHeld', by: 'folder', held },
      signal ? { signal } : {},
    );
    const envelope = await sealForTeam(bundle.bytes, config.key, config.folderId);
    const name = bundleFileName(config.writer, this.now());
    await this.writeFile(name, envelope, signal, (done) =>
      onProgress?.({ phase: 'pushing', done, total: envelope.length }),
    );
    await this.store.addHandled(name);
    await this.store.setHeld(await heldAfterPush(this.data.db, await this.store.held(), marker));
    result.pushed = bundle.changeSets;
    result.written = name;
  }

  /** The folder's description; a damaged or hostile file throws a clear message. */
  private async readDescription(): Promise<FolderDescription> {
    return parseFolderDescription(
      await this.host.read(FOLDER_DESCRIPTION_FILE, 0, MAX_DESCRIPTION_BYTES + 1),
    );
  }

  /** The whole file, or null when it changed size while being read (still arriving). */
  private async readFile(
    entry: FolderEntry,
    progress: (done: number) => void,
    signal: AbortSignal | undefined,
  ): Promise<Uint8Array | null> {
    const bytes = new Uint8Array(entry.size);
    let offset = 0;
    while (offset < entry.size) {
      throwIfAborted(signal);
      const length = Math.min(MAX_FOLDER_PIECE, entry.size - offset);
      const piece = await this.readPiece(entry.name, offset, length);
      if (piece.length !== length) return null;
      bytes.set(piece, offset);
      offset += length;
      progress(offset);
    }
    // Grown since listed: the listing was of a file still arriving.
    if ((await this.readPiece(entry.name, entry.size, 1)).length > 0) return null;
    return bytes;
  }

  /**
   * A piece of a bundle file. A file that cannot be read while the folder can (no permission, an
   * I/O error, replaced by something not a file) is this file's problem — refused, tried again
   * once it changes — not the run's; a folder gone stops the run.
   */
  private async readPiece(name: string, offset: number, length: number): Promise<Uint8Array> {
    try {
      return await this.host.read(name, offset, length);
    } catch (error) {
      const folderThere = await this.host.list().then(
        () => true,
        () => false,
      );
      if (!folderThere) throw error;
      const detail = error instanceof Error ? error.message : String(error);
      throw new FolderSyncError('unreadable', `${name} cannot be read: ${detail}`, {
        name,
        detail,
      });
    }
  }

  private async writeFile(
    name: string,
    bytes: Uint8Array,
    signal?: AbortSignal,
    progress?: (done: number) => void,
  ): Promise<void> {
    let offset = 0;
    do {
      throwIfAborted(signal);
      const piece = bytes.subarray(offset, offset + MAX_FOLDER_PIECE);
      await this.host.write(name, offset, piece);
      offset += piece.length;
      progress?.(offset);
    } while (offset < bytes.length);
    await this.host.commit(name);
  }
}
