import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_FILTER, type IncidentFilter } from '../data/incidentFilter.ts';
import type { StoredRecord } from '../../shared/domain/records.ts';
import {
  REVIEW_STATUSES,
  reviewStatusOf,
  type Reliability,
  RECORD_STATUSES,
} from '../../shared/domain/vocabulary.ts';
import { normaliseName } from '../../shared/util/normaliseName.ts';
import { FindEngine } from './findEngine.ts';
import { annotation, conflict, incident, link, put, removed, source } from './findTestRecords.ts';
import type { FindChange, FindSort } from './findTypes.ts';

/**
 * The engine against a brute-force reading of IncidentFilter's doc comments over the same
 * records. Words are three letters and none begins another, so prefix and typo matching cannot
 * widen a match and "every word in one record" is exact.
 */
const WORDS = ['cat', 'dog', 'owl', 'fox', 'elk', 'yak'];
const IDS = ['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8', 'i9', 'i10', 'i11', 'i12'];
const SOURCES = ['s1', 's2', 's3', 's4'];
const DATES = ['2023-12-31', '2024-01-01', '2024-01-15', '2024-02-29', '2024-03-01'];
const EVENT_TYPES = ['Battles', 'Protests', '', 'Riots'];
const ACTORS = ['Taliban', 'TALIBAN', 'طالبان', 'ISKP', 'Civilians'];
const PROVINCES = ['Kabul', 'كابل', 'کابل', 'Herat', ''];
const TAGS = ['women', 'drone', 'border'];
const GRADES: (Reliability | null)[] = ['A', 'C', 'F', null];

const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }).map((w) => w.join(' '));
const sub = <T>(values: readonly T[]) =>
  fc.option(fc.subarray([...values]), { nil: null, freq: 2 });

const incidentArb = fc.record({
  id: fc.constantFrom(...IDS),
  dates: fc.tuple(fc.constantFrom(...DATES), fc.option(fc.constantFrom(...DATES), { nil: null })),
  eventType: fc.constantFrom(...EVENT_TYPES),
  actors: fc.subarray(ACTORS, { maxLength: 2 }),
  province: fc.constantFrom(...PROVINCES),
  district: fc.constantFrom('Injil', 'injil', ''),
  status: fc.constantFrom(...RECORD_STATUSES),
  tags: fc.subarray(TAGS),
  fatalities: fc.option(fc.nat(3), { nil: null }),
  updated: fc.constantFrom('u1', 'u2', 'u3'),
  title: text,
  notes: text,
});

const changeArb: fc.Arbitrary<FindChange> = fc.oneof(
  { weight: 4, arbitrary: incidentArb.map((r) => put(toIncident(r))) },
  { weight: 1, arbitrary: fc.constantFrom(...IDS).map((id) => removed('incident', id)) },
  {
    weight: 2,
    arbitrary: fc
      .record({ id: fc.constantFrom(...SOURCES), grade: fc.constantFrom(...GRADES), text })
      .map(({ id, grade, text }) => put(source(id, { reliability: grade, excerpt: text }))),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...IDS), fc.constantFrom(...SOURCES), fc.boolean())
      .map(([i, s, keep]) => (keep ? put(link(i, s)) : removed('link', `${i}~${s}`))),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({
        id: fc.constantFrom('n1', 'n2', 'n3'),
        on: fc.constantFrom(...IDS, ...SOURCES),
        open: fc.boolean(),
        reply: fc.boolean(),
        body: text.map((t) => `${t} .`),
      })
      .map(({ id, on, open, reply, body }) =>
        put(
          annotation(
            id,
            { kind: on.startsWith('s') ? 'source' : 'incident', id: on },
            { state: open ? 'open' : 'resolved', replyTo: reply ? 'n0' : null, body },
          ),
        ),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...IDS), fc.boolean())
      .map(([id, keep]) =>
        keep
          ? conflict(id)
          : ({ kind: 'conflict', id: `incident:${id}|title`, record: null } satisfies FindChange),
      ),
  },
);

