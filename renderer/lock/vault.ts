/**
 * The app lock's keys. A profile has one random 32-byte data key; the passphrase only wraps it
 * (vaultRecord.ts), so changing the passphrase rewrites one small record and never re-encrypts
 * the data. The rows are sealed with a key derived from the data key (HKDF-SHA256), so the data
 * key itself never touches a row.
 *
 * Unlocking tries the passphrase on the key first; only when it does not open the key is the
 * duress check derived — always, whether or not a duress passphrase is set. So the right
 * passphrase costs one PBKDF2 run and any other two, and neither the time nor the record tells
 * whether a duress passphrase is set, or whether the one typed was it.
 */
import { BundleError } from '../../shared/bundle/bundleError.ts';
import { PASSPHRASE_KDF, type PassphraseOptions } from '../../shared/bundle/crypto.ts';
import { fromBase64Url, toBase64Url } from '../../shared/teamSync/webCrypto.ts';
import { unwrapKey, wrapKey } from '../../shared/teamSync/wrappedKey.ts';
import {
  DEFAULT_AUTO_LOCK_MINUTES,
  readVaultRecord,
  VAULT_FORMAT,
  VaultError,
  type DuressCheck,
  type VaultRecord,
} from './vaultRecord.ts';
import type { VaultStore } from './vaultStore.ts';

export const MIN_PASSPHRASE_LENGTH = 8;
const DATA_KEY_BYTES = 32;
const SALT_BYTES = 16;

export interface KdfOptions extends PassphraseOptions {
  /** PBKDF2 rounds; below 600,000 only with `testOnlyAllowWeakKdf`. */
  iterations?: number;
}

/** What an unlocked profile needs: its database and the key its rows are sealed with. */
export interface Unlocked {
  database: string;
  rowKey: Uint8Array;
  record: VaultRecord;
}

export type UnlockResult =
  { kind: 'unlocked'; unlocked: Unlocked } | { kind: 'wrongPassphrase' } | { kind: 'duress' };

const encoder = new TextEncoder();
const aadOf = (database: string) => encoder.encode(`daftar-vault\u0000${database}`);

/** The rows' key, derived from the data key. */
async function rowKeyOf(dataKey: Uint8Array): Promise<Uint8Array> {
  const base = await crypto.subtle.importKey('raw', dataKey.slice().buffer, 'HKDF', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(0),
      info: encoder.encode('daftar rows v1'),
    },
    base,
    256,
  );
  return new Uint8Array(bits);
}

async function pbkdf2(passphrase: string, salt: Uint8Array, iterations: number) {
  // NFC, as the wrapping key is derived (shared/bundle/crypto.ts): Dari letters have two forms.
  const material = encoder.encode(passphrase.normalize('NFC'));
  const base = await crypto.subtle.importKey('raw', material, 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt.slice().buffer, iterations },
    base,
    256,
  );
  return new Uint8Array(bits);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

const random = (length: number) => crypto.getRandomValues(new Uint8Array(length));

/** A check value no passphrase matches: what the record holds while no duress passphrase is set. */
const noDuress = (iterations: number): DuressCheck => ({
  iterations,
  salt: toBase64Url(random(SALT_BYTES)),
  check: toBase64Url(random(32)),
});

export function checkNewPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH)
    throw new VaultError(`A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`);
}

export class Vault {
  private readonly iterations: number;

  constructor(
    private readonly store: VaultStore,
    private readonly kdf: KdfOptions = {},
  ) {
    this.iterations = kdf.iterations ?? PASSPHRASE_KDF.iterations;
  }

  /** The stored record, or null on first run. A damaged record throws (and is left as it is). */
  async record(): Promise<VaultRecord | null> {
    const value = await this.store.read();
    return value === undefined || value === null ? null : readVaultRecord(value).record;
  }

