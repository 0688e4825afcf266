/**
 * The unlocked app's handle on its lock: lock now, wipe, and the settings that live in the vault
 * record. Locking reloads the page — the surest way to drop every decrypted record, the search
 * index and the key from memory — and the page starts again at the lock screen.
 */
import { createContext, useContext } from 'react';
import type { KeychainEntry, Platform } from '../../shared/ipc/contract.ts';
import type { DaftarData } from '../data/daftarData.ts';
import type { RowSealer } from '../data/seal/rowSealer.ts';
import type { Unlocked, Vault } from './vault.ts';
import { wipeEverything } from './wipe.ts';

export class LockSession {
  private data: DaftarData | null = null;
  private sealer: RowSealer | null = null;
  private entry: KeychainEntry | null = null;
  private minutes = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly vault: Vault,
    private readonly platform: Pick<Platform, 'wipeHost'>,
    private readonly restart: () => void = () => location.reload(),
  ) {}

  /** The profile that was just unlocked. */
  opened(data: DaftarData, sealer: RowSealer, unlocked: Unlocked): void {
    this.data = data;
    this.sealer = sealer;
    this.entry = { database: unlocked.database, rowKey: unlocked.rowKey };
    this.minutes = unlocked.record.autoLockMinutes;
  }

  /** What the OS keychain keeps to unlock this profile without the passphrase (opt-in). */
  keychainEntry(): KeychainEntry {
    if (!this.entry) throw new Error('Nothing is unlocked');
    return this.entry;
  }

  /** Minutes without input before the app locks itself (0 = never). */
  get autoLockMinutes(): number {
    return this.minutes;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async setAutoLockMinutes(minutes: number): Promise<void> {
    await this.vault.updateSettings({ autoLockMinutes: minutes });
    this.minutes = minutes;
    for (const listener of this.listeners) listener();
  }

  /** The lock screen speaks the language the app was last used in. */
  setLanguage(language: string): Promise<void> {
    return this.vault.updateSettings({ language });
  }

  lock = (): void => {
    this.entry = null;
    this.data?.close();
    this.sealer?.destroy();
    this.restart();
  };

  /** Destroys the key and the data and restarts at first run; returns what could not be deleted. */
  wipe = async (): Promise<string[]> => {
    const failed = await wipeEverything({
      destroyKey: () => this.vault.destroy(),
      closeData: () => this.data?.close(),
      wipeHost: () => this.platform.wipeHost(),
    });
    this.sealer?.destroy();
    this.restart();
    return failed;
  };
}

export const LockContext = createContext<LockSession | null>(null);

export function useLock(): LockSession {
  const session = useContext(LockContext);
  if (!session) throw new Error('useLock outside LockContext');
  return session;
}
