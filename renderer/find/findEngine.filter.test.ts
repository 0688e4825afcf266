import { describe, expect, it } from 'vitest';
import { NO_FILTER, type IncidentFilter } from '../data/incidentFilter.ts';
import { FindEngine } from './findEngine.ts';
import { annotation, conflict, incident, link, put, removed, source } from './findTestRecords.ts';

const byId = { by: 'dateStart', direction: 'asc' } as const;

/** Ids kept by `filter`, sorted (the order is tested elsewhere). */
const kept = (engine: FindEngine, filter: Partial<IncidentFilter>) =>
  engine.incidents({ ...NO_FILTER, ...filter }, byId).ids.sort();

function engineWith(...records: Parameters<typeof put>[0][]) {
  const engine = new FindEngine();
  engine.apply(records.map(put));
  return engine;
}

describe('find engine filters', () => {
  it('keeps incidents whose date range meets the filter range', () => {
    const engine = engineWith(
      incident('a', { dateStart: '2024-01-10' }),
      incident('b', { dateStart: '2024-01-01', dateEnd: '2024-01-31' }),
      incident('c', { dateStart: '2024-02-01' }),
      incident('d', { dateStart: '2023-12-25', dateEnd: '2024-01-05' }),
    );
    expect(kept(engine, { dateFrom: '2024-01-10', dateTo: '2024-01-10' })).toEqual(['a', 'b']);
    expect(kept(engine, { dateFrom: '2024-01-06', dateTo: '2024-01-09' })).toEqual(['b']);
    expect(kept(engine, { dateFrom: '2024-01-05' })).toEqual(['a', 'b', 'c', 'd']);
    expect(kept(engine, { dateFrom: '2024-01-06' })).toEqual(['a', 'b', 'c']);
    expect(kept(engine, { dateTo: '2023-12-31' })).toEqual(['d']);
  });

  it('keeps chosen event types and sub-types, `` standing for "not given"', () => {
    const engine = engineWith(
      incident('a', { eventType: 'Battles', subEventType: 'Armed clash' }),
      incident('b', { eventType: 'Protests', subEventType: 'Peaceful protest' }),
      incident('c', { eventType: '' }),
      incident('d', { eventType: 'Targeted killing' }),
    );
    expect(kept(engine, { eventTypes: ['Battles', ''] })).toEqual(['a', 'c']);
    expect(kept(engine, { eventTypes: ['Targeted killing'] })).toEqual(['d']);
    expect(kept(engine, { eventTypes: [] })).toEqual([]);
    expect(kept(engine, { subEventTypes: ['Peaceful protest'] })).toEqual(['b']);
    expect(kept(engine, { subEventTypes: [''] })).toEqual(['c', 'd']);
    expect(kept(engine, { eventTypes: ['Never used'] })).toEqual([]);
  });

  it('compares actors, provinces and districts folded', () => {
    const actor = (name: string) => ({ name, role: 'actor1' as const, actorId: null });
    const engine = engineWith(
      incident('a', { actors: [actor('Taliban'), actor('Civilians (Afghanistan)')] }),
      incident('b', { actors: [actor('طالبان')], province: 'كابل', district: '' }),
      incident('c', { province: 'Hérat', district: 'Injil' }),
      incident('d', { province: '', district: 'Injil' }),
    );
    expect(kept(engine, { actors: ['TALIBAN'] })).toEqual(['a']);
    expect(kept(engine, { actors: ['طالبان', 'civilians (afghanistan)'] })).toEqual(['a', 'b']);
    expect(kept(engine, { provinces: ['کابل'] })).toEqual(['b']); // Persian kaf finds Arabic kaf
    expect(kept(engine, { provinces: ['herat'] })).toEqual(['c']);
    expect(kept(engine, { provinces: [''] })).toEqual(['a', 'd']);
    expect(kept(engine, { districts: ['injil'] })).toEqual(['c', 'd']);
    expect(kept(engine, { districts: [''] })).toEqual(['a', 'b']);
  });

  it('keeps review statuses, the legacy `unverified` as `submitted`', () => {
    const engine = engineWith(
      incident('a', { status: 'draft' }),
      incident('b', { status: 'unverified' }),
      incident('c', { status: 'submitted' }),
      incident('d', { status: 'verified' }),
    );
    expect(kept(engine, { statuses: ['submitted'] })).toEqual(['b', 'c']);
    expect(kept(engine, { statuses: ['draft', 'verified'] })).toEqual(['a', 'd']);
  });

  it('keeps incidents with any of the tags', () => {
    const engine = engineWith(
      incident('a', { tags: ['women', 'education'] }),
      incident('b', { tags: ['drone'] }),
      incident('c', { tags: [] }),
    );
    expect(kept(engine, { tags: ['education', 'drone'] })).toEqual(['a', 'b']);
    expect(kept(engine, { tags: ['Women'] })).toEqual([]); // tags are compared as written
  });

  it('keeps incidents by the grades of their linked sources, `none` when none is graded', () => {
    const engine = engineWith(
      incident('a'),
      incident('b'),
      incident('c'),
      incident('d'),
      source('s1', { reliability: 'A' }),
      source('s2', { reliability: 'E' }),
      source('s3', { reliability: null }),
      link('a', 's1'),
      link('a', 's2'),
      link('b', 's2'),
      link('c', 's3'),
    );
    expect(kept(engine, { reliabilities: ['A'] })).toEqual(['a']);
    expect(kept(engine, { reliabilities: ['E'] })).toEqual(['a', 'b']);
    expect(kept(engine, { reliabilities: ['none'] })).toEqual(['c', 'd']);
    expect(kept(engine, { reliabilities: ['B', 'none'] })).toEqual(['c', 'd']);
  });

  it('keeps incidents with or without unresolved conflicts and open threads', () => {
    const engine = new FindEngine();
    engine.apply([
      put(incident('a')),
      put(incident('b')),
      put(incident('c')),
      conflict('a'),
      { kind: 'conflict', id: 'source:s1|title', record: 'source:s1' },
      put(annotation('n1', { kind: 'incident', id: 'b' })),
      // A reply, a resolved thread and a thread on a source do not count.
      put(annotation('n2', { kind: 'incident', id: 'c' }, { replyTo: 'n9' })),
      put(annotation('n3', { kind: 'incident', id: 'c' }, { state: 'resolved' })),
      put(annotation('n4', { kind: 'source', id: 'c' })),
    ]);
    expect(kept(engine, { hasConflicts: true })).toEqual(['a']);
    expect(kept(engine, { hasConflicts: false })).toEqual(['b', 'c']);
    expect(kept(engine, { hasOpenAnnotations: true })).toEqual(['b']);
    expect(kept(engine, { hasOpenAnnotations: false })).toEqual(['a', 'c']);
  });

  it('combines fields (every field must keep the incident) and text', () => {
    const engine = engineWith(
      incident('a', { eventType: 'Battles', province: 'Kabul', title: 'Clashes near Kabul' }),
      incident('b', { eventType: 'Battles', province: 'Herat', title: 'Clashes near Herat' }),
      incident('c', { eventType: 'Protests', province: 'Kabul', title: 'Protest in Kabul' }),
    );
    expect(kept(engine, { eventTypes: ['Battles'], provinces: ['Kabul'] })).toEqual(['a']);
    expect(kept(engine, { text: 'clashes' })).toEqual(['a', 'b']);
    expect(kept(engine, { text: 'kabul', eventTypes: ['Protests'] })).toEqual(['c']);
    expect(kept(engine, { text: 'kabul', provinces: ['Herat'] })).toEqual([]);
  });
});

