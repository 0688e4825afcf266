/**
 * Encrypts and decrypts stored rows with the profile's row key: AES-256-GCM, a random 96-bit
 * nonce per write, and the table and primary key as authenticated data, so a sealed row moved
 * to another row or table on disk fails to open instead of showing the wrong record.
 *
 *   sealed = 0x01 ‖ nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes)
 *
 * Synchronous on purpose (@noble/ciphers): IndexedDB commits a transaction as soon as it waits on
 * anything but its own requests, and WebCrypto is asynchronous, so a read-modify-write inside one
 * transaction could not await it. The output is standard AES-GCM, which WebCrypto opens too (a
 * test checks this).
 */
import { gcm } from '@noble/ciphers/aes.js';
import { decodeValue, encodeValue } from './sealCodec.ts';

const VERSION = 1;
const NONCE_BYTES = 12;
export const ROW_KEY_BYTES = 32;

export interface SealedValue {
  sealed: Uint8Array;
  keys: CryptoKey[];
}

export class SealError extends Error {
  override readonly name = 'SealError';
}

export class RowSealer {
  readonly #key: Uint8Array;
  readonly #encoder = new TextEncoder();

  constructor(key: Uint8Array) {
    if (key.length !== ROW_KEY_BYTES) throw new SealError('The row key must be 32 bytes');
    this.#key = key.slice();
  }

  #aad(table: string, primaryKey: unknown): Uint8Array {
    return this.#encoder.encode(`daftar-row\u0000${table}\u0000${JSON.stringify(primaryKey)}`);
  }

  seal(table: string, primaryKey: unknown, value: unknown): SealedValue {
    const { plaintext, keys } = encodeValue(value);
    const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
    const body = gcm(this.#key, nonce, this.#aad(table, primaryKey)).encrypt(plaintext);
    const sealed = new Uint8Array(1 + NONCE_BYTES + body.length);
    sealed[0] = VERSION;
    sealed.set(nonce, 1);
    sealed.set(body, 1 + NONCE_BYTES);
    return { sealed, keys };
  }

  open(
    table: string,
    primaryKey: unknown,
    sealed: Uint8Array,
    keys: readonly CryptoKey[],
  ): unknown {
    if (sealed[0] !== VERSION || sealed.length < 1 + NONCE_BYTES + 16)
      throw new SealError(`A stored ${table} row is not in a format this version reads`);
    let plaintext: Uint8Array;
    try {
      plaintext = gcm(
        this.#key,
        sealed.subarray(1, 1 + NONCE_BYTES),
        this.#aad(table, primaryKey),
      ).decrypt(sealed.subarray(1 + NONCE_BYTES));
    } catch {
      throw new SealError(
        `A stored ${table} row does not open with this profile's key: it was changed or damaged on disk`,
      );
    }
    return decodeValue(plaintext, keys);
  }

  /**
   * The same key for WebCrypto (not extractable), for bulk reads outside transactions, where
   * WebCrypto's parallel, native AES is several times faster (sealedReader.ts).
   */
  webKey(): Promise<CryptoKey> {
    return crypto.subtle.importKey('raw', this.#key.slice(), 'AES-GCM', false, ['decrypt']);
  }

  /** `open`, with WebCrypto: for reads outside any transaction. */
  async openAsync(
    webKey: CryptoKey,
    table: string,
    primaryKey: unknown,
    sealed: Uint8Array,
    keys: readonly CryptoKey[],
  ): Promise<unknown> {
    if (sealed[0] !== VERSION || sealed.length < 1 + NONCE_BYTES + 16)
      throw new SealError(`A stored ${table} row is not in a format this version reads`);
    let plaintext: ArrayBuffer;
    try {
      plaintext = await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: sealed.slice(1, 1 + NONCE_BYTES),
          additionalData: this.#aad(table, primaryKey).slice(),
        },
        webKey,
        sealed.slice(1 + NONCE_BYTES),
      );
    } catch {
      throw new SealError(
        `A stored ${table} row does not open with this profile's key: it was changed or damaged on disk`,
      );
    }
    return decodeValue(new Uint8Array(plaintext), keys);
  }

  /** Forget the key (the caller drops its references too). */
  destroy(): void {
    this.#key.fill(0);
  }
}
