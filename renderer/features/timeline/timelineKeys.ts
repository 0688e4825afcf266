/**
 * The timeline's keyboard, as a pure step: arrows move a cursor bucket (right is later, in Dari
 * too, since time runs left to right), Shift+arrows (and Shift+Home/End) extend a selection from
 * where it started, Enter applies the selection — or the cursor bucket alone — as the date range,
 * Escape drops the selection and clears the range.
 */
import type { IndexRange } from './timelineScale.ts';

export interface KeyState {
  /** The bucket the keyboard is on; null until the first key. */
  cursor: number | null;
  /** Where a Shift-selection started; null when none is being made. */
  anchor: number | null;
}

export const NO_KEYS: KeyState = { cursor: null, anchor: null };

export type KeyEffect =
  | { kind: 'none' }
  | { kind: 'move' }
  | { kind: 'select'; range: IndexRange }
  | { kind: 'apply'; range: IndexRange }
  | { kind: 'clear' };

export interface KeyOutcome {
  state: KeyState;
  effect: KeyEffect;
  /** False when the key is not the timeline's (let the browser have it). */
  handled: boolean;
}

export function selectionOf(state: KeyState): IndexRange | null {
  if (state.anchor === null || state.cursor === null) return null;
  return {
    first: Math.min(state.anchor, state.cursor),
    last: Math.max(state.anchor, state.cursor),
  };
}

/**
 * The next state for a key. `count` is the number of buckets; `applied` the buckets of the date
 * range already set, where the cursor starts.
 */
export function timelineKey(
  state: KeyState,
  key: { key: string; shiftKey: boolean },
  count: number,
  applied: IndexRange | null,
): KeyOutcome {
  const ignored: KeyOutcome = { state, effect: { kind: 'none' }, handled: false };
  if (count === 0) return ignored;
  const clamp = (index: number) => Math.min(count - 1, Math.max(0, index));
  const start = state.cursor ?? (applied ? applied.last : count - 1);

  const moveTo = (target: (from: number) => number, stepwise = true): KeyOutcome => {
    // The first arrow only puts the cursor down, where it can be seen, unless it extends.
    const cursor =
      stepwise && state.cursor === null && !key.shiftKey ? start : clamp(target(start));
    if (key.shiftKey) {
      const next = { cursor, anchor: state.anchor ?? start };
      return { state: next, effect: { kind: 'select', range: selectionOf(next)! }, handled: true };
    }
    return { state: { cursor, anchor: null }, effect: { kind: 'move' }, handled: true };
  };

  switch (key.key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return moveTo((from) => from + 1);
    case 'ArrowLeft':
    case 'ArrowDown':
      return moveTo((from) => from - 1);
    case 'Home':
      return moveTo(() => 0, false);
    case 'End':
      return moveTo(() => count - 1, false);
    case 'Enter': {
      const range = selectionOf(state) ?? (state.cursor !== null ? single(state.cursor) : null);
      if (range === null) return ignored;
      return {
        state: { cursor: state.cursor, anchor: null },
        effect: { kind: 'apply', range },
        handled: true,
      };
    }
    case 'Escape':
      if (state.anchor === null && applied === null) return ignored;
      return {
        state: { cursor: state.cursor, anchor: null },
        effect: { kind: 'clear' },
        handled: true,
      };
    default:
      return ignored;
  }
}

function single(index: number): IndexRange {
  return { first: index, last: index };
}