type IncidentDraw = typeof incidentArb extends fc.Arbitrary<infer T> ? T : never;

function toIncident(r: IncidentDraw) {
  const [a, b] = r.dates;
  const [dateStart, dateEnd] = b !== null && b < a ? [b, a] : [a, b];
  return incident(r.id, {
    dateStart,
    dateEnd,
    eventType: r.eventType,
    actors: r.actors.map((name) => ({ name, role: 'actor1' as const, actorId: null })),
    province: r.province,
    district: r.district,
    status: r.status,
    tags: r.tags,
    fatalities: r.fatalities,
    updated: r.updated,
    title: r.title || 'untitled',
    notes: r.notes,
  });
}

const filterArb: fc.Arbitrary<IncidentFilter> = fc.record({
  text: fc.oneof(fc.constant(''), text),
  dateFrom: fc.option(fc.constantFrom(...DATES), { nil: null }),
  dateTo: fc.option(fc.constantFrom(...DATES), { nil: null }),
  eventTypes: sub(EVENT_TYPES),
  subEventTypes: sub(['', 'Armed clash']),
  actors: sub(ACTORS),
  provinces: sub(PROVINCES),
  districts: sub(['Injil', '']),
  statuses: sub(REVIEW_STATUSES),
  tags: sub(TAGS),
  reliabilities: sub([...GRADES.filter((g) => g !== null), 'none' as const, 'B' as const]),
  hasConflicts: fc.constantFrom(null, true, false),
  hasOpenAnnotations: fc.constantFrom(null, true, false),
});

const sortArb: fc.Arbitrary<FindSort> = fc.record({
  by: fc.constantFrom('dateStart', 'updated', 'eventType', 'status', 'fatalities', 'relevance'),
  direction: fc.constantFrom('asc', 'desc'),
});

/** The records the changes leave, kept the plain way. */
class Model {
  incidents = new Map<string, StoredRecord<'incident'>>();
  sources = new Map<string, StoredRecord<'source'>>();
  links = new Map<string, StoredRecord<'link'>>();
  annotations = new Map<string, StoredRecord<'annotation'>>();
  conflicts = new Map<string, string>();

  apply(change: FindChange) {
    if (change.kind === 'reset') return;
    const map = {
      incident: this.incidents,
      source: this.sources,
      link: this.links,
      annotation: this.annotations,
      conflict: this.conflicts,
    }[change.kind] as Map<string, unknown>;
    if (change.record === null) map.delete(change.id);
    else map.set(change.id, change.record);
  }

  /** Words of a record's text (the test's words are plain lower-case ASCII). */
  private words = (...texts: string[]) => new Set(texts.join(' ').split(/\s+/));

  match(i: StoredRecord<'incident'>, terms: string[]): 'direct' | 'indirect' | null {
    const all = (words: Set<string>) => terms.every((t) => words.has(t));
    if (all(this.words(i.title, i.notes))) return 'direct';
    const sources = [...this.links.values()]
      .filter((l) => l.incidentId === i.id)
      .map((l) => l.sourceId);
    for (const id of sources) {
      const s = this.sources.get(id);
      if (s && all(this.words(s.title.toLowerCase(), s.excerpt))) return 'indirect';
    }
    for (const n of this.annotations.values()) {
      const about =
        n.targetKind === 'incident' ? n.targetId === i.id : sources.includes(n.targetId);
      if (about && all(this.words(n.body))) return 'indirect';
    }
    return null;
  }

