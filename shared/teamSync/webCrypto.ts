/**
 * The slice of WebCrypto and text encoding team sync uses, declared here because shared/ has no
 * DOM or Node types (the same objects exist in Chromium, Electron and Node 20), and strict
 * base64url (RFC 4648 §5, no padding) for ids, keys and invite texts.
 */
export interface AesKeyLike {
  readonly type: string;
  readonly algorithm: { readonly name: string };
}

interface AesGcmParams {
  name: 'AES-GCM';
  iv: Uint8Array;
  tagLength: 128;
  additionalData: Uint8Array;
}

interface SubtleSlice {
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: { name: 'AES-GCM' },
    extractable: false,
    usages: readonly string[],
  ): Promise<AesKeyLike>;
  encrypt(algorithm: AesGcmParams, key: AesKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(algorithm: AesGcmParams, key: AesKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}

declare const crypto: {
  readonly subtle: SubtleSlice;
  getRandomValues<T extends Uint8Array>(array: T): T;
};
declare const TextEncoder: new () => { encode(input: string): Uint8Array };
declare const TextDecoder: new (
  label: 'utf-8',
  options: { fatal: true },
) => { decode(input: Uint8Array): string };

export const subtle = (): SubtleSlice => crypto.subtle;

export function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Strict UTF-8: malformed bytes throw. */
export const fromUtf8 = (bytes: Uint8Array): string =>
  new TextDecoder('utf-8', { fatal: true }).decode(bytes);

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUES = new Map([...ALPHABET].map((c, i) => [c, i]));

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    const left = bytes.length - i;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    if (left > 1) out += ALPHABET[(n >> 6) & 63]!;
    if (left > 2) out += ALPHABET[n & 63]!;
  }
  return out;
}

/**
 * Canonical unpadded base64url only: no padding, blanks or standard-base64 letters, unused
 * trailing bits zero — one accepted text per byte string. Anything else throws a TypeError.
 */
export function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new TypeError('Not base64url: impossible length.');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const chunk = text.slice(i, i + 4);
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const value = j < chunk.length ? VALUES.get(chunk[j]!) : 0;
      if (value === undefined)
        throw new TypeError(`Not base64url: unexpected ${JSON.stringify(chunk[j])}.`);
      n = (n << 6) | value;
    }
    if ((chunk.length === 2 && (n & 0xffff) !== 0) || (chunk.length === 3 && (n & 0xff) !== 0)) {
      throw new TypeError('Not base64url: non-zero trailing bits.');
    }
    out[o++] = (n >> 16) & 255;
    if (chunk.length > 2) out[o++] = (n >> 8) & 255;
    if (chunk.length > 3) out[o++] = n & 255;
  }
  return out;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let out = '';
  for (const byte of digest) out += byte.toString(16).padStart(2, '0');
  return out;
}
