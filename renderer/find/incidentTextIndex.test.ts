import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { NO_FILTER } from '../data/incidentFilter.ts';
import { queryTerms } from '../../shared/search/searchText.ts';
import { FindEngine } from './findEngine.ts';
import { incident, put, removed } from './findTestRecords.ts';
import { IncidentTextIndex } from './incidentTextIndex.ts';
import {
  INCIDENT_BOOST,
  INCIDENT_FIELDS,
  QUERY_OPTIONS,
  incidentIndex,
  indexOptions,
} from './textIndexes.ts';

/** Words of the generated texts: common ones (to repeat), near neighbours, English and Dari. */
const WORDS = [
  'the',
  'the',
  'of',
  'a',
  'civilians',
  'civilian',
  'district',
  'districts',
  'kabul',
  'kabuli',
  'kandahar',
  'explosion',
  'explosions',
  'attack',
  'attacked',
  'killed',
  'kills',
  'school',
  'schools',
  'women',
  'protest',
  'national',
  'nation',
  'resistance',
  '12',
  '2021',
  'کابل',
  'کابلی',
  'انفجار',
  'طالبان',
  'ولایت',
  'ولسوالی',
  'کشته',
  'کشتار',
  'زخمی',
  'می‌گویند',
  'منابع',
  'محلی',
  'در',
];

const FIELD_COUNT = INCIDENT_FIELDS.length;
type Texts = string[];

const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 9 }).map((words) => words.join(' '));
const texts: fc.Arbitrary<Texts> = fc.array(text, {
  minLength: FIELD_COUNT,
  maxLength: FIELD_COUNT,
});

/** A change: slot gets texts (add or edit), or null (removed). */
const change = fc.record({ slot: fc.nat(11), texts: fc.option(texts, { freq: 4 }) });

/** A typed query: whole words, a typo in one, or the last one cut short. */
const query = fc
  .record({
    words: fc.array(fc.constantFrom(...WORDS, 'kandhar', 'civlians', 'distrcit', 'xyz'), {
      minLength: 1,
      maxLength: 3,
    }),
    cut: fc.nat(6),
    typo: fc.nat(8),
  })
  .map(({ words, cut, typo }) => {
    const out = [...words];
    const last = out.at(-1)!;
    if (cut > 0 && last.length > 2)
      out[out.length - 1] = last.slice(0, Math.max(2, last.length - cut));
    const at = typo % out.length;
    const word = out[at]!;
    if (typo >= 4 && word.length >= 5) out[at] = word.slice(0, 2) + word.slice(3);
    return out.join(' ');
  });

function oracleOf(docs: Map<number, Texts>) {
  const oracle = new MiniSearch<Record<string, string | number>>({
    ...indexOptions(INCIDENT_FIELDS),
    autoVacuum: false,
  });
  for (const [slot, fields] of docs) {
    const doc: Record<string, string | number> = { id: slot };
    INCIDENT_FIELDS.forEach((field, i) => (doc[field] = fields[i]!));
    oracle.add(doc);
  }
  return oracle;
}

/** The index answers every query as a fresh MiniSearch holding the live docs does. */
function expectSameAnswers(index: IncidentTextIndex, docs: Map<number, Texts>, queries: string[]) {
  const oracle = oracleOf(docs);
  for (const typed of queries) {
    const terms = queryTerms(typed);
    if (terms.length === 0) continue;
    const expected = oracle.search(terms.join(' '), { ...QUERY_OPTIONS, boost: INCIDENT_BOOST });
    const got = index.search(terms);
    const context = `query "${typed}"`;
    expect(
      [...got.slots].sort((a, b) => a - b),
      context,
    ).toEqual(expected.map((r) => r.id as number).sort((a, b) => a - b));
    const byId = new Map(expected.map((r) => [r.id as number, r]));
    got.slots.forEach((slot, i) => {
      const want = byId.get(slot)!;
      expect(Math.abs(got.scores[i]! - want.score), context).toBeLessThanOrEqual(want.score * 1e-9);
      // Position i holds the i-th best score of both (the same order up to near-ties).
      expect(Math.abs(got.scores[i]! - expected[i]!.score), context).toBeLessThanOrEqual(
        want.score * 1e-9,
      );
      if (i > 0) expect(got.scores[i - 1]!, context).toBeGreaterThanOrEqual(got.scores[i]!);
      expect(got.termsOf(slot).sort(), context).toEqual([...want.terms].sort());
    });
    const union = new Set(expected.flatMap((r) => r.terms));
    expect(got.terms().sort(), context).toEqual([...union].sort());
  }
}

