/**
 * Where folder sync keeps its state on this device, in the profile's settings under
 * `folderSync.*`: the folder's id and key (unwrapped; issue 8 encrypts the profile at rest) and
 * the name the host gave it, what the folder is known to hold (heldCoverage.ts), the files
 * handled (read and applied, or written here), the files refused (with the size they had, so a
 * file still arriving is tried again once it grew) and when the last run succeeded.
 */
import type { DaftarData } from '../data/daftarData.ts';
import { NOTHING_HELD, type HeldCoverage } from '../data/heldCoverage.ts';
import { fromBase64Url, toBase64Url } from '../../shared/teamSync/webCrypto.ts';
import type { HeldStore } from './applySyncedBundle.ts';

export interface FolderSyncConfig {
  folderId: string;
  key: Uint8Array;
  /** The folder's name as the host shows it, e.g. `Daftar team`. */
  label: string;
  /**
   * This device's name in the folder's file names: random, made when it began with the folder,
   * so the files do not carry the device id its bundles are signed with.
   */
  writer: string;
  since: string;
}

interface StoredConfig extends Omit<FolderSyncConfig, 'key'> {
  key: string;
}

export interface FolderRefusal {
  name: string;
  /** The file's size and time when refused: a file that changed is tried again. */
  size: number;
  modified: number;
  code: string;
  message: string;
  at: string;
}

const KEY = {
  config: 'folderSync.config',
  held: 'folderSync.held',
  handled: 'folderSync.handled',
  refusals: 'folderSync.refusals',
  lastSuccess: 'folderSync.lastSuccess',
  reading: 'folderSync.reading',
} as const;

interface Reading {
  name: string;
  size: number;
  modified: number;
  /** How many reads of this file were under way when the app stopped. */
  crashes: number;
}

/** The most recent refusals kept; older ones are dropped (and tried again if still there). */
export const MAX_FOLDER_REFUSALS_KEPT = 2_000;

export class FolderSyncStore implements HeldStore {
  constructor(private readonly data: DaftarData) {}

  async config(): Promise<FolderSyncConfig | null> {
    const stored = await this.data.getSetting<StoredConfig>(KEY.config);
    return stored ? { ...stored, key: fromBase64Url(stored.key) } : null;
  }

  /** Start syncing with a folder: remember it, and start its state afresh. */
  async saveConfig(config: FolderSyncConfig): Promise<void> {
    await this.data.setSetting(KEY.held, NOTHING_HELD);
    await this.data.setSetting(KEY.handled, []);
    await this.data.setSetting(KEY.refusals, []);
    await this.data.setSetting(KEY.config, { ...config, key: toBase64Url(config.key) });
  }

  /** Stop syncing with the folder: forget its key and state (the records stay). */
  async forget(): Promise<void> {
    for (const key of Object.values(KEY)) await this.data.setSetting(key, null);
  }

  async held(): Promise<HeldCoverage> {
    return (await this.data.getSetting<HeldCoverage>(KEY.held)) ?? NOTHING_HELD;
  }

  async setHeld(coverage: HeldCoverage): Promise<void> {
    await this.data.setSetting(KEY.held, coverage);
  }

  async handled(): Promise<Set<string>> {
    return new Set((await this.data.getSetting<string[]>(KEY.handled)) ?? []);
  }

  async addHandled(name: string): Promise<void> {
    const names = (await this.data.getSetting<string[]>(KEY.handled)) ?? [];
    if (!names.includes(name)) await this.data.setSetting(KEY.handled, [...names, name]);
  }

  async refusals(): Promise<FolderRefusal[]> {
    return (await this.data.getSetting<FolderRefusal[]>(KEY.refusals)) ?? [];
  }

  async recordRefusal(refusal: FolderRefusal): Promise<void> {
    const others = (await this.refusals()).filter((r) => r.name !== refusal.name);
    await this.data.setSetting(KEY.refusals, [...others, refusal].slice(-MAX_FOLDER_REFUSALS_KEPT));
  }

  /**
   * Marks `file` as being read; returns how many earlier reads of the same file (name, size and
   * time) never finished — the app stopped during them.
   */
  async startReading(file: { name: string; size: number; modified: number }): Promise<number> {
    const before = await this.data.getSetting<Reading>(KEY.reading);
    const same =
      before?.name === file.name && before.size === file.size && before.modified === file.modified;
    const crashes = same ? before.crashes + 1 : 0;
    await this.data.setSetting(KEY.reading, { ...file, crashes } satisfies Reading);
    return crashes;
  }

  async doneReading(): Promise<void> {
    await this.data.setSetting(KEY.reading, null);
  }

  async lastSuccess(): Promise<number | null> {
    return (await this.data.getSetting<number>(KEY.lastSuccess)) ?? null;
  }

  async setLastSuccess(at: number): Promise<void> {
    await this.data.setSetting(KEY.lastSuccess, at);
  }
}