describe('find engine joins', () => {
  it('gives the same answers whatever order links, sources and incidents arrive in', () => {
    const records = [
      incident('a'),
      source('s1', { reliability: 'B' }),
      link('a', 's1'),
      annotation('n1', { kind: 'incident', id: 'a' }),
    ];
    const forwards = engineWith(...records);
    const backwards = engineWith(...[...records].reverse());
    for (const engine of [forwards, backwards]) {
      expect(kept(engine, { reliabilities: ['B'] })).toEqual(['a']);
      expect(kept(engine, { hasOpenAnnotations: true })).toEqual(['a']);
    }
  });

  it('follows a link, a source grade, a thread and a conflict as they change', () => {
    const engine = engineWith(incident('a'), incident('b'), source('s1', { reliability: 'C' }));
    expect(kept(engine, { reliabilities: ['C'] })).toEqual([]);
    engine.apply([put(link('b', 's1'))]);
    expect(kept(engine, { reliabilities: ['C'] })).toEqual(['b']);
    engine.apply([put(source('s1', { reliability: 'A' }))]);
    expect(kept(engine, { reliabilities: ['C'] })).toEqual([]);
    expect(kept(engine, { reliabilities: ['A'] })).toEqual(['b']);
    engine.apply([removed('source', 's1')]);
    expect(kept(engine, { reliabilities: ['none'] })).toEqual(['a', 'b']);
    engine.apply([put(source('s1', { reliability: 'A' })), removed('link', 'b~s1')]);
    expect(kept(engine, { reliabilities: ['A'] })).toEqual([]);

    engine.apply([put(annotation('n1', { kind: 'incident', id: 'a' }))]);
    expect(kept(engine, { hasOpenAnnotations: true })).toEqual(['a']);
    engine.apply([put(annotation('n1', { kind: 'incident', id: 'a' }, { state: 'resolved' }))]);
    expect(kept(engine, { hasOpenAnnotations: true })).toEqual([]);

    engine.apply([conflict('a', 'title'), conflict('a', 'notes')]);
    expect(kept(engine, { hasConflicts: true })).toEqual(['a']);
    engine.apply([{ kind: 'conflict', id: 'incident:a|title', record: null }]);
    expect(kept(engine, { hasConflicts: true })).toEqual(['a']);
    engine.apply([{ kind: 'conflict', id: 'incident:a|notes', record: null }]);
    expect(kept(engine, { hasConflicts: true })).toEqual([]);
  });

  it('keeps joins of a removed incident for when it comes back', () => {
    const engine = engineWith(incident('a'), source('s1', { reliability: 'D' }), link('a', 's1'));
    engine.apply([removed('incident', 'a')]);
    expect(kept(engine, {})).toEqual([]);
    engine.apply([put(incident('a'))]);
    expect(kept(engine, { reliabilities: ['D'] })).toEqual(['a']);
  });

  it('is idempotent: the same changes twice change nothing', () => {
    const changes = [
      put(incident('a', { tags: ['women'], province: 'Kabul' })),
      put(source('s1', { reliability: 'A', title: 'Report on Kabul' })),
      put(link('a', 's1')),
      conflict('a'),
      put(annotation('n1', { kind: 'incident', id: 'a' })),
    ];
    const once = new FindEngine();
    once.apply(changes);
    const twice = new FindEngine();
    twice.apply(changes);
    twice.apply(changes);
    expect(twice.size).toEqual(once.size);
    expect(twice.facets()).toEqual(once.facets());
    for (const filter of [
      { reliabilities: ['A' as const] },
      { hasConflicts: true },
      { hasOpenAnnotations: true },
      { text: 'report' },
    ]) {
      expect(kept(twice, filter)).toEqual(kept(once, filter));
    }
  });
});

