/**
 * The cryptography of bundles, on WebCrypto only, so the same code runs in the renderer (Chromium,
 * Electron) and in Node 20: hashes, hex and base64, the device's Ed25519 identity (sign, verify,
 * a fingerprint people compare by voice, a PEM for `openssl`), and passphrase encryption
 * (PBKDF2-SHA256 → AES-256-GCM). shared/ has no DOM or Node types, so the slice of the platform
 * it needs is declared below. Decoders are strict: malformed input throws, never guesses.
 */
import { BundleError } from './bundleError.ts';

/** A WebCrypto `CryptoKey`, as much of it as this module reads. */
export interface CryptoKeyLike {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: { readonly name: string };
  readonly usages: readonly string[];
}

interface SubtleCryptoSlice {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
  generateKey(
    algorithm: { name: 'Ed25519' },
    extractable: boolean,
    usages: readonly string[],
  ): Promise<{ publicKey: CryptoKeyLike; privateKey: CryptoKeyLike }>;
  exportKey(format: 'raw', key: CryptoKeyLike): Promise<ArrayBuffer>;
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: { name: 'Ed25519' } | { name: 'PBKDF2' },
    extractable: false,
    usages: readonly string[],
  ): Promise<CryptoKeyLike>;
  sign(algorithm: { name: 'Ed25519' }, key: CryptoKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
  verify(
    algorithm: { name: 'Ed25519' },
    key: CryptoKeyLike,
    signature: Uint8Array,
    data: Uint8Array,
  ): Promise<boolean>;
  deriveKey(
    algorithm: { name: 'PBKDF2'; hash: 'SHA-256'; salt: Uint8Array; iterations: number },
    baseKey: CryptoKeyLike,
    derivedKeyType: { name: 'AES-GCM'; length: 256 },
    extractable: false,
    usages: readonly string[],
  ): Promise<CryptoKeyLike>;
  encrypt(algorithm: AesGcmParams, key: CryptoKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(algorithm: AesGcmParams, key: CryptoKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
}
interface AesGcmParams {
  name: 'AES-GCM';
  iv: Uint8Array;
  tagLength: 128;
  additionalData?: Uint8Array;
}
declare const crypto: {
  readonly subtle: SubtleCryptoSlice;
  getRandomValues<T extends Uint8Array>(array: T): T;
};
declare const TextEncoder: new () => { encode(input: string): Uint8Array };

const ED25519 = { name: 'Ed25519' } as const;

// ---- bytes ------------------------------------------------------------------------------------

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

/** SHA-256 as 64 lower-case hex digits, as `sha256sum` prints it. */
export async function sha256Hex(data: Uint8Array): Promise<string> {
  return toHex(await sha256(data));
}

/** Lower-case hex, two digits a byte. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Hex of either case, an even number of digits and nothing else (no blanks, no `0x`). */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new TypeError('Not a hex string: expected an even number of hex digits.');
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Map([...BASE64_ALPHABET].map((c, i) => [c, i]));

/** Standard base64 (RFC 4648 §4) with `=` padding. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    const left = bytes.length - i;
    out += BASE64_ALPHABET[(n >> 18) & 63]! + BASE64_ALPHABET[(n >> 12) & 63]!;
    out += left > 1 ? BASE64_ALPHABET[(n >> 6) & 63]! : '=';
    out += left > 2 ? BASE64_ALPHABET[n & 63]! : '=';
  }
  return out;
}

/**
 * Canonical standard base64 only: padded to a multiple of four, no blanks or line breaks, no
 * URL-safe letters, and unused trailing bits zero — so each byte string has exactly one accepted
 * text and a signed text cannot be varied without changing its meaning.
 */
export function fromBase64(text: string): Uint8Array {
  const invalid = (why: string): TypeError => new TypeError(`Not canonical base64: ${why}.`);
  if (text.length % 4 !== 0) throw invalid('length is not a multiple of 4');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = text[i + j]!;
      // Padding (known to be `=`) only at the very end; `=` anywhere else is not in the map.
      const value = last && j >= 4 - padding ? 0 : BASE64_VALUES.get(c);
      if (value === undefined) throw invalid(`unexpected ${JSON.stringify(c)}`);
      n = (n << 6) | value;
    }
    if (
      (last && padding === 2 && (n & 0xffff) !== 0) ||
      (last && padding === 1 && (n & 0xff) !== 0)
    ) {
      throw invalid('non-zero trailing bits');
    }
    out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

// ---- the device's identity --------------------------------------------------------------------

/** Something that signs as this device; the private key never leaves whoever implements it. */
export interface DeviceSigner {
  /** Raw Ed25519 public key, 32 bytes. */
  publicKey: Uint8Array;
  /** A 64-byte Ed25519 signature of `data`. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export const ED25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;

function checkPublicKey(publicKeyRaw: Uint8Array): void {
  if (!(publicKeyRaw instanceof Uint8Array) || publicKeyRaw.length !== ED25519_PUBLIC_KEY_BYTES) {
    throw new TypeError('An Ed25519 public key is 32 raw bytes.');
  }
}

/** A fresh Ed25519 key pair; the private key cannot be exported, only stored and used. */
export async function generateDeviceKeyPair(): Promise<{
  publicKey: Uint8Array;
  privateKey: CryptoKeyLike;
}> {
  const pair = await crypto.subtle.generateKey(ED25519, false, ['sign', 'verify']);
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { publicKey, privateKey: pair.privateKey };
}

export function signerFromKey(privateKey: CryptoKeyLike, publicKeyRaw: Uint8Array): DeviceSigner {
  checkPublicKey(publicKeyRaw);
  if (privateKey.type !== 'private' || privateKey.algorithm.name !== 'Ed25519') {
    throw new TypeError('Not an Ed25519 private key.');
  }
  return {
    publicKey: publicKeyRaw.slice(),
    sign: async (data) => new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, data)),
  };
}

/** Whether `signature` is a valid Ed25519 signature of `data`; false for malformed input. */
export async function verifySignature(
  publicKeyRaw: Uint8Array,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<boolean> {
  try {
    checkPublicKey(publicKeyRaw);
    if (!(signature instanceof Uint8Array) || signature.length !== ED25519_SIGNATURE_BYTES) {
      return false;
    }
    const key = await crypto.subtle.importKey('raw', publicKeyRaw, ED25519, false, ['verify']);
    return await crypto.subtle.verify(ED25519, key, signature, data);
  } catch {
    return false;
  }
}

/**
 * The fingerprint people read to each other to check a key: SHA-256 of the 32 raw public-key
 * bytes, its first 20 bytes as 40 upper-case hex digits in 5 groups of 8 separated by single
 * spaces, e.g. `3F2A9C01 77B0E4D2 0C1DAA95 6E3B21F0 9D4C8E77`. Reproducible with
 * `openssl pkey -pubin -in key.pem -outform DER | tail -c 32 | sha256sum`.
 */
export async function fingerprint(publicKeyRaw: Uint8Array): Promise<string> {
  checkPublicKey(publicKeyRaw);
  const hex = toHex((await sha256(publicKeyRaw)).subarray(0, 20)).toUpperCase();
  return hex.match(/.{8}/g)!.join(' ');
}

/** DER SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410): the raw key follows. */
const ED25519_SPKI_PREFIX = fromHex('302a300506032b6570032100');

/** The public key as a PEM file `openssl pkeyutl -verify -pubin -inkey key.pem -rawin` reads. */
export function publicKeyPem(publicKeyRaw: Uint8Array): string {
  checkPublicKey(publicKeyRaw);
  const der = new Uint8Array(ED25519_SPKI_PREFIX.length + publicKeyRaw.length);
  der.set(ED25519_SPKI_PREFIX);
  der.set(publicKeyRaw, ED25519_SPKI_PREFIX.length);
  const lines = toBase64(der).match(/.{1,64}/g)!;
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

// ---- passphrase encryption --------------------------------------------------------------------

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; decryption refuses anything weaker. */
export const PASSPHRASE_KDF = { name: 'PBKDF2-SHA256', iterations: 600_000 } as const;
/** Upper bound on iterations a file may ask for, so a hostile bundle cannot stall the app. */
export const MAX_PASSPHRASE_ITERATIONS = 10_000_000;
export const PASSPHRASE_SALT_BYTES = 16;
export const PASSPHRASE_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;

export interface PassphraseEnvelope {
  kdf: 'PBKDF2-SHA256';
  iterations: number;
  salt: Uint8Array;
  iv: Uint8Array;
  /** AES-256-GCM output: the encrypted bytes followed by the 16-byte tag. */
  ciphertext: Uint8Array;
}

export interface PassphraseOptions {
  /**
   * For tests only: allow fewer than 600,000 iterations (down to 1). Decryption refuses a weak
   * envelope unless the same flag is passed, so no shipped code path accepts one.
   */
  testOnlyAllowWeakKdf?: true;
}

export interface EncryptOptions extends PassphraseOptions {
  /** PBKDF2 iterations; default and minimum 600,000. */
  iterations?: number;
  /** Authenticated but not encrypted data (e.g. a header); decryption must pass the same. */
  additionalData?: Uint8Array;
}

function checkIterations(iterations: number, options: PassphraseOptions): void {
  const min = options.testOnlyAllowWeakKdf === true ? 1 : PASSPHRASE_KDF.iterations;
  if (
    !Number.isSafeInteger(iterations) ||
    iterations < min ||
    iterations > MAX_PASSPHRASE_ITERATIONS
  ) {
    throw new BundleError(
      'invalidEncryption',
      `PBKDF2 iterations must be a whole number from ${min} to ${MAX_PASSPHRASE_ITERATIONS}.`,
      { iterations: String(iterations) },
    );
  }
}

/**
 * The AES-256-GCM key for `passphrase`. The passphrase is NFC-normalised first, so the same
 * words typed on different keyboards or systems (Dari letters have composed and decomposed
 * forms) give the same key.
 */
async function deriveAesKey(
  passphrase: string,
  salt: Uint8Array,
  iterations: number,
): Promise<CryptoKeyLike> {
  if (passphrase === '') {
    throw new BundleError('passphraseRequired', 'A passphrase is required.');
  }
  const material = new TextEncoder().encode(passphrase.normalize('NFC'));
  const base = await crypto.subtle.importKey('raw', material, { name: 'PBKDF2' }, false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function gcmParams(iv: Uint8Array, additionalData: Uint8Array | undefined): AesGcmParams {
  return additionalData === undefined
    ? { name: 'AES-GCM', iv, tagLength: 128 }
    : { name: 'AES-GCM', iv, tagLength: 128, additionalData };
}

/** Encrypt `plain` under a key derived from `passphrase`, with a fresh random salt and IV. */
export async function encryptWithPassphrase(
  plain: Uint8Array,
  passphrase: string,
  options: EncryptOptions = {},
): Promise<PassphraseEnvelope> {
  const iterations = options.iterations ?? PASSPHRASE_KDF.iterations;
  checkIterations(iterations, options);
  const salt = crypto.getRandomValues(new Uint8Array(PASSPHRASE_SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(PASSPHRASE_IV_BYTES));
  const key = await deriveAesKey(passphrase, salt, iterations);
  const ciphertext = await crypto.subtle.encrypt(gcmParams(iv, options.additionalData), key, plain);
  return { kdf: 'PBKDF2-SHA256', iterations, salt, iv, ciphertext: new Uint8Array(ciphertext) };
}

/**
 * The plain bytes of `envelope`. Out-of-range parameters fail with `invalidEncryption` before
 * any key is derived; a wrong passphrase, altered bytes or different `additionalData` all fail
 * GCM's authentication and give `wrongPassphrase` (they cannot be told apart, by design).
 */
export async function decryptWithPassphrase(
  envelope: PassphraseEnvelope,
  passphrase: string,
  additionalData?: Uint8Array,
  options: PassphraseOptions = {},
): Promise<Uint8Array> {
  if (envelope.kdf !== PASSPHRASE_KDF.name) {
    throw new BundleError('invalidEncryption', `Unknown key derivation ${String(envelope.kdf)}.`, {
      kdf: String(envelope.kdf),
    });
  }
  checkIterations(envelope.iterations, options);
  const sized = (bytes: unknown, length: number): boolean =>
    bytes instanceof Uint8Array && bytes.length === length;
  if (!sized(envelope.salt, PASSPHRASE_SALT_BYTES) || !sized(envelope.iv, PASSPHRASE_IV_BYTES)) {
    throw new BundleError('invalidEncryption', 'The salt must be 16 bytes and the IV 12 bytes.');
  }
  if (!(envelope.ciphertext instanceof Uint8Array) || envelope.ciphertext.length < GCM_TAG_BYTES) {
    throw new BundleError('invalidEncryption', 'The encrypted data is shorter than its tag.');
  }
  const key = await deriveAesKey(passphrase, envelope.salt, envelope.iterations);
  try {
    const plain = await crypto.subtle.decrypt(
      gcmParams(envelope.iv, additionalData),
      key,
      envelope.ciphertext,
    );
    return new Uint8Array(plain);
  } catch {
    throw new BundleError(
      'wrongPassphrase',
      'The passphrase is wrong, or the encrypted data was altered.',
    );
  }
}
