/**
 * The full-text side of the find engine: one index per kind — incidents (keyed by table slot) in
 * our own typed-array index (incidentTextIndex.ts, which scores as MiniSearch does), sources and
 * annotations (keyed by id, far fewer) in MiniSearch — all with the search words of
 * shared/search/searchText.ts, and the query options every search uses (also the benchmark's
 * floor, a bare MiniSearch). In memory only: nothing here is ever serialised or stored.
 *
 * Query options, bounded so a query stays cheap on 100,000 incidents (see docs/benchmarks.md,
 * find.search): every term must match (AND); the last term also matches as a prefix (the word
 * being typed) once it has 2 letters; terms of 4–7 letters match with 1 edit, of 8 or more with
 * 2; shorter ones exactly. Removed and replaced records are discarded at once and swept from the
 * index in small batches between messages (MiniSearch's vacuum; the incident index's compaction).
 */
import MiniSearch, { type SearchOptions, type SearchResult } from 'minisearch';
import type { StoredRecord } from '../../shared/domain/records.ts';
import { indexTerms } from '../../shared/search/searchText.ts';
import { IncidentTextIndex, type IncidentMatches } from './incidentTextIndex.ts';

export const INCIDENT_FIELDS = ['title', 'places', 'actors', 'tags', 'externalId', 'notes'];
export const SOURCE_FIELDS = ['title', 'outlet', 'author', 'excerpt', 'fullText'];
export const ANNOTATION_FIELDS = ['body', 'quote', 'suggestion'];

/** Field weights: a word in the title counts three times one in the notes. */
export const INCIDENT_BOOST = { title: 3, externalId: 3, places: 2, actors: 1.5, tags: 1.5 };
const SOURCE_BOOST = { title: 2, outlet: 1.5, author: 1.5 };

const MIN_PREFIX = 2;
const MIN_FUZZY = 4;
const TWO_EDITS = 8;

const EXPANSION = {
  prefix: (term: string, i: number, terms: string[]) =>
    i === terms.length - 1 && term.length >= MIN_PREFIX,
  fuzzy: (term: string) => (term.length < MIN_FUZZY ? false : term.length < TWO_EDITS ? 1 : 2),
  maxFuzzy: 2,
};

/** The search options of every query (with the terms already folded, space-separated). */
export const QUERY_OPTIONS: SearchOptions = {
  combineWith: 'AND',
  ...EXPANSION,
  tokenize: (query) => query.split(' '),
  processTerm: (term) => term,
};

/** Index options shared by the three indexes (and the benchmark's bare MiniSearch). */
export function indexOptions(fields: string[]) {
  return {
    fields,
    tokenize: (text: string) => indexTerms(text),
    processTerm: (term: string) => term,
    // Vacuum in small batches with pauses, so queries arriving meanwhile wait little.
    autoVacuum: { batchSize: 2, batchWait: 1, minDirtCount: 500, minDirtFactor: 0.1 },
  };
}

export interface IncidentDoc {
  id: number;
  title: string;
  places: string;
  actors: string;
  tags: string;
  externalId: string;
  notes: string;
}

export function incidentDoc(slot: number, r: StoredRecord<'incident'>): IncidentDoc {
  return {
    id: slot,
    title: r.title,
    places: `${r.placeName}\n${r.district}\n${r.province}\n${r.country}`,
    actors: r.actors.map((a) => a.name).join('\n'),
    tags: (r.tags ?? []).join('\n'),
    externalId: r.externalId ?? '',
    notes: r.notes,
  };
}

interface SourceDoc {
  id: string;
  title: string;
  outlet: string;
  author: string;
  excerpt: string;
  fullText: string;
}

interface AnnotationDoc {
  id: string;
  body: string;
  quote: string;
  suggestion: string;
}

/** The incident index, as MiniSearch with `indexOptions(INCIDENT_FIELDS)` and QUERY_OPTIONS. */
export function incidentIndex(): IncidentTextIndex {
  return new IncidentTextIndex(INCIDENT_FIELDS, INCIDENT_BOOST, EXPANSION, indexTerms);
}

/** The texts of the incident's fields, in the order of INCIDENT_FIELDS. */
export function incidentTexts(doc: IncidentDoc): string[] {
  return INCIDENT_FIELDS.map((field) => doc[field as keyof IncidentDoc] as string);
}