  keeps(i: StoredRecord<'incident'>, f: IncidentFilter): boolean {
    const fold = (values: readonly string[]) => values.map(normaliseName);
    const grades = [...this.links.values()]
      .filter((l) => l.incidentId === i.id)
      .map((l) => this.sources.get(l.sourceId)?.reliability ?? null)
      .filter((g) => g !== null);
    const terms = f.text.split(' ').filter(Boolean);
    return (
      (terms.length === 0 || this.match(i, terms) !== null) &&
      (f.dateTo === null || i.dateStart <= f.dateTo) &&
      (f.dateFrom === null || (i.dateEnd ?? i.dateStart) >= f.dateFrom) &&
      (f.eventTypes === null || f.eventTypes.includes(i.eventType)) &&
      (f.subEventTypes === null || f.subEventTypes.includes(i.subEventType)) &&
      (f.actors === null ||
        i.actors.some((a) => fold(f.actors!).includes(normaliseName(a.name)))) &&
      (f.provinces === null || fold(f.provinces).includes(normaliseName(i.province))) &&
      (f.districts === null || fold(f.districts).includes(normaliseName(i.district))) &&
      (f.statuses === null || f.statuses.includes(reviewStatusOf(i.status))) &&
      (f.tags === null || i.tags.some((t) => f.tags!.includes(t))) &&
      (f.reliabilities === null ||
        grades.some((g) => f.reliabilities!.includes(g)) ||
        (grades.length === 0 && f.reliabilities.includes('none'))) &&
      (f.hasConflicts === null ||
        [...this.conflicts.values()].includes(`incident:${i.id}`) === f.hasConflicts) &&
      (f.hasOpenAnnotations === null ||
        [...this.annotations.values()].some(
          (n) =>
            n.targetKind === 'incident' &&
            n.targetId === i.id &&
            n.replyTo === null &&
            n.state === 'open',
        ) === f.hasOpenAnnotations)
    );
  }

  /** The ids IndexedDB's orderBy(index) gives for the sort (relevance: dateStart). */
  ordered(ids: string[], by: FindSort['by'], direction: FindSort['direction']): string[] {
    const key = (id: string): string | number => {
      const i = this.incidents.get(id)!;
      switch (by) {
        case 'relevance':
        case 'dateStart':
          return i.dateStart;
        case 'fatalities':
          return i.fatalities ?? -1;
        default:
          return i[by];
      }
    };
    const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
    const sorted = [...ids].sort((a, b) => cmp(key(a), key(b)) || cmp(a, b));
    return direction === 'desc' ? sorted.reverse() : sorted;
  }
}

describe('find engine against brute force', () => {
  it('keeps and orders what a plain reading of the filter keeps, after any changes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(changeArb, { minLength: 1, maxLength: 12 }), { maxLength: 8 }),
        fc.array(fc.tuple(filterArb, sortArb), { minLength: 1, maxLength: 4 }),
        (batches, queries) => {
          const engine = new FindEngine();
          const model = new Model();
          // A query between batches builds the sort orders, so later batches patch them.
          for (const batch of batches) {
            engine.apply(batch);
            for (const change of batch) model.apply(change);
            engine.incidents(NO_FILTER, { by: 'fatalities', direction: 'asc' });
          }
          for (const [filter, sort] of queries) {
            const kept = [...model.incidents.values()]
              .filter((i) => model.keeps(i, filter))
              .map((i) => i.id);
            const ids = engine.incidents(filter, sort).ids;
            const terms = filter.text.split(' ').filter(Boolean);
            if (sort.by === 'relevance' && terms.length > 0) {
              // Scores are MiniSearch's: check the set, and direct matches before indirect ones.
              expect([...ids].sort()).toEqual([...kept].sort());
              const kinds = ids.map((id) => model.match(model.incidents.get(id)!, terms));
              const firstIndirect = kinds.indexOf('indirect');
              const lastDirect = kinds.lastIndexOf('direct');
              if (firstIndirect >= 0 && lastDirect >= 0) {
                expect(
                  sort.direction === 'desc'
                    ? lastDirect < firstIndirect
                    : firstIndirect < lastDirect,
                ).toBe(true);
              }
            } else {
              expect(ids).toEqual(model.ordered(kept, sort.by, sort.direction));
            }
            const placed = engine.placement(filter);
            expect([...placed.points, ...placed.unplaced].map((p) => p.id).sort()).toEqual(
              [...kept].sort(),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
