/**
 * This device's Ed25519 signing key in the desktop app. The private key exists only in the main
 * process: made with node:crypto, kept in `device-key.json` in userData encrypted by Electron's
 * `safeStorage` (macOS Keychain, Windows DPAPI, Linux Secret Service / KWallet), written
 * atomically with mode 0600. The renderer can ask for the public key and for signatures, never
 * for the key.
 *
 * Without a real keychain — `safeStorage` unavailable, or Linux's `basic_text` backend, whose
 * "encryption" uses a fixed password — the host refuses to keep a key: it writes no private key
 * to disk in a form any program running as the user could read. It records that decision in the
 * same file (`"storage": "renderer"`), answers `null`, and the renderer signs with its own
 * non-extractable key in IndexedDB (renderer/data/deviceKey.ts). The record keeps the identity
 * stable: a keychain appearing later does not switch the device to a second key, which teammates
 * would see as a stranger signing for this device.
 *
 * A key file that cannot be read (damaged, or the keychain refuses it now) is an error and is
 * left untouched, for the same reason: a silent new key is a new identity.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  type KeyObject,
} from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from './atomicWrite.ts';

export const DEVICE_KEY_FILE_NAME = 'device-key.json';
const MAX_KEY_FILE_BYTES = 64 * 1024;
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The parts of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?(): string;
}

export interface HostDeviceKey {
  /** Raw Ed25519 public key, 32 bytes. */
  publicKey: Uint8Array;
  /** 64-byte Ed25519 signature of `data`. */
  sign(data: Uint8Array): Uint8Array;
}

export interface DeviceKeyDeps {
  /** Absolute path of `device-key.json`. */
  file: string;
  safeStorage: SafeStorageLike;
  write?: (file: string, text: string) => Promise<void>;
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const keyFileSchema = z.discriminatedUnion('storage', [
  z.object({
    format: z.literal('daftar-device-key'),
    version: z.literal(1),
    storage: z.literal('safeStorage'),
    algorithm: z.literal('Ed25519'),
    publicKey: base64,
    /** `safeStorage.encryptString` of the PKCS#8 DER private key in base64, then base64. */
    encryptedPrivateKey: base64,
  }),
  z.object({
    format: z.literal('daftar-device-key'),
    version: z.literal(1),
    storage: z.literal('renderer'),
    reason: z.string(),
  }),
]);
type KeyFile = z.infer<typeof keyFileSchema>;

/** Why `safeStorage` cannot protect a key here, or `undefined` when it can. */
export function keychainUnavailableReason(safeStorage: SafeStorageLike): string | undefined {
  if (!safeStorage.isEncryptionAvailable()) return 'the OS keychain is not available';
  if (safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return 'no keychain is running (Electron would use its fixed-password basic_text store)';
  }
  return undefined;
}

function rawPublicKey(key: KeyObject): Uint8Array {
  const der = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(SPKI_PREFIX.length));
}

function hostKey(privateKey: KeyObject): HostDeviceKey {
  return {
    publicKey: rawPublicKey(privateKey),
    sign: (data) => new Uint8Array(sign(null, data, privateKey)),
  };
}

function damaged(file: string, why: string, cause?: unknown): Error {
  return new Error(
    `Daftar could not read this device's signing key (${why}). The file ${file} was left as it was.`,
    { cause },
  );
}

async function readKeyFile(file: string): Promise<KeyFile | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw damaged(file, (error as Error).message, error);
  }
  if (bytes.length > MAX_KEY_FILE_BYTES) throw damaged(file, 'the file is too large');
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw damaged(file, 'the file is not JSON', error);
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) throw damaged(file, 'the file is not a Daftar device key');
  return parsed.data;
}

function unlock(
  file: string,
  stored: KeyFile & { storage: 'safeStorage' },
  safeStorage: SafeStorageLike,
) {
  const unavailable = keychainUnavailableReason(safeStorage);
  if (unavailable !== undefined) throw damaged(file, unavailable);
  let privateKey: KeyObject;
  try {
    const der = safeStorage.decryptString(Buffer.from(stored.encryptedPrivateKey, 'base64'));
    privateKey = createPrivateKey({
      key: Buffer.from(der, 'base64'),
      format: 'der',
      type: 'pkcs8',
    });
  } catch (error) {
    throw damaged(file, 'the keychain could not decrypt it', error);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw damaged(file, 'not an Ed25519 key');
  const key = hostKey(privateKey);
  if (Buffer.from(key.publicKey).toString('base64') !== stored.publicKey) {
    throw damaged(file, 'the private key does not match the public key');
  }
  return key;
}

/**
 * The host's device key: read from `deps.file`, created on first use when a keychain protects
 * it, or `null` when this device signs with the renderer's key (see the module header).
 */
export async function loadOrCreateHostDeviceKey(
  deps: DeviceKeyDeps,
): Promise<HostDeviceKey | null> {
  const write = deps.write ?? ((file, text) => writeFileAtomic(file, text, { mode: 0o600 }));
  const stored = await readKeyFile(deps.file);
  if (stored?.storage === 'renderer') return null;
  if (stored?.storage === 'safeStorage') return unlock(deps.file, stored, deps.safeStorage);

  const unavailable = keychainUnavailableReason(deps.safeStorage);
  if (unavailable !== undefined) {
    console.warn(
      `[daftar] ${unavailable}: the desktop host keeps no signing key; this device signs with the key stored in the app's browser storage.`,
    );
    const record: KeyFile = {
      format: 'daftar-device-key',
      version: 1,
      storage: 'renderer',
      reason: unavailable,
    };
    await write(deps.file, `${JSON.stringify(record, null, 2)}\n`);
    return null;
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const key = hostKey(privateKey);
  const record: KeyFile = {
    format: 'daftar-device-key',
    version: 1,
    storage: 'safeStorage',
    algorithm: 'Ed25519',
    publicKey: Buffer.from(key.publicKey).toString('base64'),
    encryptedPrivateKey: deps.safeStorage.encryptString(der).toString('base64'),
  };
  await write(deps.file, `${JSON.stringify(record, null, 2)}\n`);
  return key;
}

/** What the IPC handlers use: the key loaded once, on first request, shared by later ones. */
export interface DeviceKeyService {
  publicKey(): Promise<Uint8Array | null>;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** The service as main holds it: it can also drop the loaded key. */
export interface DeviceKeyCache extends DeviceKeyService {
  /** Drops the key held in memory (after a wipe deleted its file): the next request loads anew. */
  forget(): void;
}

export function createDeviceKeyService(load: () => Promise<HostDeviceKey | null>): DeviceKeyCache {
  let loading: Promise<HostDeviceKey | null> | undefined;
  const key = (): Promise<HostDeviceKey | null> => {
    // A failure is not remembered: the user may unlock the keychain and try again.
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  return {
    publicKey: async () => (await key())?.publicKey.slice() ?? null,
    sign: async (data) => {
      const loaded = await key();
      if (loaded === null)
        throw new Error('This device has no host signing key; sign in the renderer.');
      return loaded.sign(data);
    },
    forget: () => {
      loading = undefined;
    },
  };
}
