/**
 * Folder sync for the open profile, for the whole window's life: the FolderSync and its
 * scheduler. Where the host watches the folder (Electron) runs start on their own — at start-up,
 * whenever the folder's files change, every few minutes, and after a failure on a backoff; in the
 * web build only when the user asks ("Sync folder now"), since the browser lets a page use the
 * folder after a click. Components read the status through `useFolderSyncStatus`.
 */
import type { SyncFolderHost } from '../../../shared/folderSync/syncFolder.ts';
import type { SyncStatus } from '../../../shared/teamSync/syncStatus.ts';
import type { DaftarData } from '../../data/daftarData.ts';
import { FolderSync, type FolderSyncOptions } from '../../sync/folderSync.ts';
import type { FolderSyncConfig } from '../../sync/folderSyncStore.ts';
import { browserEnv, type SchedulerEnv, type SyncTarget } from '../../sync/syncScheduler.ts';
import { ScheduledService, serviceSlot } from '../teamSync/scheduledService.ts';

/** A scheduler target for a FolderSync: "reachable" when the folder can be listed. */
export function folderSyncTarget(sync: FolderSync): SyncTarget {
  return {
    joined: () => sync.joined(),
    reach: async () => {
      await sync.host.list();
    },
    run: (options) => sync.run(options),
    pendingChanges: () => sync.pendingChanges(),
  };
}

/** The scheduler's environment for a folder: always "online"; a change in the folder is a new chance. */
export function folderEnv(host: SyncFolderHost, base: SchedulerEnv = browserEnv()): SchedulerEnv {
  return {
    ...base,
    isOnline: () => true,
    onOnline: (listener) => host.onChange(listener),
  };
}

/** After a record is saved, a run this much later writes it out (one run for a burst of edits). */
export const LOCAL_CHANGE_DELAY_MS = 10_000;

export class FolderSyncService extends ScheduledService {
  readonly sync: FolderSync;
  private unwatchLocal: (() => void) | null = null;
  private localTimer: unknown = null;

  constructor(
    private readonly data: DaftarData,
    readonly host: SyncFolderHost,
    env: SchedulerEnv = folderEnv(host),
    syncOptions: FolderSyncOptions = {},
  ) {
    super(env);
    this.sync = new FolderSync(data, host, syncOptions);
  }

  /**
   * At start-up: resume syncing when this profile syncs through a folder. The web build does not
   * run then (the browser would refuse the folder without a click): it runs when asked.
   */
  async start(): Promise<void> {
    if (await this.sync.joined()) this.startSyncing(false);
  }

  /** Whether runs start on their own (the host watches the folder). */
  get automatic(): boolean {
    return this.host.watches;
  }

  /** Let the user choose the folder; whether it is new to Daftar, or null when they cancelled. */
  async choose(): Promise<{ label: string; kind: 'described' | 'new' } | null> {
    const label = await this.host.choose();
    if (label === null) return null;
    return { label, kind: await this.sync.inspect() };
  }

  /** Open (or set up) the chosen folder with the passphrase, then sync at once. */
  async begin(passphrase: string): Promise<FolderSyncConfig> {
    const config = await this.sync.begin(passphrase);
    this.startSyncing(true);
    return config;
  }

  /** Stop syncing through the folder: forget it, its key and state (records and files stay). */
  async leave(): Promise<void> {
    this.stop();
    await this.sync.leave();
    this.setStatus({ kind: 'notJoined' });
  }

  override stop(): void {
    this.unwatchLocal?.();
    this.unwatchLocal = null;
    if (this.localTimer !== null) this.env.clearTimer(this.localTimer);
    this.localTimer = null;
    super.stop();
  }

  private startSyncing(runNow: boolean): void {
    this.stop();
    this.startScheduler(folderSyncTarget(this.sync), this.host.watches, runNow);
    if (this.host.watches) this.watchLocalChanges();
  }

  /**
   * Where runs start on their own: a run shortly after records change here, so new work reaches
   * the folder without waiting for the timer.
   */
  private watchLocalChanges(): void {
    let first = true;
    this.unwatchLocal = this.data.watch(
      () => this.data.db.commits.count(),
      () => {
        if (first) {
          first = false;
          return;
        }
        if (this.localTimer !== null) this.env.clearTimer(this.localTimer);
        this.localTimer = this.env.setTimer(() => {
          this.localTimer = null;
          void this.syncNow();
        }, LOCAL_CHANGE_DELAY_MS);
      },
    );
  }
}

const slot = serviceSlot<FolderSyncService>('Folder sync');

/** main.tsx: start folder sync for the opened profile (runs only once a folder is chosen). */
export const startFolderSync = slot.start;

export function useFolderSyncService(): FolderSyncService | null {
  return slot.current();
}

export function useFolderSyncStatus(): SyncStatus {
  return slot.useStatus();
}
