import { describe, expect, it } from 'vitest';
import type { TimePrecision } from '../domain/vocabulary.ts';
import { compareDates, dateSpanOf, isoOfDay } from './dateSpan.ts';

const span = (start: string, precision: TimePrecision, end: string | null = null) =>
  dateSpanOf(start, end, precision);
const days = (s: ReturnType<typeof span>) => [isoOfDay(s.first), isoOfDay(s.last)];
const verdict = (a: ReturnType<typeof span>, b: ReturnType<typeof span>) =>
  compareDates(a, b)?.key ?? null;

describe('date spans', () => {
  it('widen a date by its precision unless an end date is given', () => {
    expect(days(span('2024-05-14', 1))).toEqual(['2024-05-14', '2024-05-14']);
    expect(days(span('2024-05-14', 2))).toEqual(['2024-05-11', '2024-05-17']);
    expect(days(span('2024-02-14', 3))).toEqual(['2024-02-01', '2024-02-29']);
    expect(days(span('2024-05-13', 2, '2024-05-19'))).toEqual(['2024-05-13', '2024-05-19']);
    expect(days(span('2024-05-14', 1, '2024-05-16'))).toEqual(['2024-05-14', '2024-05-16']);
  });
});

describe('dates within their precision', () => {
  it('known to the day: the same day, or one day apart, not two', () => {
    expect(verdict(span('2024-05-14', 1), span('2024-05-14', 1))).toBe('sameDay');
    expect(verdict(span('2024-05-14', 1), span('2024-05-15', 1))).toBe('oneDayApart');
    expect(verdict(span('2024-05-14', 1), span('2024-05-16', 1))).toBeNull();
    expect(verdict(span('2024-05-14', 1, '2024-05-16'), span('2024-05-16', 1))).toBe(
      'datesOverlap',
    );
  });

  it('a week: any day of it, not the next week', () => {
    const week = span('2024-05-13', 2, '2024-05-19');
    expect(verdict(week, span('2024-05-19', 1))).toBe('sameWeek');
    expect(verdict(week, span('2024-05-20', 1))).toBeNull();
    expect(verdict(week, span('2024-05-20', 2, '2024-05-26'))).toBeNull();
  });

  it('a month: any day of it, not the next month, whichever has the coarser precision', () => {
    expect(verdict(span('2024-05-01', 3), span('2024-05-31', 1))).toBe('sameMonth');
    expect(verdict(span('2024-05-31', 1), span('2024-05-15', 3))).toBe('sameMonth');
    expect(verdict(span('2024-05-01', 3), span('2024-06-01', 1))).toBeNull();
    expect(verdict(span('2024-05-01', 3), span('2024-06-01', 3))).toBeNull();
  });
});
