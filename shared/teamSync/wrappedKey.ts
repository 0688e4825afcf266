/**
 * A 32-byte key wrapped with a passphrase, as an invite (the team key) and a sync folder's
 * description (the folder key) carry it, in JSON:
 *
 *   { "kdf": "PBKDF2-SHA256", "iterations": 600000, "salt": <16 bytes>, "iv": <12 bytes>,
 *     "wrapped": <48 bytes> }   (bytes as base64url)
 *
 * PBKDF2-SHA256 then AES-256-GCM (shared/bundle/crypto.ts), with authenticated data the caller
 * binds to what else its text says. Reading is strict — exactly these fields, a known KDF, an
 * iteration count within bounds, exact sizes — and reports a problem through the caller's own
 * error, so each format keeps its messages.
 */
import {
  decryptWithPassphrase,
  encryptWithPassphrase,
  MAX_PASSPHRASE_ITERATIONS,
  PASSPHRASE_IV_BYTES,
  PASSPHRASE_KDF,
  PASSPHRASE_SALT_BYTES,
  type PassphraseOptions,
} from '../bundle/crypto.ts';
import { TEAM_KEY_BYTES } from './teamCipher.ts';
import { fromBase64Url, toBase64Url } from './webCrypto.ts';

/** AES-GCM of a 32-byte key: 32 bytes and a 16-byte tag. */
const WRAPPED_KEY_BYTES = TEAM_KEY_BYTES + 16;

export interface WrappedKey {
  iterations: number;
  salt: Uint8Array;
  iv: Uint8Array;
  ciphertext: Uint8Array;
}

export interface WrappedKeyJson {
  kdf: string;
  iterations: number;
  salt: string;
  iv: string;
  wrapped: string;
}

export interface WrapOptions extends PassphraseOptions {
  /** PBKDF2 iterations; tests only may go below 600,000 (with `testOnlyAllowWeakKdf`). */
  iterations?: number;
}

/** Says what is wrong with one field, as the calling format words it. */
export type Invalid = (field: string, why: string) => Error;

export async function wrapKey(
  key: Uint8Array,
  passphrase: string,
  additionalData: Uint8Array,
  options: WrapOptions = {},
): Promise<WrappedKeyJson> {
  const envelope = await encryptWithPassphrase(key, passphrase, {
    additionalData,
    ...(options.iterations !== undefined ? { iterations: options.iterations } : {}),
    ...(options.testOnlyAllowWeakKdf ? { testOnlyAllowWeakKdf: true } : {}),
  });
  return {
    kdf: PASSPHRASE_KDF.name,
    iterations: envelope.iterations,
    salt: toBase64Url(envelope.salt),
    iv: toBase64Url(envelope.iv),
    wrapped: toBase64Url(envelope.ciphertext),
  };
}

function bytesField(value: unknown, length: number, field: string, invalid: Invalid): Uint8Array {
  if (typeof value !== 'string') throw invalid(field, 'is missing');
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(value);
  } catch {
    throw invalid(field, 'is not base64url');
  }
  if (bytes.length !== length) throw invalid(field, `must be ${length} bytes`);
  return bytes;
}

/** The wrapped key in `value` (parsed JSON); anything malformed throws `invalid(...)`. */
export function readWrappedKey(value: unknown, invalid: Invalid): WrappedKey {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('key', 'is missing');
  }
  const key = value as Record<string, unknown>;
  const fields = ['kdf', 'iterations', 'salt', 'iv', 'wrapped'];
  if (Object.keys(key).sort().join() !== [...fields].sort().join()) {
    throw invalid('key', 'has unexpected fields');
  }
  if (key.kdf !== PASSPHRASE_KDF.name) throw invalid('key', 'uses an unknown key derivation');
  const iterations = key.iterations;
  if (
    typeof iterations !== 'number' ||
    !Number.isSafeInteger(iterations) ||
    iterations < 1 ||
    iterations > MAX_PASSPHRASE_ITERATIONS
  ) {
    throw invalid('key', 'has an impossible iteration count');
  }
  return {
    iterations,
    salt: bytesField(key.salt, PASSPHRASE_SALT_BYTES, 'salt', invalid),
    iv: bytesField(key.iv, PASSPHRASE_IV_BYTES, 'iv', invalid),
    ciphertext: bytesField(key.wrapped, WRAPPED_KEY_BYTES, 'wrapped key', invalid),
  };
}

/**
 * The key, unwrapped with `passphrase`. A wrong passphrase or other authenticated data fails as
 * the BundleError `wrongPassphrase`; fewer than 600,000 iterations as `invalidEncryption`
 * unless a test says `testOnlyAllowWeakKdf`.
 */
export function unwrapKey(
  wrapped: WrappedKey,
  passphrase: string,
  additionalData: Uint8Array,
  options: PassphraseOptions = {},
): Promise<Uint8Array> {
  return decryptWithPassphrase(
    { kdf: PASSPHRASE_KDF.name, ...wrapped },
    passphrase,
    additionalData,
    options,
  );
}
