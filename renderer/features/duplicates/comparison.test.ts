import { createInstance } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyIncident, type IncidentFields } from '../../../shared/domain/incident.ts';
import { choicesFor, comparisonRows, displayValue, takenFromOther } from './comparison.ts';

const incident = (patch: Partial<IncidentFields>): IncidentFields => ({
  ...emptyIncident('2024-05-14'),
  title: 'Explosion in Kabul',
  ...patch,
});
const a = incident({ tags: ['drone'], fatalities: 3 });
const b = incident({ title: 'Blast near Kabul airport', tags: ['mosque'], fatalities: 5 });

describe('comparison rows', () => {
  it('mark the fields that differ, and the lists both records keep', () => {
    const rows = comparisonRows(a, b);
    const byField = Object.fromEntries(rows.map((r) => [r.field, r]));
    expect(byField.title).toMatchObject({ differs: true, united: false });
    expect(byField.tags).toMatchObject({ differs: true, united: true });
    expect(byField.dateStart).toMatchObject({ differs: false });
    expect(rows.filter((r) => r.differs && !r.united).map((r) => r.field)).toEqual([
      'title',
      'fatalities',
    ]);
  });

  it('turn the picks into a merge into A or into B', () => {
    const rows = comparisonRows(a, b);
    // B's title, A's figure (A's by default).
    const picks = { title: 'b' as const };
    expect(choicesFor('a', picks, rows)).toEqual({ title: 'other', fatalities: 'survivor' });
    expect(choicesFor('b', picks, rows)).toEqual({ title: 'survivor', fatalities: 'other' });
    expect(takenFromOther(choicesFor('b', picks, rows))).toEqual(['fatalities']);
  });
});

describe('displayed values', () => {
  const i18n = createInstance();
  beforeAll(() =>
    i18n.init({
      lng: 'en',
      resources: {
        en: {
          translation: {
            common: { notSet: '— not set —' },
            vocab: { role: { actor1: 'Actor 1' }, geoPrecision: { '2': 'Near the place' } },
          },
        },
      },
    }),
  );

  it('are words a person reads, lists line by line', () => {
    const t = i18n.t.bind(i18n);
    expect(displayValue(t, 'geoPrecision', 2)).toEqual(['Near the place']);
    expect(displayValue(t, 'dateEnd', null)).toEqual(['— not set —']);
    expect(displayValue(t, 'actors', [{ name: 'ISKP', role: 'actor1', actorId: null }])).toEqual([
      'ISKP (Actor 1)',
    ]);
    expect(
      displayValue(t, 'fatalityReports', [
        { count: 4, sourceId: null, note: 'police' },
        { count: 6, sourceId: null, note: '' },
      ]),
    ).toEqual(['4 — police', '6']);
    expect(displayValue(t, 'tags', [])).toEqual(['— not set —']);
  });
});
