/**
 * The find engine: everything the incidents list, the map, the timeline and the filter pickers
 * ask of the records, answered from memory. It follows the records through `apply` (the sync's
 * changes) and keeps a compact table of incident fields (incidentTable.ts), the joins to sources,
 * annotations and conflicts (findJoins.ts), ready sort orders (sortOrders.ts) and full-text
 * indexes (textIndexes.ts). Synchronous and free of DOM and storage, so it runs the same in the
 * worker and in Node tests. It never persists anything: the indexes hold private text.
 *
 * Text: an incident is found by its own text (a direct match), or through the text of a source
 * linked to it or of an annotation on it or on such a source (an indirect match). Each record is
 * matched on its own — every query term in that one record — and direct matches always rank
 * above indirect ones, each group by score. Sorting by relevance, the list is (direct first,
 * higher score, later start date, greater id) and 'asc' reverses it, as for every other order;
 * without text it is the dateStart order.
 */
import type { IncidentFilter, IncidentPlacement } from '../data/incidentFilter.ts';
import type { StoredRecord } from '../../shared/domain/records.ts';
import { queryTerms } from '../../shared/search/searchText.ts';
import type {
  FindChange,
  FindFacets,
  FindSize,
  FindSort,
  IndexedKind,
  SearchHits,
} from './findTypes.ts';
import { FindJoins } from './findJoins.ts';
import { incidentPredicate, type SlotTest } from './incidentPredicate.ts';
import { IncidentTable } from './incidentTable.ts';
import { SortOrders } from './sortOrders.ts';
import { TextIndexes, type TextResults } from './textIndexes.ts';
import { timelineOf } from './timelineBuckets.ts';
import type { TimelineData, TimelineUnit } from './timelineData.ts';

export type { FindChange, FindFacets, FindSize, FindSort } from './findTypes.ts';

type RecordChange = Exclude<FindChange, { kind: 'reset' }>;

/** More incident changes than this in one apply: sort orders are rebuilt rather than patched. */
const PATCH_LIMIT = 64;

const SORT_KEYS = new Set<string>([
  'dateStart',
  'updated',
  'eventType',
  'status',
  'fatalities',
  'relevance',
]);

const DIRECT = 1;
const INDIRECT = 2;

/** One query's matches, kept while the records do not change (list, map and timeline ask alike). */
interface TextMatch {
  key: string;
  results: TextResults;
  /** Per slot: DIRECT, INDIRECT or 0. */
  marks: Uint8Array;
  /** Slots matched by their own text, best first, and their scores. */
  direct: Int32Array;
  directScores: Float64Array;
  /** Slots found only through sources or annotations, best first, and the best score for each. */
  indirect: number[];
  indirectScores: number[];
}

export class FindEngine {
  private table = new IncidentTable();
  private joins = new FindJoins();
  private orders = new SortOrders(this.table);
  private readonly text = new TextIndexes();
  private cached: TextMatch | null = null;

  get size(): FindSize {
    return {
      incidents: this.table.count,
      sources: this.joins.sourceCount,
      annotations: this.joins.annotationCount,
      links: this.joins.linkCount,
      conflicts: this.joins.conflictCount,
    };
  }

  /** Whether discarded text is being swept from the indexes (queries are answered meanwhile). */
  get vacuuming(): boolean {
    return this.text.vacuuming;
  }

  clear(): void {
    this.table = new IncidentTable();
    this.joins = new FindJoins();
    this.orders = new SortOrders(this.table);
    this.text.clear();
    this.cached = null;
  }

  /** Applies changes in order; applying the same changes again changes nothing. */
  apply(changes: readonly FindChange[]): void {
    this.cached = null;
    const incidentChanges = changes.reduce((n, c) => n + (c.kind === 'incident' ? 1 : 0), 0);
    const patch = incidentChanges <= PATCH_LIMIT;
    if (!patch) this.orders.invalidate();
    const touched = new Set<string>();
    const resets = new Map<IndexedKind | 'conflict', Set<string>>();
    for (const change of changes) {
      if (change.kind === 'reset') {
        resets.set(change.of, new Set());
        continue;
      }
      resets.get(change.kind)?.add(change.id);
      this.applyOne(change, patch, touched);
    }
    for (const [kind, seen] of resets) {
      for (const id of this.idsOf(kind)) {
        if (!seen.has(id))
          this.applyOne({ kind, id, record: null } as RecordChange, false, touched);
      }
      if (kind === 'incident') this.orders.invalidate();
    }
    for (const id of touched) {
      const slot = this.table.slotOf.get(id);
      if (slot !== undefined) this.writeJoined(id, slot);
    }
  }

