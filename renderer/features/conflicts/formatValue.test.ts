import { describe, expect, it } from 'vitest';
import { isTextConflict, readableValue } from './formatValue.ts';

describe('readable conflict values', () => {
  it('shows text as text, and nothing as empty', () => {
    expect(readableValue('Explosion in Kabul')).toEqual({
      type: 'text',
      text: 'Explosion in Kabul',
    });
    expect(readableValue(12)).toEqual({ type: 'text', text: '12' });
    expect(readableValue(null)).toEqual({ type: 'empty' });
    expect(readableValue('')).toEqual({ type: 'empty' });
    expect(readableValue([])).toEqual({ type: 'empty' });
  });

  it('lists arrays item by item, objects as key: value pairs', () => {
    expect(readableValue(['kabul', 'drone'])).toEqual({ type: 'list', items: ['kabul', 'drone'] });
    expect(
      readableValue([
        { name: 'ISKP', role: 'actor1', actorId: null },
        { name: 'Taliban', role: 'actor2', actorId: 'a1' },
      ]),
    ).toEqual({
      type: 'list',
      items: ['name: ISKP, role: actor1', 'name: Taliban, role: actor2, actorId: a1'],
    });
  });

  it('falls back to indented JSON for nested values', () => {
    expect(readableValue({ a: { b: 1 } })).toEqual({
      type: 'json',
      text: '{\n  "a": {\n    "b": 1\n  }\n}',
    });
  });

  it('offers a merged text only when every version is text', () => {
    expect(isTextConflict(['a', 'b'])).toBe(true);
    expect(isTextConflict(['a', null])).toBe(false);
  });
});
