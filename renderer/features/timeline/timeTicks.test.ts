import { describe, expect, it } from 'vitest';
import { bucketLabel, monthStartsBetween, timeTicks } from './timeTicks.ts';
import { timelineOf } from './timelineTestData.ts';

describe('timeTicks, Gregorian', () => {
  it('labels every month when there is room, with the year on the first and each January', () => {
    const data = timelineOf('month', '2023-11-01', 4);
    expect(timeTicks(data.buckets, 'gregorian', 'en', 10)).toEqual([
      { date: '2023-11-01', label: 'Nov', year: '2023' },
      { date: '2023-12-01', label: 'Dec', year: null },
      { date: '2024-01-01', label: 'Jan', year: '2024' },
      { date: '2024-02-01', label: 'Feb', year: null },
    ]);
  });

  it('thins out to quarters, then to years, as space runs out', () => {
    const data = timelineOf('month', '2024-01-01', 24);
    const quarterly = timeTicks(data.buckets, 'gregorian', 'en', 8);
    expect(quarterly.map((t) => t.label)).toEqual([
      'Jan',
      'Apr',
      'Jul',
      'Oct',
      'Jan',
      'Apr',
      'Jul',
      'Oct',
    ]);
    const decade = timelineOf('month', '2015-01-01', 120);
    const yearly = timeTicks(decade.buckets, 'gregorian', 'en', 6);
    expect(yearly.map((t) => t.label)).toEqual(['2016', '2018', '2020', '2022', '2024']);
    expect(yearly.length).toBeLessThanOrEqual(6);
  });

  it('writes Dari month names and digits, and the Gregorian calendar even for fa-AF', () => {
    const data = timelineOf('month', '2024-01-01', 2);
    expect(timeTicks(data.buckets, 'gregorian', 'fa-AF', 10)).toEqual([
      { date: '2024-01-01', label: 'جنوری', year: '۲۰۲۴' },
      { date: '2024-02-01', label: 'فبروری', year: null },
    ]);
  });

  it('never gives more ticks than asked for, for 260 weeks', () => {
    const weeks = timelineOf('week', '2020-01-06', 260);
    for (const max of [1, 3, 9, 20, 60]) {
      const ticks = timeTicks(weeks.buckets, 'gregorian', 'en', max);
      expect(ticks.length).toBeGreaterThan(0);
      expect(ticks.length).toBeLessThanOrEqual(max);
    }
  });

  it('names the first day when a few weeks hold no month start', () => {
    const weeks = timelineOf('week', '2024-03-04', 3);
    expect(timeTicks(weeks.buckets, 'gregorian', 'en', 5)).toEqual([
      { date: '2024-03-04', label: 'Mar 4, 2024', year: null },
    ]);
  });

  it('has nothing to say about no buckets', () => {
    expect(timeTicks([], 'gregorian', 'en', 5)).toEqual([]);
  });
});

describe('timeTicks, Solar Hijri', () => {
  it('puts ticks on Solar Hijri month starts, with Afghan names', () => {
    const data = timelineOf('month', '2024-01-01', 4); // 1 Jan – 30 Apr 2024
    expect(timeTicks(data.buckets, 'persian', 'en', 10)).toEqual([
      { date: '2024-01-21', label: 'Dalw', year: '1402' },
      { date: '2024-02-20', label: 'Hut', year: null },
      { date: '2024-03-20', label: 'Hamal', year: '1403' },
      { date: '2024-04-20', label: 'Sawr', year: null },
    ]);
    expect(timeTicks(data.buckets, 'persian', 'fa-AF', 10)[2]).toEqual({
      date: '2024-03-20',
      label: 'حمل',
      year: '۱۴۰۳',
    });
  });

  it('counts years from Nowruz when thinned to years', () => {
    const decade = timelineOf('month', '2015-01-01', 120);
    const ticks = timeTicks(decade.buckets, 'persian', 'en', 10);
    expect(ticks[0]).toEqual({ date: '2015-03-21', label: '1394', year: null });
    expect(ticks.every((t) => /-03-2[01]$/.test(t.date))).toBe(true);
  });

  it('lists month starts across a year end', () => {
    expect(monthStartsBetween('2025-03-01', '2025-04-30', 'persian')).toEqual([
      { year: 1404, month: 1 },
      { year: 1404, month: 2 },
    ]);
  });
});

describe('bucketLabel', () => {
  const [january] = timelineOf('month', '2024-01-01', 1).buckets;
  const [week] = timelineOf('week', '2024-03-18', 1).buckets;

  it('names a Gregorian month bucket by its month', () => {
    expect(bucketLabel(january!, 'month', 'gregorian', 'en')).toBe('January 2024');
    expect(bucketLabel(january!, 'month', 'gregorian', 'fa-AF')).toBe('جنوری ۲۰۲۴');
  });

  it('gives first and last day otherwise, in the calendar chosen', () => {
    expect(bucketLabel(january!, 'month', 'persian', 'en')).toBe('11 Jadi – 11 Dalw 1402');
    expect(bucketLabel(week!, 'week', 'persian', 'en')).toBe('28 Hut 1402 – 5 Hamal 1403');
    expect(bucketLabel(week!, 'week', 'gregorian', 'en')).toBe('Mar 18 – Mar 24, 2024');
  });
});