  /** Ids of every incident `filter` keeps, in the `sort` order. */
  incidents(filter: IncidentFilter, sort: FindSort): { ids: string[] } {
    if (!SORT_KEYS.has(sort.by) || (sort.direction !== 'asc' && sort.direction !== 'desc')) {
      throw new Error(`Unknown incident sort: ${String(sort.by)} ${String(sort.direction)}`);
    }
    const match = this.match(filter.text);
    const keep = incidentPredicate(this.table, filter);
    let slots: Int32Array;
    if (sort.by === 'relevance' && match) {
      slots = this.byRelevance(match, keep); // best first: already 'desc'
      if (sort.direction === 'asc') slots.reverse();
    } else {
      slots = this.inOrder(sort.by === 'relevance' ? 'dateStart' : sort.by, match, keep);
      if (sort.direction === 'desc') slots.reverse();
    }
    const ids = this.table.ids;
    const out = new Array<string>(slots.length);
    for (let i = 0; i < slots.length; i++) out[i] = ids[slots[i]!]!;
    return { ids: out };
  }

  /** Where the kept incidents are, for the map (as DaftarData.incidentPlacement, by id). */
  placement(filter: IncidentFilter): IncidentPlacement {
    const t = this.table;
    const placement: IncidentPlacement = { points: [], unplaced: [] };
    for (const slot of this.inOrder('id', this.match(filter.text), incidentPredicate(t, filter))) {
      const summary = {
        id: t.ids[slot]!,
        title: t.title[slot]!,
        eventType: t.eventTypes.keys[t.eventType[slot]!]!,
        dateStart: t.dateStartIso[slot]!,
      };
      const latitude = t.latitude[slot]!;
      const longitude = t.longitude[slot]!;
      if (Number.isNaN(latitude) || Number.isNaN(longitude)) placement.unplaced.push(summary);
      else placement.points.push({ ...summary, latitude, longitude });
    }
    return placement;
  }

  /** The timeline of what `filter` keeps apart from its date range (context around a brush). */
  timeline(filter: IncidentFilter, unit: TimelineUnit): TimelineData {
    const undated = { ...filter, dateFrom: null, dateTo: null };
    const match = this.match(filter.text);
    const keep = incidentPredicate(this.table, undated);
    const { live } = this.table;
    const slots: number[] = [];
    for (let slot = 0; slot < live.length; slot++) {
      if (live[slot] && (!match || match.marks[slot]) && (!keep || keep(slot))) slots.push(slot);
    }
    return timelineOf(this.table, slots, unit);
  }

  /** Values in use for the pickers, most used first. */
  facets(): FindFacets {
    const t = this.table;
    return {
      eventTypes: t.eventTypes.facets(),
      subEventTypes: t.subEventTypes.facets(),
      actors: t.actorNames.facets(),
      provinces: t.provinces.facets(),
      districts: t.districts.facets(),
      tags: t.tagNames.facets(),
    };
  }

  /** The best `limitPerKind` matches of each kind (incidents by their own text only). */
  search(text: string, limitPerKind: number): SearchHits {
    const match = this.match(text);
    if (!match) return { incidents: [], sources: [], annotations: [] };
    const { incidents, sources, annotations } = match.results;
    const ids = this.table.ids;
    return {
      incidents: Array.from(incidents.slots.subarray(0, limitPerKind), (slot, i) => ({
        id: ids[slot]!,
        score: incidents.scores[i]!,
        terms: incidents.termsOf(slot),
      })),
      sources: sources
        .slice(0, limitPerKind)
        .map((r) => ({ id: r.id as string, score: r.score, terms: r.terms })),
      annotations: annotations.slice(0, limitPerKind).flatMap((r) => {
        const target = this.joins.targetOf(r.id as string);
        if (!target) return [];
        const { targetKind, targetId } = target;
        return [{ id: r.id as string, score: r.score, terms: r.terms, targetKind, targetId }];
      }),
    };
  }

  /** The index terms a query matched anywhere (typos and prefixes resolved), for highlighting. */
  terms(text: string): string[] {
    const match = this.match(text);
    if (!match) return [];
    const { incidents, sources, annotations } = match.results;
    const terms = new Set<string>(incidents.terms());
    for (const results of [sources, annotations]) {
      for (const result of results) for (const term of result.terms) terms.add(term);
    }
    return [...terms];
  }

  // ---- keeping up with the records --------------------------------------------------------------

  private applyOne(change: RecordChange, patch: boolean, touched: Set<string>) {
    const add = (ids: Iterable<string>) => {
      for (const id of ids) touched.add(id);
    };
    switch (change.kind) {
      case 'incident':
        if (change.record) this.putIncident(change.record, patch);
        else this.removeIncident(change.id, patch);
        return;
      case 'source':
        if (change.record) this.text.upsertSource(change.record);
        else this.text.removeSource(change.id);
        add(this.joins.setSource(change.id, change.record ? change.record.reliability : undefined));
        return;
      case 'annotation':
        if (change.record) this.text.upsertAnnotation(change.record);
        else this.text.removeAnnotation(change.id);
        add(this.joins.setAnnotation(change.id, change.record));
        return;
      case 'link':
        add(this.joins.setLink(change.id, change.record));
        return;
      case 'conflict':
        add(this.joins.setConflict(change.id, change.record));
        return;
    }
  }

  private putIncident(record: StoredRecord<'incident'>, patch: boolean): void {
    const t = this.table;
    const before = t.slotOf.get(record.id);
    if (before !== undefined && patch) this.orders.detach(before);
    const slot = t.upsert(record);
    t.textHash[slot] = this.text.upsertIncident(slot, record, t.textHash[slot]!);
    this.writeJoined(record.id, slot);
    if (patch) this.orders.attach(slot);
  }

