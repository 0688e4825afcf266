/**
 * Hybrid logical clock (Kulkarni et al., 2014). Each timestamp is wall-clock milliseconds, a
 * counter that orders events within one millisecond or while the wall clock lags, and the device
 * id as the deterministic tie-break. Encoded as a fixed-width string, so string order is clock
 * order and timestamps index directly in IndexedDB.
 *
 * Pure: the current time is passed in, state is returned, never kept here.
 */

export interface HlcState {
  /** Largest physical time seen, in ms since the epoch. */
  wall: number;
  counter: number;
  device: string;
}

const WALL_WIDTH = 11; // base-36 ms up to year 5188
const COUNTER_WIDTH = 5; // 60 million events within one millisecond
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;
/** A remote clock more than this far ahead of ours is refused rather than adopted. */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;

/**
 * A device id: letters, digits, `_` and `-`, and never a name an ordinary JavaScript object
 * already has (`__proto__`, `constructor`…), since ids key objects.
 */
export function isDeviceId(value: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(value) && !(value in Object.prototype);
}

/** Counters this large never happen (a million events in one millisecond); one is an attack. */
export const MAX_PLAUSIBLE_COUNTER = 1_000_000;

export function initialHlc(device: string): HlcState {
  if (!isDeviceId(device)) throw new Error(`Invalid device id: ${device}`);
  return { wall: 0, counter: 0, device };
}

export function encodeHlc({ wall, counter, device }: HlcState): string {
  return `${wall.toString(36).padStart(WALL_WIDTH, '0')}-${counter
    .toString(36)
    .padStart(COUNTER_WIDTH, '0')}-${device}`;
}

export function decodeHlc(value: string): HlcState {
  const match = /^([0-9a-z]{11})-([0-9a-z]{5})-([A-Za-z0-9_-]{1,64})$/.exec(value);
  if (!match || !isDeviceId(match[3]!)) throw new Error(`Not a clock value: ${value}`);
  return { wall: parseInt(match[1]!, 36), counter: parseInt(match[2]!, 36), device: match[3]! };
}

/** The clock for a local event at physical time `now`. */
export function tick(state: HlcState, now: number): HlcState {
  if (now > state.wall) return { ...state, wall: now, counter: 0 };
  return { ...state, counter: nextCounter(state.counter) };
}

/** Advance past a clock received from another device, so later local events order after it. */
export function receive(state: HlcState, remote: string, now: number): HlcState {
  const other = decodeHlc(remote);
  if (other.wall - now > MAX_DRIFT_MS) {
    throw new Error(`Clock ${remote} is more than a day ahead of this device's time`);
  }
  const wall = Math.max(state.wall, other.wall, now);
  let counter = 0;
  if (wall === state.wall && wall === other.wall)
    counter = nextCounter(Math.max(state.counter, other.counter));
  else if (wall === state.wall) counter = nextCounter(state.counter);
  else if (wall === other.wall) counter = nextCounter(other.counter);
  return { ...state, wall, counter };
}

/** Physical milliseconds of an encoded clock. */
export function hlcWall(value: string): number {
  return decodeHlc(value).wall;
}

function nextCounter(counter: number): number {
  if (counter >= MAX_COUNTER) throw new Error('Clock counter overflow');
  return counter + 1;
}
