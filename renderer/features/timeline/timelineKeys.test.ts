import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_KEYS, selectionOf, timelineKey, type KeyState } from './timelineKeys.ts';

const key = (name: string, shiftKey = false) => ({ key: name, shiftKey });

function press(keys: { key: string; shiftKey: boolean }[], count = 10, start: KeyState = NO_KEYS) {
  let state = start;
  const effects = [];
  for (const k of keys) {
    const outcome = timelineKey(state, k, count, null);
    state = outcome.state;
    effects.push(outcome.effect);
  }
  return { state, effects };
}

describe('timeline keyboard', () => {
  it('puts the cursor on the latest bucket first, or on the applied range', () => {
    expect(timelineKey(NO_KEYS, key('ArrowLeft'), 10, null).state).toEqual({
      cursor: 9,
      anchor: null,
    });
    expect(timelineKey(NO_KEYS, key('ArrowRight'), 10, { first: 2, last: 4 }).state.cursor).toBe(4);
  });

  it('moves with the arrows (right is later) and stops at the ends', () => {
    const { state } = press([key('ArrowLeft'), key('ArrowLeft'), key('ArrowLeft')]);
    expect(state.cursor).toBe(7);
    expect(press([key('Home'), key('ArrowLeft')]).state.cursor).toBe(0);
    expect(press([key('End'), key('ArrowRight'), key('ArrowRight')]).state.cursor).toBe(9);
  });

  it('extends a selection with Shift and applies it with Enter', () => {
    const { state, effects } = press([
      key('Home'),
      key('ArrowRight'),
      key('ArrowRight', true),
      key('ArrowRight', true),
      key('Enter'),
    ]);
    expect(effects[3]).toEqual({ kind: 'select', range: { first: 1, last: 3 } });
    expect(effects[4]).toEqual({ kind: 'apply', range: { first: 1, last: 3 } });
    expect(state).toEqual({ cursor: 3, anchor: null });
  });

  it('selects backwards too, from where Shift was first pressed', () => {
    const { effects } = press([
      key('End'),
      key('ArrowLeft', true),
      key('ArrowLeft', true),
      key('Enter'),
    ]);
    expect(effects.at(-1)).toEqual({ kind: 'apply', range: { first: 7, last: 9 } });
  });

  it('applies the cursor bucket alone when nothing is selected', () => {
    const { effects } = press([key('Home'), key('ArrowRight'), key('Enter')]);
    expect(effects.at(-1)).toEqual({ kind: 'apply', range: { first: 1, last: 1 } });
  });

  it('drops the selection when moving without Shift', () => {
    const { state } = press([key('Home'), key('ArrowRight', true), key('ArrowRight')]);
    expect(state).toEqual({ cursor: 2, anchor: null });
  });

  it('clears with Escape, and leaves Escape alone when there is nothing to clear', () => {
    const selecting = { cursor: 3, anchor: 1 };
    expect(timelineKey(selecting, key('Escape'), 10, null)).toMatchObject({
      state: { cursor: 3, anchor: null },
      effect: { kind: 'clear' },
      handled: true,
    });
    expect(
      timelineKey({ cursor: 3, anchor: null }, key('Escape'), 10, { first: 0, last: 1 }).effect,
    ).toEqual({
      kind: 'clear',
    });
    expect(timelineKey({ cursor: 3, anchor: null }, key('Escape'), 10, null).handled).toBe(false);
  });

  it('ignores keys that are not its own, and every key without buckets', () => {
    expect(timelineKey(NO_KEYS, key('Tab'), 10, null).handled).toBe(false);
    expect(timelineKey(NO_KEYS, key('a'), 10, null).handled).toBe(false);
    expect(timelineKey(NO_KEYS, key('ArrowLeft'), 0, null).handled).toBe(false);
    expect(timelineKey(NO_KEYS, key('Enter'), 10, null).handled).toBe(false);
  });

  it('keeps the cursor and every applied range inside the buckets, whatever is pressed', () => {
    const anyKey = fc.record({
      key: fc.constantFrom(
        'ArrowLeft',
        'ArrowRight',
        'ArrowUp',
        'ArrowDown',
        'Home',
        'End',
        'Enter',
        'Escape',
        'x',
      ),
      shiftKey: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.array(anyKey, { maxLength: 60 }),
        (count, keys) => {
          let state = NO_KEYS;
          for (const k of keys) {
            const { state: next, effect } = timelineKey(state, k, count, null);
            state = next;
            if (state.cursor !== null) {
              expect(state.cursor).toBeGreaterThanOrEqual(0);
              expect(state.cursor).toBeLessThan(count);
            }
            if (effect.kind === 'apply' || effect.kind === 'select') {
              expect(effect.range.first).toBeGreaterThanOrEqual(0);
              expect(effect.range.first).toBeLessThanOrEqual(effect.range.last);
              expect(effect.range.last).toBeLessThan(count);
            }
            const selection = selectionOf(state);
            if (selection) expect(selection.first).toBeLessThanOrEqual(selection.last);
          }
        },
      ),
    );
  });
});
