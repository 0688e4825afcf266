/**
 * The bytes a stored row is sealed as, before encryption: its JSON, with every `Uint8Array` (an
 * attachment's data, a public key) carried as raw bytes beside it rather than as text.
 *
 *   u32 count, then per byte array: u32 length, bytes; then the JSON, UTF-8   (u32 big-endian)
 *
 * A `CryptoKey` cannot be serialised by script (the web build's signing key is non-extractable
 * on purpose), so it is set aside for the caller to store as the browser stores keys, and put
 * back on reading. Anything else JSON would silently change (a Date, a Map, a Blob, another
 * typed array, a non-finite number) is refused, so a new kind of value is noticed in tests
 * rather than corrupted on disk.
 */
const BYTES = '\u0000bytes';
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const KEY = '\u0000key';

export interface Encoded {
  plaintext: Uint8Array<ArrayBuffer>;
  /** Keys set aside, in the order their placeholders name them; empty for almost every row. */
  keys: CryptoKey[];
}

const isCryptoKey = (value: unknown): value is CryptoKey =>
  typeof CryptoKey !== 'undefined' && value instanceof CryptoKey;

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null || Array.isArray(value);
}

/**
 * Whether JSON alone carries `value` unchanged: only plain objects, arrays, strings, finite
 * numbers, booleans and null (undefined is dropped, as by the replacer). A walk of the value is
 * several times cheaper than a replacer, which takes JSON.stringify off its fast path.
 */
function isJsonOnly(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return true;
  if (!isPlain(value)) return false;
  if (Array.isArray(value)) return value.every(isJsonOnly);
  for (const key in value) if (!isJsonOnly((value as Record<string, unknown>)[key])) return false;
  return true;
}

export function encodeValue(value: unknown): Encoded {
  const buffers: Uint8Array[] = [];
  const keys: CryptoKey[] = [];
  const json = isJsonOnly(value)
    ? JSON.stringify(value)
    : JSON.stringify(value, function (this: Record<string, unknown>, name, replaced) {
        const raw = this[name];
        if (raw instanceof Uint8Array) {
          buffers.push(raw);
          return { [BYTES]: buffers.length - 1 };
        }
        if (isCryptoKey(raw)) {
          keys.push(raw);
          return { [KEY]: keys.length - 1 };
        }
        if (typeof raw === 'number' && !Number.isFinite(raw))
          throw new TypeError(`Cannot seal the number ${raw} in "${name}"`);
        if (typeof raw === 'object' && raw !== null && !isPlain(raw))
          throw new TypeError(`Cannot seal a ${raw.constructor?.name ?? 'value'} in "${name}"`);
        return replaced as unknown;
      });
  const text = encoder.encode(json);
  let size = 4 + text.length;
  for (const buffer of buffers) size += 4 + buffer.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, buffers.length);
  let at = 4;
  for (const buffer of buffers) {
    view.setUint32(at, buffer.length);
    out.set(buffer, at + 4);
    at += 4 + buffer.length;
  }
  out.set(text, at);
  return { plaintext: out, keys };
}

export function decodeValue(plaintext: Uint8Array, keys: readonly CryptoKey[] = []): unknown {
  const view = new DataView(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength);
  const count = view.getUint32(0);
  const buffers: Uint8Array[] = [];
  let at = 4;
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(at);
    // A copy, so the row does not keep the whole plaintext alive (or share it with its neighbours).
    buffers.push(plaintext.slice(at + 4, at + 4 + length));
    at += 4 + length;
  }
  const json = decoder.decode(plaintext.subarray(at));
  // Most rows carry no byte arrays or keys: a plain parse is several times faster than a reviver.
  if (count === 0 && keys.length === 0) return JSON.parse(json);
  return JSON.parse(json, (_name, value: unknown) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const record = value as Record<string, unknown>;
    if (typeof record[BYTES] === 'number') return buffers[record[BYTES]];
    if (typeof record[KEY] === 'number') return keys[record[KEY]];
    return value;
  });
}
