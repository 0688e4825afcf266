import { describe, expect, it } from 'vitest';
import { NO_FILTER } from '../data/incidentFilter.ts';
import { FindEngine } from './findEngine.ts';
import { incident, put } from './findTestRecords.ts';

function engineWith(...incidents: ReturnType<typeof incident>[]) {
  const engine = new FindEngine();
  engine.apply(incidents.map(put));
  return engine;
}

describe('timeline', () => {
  it('buckets by ISO week, Monday to Sunday, across a year end', () => {
    const engine = engineWith(
      incident('a', { dateStart: '2024-12-30', eventType: 'Battles', fatalities: 3 }), // Monday
      incident('b', { dateStart: '2025-01-05', eventType: 'Battles', fatalities: null }), // Sunday
      incident('c', { dateStart: '2025-01-06', eventType: 'Protests', fatalities: 0 }), // Monday
      incident('d', { dateStart: '2024-12-29', eventType: 'Protests', fatalities: 2 }), // Sunday
    );
    expect(engine.timeline(NO_FILTER, 'week')).toEqual({
      unit: 'week',
      buckets: [
        { start: '2024-12-23', end: '2024-12-29', counts: { Protests: 1 }, fatalities: 2 },
        { start: '2024-12-30', end: '2025-01-05', counts: { Battles: 2 }, fatalities: 3 },
        { start: '2025-01-06', end: '2025-01-12', counts: { Protests: 1 }, fatalities: 0 },
      ],
      eventTypes: ['Battles', 'Protests'],
    });
  });

  it('buckets by calendar month, with empty months included and leap years right', () => {
    const engine = engineWith(
      incident('a', { dateStart: '2023-12-31', eventType: '' }),
      incident('b', { dateStart: '2024-02-29', eventType: 'Riots', fatalities: 1 }),
      incident('c', { dateStart: '2024-02-01', eventType: 'Riots', fatalities: 4 }),
      incident('d', { dateStart: '2024-01-31', dateEnd: '2024-02-02', eventType: 'Riots' }),
    );
    const timeline = engine.timeline(NO_FILTER, 'month');
    expect(timeline.buckets).toEqual([
      { start: '2023-12-01', end: '2023-12-31', counts: { '': 1 }, fatalities: 0 },
      { start: '2024-01-01', end: '2024-01-31', counts: { Riots: 1 }, fatalities: 0 },
      { start: '2024-02-01', end: '2024-02-29', counts: { Riots: 2 }, fatalities: 5 },
    ]);
    expect(timeline.eventTypes).toEqual(['Riots', '']);
    const sparse = engineWith(
      incident('a', { dateStart: '2024-01-15' }),
      incident('b', { dateStart: '2024-04-02' }),
    );
    expect(sparse.timeline(NO_FILTER, 'month').buckets.map((b) => [b.start, b.counts])).toEqual([
      ['2024-01-01', { '': 1 }],
      ['2024-02-01', {}],
      ['2024-03-01', {}],
      ['2024-04-01', { '': 1 }],
    ]);
    expect(sparse.timeline(NO_FILTER, 'week').buckets).toHaveLength(12);
  });

  it('follows the filter but not its date range (context around a brushed range)', () => {
    const engine = engineWith(
      incident('a', { dateStart: '2024-01-10', eventType: 'Battles', title: 'Clash' }),
      incident('b', { dateStart: '2024-03-10', eventType: 'Battles', title: 'Clash' }),
      incident('c', { dateStart: '2024-05-10', eventType: 'Protests', title: 'Clash' }),
      incident('d', { dateStart: '2024-07-10', eventType: 'Battles', title: 'Market' }),
    );
    const filter = {
      ...NO_FILTER,
      text: 'clash',
      eventTypes: ['Battles'],
      dateFrom: '2024-03-01',
      dateTo: '2024-03-31',
    };
    const timeline = engine.timeline(filter, 'month');
    expect(timeline.buckets.map((b) => [b.start, b.counts])).toEqual([
      ['2024-01-01', { Battles: 1 }],
      ['2024-02-01', {}],
      ['2024-03-01', { Battles: 1 }],
    ]);
    expect(engine.timeline({ ...NO_FILTER, text: 'nothing' }, 'week')).toEqual({
      unit: 'week',
      buckets: [],
      eventTypes: [],
    });
  });

  it('orders the stacks by how many incidents each type has, most first', () => {
    const engine = engineWith(
      incident('a', { eventType: 'Riots' }),
      incident('b', { eventType: 'Battles' }),
      incident('c', { eventType: 'Battles' }),
      incident('d', { eventType: 'Protests' }),
    );
    expect(engine.timeline(NO_FILTER, 'week').eventTypes).toEqual(['Battles', 'Protests', 'Riots']);
  });

  it('handles early years (not read as 19xx)', () => {
    const engine = engineWith(incident('a', { dateStart: '0099-03-05' }));
    expect(engine.timeline(NO_FILTER, 'month').buckets[0]).toMatchObject({
      start: '0099-03-01',
      end: '0099-03-31',
    });
  });
});