/** Matches of one query in each index, best first (MiniSearch's order). */
export interface TextResults {
  incidents: IncidentMatches;
  sources: SearchResult[];
  annotations: SearchResult[];
}

export class TextIndexes {
  private incidents = incidentIndex();
  private sources = new MiniSearch<SourceDoc>(indexOptions(SOURCE_FIELDS));
  private annotations = new MiniSearch<AnnotationDoc>(indexOptions(ANNOTATION_FIELDS));
  private readonly hashes = {
    source: new Map<string, number>(),
    annotation: new Map<string, number>(),
  };

  /** Whether discarded records are being swept out of an index (in batches, between tasks). */
  get vacuuming(): boolean {
    return this.incidents.vacuuming || this.sources.isVacuuming || this.annotations.isVacuuming;
  }

  /** Indexes the incident's text unless it is unchanged; returns the text's hash. */
  upsertIncident(slot: number, record: StoredRecord<'incident'>, previousHash: number): number {
    const doc = incidentDoc(slot, record);
    const texts = incidentTexts(doc);
    const hash = hashOf(...texts);
    if (hash === previousHash && this.incidents.has(slot)) return hash;
    this.incidents.add(slot, texts);
    return hash;
  }

  removeIncident(slot: number): void {
    this.incidents.remove(slot);
  }

  upsertSource(r: StoredRecord<'source'>): void {
    const doc = {
      id: r.id,
      title: r.title,
      outlet: r.outlet,
      author: r.author,
      excerpt: r.excerpt,
      fullText: r.fullText,
    };
    this.put(this.sources, this.hashes.source, doc, [
      doc.title,
      doc.outlet,
      doc.author,
      doc.excerpt,
      doc.fullText,
    ]);
  }

  removeSource(id: string): void {
    this.drop(this.sources, this.hashes.source, id);
  }

  upsertAnnotation(r: StoredRecord<'annotation'>): void {
    const doc = {
      id: r.id,
      body: r.body,
      quote: r.anchor?.exact ?? '',
      suggestion: r.suggestion ?? '',
    };
    this.put(this.annotations, this.hashes.annotation, doc, [doc.body, doc.quote, doc.suggestion]);
  }

  removeAnnotation(id: string): void {
    this.drop(this.annotations, this.hashes.annotation, id);
  }

  /** Every match of the folded `terms` in each index (incidents' ids are table slots). */
  search(terms: readonly string[]): TextResults {
    const query = terms.join(' ');
    return {
      incidents: this.incidents.search([...terms]),
      sources:
        this.sources.documentCount === 0
          ? []
          : this.sources.search(query, { ...QUERY_OPTIONS, boost: SOURCE_BOOST }),
      annotations:
        this.annotations.documentCount === 0 ? [] : this.annotations.search(query, QUERY_OPTIONS),
    };
  }

  clear(): void {
    this.incidents.dispose();
    this.incidents = incidentIndex();
    this.sources = new MiniSearch<SourceDoc>(indexOptions(SOURCE_FIELDS));
    this.annotations = new MiniSearch<AnnotationDoc>(indexOptions(ANNOTATION_FIELDS));
    this.hashes.source.clear();
    this.hashes.annotation.clear();
  }

  private put<T extends { id: string }>(
    index: MiniSearch<T>,
    hashes: Map<string, number>,
    doc: T,
    texts: string[],
  ): void {
    const hash = hashOf(...texts);
    if (hashes.get(doc.id) === hash) return;
    if (index.has(doc.id)) index.discard(doc.id);
    index.add(doc);
    hashes.set(doc.id, hash);
  }

  private drop<T>(index: MiniSearch<T>, hashes: Map<string, number>, id: string): void {
    if (index.has(id)) index.discard(id);
    hashes.delete(id);
  }
}

/**
 * cyrb53 (a public-domain 53-bit string hash) of the texts with a separator: tells an edit that
 * changed the searchable text from one that did not, without keeping the text.
 */
export function hashOf(...texts: string[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const text of texts) {
    for (let i = 0; i <= text.length; i++) {
      const ch = i < text.length ? text.charCodeAt(i) : 0x1f;
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
