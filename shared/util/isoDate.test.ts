import { describe, expect, it } from 'vitest';
import { isIsoDate, isoDateOf } from './isoDate.ts';

describe('isIsoDate', () => {
  it.each([
    ['2023-03-09', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2023-02-29', false],
    ['2023-04-31', false],
    ['2023-13-01', false],
    ['2023-00-10', false],
    ['2023-3-9', false],
    ['09/03/2023', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('formats an instant as its UTC date', () => {
    expect(isoDateOf(Date.UTC(2023, 2, 9, 23, 59))).toBe('2023-03-09');
  });
});