describe('find engine upkeep', () => {
  it('forgets removed records, text included, and reuses their place', () => {
    const engine = engineWith(
      incident('a', { title: 'Explosion in Kabul' }),
      incident('b', { title: 'Protest in Herat' }),
    );
    engine.apply([removed('incident', 'a')]);
    expect(kept(engine, {})).toEqual(['b']);
    expect(kept(engine, { text: 'explosion' })).toEqual([]);
    engine.apply([put(incident('c', { title: 'Explosion in Khost' }))]);
    expect(kept(engine, { text: 'explosion' })).toEqual(['c']);
    expect(engine.size.incidents).toBe(2);
  });

  it('replaces an incident: old text and values are gone', () => {
    const engine = engineWith(incident('a', { title: 'Explosion', province: 'Kabul' }));
    engine.apply([put(incident('a', { title: 'Protest', province: 'Herat' }))]);
    expect(kept(engine, { text: 'explosion' })).toEqual([]);
    expect(kept(engine, { text: 'protest', provinces: ['Herat'] })).toEqual(['a']);
    expect(engine.facets().provinces).toEqual([{ value: 'Herat', count: 1 }]);
  });

  it('after a reset, drops what was not sent again', () => {
    const engine = engineWith(incident('a'), incident('b'), source('s1'), link('a', 's1'));
    engine.apply([{ kind: 'reset', of: 'incident' }, put(incident('b')), put(incident('c'))]);
    expect(kept(engine, {})).toEqual(['b', 'c']);
    engine.apply([{ kind: 'reset', of: 'link' }]);
    expect(engine.size).toMatchObject({ incidents: 2, sources: 1, links: 0 });
  });

  it('clear() forgets everything', () => {
    const engine = engineWith(incident('a'), source('s1'));
    engine.clear();
    expect(engine.size).toEqual({
      incidents: 0,
      sources: 0,
      annotations: 0,
      links: 0,
      conflicts: 0,
    });
    expect(kept(engine, {})).toEqual([]);
  });

  it('lists values in use for the pickers, most used first, as first written', () => {
    const actor = (name: string) => ({ name, role: 'actor1' as const, actorId: null });
    const engine = engineWith(
      incident('a', { province: 'Kabul', actors: [actor('Taliban'), actor('TALIBAN')] }),
      incident('b', { province: 'KABUL', tags: ['women'] }),
      incident('c', { province: 'Herat', tags: ['women', 'drone'] }),
    );
    const facets = engine.facets();
    expect(facets.provinces).toEqual([
      { value: 'Kabul', count: 2 },
      { value: 'Herat', count: 1 },
    ]);
    expect(facets.actors).toEqual([{ value: 'Taliban', count: 1 }]);
    expect(facets.tags).toEqual([
      { value: 'women', count: 2 },
      { value: 'drone', count: 1 },
    ]);
    expect(facets.eventTypes).toEqual([{ value: '', count: 3 }]);
  });

  it('places incidents with coordinates on the map and lists the others', () => {
    const engine = engineWith(
      incident('b', { latitude: 34.5, longitude: 69.2, eventType: 'Battles', title: 'B' }),
      incident('a', { latitude: null, longitude: null, title: 'A' }),
      incident('c', { latitude: 31.6, longitude: 65.7, eventType: 'Protests' }),
    );
    const placement = engine.placement({ ...NO_FILTER, eventTypes: ['Battles', ''] });
    expect(placement.points).toEqual([
      {
        id: 'b',
        title: 'B',
        eventType: 'Battles',
        dateStart: '2024-01-01',
        latitude: 34.5,
        longitude: 69.2,
      },
    ]);
    expect(placement.unplaced).toEqual([
      { id: 'a', title: 'A', eventType: '', dateStart: '2024-01-01' },
    ]);
  });
});
