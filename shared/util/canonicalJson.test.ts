import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, jsonEqual } from './canonicalJson.ts';

const seed = Number(process.env.FC_SEED ?? 42);
console.log(`canonicalJson.test.ts: fast-check seed ${seed} (set FC_SEED to change)`);
const runs = { seed, numRuns: 200 };

/**
 * JSON values as records hold them. `-0` is left out because JSON has no negative zero, and
 * `__proto__` keys because assigning one to a plain object sets its prototype instead.
 */
const jsonArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
    fc.string(),
    fc.array(tie('value'), { maxLength: 5 }),
    tie('object'),
  ),
  object: fc.dictionary(
    fc.string().filter((k) => k !== '__proto__'),
    tie('value'),
    { maxKeys: 6, noNullPrototype: true },
  ),
})).value;

/** The same value with every object's keys in a different insertion order. */
function reorderKeys(value: unknown, pick: (n: number) => number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, pick));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    const shuffled: [string, unknown][] = [];
    while (entries.length > 0) {
      const [entry] = entries.splice(pick(entries.length), 1);
      shuffled.push([entry![0], reorderKeys(entry![1], pick)]);
    }
    return Object.fromEntries(shuffled);
  }
  return value;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves out whitespace and undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson([undefined])).toBe('[null]');
  });

  it('gives the same string whatever the key order', () => {
    fc.assert(
      fc.property(jsonArb, fc.infiniteStream(fc.nat()), (value, stream) => {
        const iterator = stream[Symbol.iterator]();
        const reordered = reorderKeys(value, (n) => iterator.next().value % n);
        expect(canonicalJson(reordered)).toBe(canonicalJson(value));
        expect(jsonEqual(reordered, value)).toBe(true);
      }),
      runs,
    );
  });

  it('gives equal strings for equal values, and loses nothing (parses back to the value)', () => {
    fc.assert(
      fc.property(jsonArb, (value) => {
        const copy = structuredClone(value);
        expect(canonicalJson(copy)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(value);
      }),
      runs,
    );
  });

  it.each<[unknown, unknown, boolean]>([
    [{ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true],
    [[1, 2], [2, 1], false],
    [{ a: 1 }, { a: 1, b: undefined }, true],
    [{ a: null }, {}, false],
    ['1', 1, false],
    [null, undefined, false],
    [[], {}, false],
  ])('jsonEqual(%j, %j) is %s', (a, b, expected) => {
    expect(jsonEqual(a, b)).toBe(expected);
    expect(jsonEqual(b, a)).toBe(expected);
  });

  it('keeps a "__proto__" key as data', () => {
    const hostile = JSON.parse('{"__proto__":{"a":1}}') as unknown;
    expect(canonicalJson(hostile)).toBe('{"__proto__":{"a":1}}');
    expect(jsonEqual(hostile, {})).toBe(false);
  });
});
