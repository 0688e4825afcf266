import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue } from './sealCodec.ts';

describe('the sealed row codec', () => {
  it('round-trips plain rows, byte arrays and keys set aside', async () => {
    const plain = { id: 'a', title: 'دفتر', tags: ['x'], n: 3, none: null, nested: { ok: true } };
    expect(decodeValue(encodeValue(plain).plaintext)).toEqual(plain);

    const bytes = { sha256: 'h', data: new Uint8Array([0, 1, 255]), more: [new Uint8Array([7])] };
    const encoded = encodeValue(bytes);
    expect(encoded.keys).toEqual([]);
    expect(decodeValue(encoded.plaintext)).toEqual(bytes);

    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
    ]);
    const withKey = encodeValue({ key: 'deviceKey', value: { privateKey: key } });
    expect(withKey.keys).toEqual([key]);
    expect(decodeValue(withKey.plaintext, withKey.keys)).toEqual({
      key: 'deviceKey',
      value: { privateKey: key },
    });
  });

  it.each([
    ['a Date', { at: new Date(0) }],
    ['a Map', { m: new Map() }],
    ['another typed array', { f: new Float64Array(1) }],
    ['a non-finite number', { n: Number.NaN }],
  ])('refuses %s rather than change it silently', (_what, value) => {
    expect(() => encodeValue(value)).toThrow(/Cannot seal/);
  });
});
