import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_DRIFT_MS,
  decodeHlc,
  encodeHlc,
  hlcWall,
  initialHlc,
  isDeviceId,
  receive,
  tick,
  type HlcState,
} from './hlc.ts';

const seed = Number(process.env.FC_SEED ?? 42);
console.log(`hlc.test.ts: fast-check seed ${seed} (set FC_SEED to change)`);
const runs = { seed, numRuns: 200 };

const MAX_COUNTER = 36 ** 5 - 1;
const T0 = Date.UTC(2024, 0, 1);

// Ids that an ordinary object already has as a property (toString, __proto__…) are refused.
const deviceArb = fc
  .stringMatching(/^[A-Za-z0-9_-]{1,12}$/)
  .filter((id) => !(id in Object.prototype));
/** Wall times around one instant, so equal and lagging times are frequent. */
const nowArb = fc.oneof(
  fc.integer({ min: T0 - 5, max: T0 + 5 }),
  fc.integer({ min: 0, max: 2 * T0 }),
);
/** Counters stop two short of the maximum, so one receive() and one tick() never overflow. */
const stateArb: fc.Arbitrary<HlcState> = fc.record({
  wall: fc.oneof(fc.integer({ min: T0 - 3, max: T0 + 3 }), fc.maxSafeNat()),
  counter: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: MAX_COUNTER - 2 })),
  device: deviceArb,
});

/** Clock order as a tuple: wall, then counter, then device id. */
function compareTuples(a: HlcState, b: HlcState): number {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.device === b.device ? 0 : a.device < b.device ? -1 : 1;
}
const compareStrings = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1);

describe('hybrid logical clock', () => {
  it('ticks strictly upwards for any sequence of wall times, even going backwards', () => {
    fc.assert(
      fc.property(deviceArb, fc.array(nowArb, { minLength: 1, maxLength: 60 }), (device, times) => {
        let state = initialHlc(device);
        let previous = encodeHlc(state);
        for (const now of times) {
          state = tick(state, now);
          const current = encodeHlc(state);
          expect(current > previous).toBe(true);
          expect(state.wall).toBeGreaterThanOrEqual(now);
          previous = current;
        }
      }),
      runs,
    );
  });

  it('follows the wall clock when it moves forward', () => {
    const state = tick(tick(initialHlc('a'), T0), T0);
    expect(state).toEqual({ wall: T0, counter: 1, device: 'a' });
    expect(tick(state, T0 + 1)).toEqual({ wall: T0 + 1, counter: 0, device: 'a' });
    expect(tick(state, T0 - 1000)).toEqual({ wall: T0, counter: 2, device: 'a' });
  });

  it('round-trips through its string encoding', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const encoded = encodeHlc(state);
        expect(decodeHlc(encoded)).toEqual(state);
        expect(encodeHlc(decodeHlc(encoded))).toBe(encoded);
        expect(hlcWall(encoded)).toBe(state.wall);
      }),
      runs,
    );
  });

  it('orders encoded strings as (wall, counter, device) tuples', () => {
    fc.assert(
      fc.property(stateArb, stateArb, fc.boolean(), (a, b, sameTime) => {
        // Half the time share the wall (and often the counter) so later parts decide.
        const other = sameTime ? { ...b, wall: a.wall } : b;
        expect(compareStrings(encodeHlc(a), encodeHlc(other))).toBe(compareTuples(a, other));
      }),
      runs,
    );
  });

  it('after receive(), is later than both its own state and the remote clock', () => {
    fc.assert(
      fc.property(stateArb, stateArb, nowArb, (local, remoteState, now) => {
        const remote = { ...remoteState, wall: Math.min(remoteState.wall, now + MAX_DRIFT_MS) };
        const remoteHlc = encodeHlc(remote);
        const next = receive(local, remoteHlc, now);
        const encoded = encodeHlc(next);
        expect(next.device).toBe(local.device);
        expect(encoded > encodeHlc(local)).toBe(true);
        expect(encoded > remoteHlc).toBe(true);
        expect(next.wall).toBeGreaterThanOrEqual(now);
        // And the next local event is later still.
        expect(encodeHlc(tick(next, now)) > encoded).toBe(true);
      }),
      runs,
    );
  });

  it('refuses a remote clock more than a day ahead, and accepts one exactly a day ahead', () => {
    fc.assert(
      fc.property(
        stateArb,
        fc.integer({ min: 0, max: T0 }),
        fc.integer({ min: 1, max: 10 * MAX_DRIFT_MS }),
        deviceArb,
        (local, now, excess, device) => {
          const ahead = encodeHlc({ wall: now + MAX_DRIFT_MS + excess, counter: 0, device });
          expect(() => receive(local, ahead, now)).toThrow(/more than a day ahead/);
          const limit = encodeHlc({ wall: now + MAX_DRIFT_MS, counter: 0, device });
          expect(() => receive(local, limit, now)).not.toThrow();
        },
      ),
      runs,
    );
  });

  it('refuses malformed clocks and device ids', () => {
    for (const bad of [
      '',
      'abc',
      '0000000000-00000-a',
      '00000000000-00000-',
      '00000000000-0000A-a',
    ]) {
      expect(() => decodeHlc(bad), bad).toThrow(/Not a clock value/);
      expect(() => receive(initialHlc('a'), bad, T0), bad).toThrow();
    }
    for (const bad of ['', 'a b', 'a~b', 'x'.repeat(65)]) {
      expect(() => initialHlc(bad), bad).toThrow(/Invalid device id/);
    }
  });

  it('refuses to overflow its counter rather than wrap around', () => {
    const full: HlcState = { wall: T0, counter: MAX_COUNTER, device: 'a' };
    expect(() => tick(full, T0)).toThrow(/overflow/);
    expect(tick(full, T0 + 1)).toEqual({ wall: T0 + 1, counter: 0, device: 'a' });
    expect(() => receive(full, encodeHlc({ ...full, device: 'b' }), T0)).toThrow(/overflow/);
  });
});

describe('device ids', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'refuses %s, a name every object already has',
    (id) => {
      expect(isDeviceId(id)).toBe(false);
      expect(() => initialHlc(id)).toThrow();
      expect(() => decodeHlc(`000lqu5m2nx-00000-${id}`)).toThrow();
    },
  );
});
