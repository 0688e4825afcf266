import { describe, expect, it } from 'vitest';
import { NO_FILTER } from '../data/incidentFilter.ts';
import { FindEngine } from './findEngine.ts';
import { annotation, incident, link, put, source } from './findTestRecords.ts';

const relevance = { by: 'relevance', direction: 'desc' } as const;
const found = (engine: FindEngine, text: string) =>
  engine.incidents({ ...NO_FILTER, text }, relevance).ids;

function engineWith(...records: Parameters<typeof put>[0][]) {
  const engine = new FindEngine();
  engine.apply(records.map(put));
  return engine;
}

describe('find engine text search', () => {
  const engine = engineWith(
    incident('kandahar', { title: 'Roadside bomb in Kandahar city', province: 'Kandahar' }),
    incident('jalalabad', { title: 'Clashes', placeName: 'Jalalabad', province: 'Nangarhar' }),
    incident('kabul-dari', {
      title: 'انفجار در شهر کابل',
      notes: 'منابع محلی می‌گویند که ۱۲ تن کشته شدند.',
      province: 'Kabul',
    }),
    incident('herat-dari', { title: 'درگیری در ولایت هرات', externalId: 'AFG12345' }),
  );

  it('finds Dari text typed with Arabic letters, digits and ZWNJ variants', () => {
    expect(found(engine, 'كابل')).toEqual(['kabul-dari']); // Arabic kaf
    expect(found(engine, 'ولايت هرات')).toEqual(['herat-dari']); // Arabic yeh
    expect(found(engine, '12 تن')).toEqual(['kabul-dari']);
    expect(found(engine, '۱۲')).toEqual(['kabul-dari']);
    expect(found(engine, 'میگویند')).toEqual(['kabul-dari']);
    expect(found(engine, 'می گویند')).toEqual(['kabul-dari']);
    expect(found(engine, 'می‌گویند')).toEqual(['kabul-dari']);
  });

  it('forgives a typo in a longer word and completes the word being typed', () => {
    expect(found(engine, 'Kandahr')).toEqual(['kandahar']);
    expect(found(engine, 'Jalal')).toEqual(['jalalabad']);
    expect(found(engine, 'roadside bo')).toEqual(['kandahar']);
    // Short words must be exact, and only the last word is a prefix.
    expect(found(engine, 'bom')).toEqual(['kandahar']);
    expect(found(engine, 'bo roadside')).toEqual([]);
    expect(found(engine, 'cty')).toEqual([]);
  });

  it('needs every word (AND), finds by external id, and reads punctuation as nothing', () => {
    expect(found(engine, 'roadside kandahar')).toEqual(['kandahar']);
    expect(found(engine, 'roadside herat')).toEqual([]);
    expect(found(engine, 'afg12345')).toEqual(['herat-dari']);
    expect(found(engine, '!!!')).toHaveLength(4); // no term: no text filter
  });

  it('ranks a title match above a match in the notes only', () => {
    const e = engineWith(
      incident('notes', { title: 'Incident report', notes: 'An explosion was heard nearby.' }),
      incident('title', { title: 'Explosion at the market', notes: 'Several people were hurt.' }),
    );
    expect(found(e, 'explosion')).toEqual(['title', 'notes']);
    expect(
      e.incidents({ ...NO_FILTER, text: 'explosion' }, { by: 'relevance', direction: 'asc' }).ids,
    ).toEqual(['notes', 'title']);
  });

  it('breaks ties in relevance by the later start date', () => {
    const e = engineWith(
      incident('old', { title: 'Explosion', dateStart: '2022-01-01' }),
      incident('new', { title: 'Explosion', dateStart: '2024-01-01' }),
    );
    expect(found(e, 'explosion')).toEqual(['new', 'old']);
  });

  it('finds incidents through linked sources and annotations, below direct matches', () => {
    const e = engineWith(
      incident('direct', { title: 'Night raid in Paghman' }),
      incident('via-source', { title: 'Arrests' }),
      incident('via-note', { title: 'Detentions' }),
      incident('via-source-note', { title: 'Searches' }),
      incident('other', { title: 'Protest' }),
      source('s1', { title: 'UNAMA update', fullText: 'A night raid was carried out in Paghman.' }),
      source('s2', { title: 'Statement' }),
      link('via-source', 's1'),
      link('via-source-note', 's2'),
      annotation(
        'n1',
        { kind: 'incident', id: 'via-note' },
        { body: 'Witnesses say it was a night raid.' },
      ),
      annotation('n2', { kind: 'source', id: 's2' }, { body: 'Mentions a night raid.' }),
    );
    const ids = found(e, 'night raid');
    expect(ids[0]).toBe('direct');
    expect(ids.slice(1).sort()).toEqual(['via-note', 'via-source', 'via-source-note']);
    expect(
      e.incidents({ ...NO_FILTER, text: 'paghman' }, { by: 'dateStart', direction: 'asc' }).ids,
    ).toEqual(['direct', 'via-source']);
    // Unlinking the source stops it finding the incident.
    e.apply([{ kind: 'link', id: 'via-source~s1', record: null }]);
    expect(found(e, 'paghman')).toEqual(['direct']);
  });

  it('searches everything: incidents, sources and annotations with what they are about', () => {
    const e = engineWith(
      incident('a', { title: 'Explosion in Kabul' }),
      source('s1', { title: 'Explosion report', outlet: 'Tolonews' }),
      annotation('n1', { kind: 'source', id: 's1' }, { body: 'The explosion time is wrong' }),
    );
    const hits = e.search('explosion', 10);
    expect(hits.incidents.map((h) => h.id)).toEqual(['a']);
    expect(hits.sources.map((h) => h.id)).toEqual(['s1']);
    expect(hits.annotations).toEqual([
      {
        id: 'n1',
        score: expect.any(Number),
        terms: ['explosion'],
        targetKind: 'source',
        targetId: 's1',
      },
    ]);
    expect(hits.incidents[0]!.terms).toEqual(['explosion']);
    expect(e.search('explosion', 0).incidents).toEqual([]);
    expect(e.search('', 10)).toEqual({ incidents: [], sources: [], annotations: [] });
  });

  it('says which index terms a query matched, typos and prefixes resolved', () => {
    expect(engine.terms('Kandahr')).toEqual(['kandahar']);
    expect(engine.terms('jalal').sort()).toEqual(['jalalabad']);
    expect(engine.terms('كابل')).toEqual(['کابل']);
    expect(engine.terms('')).toEqual([]);
  });
});