describe('incident text index', () => {
  it('finds, scores and orders exactly as MiniSearch with the same options (oracle)', () => {
    fc.assert(
      fc.property(
        fc.array(change, { minLength: 1, maxLength: 40 }),
        fc.array(query, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (changes, queries, compact) => {
          const index = incidentIndex();
          const docs = new Map<number, Texts>();
          for (const { slot, texts: fields } of changes) {
            if (fields) {
              index.add(slot, fields);
              docs.set(slot, fields);
            } else {
              index.remove(slot);
              docs.delete(slot);
            }
          }
          if (compact) index.compactNow();
          expectSameAnswers(index, docs, queries);
          index.dispose();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ranks on repeated common words exactly as MiniSearch (larger corpus)', () => {
    const rng = fc.sample(fc.array(texts, { minLength: 300, maxLength: 300 }), {
      numRuns: 1,
      seed: 7,
    })[0]!;
    const index = incidentIndex();
    const docs = new Map<number, Texts>();
    rng.forEach((fields, slot) => {
      index.add(slot, fields);
      docs.set(slot, fields);
    });
    expectSameAnswers(index, docs, ['the', 'the civilians', 'civ', 'distrcit', 'ka', 'کا', 'کشت']);
    index.dispose();
  });

  it('forgets an edited incident’s old words and finds its new ones, before and after compaction', () => {
    const index = incidentIndex();
    const fields = (title: string) => [title, '', '', '', '', ''];
    index.add(0, fields('explosion in kabul'));
    index.add(1, fields('protest in kabul'));
    index.add(2, fields('explosion in herat'));
    index.add(0, fields('flood in kandahar'));
    index.remove(2);
    const slots = (q: string) => [...index.search(queryTerms(q)).slots];
    expect(slots('explosion')).toEqual([]);
    expect(slots('flood')).toEqual([0]);
    expect(slots('kabul')).toEqual([1]);
    expect(slots('herat')).toEqual([]);
    const before = index.search(['kandahar']);
    expect(index.deadPostingCount).toBeGreaterThan(0);
    index.compactNow();
    expect(index.deadPostingCount).toBe(0);
    const after = index.search(['kandahar']);
    expect([...after.slots]).toEqual([...before.slots]);
    expect([...after.scores]).toEqual([...before.scores]);
    expect(slots('explosion')).toEqual([]);
    expect(index.search(['explosio']).terms()).toEqual([]);
    expect(index.search(['kandaha']).terms()).toEqual(['kandahar']);
    expect(index.documentCount).toBe(2);
  });

  it('compacts in the background, in steps, and answers the same before and after', async () => {
    const index = new IncidentTextIndex(
      INCIDENT_FIELDS,
      INCIDENT_BOOST,
      { prefix: () => false, fuzzy: () => false, maxFuzzy: 2 },
      (t) => queryTerms(t),
      { stepSize: 10, minDeadDocs: 1, minDeadShare: 0.1 },
    );
    const docs = new Map<number, Texts>();
    const words = ['kabul', 'herat', 'kandahar', 'explosion', 'protest', 'the'];
    for (let slot = 0; slot < 60; slot++) {
      const fields = [
        `${words[slot % 6]} the ${words[(slot * 7) % 6]}`,
        'the',
        '',
        '',
        `id${slot}`,
        '',
      ];
      index.add(slot, fields);
      docs.set(slot, fields);
    }
    for (let slot = 0; slot < 60; slot += 3) index.remove(slot);
    expect(index.vacuuming).toBe(true);
    const dirty = index.search(['the', 'kabul']);
    while (index.vacuuming) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(index.deadPostingCount).toBe(0);
    const clean = index.search(['the', 'kabul']);
    expect([...clean.slots]).toEqual([...dirty.slots]);
    expect([...clean.scores]).toEqual([...dirty.scores]);
    expect(index.search(['id3']).slots.length).toBe(0);
    expect([...index.search(['id4']).slots]).toEqual([4]);
    index.dispose();
  });
});

describe('incident text index in the engine', () => {
  it('finds an edited incident by its new words only, and drops a removed one', () => {
    const engine = new FindEngine();
    engine.apply([
      put(incident('a', { title: 'Explosion in Kabul' })),
      put(incident('b', { title: 'Protest in Herat' })),
    ]);
    const found = (text: string) =>
      engine.incidents({ ...NO_FILTER, text }, { by: 'relevance', direction: 'desc' }).ids;
    expect(found('explosion')).toEqual(['a']);
    engine.apply([put(incident('a', { title: 'Flood in Kandahar' })), removed('incident', 'b')]);
    expect(found('explosion')).toEqual([]);
    expect(found('herat')).toEqual([]);
    expect(found('flood kandah')).toEqual(['a']);
    expect(engine.search('flood', 10).incidents.map((hit) => hit.terms)).toEqual([['flood']]);
    expect(engine.terms('kandah')).toEqual(['kandahar']);
  });
});
