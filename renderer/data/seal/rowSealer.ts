/**
 * Encrypts and decrypts stored rows with the profile's row key: AES-256-GCM, a random 96-bit
 * nonce per write, and the table and primary key as authenticated data, so a sealed row moved
 * to another row or table on disk fails to open instead of showing the wrong record.
 *
 *   sealed = 0x01 ‖ nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes)
 *
 * Two implementations of the one format. `seal` and `open` are synchronous (@noble/ciphers), for
 * the single rows of a read-modify-write inside a transaction, where waiting costs more than the
 * cipher. `sealManyAsync` and `openAsync` use WebCrypto — native AES, in parallel off the main thread,
 * several times faster per row — for many rows at once: bulk writes, which the middleware makes
 * while holding their transaction open (transactionGate.ts), and whole-table loads. A test checks
 * that each opens what the other sealed.
 */
import { gcm } from '@noble/ciphers/aes.js';
import { decodeValue, encodeValue, type Encoded } from './sealCodec.ts';

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
  #webKey: Promise<CryptoKey> | null = null;

  constructor(key: Uint8Array) {
    if (key.length !== ROW_KEY_BYTES) throw new SealError('The row key must be 32 bytes');
    this.#key = key.slice();
  }

  seal(table: string, primaryKey: unknown, value: unknown): SealedValue {
    return this.sealEncoded(table, primaryKey, encodeValue(value));
  }

  /** `seal` of a value already encoded (`encodeValue`). */
  sealEncoded(table: string, primaryKey: unknown, { plaintext, keys }: Encoded): SealedValue {
    const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
    const body = gcm(this.#key, nonce, aadOf(table, primaryKey)).encrypt(plaintext);
    return { sealed: framed(nonce, body), keys };
  }

  /** `sealEncoded` of many rows of one table, with WebCrypto, in parallel. */
  async sealManyAsync(
    table: string,
    rows: readonly { primaryKey: unknown; encoded: Encoded }[],
  ): Promise<SealedValue[]> {
    const webKey = await this.webKey();
    const nonces = randomNonces(rows.length);
    return Promise.all(
      rows.map(async ({ primaryKey, encoded: { plaintext, keys } }, i) => {
        const nonce = nonces.subarray(i * NONCE_BYTES, (i + 1) * NONCE_BYTES);
        const body = await crypto.subtle.encrypt(
          { name: 'AES-GCM', iv: nonce, additionalData: aadOf(table, primaryKey) },
          webKey,
          plaintext,
        );
        return { sealed: framed(nonce, new Uint8Array(body)), keys };
      }),
    );
  }

  open(
    table: string,
    primaryKey: unknown,
    sealed: Uint8Array,
    keys: readonly CryptoKey[],
  ): unknown {
    checkFormat(table, sealed);
    let plaintext: Uint8Array;
    try {
      plaintext = gcm(
        this.#key,
        sealed.subarray(1, 1 + NONCE_BYTES),
        aadOf(table, primaryKey),
      ).decrypt(sealed.subarray(1 + NONCE_BYTES));
    } catch {
      throw new SealError(
        `A stored ${table} row does not open with this profile's key: it was changed or damaged on disk`,
      );
    }
    return decodeValue(plaintext, keys);
  }

  /** The same key for WebCrypto, imported once, not extractable. */
  webKey(): Promise<CryptoKey> {
    this.#webKey ??= crypto.subtle.importKey('raw', this.#key.slice(), 'AES-GCM', false, [
      'encrypt',
      'decrypt',
    ]);
    return this.#webKey;
  }

  /** `open`, with WebCrypto. */
  async openAsync(
    table: string,
    primaryKey: unknown,
    sealed: Uint8Array,
    keys: readonly CryptoKey[],
  ): Promise<unknown> {
    return openWithWebKey(await this.webKey(), table, primaryKey, sealed, keys);
  }

  /** Forget the key (the caller drops its references too). */
  destroy(): void {
    this.#key.fill(0);
    this.#webKey = null;
  }
}

const encoder = new TextEncoder();

/** The authenticated data of a row: where it belongs, so it opens nowhere else. */
function aadOf(table: string, primaryKey: unknown): Uint8Array<ArrayBuffer> {
  return encoder.encode(`daftar-row\u0000${table}\u0000${JSON.stringify(primaryKey)}`);
}

function checkFormat(table: string, sealed: Uint8Array): void {
  if (sealed[0] !== VERSION || sealed.length < 1 + NONCE_BYTES + 16)
    throw new SealError(`A stored ${table} row is not in a format this version reads`);
}

/**
 * Open a sealed row with the row key as a WebCrypto key (`RowSealer.webKey`): what `openAsync`
 * does, for a thread that was handed the key and not the sealer (the find worker).
 */
export async function openWithWebKey(
  webKey: CryptoKey,
  table: string,
  primaryKey: unknown,
  sealed: Uint8Array,
  keys: readonly CryptoKey[],
): Promise<unknown> {
  checkFormat(table, sealed);
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: sealed.slice(1, 1 + NONCE_BYTES),
        additionalData: aadOf(table, primaryKey),
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

/** `count` random nonces, end to end (getRandomValues gives at most 65,536 bytes a call). */
function randomNonces(count: number): Uint8Array<ArrayBuffer> {
  const nonces = new Uint8Array(count * NONCE_BYTES);
  for (let at = 0; at < nonces.length; at += 65_532)
    crypto.getRandomValues(nonces.subarray(at, at + 65_532));
  return nonces;
}

function framed(nonce: Uint8Array, body: Uint8Array): Uint8Array {
  const sealed = new Uint8Array(1 + NONCE_BYTES + body.length);
  sealed[0] = VERSION;
  sealed.set(nonce, 1);
  sealed.set(body, 1 + NONCE_BYTES);
  return sealed;
}
