import { describe, expect, it } from 'vitest';
import { sha256Hex } from './crypto.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('sha256Hex', () => {
  // Test vectors from FIPS 180-2 / NIST CSRC examples.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('of %j', async (text, hex) => {
    expect(await sha256Hex(utf8(text))).toBe(hex);
  });

  it('of a million "a"', async () => {
    expect(await sha256Hex(new Uint8Array(1_000_000).fill(0x61))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('hashes only the bytes a view covers', async () => {
    const buffer = utf8('--abc--');
    expect(await sha256Hex(buffer.subarray(2, 5))).toBe(await sha256Hex(utf8('abc')));
  });
});
