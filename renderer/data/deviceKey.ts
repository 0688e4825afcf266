/**
 * This device's signing identity in the web host (and in Electron when the host keeps no key):
 * an Ed25519 key pair made once and kept in the `settings` table. The private key is stored as
 * the non-extractable `CryptoKey` itself — IndexedDB stores CryptoKey objects by structured
 * clone — so no script, ours included, can ever read its bytes; it can only sign with it.
 *
 * Invariant: one key per profile. Key generation is async WebCrypto, which cannot run inside an
 * IndexedDB transaction (the transaction would commit while waiting), so a candidate is made
 * first and then stored only if, inside one rw transaction, no key is there yet; otherwise the
 * stored one wins. Two windows starting at once therefore end up with the same key.
 */
import {
  ED25519_PUBLIC_KEY_BYTES,
  generateDeviceKeyPair,
  signerFromKey,
  type CryptoKeyLike,
  type DeviceSigner,
} from '../../shared/bundle/crypto.ts';
import type { DaftarDatabase } from './database.ts';

export const SETTING_DEVICE_KEY = 'deviceKey';

/** The `settings` row's value. `createdAt` is for people reading the profile, not for logic. */
export interface StoredDeviceKey {
  version: 1;
  algorithm: 'Ed25519';
  /** Raw public key, 32 bytes. */
  publicKey: Uint8Array;
  /** Non-extractable Ed25519 private `CryptoKey`. */
  privateKey: CryptoKeyLike;
  createdAt: string;
}

function isPrivateSigningKey(value: unknown): value is CryptoKeyLike {
  if (typeof value !== 'object' || value === null) return false;
  const key = value as Partial<CryptoKeyLike>;
  return (
    key.type === 'private' &&
    key.algorithm?.name === 'Ed25519' &&
    Array.isArray(key.usages) &&
    key.usages.includes('sign')
  );
}

/** The stored key if `value` is one; `undefined` for nothing stored; throws if it is damaged. */
export function readStoredDeviceKey(value: unknown): StoredDeviceKey | undefined {
  if (value === undefined) return undefined;
  const stored = value as Partial<StoredDeviceKey> | null;
  if (
    stored !== null &&
    typeof stored === 'object' &&
    stored.version === 1 &&
    stored.algorithm === 'Ed25519' &&
    stored.publicKey instanceof Uint8Array &&
    stored.publicKey.length === ED25519_PUBLIC_KEY_BYTES &&
    isPrivateSigningKey(stored.privateKey)
  ) {
    return stored as StoredDeviceKey;
  }
  // Never replace it silently: a new key is a new identity, and teammates who checked the old
  // fingerprint would see bundles from "this device" signed by a stranger.
  throw new Error(
    'The signing key stored in this browser profile is damaged or unreadable, so Daftar cannot sign bundles as this device.',
  );
}

/** This device's signer, creating and storing its key on first use. */
export async function loadOrCreateDeviceSigner(
  db: DaftarDatabase,
  now: () => number = () => Date.now(),
): Promise<DeviceSigner> {
  const existing = readStoredDeviceKey((await db.settings.get(SETTING_DEVICE_KEY))?.value);
  if (existing) return signerFromKey(existing.privateKey, existing.publicKey);

  const pair = await generateDeviceKeyPair();
  const candidate: StoredDeviceKey = {
    version: 1,
    algorithm: 'Ed25519',
    publicKey: pair.publicKey,
    privateKey: pair.privateKey,
    createdAt: new Date(now()).toISOString(),
  };
  const stored = await db.transaction('rw', db.settings, async () => {
    const current = readStoredDeviceKey((await db.settings.get(SETTING_DEVICE_KEY))?.value);
    if (current) return current;
    await db.settings.put({ key: SETTING_DEVICE_KEY, value: candidate });
    return candidate;
  });
  return signerFromKey(stored.privateKey, stored.publicKey);
}