  /** First run: a new data key for a new database, wrapped with `passphrase`. */
  async create(
    passphrase: string,
    settings: { language: string; autoLockMinutes?: number },
  ): Promise<Unlocked> {
    checkNewPassphrase(passphrase);
    const database = `daftar-${crypto.randomUUID()}`;
    const dataKey = random(DATA_KEY_BYTES);
    const record: VaultRecord = {
      format: VAULT_FORMAT,
      version: 1,
      database,
      key: await wrapKey(dataKey, passphrase, aadOf(database), this.kdf),
      duress: noDuress(this.iterations),
      language: settings.language,
      autoLockMinutes: settings.autoLockMinutes ?? DEFAULT_AUTO_LOCK_MINUTES,
    };
    await this.store.write(record);
    return { database, rowKey: await rowKeyOf(dataKey), record };
  }

  async unlock(passphrase: string): Promise<UnlockResult> {
    const stored = await this.store.read();
    if (stored === undefined || stored === null) throw new VaultError('This profile has no lock.');
    const { record, key } = readVaultRecord(stored);
    if (passphrase === '') return { kind: 'wrongPassphrase' };
    const dataKey = await this.unwrap(key, passphrase, record.database);
    if (dataKey)
      return {
        kind: 'unlocked',
        unlocked: { database: record.database, rowKey: await rowKeyOf(dataKey), record },
      };
    if (await this.isDuress(record, passphrase)) return { kind: 'duress' };
    return { kind: 'wrongPassphrase' };
  }

  /** Wraps the same data key with `next`: one record replaced, nothing re-encrypted. */
  async changePassphrase(current: string, next: string): Promise<void> {
    checkNewPassphrase(next);
    const { record, dataKey } = await this.opened(current);
    if (await this.isDuress(record, next))
      throw new VaultError('The new passphrase must differ from the duress passphrase.');
    const key = await wrapKey(dataKey, next, aadOf(record.database), this.kdf);
    await this.store.write({ ...record, key });
  }

  /** Sets (or with null, clears) the passphrase that wipes the profile when typed at the lock screen. */
  async setDuressPassphrase(current: string, duress: string | null): Promise<void> {
    const { record } = await this.opened(current);
    let check = noDuress(this.iterations);
    if (duress !== null) {
      checkNewPassphrase(duress);
      if (duress === current)
        throw new VaultError('The duress passphrase must differ from the passphrase.');
      const salt = random(SALT_BYTES);
      check = {
        iterations: this.iterations,
        salt: toBase64Url(salt),
        check: toBase64Url(await pbkdf2(duress, salt, this.iterations)),
      };
    }
    await this.store.write({ ...record, duress: check });
  }

  /** Settings the lock screen reads (language, auto-lock), changed without the passphrase. */
  async updateSettings(patch: Partial<Pick<VaultRecord, 'language' | 'autoLockMinutes'>>) {
    const record = await this.record();
    if (!record) throw new VaultError('This profile has no lock.');
    await this.store.write({ ...record, ...patch });
  }

  /** Destroys the wrapped key: the data cannot be opened by anyone afterwards. */
  destroy(): Promise<void> {
    return this.store.destroy();
  }

  private async opened(passphrase: string) {
    const stored = await this.store.read();
    if (stored === undefined || stored === null) throw new VaultError('This profile has no lock.');
    const { record, key } = readVaultRecord(stored);
    const dataKey = await this.unwrap(key, passphrase, record.database);
    if (!dataKey) throw new VaultError('That is not the passphrase of this profile.');
    return { record, dataKey };
  }

  private async unwrap(key: Parameters<typeof unwrapKey>[0], passphrase: string, database: string) {
    try {
      return await unwrapKey(key, passphrase, aadOf(database), this.kdf);
    } catch (error) {
      if (error instanceof BundleError && error.code === 'wrongPassphrase') return null;
      throw error;
    }
  }

  private async isDuress(record: VaultRecord, passphrase: string): Promise<boolean> {
    const { salt, iterations, check } = record.duress;
    return equalBytes(
      await pbkdf2(passphrase, fromBase64Url(salt), iterations),
      fromBase64Url(check),
    );
  }
}
