import * as zlib from 'node:zlib';
import { Deflate, deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.ts';
import { InflateError, StrictInflater } from './zipInflate.ts';

/** mulberry32 with a fixed seed: the corpus and its damage are the same on every run. */
function random(s: number): () => number {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
const next = random(20240501);

function inflate(data: Uint8Array, size: number, step = Infinity): Uint8Array {
  const out = new Uint8Array(size);
  const inflater = new StrictInflater(data, out);
  while (!inflater.run(inflater.written + step));
  return out;
}

function zlibInflate(data: Uint8Array, limit: number): Buffer | null {
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: limit });
  } catch {
    return null;
  }
}

const same = (a: Uint8Array | null, b: Uint8Array) =>
  a !== null && Buffer.from(a).equals(Buffer.from(b));

const shapes: Record<string, (i: number) => number> = {
  random: () => Math.floor(next() * 256),
  text: (i) => 'the quick brown fox, ولایت هرات; '.charCodeAt(i % 31) & 0xff,
  sparse: () => (next() < 0.98 ? 0 : Math.floor(next() * 256)),
  binary: () => (next() < 0.5 ? 0 : 255),
  skewed: () => 97 + (Math.floor(-Math.log2(next() + 1e-9)) % 26),
};

const { Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED } = zlib.constants;
const strategies = { Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED };

interface Sample {
  label: string;
  data: Uint8Array;
  stream: Uint8Array;
}
const samples: Sample[] = [];
const streamed: Sample[] = [];
for (const [shape, byte] of Object.entries(shapes)) {
  for (const size of [0, 1, 100, 5_000, 40_000]) {
    const data = Uint8Array.from({ length: size }, (_, i) => byte(i));
    const add = (label: string, stream: Uint8Array) =>
      samples.push({ label: `${shape} ${size}: ${label}`, data, stream });
    for (const level of [0, 1, 6, 9] as const) add(`fflate ${level}`, deflateSync(data, { level }));
    for (const [name, strategy] of Object.entries(strategies)) {
      add(`zlib ${name}`, zlib.deflateRawSync(data, { strategy }));
    }
    const chunks: Uint8Array[] = [];
    const deflater = new Deflate({ level: 9 }, (chunk) => void chunks.push(chunk));
    deflater.push(data, true);
    streamed.push({
      label: `${shape} ${size}: fflate Deflate`,
      data,
      stream: Buffer.concat(chunks),
    });
  }
}

describe('StrictInflater', () => {
  it('decodes what fflate and zlib write, at several levels and strategies', () => {
    for (const { label, data, stream } of samples) {
      expect(same(inflate(stream, data.length), data), label).toBe(true);
      expect(same(inflate(stream, data.length, 1000), data), `${label}, in steps`).toBe(true);
    }
  });

  it('refuses what zlib refuses from fflate’s streaming Deflate (fflate#260)', () => {
    let refusedByZlib = 0;
    for (const { label, data, stream } of streamed) {
      if (zlibInflate(stream, data.length + 1) === null) {
        refusedByZlib++;
        expect(() => inflate(stream, data.length), label).toThrow(InflateError);
      } else {
        expect(same(inflate(stream, data.length), data), label).toBe(true);
      }
    }
    console.log(`zipInflate.test.ts: zlib refused ${refusedByZlib} of fflate's streamed outputs`);
  });

  it('never accepts a damaged stream zlib refuses, nor decodes one differently', () => {
    let stricter = 0;
    for (const { label, data, stream } of samples) {
      for (let n = 0; n < 10; n++) {
        const damaged = new Uint8Array(stream);
        const flips = 1 + Math.floor(next() * 3);
        for (let f = 0; f < flips && damaged.length > 0; f++) {
          const bit = Math.floor(next() * damaged.length * 8);
          damaged[bit >>> 3]! ^= 1 << (bit & 7);
        }
        const theirs = zlibInflate(damaged, data.length + 1);
        let ours: Uint8Array | null = null;
        try {
          ours = inflate(damaged, data.length);
        } catch (error) {
          expect(error, label).toBeInstanceOf(InflateError);
          // Where zlib decodes a full-length result we refuse, it is for what zlib ignores.
          if (theirs?.length === data.length) {
            expect(String(error), label).toMatch(/padding|data after the end/);
            stricter++;
          }
        }
        if (ours) expect(same(theirs, ours), `${label}, damaged ${n}`).toBe(true);
      }
    }
    console.log(
      `zipInflate.test.ts: ${stricter} damaged streams refused for padding or trailing data`,
    );
  });

  it('refuses every proper prefix of a stream, and any byte after it', () => {
    const { data, stream } = samples.find((s) => s.label === 'text 5000: fflate 6')!;
    for (let cut = 0; cut < stream.length; cut++) {
      expect(() => inflate(stream.subarray(0, cut), data.length), `cut ${cut}`).toThrow(
        InflateError,
      );
    }
    for (const extra of [0, 1, 255]) {
      const longer = Buffer.concat([stream, Buffer.of(extra)]);
      expect(() => inflate(longer, data.length)).toThrow('data after the end');
    }
  });

  it('fills exactly the declared size and never writes past it', () => {
    const data = new Uint8Array(300_000).fill(7);
    const stream = deflateSync(data);
    expect(() => inflate(stream, data.length - 1)).toThrow('more data than the declared size');
    expect(() => inflate(stream, data.length + 1)).toThrow(`${data.length} bytes where`);
  });

  // A stored block: BFINAL 1, BTYPE 00, five padding bits, LEN 1, NLEN ~1, then "a".
  const stored = [0x01, 0x01, 0x00, 0xfe, 0xff, 0x61];
  // A fixed-Huffman block: BFINAL 1, BTYPE 01, "a" (8 bits), end of block (7 bits), 6 padding.
  const fixed = [0x4b, 0x04, 0x00];

  it('refuses non-zero padding bits, which zlib ignores', () => {
    expect(inflate(Uint8Array.from(stored), 1)).toEqual(Uint8Array.of(0x61));
    expect(inflate(Uint8Array.from(fixed), 1)).toEqual(Uint8Array.of(0x61));
    const paddedStored = Uint8Array.from(stored.with(0, 0x81));
    const paddedFixed = Uint8Array.from(fixed.with(2, 0x80));
    for (const padded of [paddedStored, paddedFixed]) {
      expect(zlibInflate(padded, 2)).toEqual(Buffer.of(0x61));
      expect(() => inflate(padded, 1)).toThrow(/non-zero padding/);
    }
  });

  it('refuses a stored block whose length check fails, and reserved block types', () => {
    expect(() => inflate(Uint8Array.from(stored.with(4, 0xfe)), 1)).toThrow('length check');
    expect(() => inflate(Uint8Array.of(0x07, 0x00), 1)).toThrow('reserved block type');
  });
});

describe('crc32', () => {
  it('matches the standard check value and zlib, whole or in pieces', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    for (const { data } of samples.filter((_, i) => i % 7 === 0)) {
      const half = data.length >> 1;
      expect(crc32(data.subarray(half), crc32(data.subarray(0, half)))).toBe(zlib.crc32(data));
    }
  });
});