  private removeIncident(id: string, patch: boolean): void {
    const slot = this.table.slotOf.get(id);
    if (slot === undefined) return;
    if (patch) this.orders.detach(slot);
    this.table.remove(id);
    this.text.removeIncident(slot);
  }

  /** Copies what the joins say about the incident into its columns. */
  private writeJoined(id: string, slot: number): void {
    const t = this.table;
    t.grades[slot] = this.joins.gradeMask(id);
    t.conflicts[slot] = this.joins.conflictsOn(id);
    t.openThreads[slot] = this.joins.openThreadsOn(id);
  }

  private idsOf(kind: IndexedKind | 'conflict'): string[] {
    switch (kind) {
      case 'incident':
        return [...this.table.slotOf.keys()];
      case 'source':
        return this.joins.sourceIds();
      case 'annotation':
        return this.joins.annotationIds();
      case 'link':
        return this.joins.linkIds();
      case 'conflict':
        return this.joins.conflictIds();
    }
  }

  // ---- answering ------------------------------------------------------------------------------

  /** The matches of `text`, or null when it has no term (no text filter). */
  private match(text: string): TextMatch | null {
    const terms = queryTerms(text);
    if (terms.length === 0) return null;
    const key = terms.join(' ');
    if (this.cached?.key === key) return this.cached;
    const results = this.text.search(terms);
    const marks = new Uint8Array(this.table.ids.length);
    const { slots: direct, scores: directScores } = results.incidents;
    for (let i = 0; i < direct.length; i++) marks[direct[i]!] = DIRECT;
    // Sources' and annotations' matches merged best first: an incident is listed at the first
    // (best) match that finds it, so the list comes out by score without a sort.
    const indirect: number[] = [];
    const indirectScores: number[] = [];
    const { sources, annotations } = results;
    const found = (incidentId: string, score: number) => {
      const slot = this.table.slotOf.get(incidentId);
      if (slot === undefined || marks[slot] !== 0) return;
      marks[slot] = INDIRECT;
      indirect.push(slot);
      indirectScores.push(score);
    };
    for (let s = 0, a = 0; s < sources.length || a < annotations.length;) {
      if (
        a >= annotations.length ||
        (s < sources.length && sources[s]!.score >= annotations[a]!.score)
      ) {
        const source = sources[s++]!;
        for (const incidentId of this.joins.incidentsOfSource(source.id as string)) {
          found(incidentId, source.score);
        }
        continue;
      }
      const note = annotations[a++]!;
      const target = this.joins.targetOf(note.id as string);
      if (target?.targetKind === 'incident') found(target.targetId, note.score);
      else if (target) {
        for (const incidentId of this.joins.incidentsOfSource(target.targetId)) {
          found(incidentId, note.score);
        }
      }
    }
    this.cached = { key, results, marks, direct, directScores, indirect, indirectScores };
    return this.cached;
  }

  /** Kept slots in the ascending order of `key`. */
  private inOrder(
    key: Parameters<SortOrders['get']>[0],
    match: TextMatch | null,
    keep: SlotTest | null,
  ): Int32Array {
    const order = this.orders.get(key);
    if (!match && !keep) return order.slice();
    const out = new Int32Array(match ? match.direct.length + match.indirect.length : order.length);
    const marks = match?.marks;
    let length = 0;
    for (let i = 0; i < order.length; i++) {
      const slot = order[i]!;
      if ((!marks || marks[slot]) && (!keep || keep(slot))) out[length++] = slot;
    }
    return out.subarray(0, length);
  }

  /** Kept matches, best first: direct ones by score, then indirect ones by score. */
  private byRelevance(match: TextMatch, keep: SlotTest | null): Int32Array {
    // Position in the (dateStart, id) order: later first is a descending integer compare.
    const rank = this.orders.rank('dateStart');
    const later = (a: number, b: number) => rank[b]! - rank[a]!;
    const out = { data: new Int32Array(match.direct.length + match.indirect.length), length: 0 };
    this.pushByScore(match.direct, match.directScores, keep, later, out);
    this.pushByScore(match.indirect, match.indirectScores, keep, later, out);
    return out.data.subarray(0, out.length);
  }

  /**
   * Appends the kept `slots` (best first, as `scores` say) to `out`, runs of equal scores put in
   * the tie-break order — only those need sorting.
   */
  private pushByScore(
    slots: ArrayLike<number>,
    scores: ArrayLike<number>,
    keep: SlotTest | null,
    tieBreak: (a: number, b: number) => number,
    out: { data: Int32Array; length: number },
  ): void {
    for (let i = 0; i < slots.length;) {
      let j = i + 1;
      while (j < slots.length && scores[j] === scores[i]) j++;
      const from = out.length;
      for (let k = i; k < j; k++) {
        const slot = slots[k]!;
        if (!keep || keep(slot)) out.data[out.length++] = slot;
      }
      if (out.length - from > 1) out.data.subarray(from, out.length).sort(tieBreak);
      i = j;
    }
  }
}
