/**
 * The app's own profile, made the way the app makes it, for the benchmarks that then open the
 * real app: a vault record (`daftar-vault`) created by `Vault.create` with the real 600,000
 * PBKDF2 rounds and a known passphrase, and the sealed database it names, filled through
 * `DaftarData.open({ name: unlocked.database, sealer })`. The runner then unlocks the app at its
 * lock screen with the same passphrase (test/bench/appLock.mjs). A database named `daftar` would
 * be a profile from before the lock, which the app offers to move instead of showing it.
 *
 * Every other bench database keeps the fixed test key (test/helpers/testSealer.ts).
 */
import { RowSealer } from '../../../renderer/data/seal/rowSealer.ts';
import { Vault } from '../../../renderer/lock/vault.ts';
import { IndexedDbVaultStore } from '../../../renderer/lock/vaultStore.ts';
import { testSealer } from '../../helpers/testSealer.ts';

let opened: { database: string; sealer: RowSealer; rowKey: Uint8Array } | null = null;

/**
 * Unlocks the app's vault with `passphrase`, creating it first when there is none; returns the
 * sealed database's name. Costs one or two PBKDF2 runs (under a second here).
 */
export async function openAppProfile(passphrase: string): Promise<string> {
  const vault = new Vault(new IndexedDbVaultStore());
  let unlocked;
  if ((await vault.record()) === null) {
    unlocked = await vault.create(passphrase, { language: 'en' });
  } else {
    const result = await vault.unlock(passphrase);
    if (result.kind !== 'unlocked')
      throw new Error(`The bench passphrase does not open this origin's vault (${result.kind})`);
    unlocked = result.unlocked;
  }
  opened = {
    database: unlocked.database,
    sealer: new RowSealer(unlocked.rowKey),
    rowKey: unlocked.rowKey,
  };
  return unlocked.database;
}

/** The app profile's sealer for its database; the fixed test key for any other. */
export function sealerFor(dbName: string): RowSealer {
  return opened !== null && opened.database === dbName ? opened.sealer : testSealer();
}

/** The app profile's row key, for floors that open sealed rows themselves (rawSealed.ts). */
export function appRowKey(): Uint8Array {
  if (opened === null) throw new Error('The app profile is not open in this page');
  return opened.rowKey;
}

/** Forgets the vault record (so the next benchmark starts a new profile) and the open key. */
export async function removeAppProfile(): Promise<void> {
  await new Vault(new IndexedDbVaultStore()).destroy();
  opened = null;
}
