/**
 * What the find engine takes and answers: the changes it follows, the sort orders it keeps, and
 * the shapes of its answers. Plain data only — everything here crosses the worker boundary by
 * structured clone.
 */
import type { AnnotatableKind } from '../../shared/domain/annotation.ts';
import type { StoredRecord } from '../../shared/domain/records.ts';

export type IndexedKind = 'incident' | 'source' | 'annotation' | 'link';

/**
 * One record written or removed (`record: null`), or a conflict row (its `record` field:
 * `kind:recordId`). `reset`: every record of the kind that is not sent again in the same
 * `apply` call after it is removed (a table read again from scratch).
 */
export type FindChange =
  | { kind: 'incident'; id: string; record: StoredRecord<'incident'> | null }
  | { kind: 'source'; id: string; record: StoredRecord<'source'> | null }
  | { kind: 'annotation'; id: string; record: StoredRecord<'annotation'> | null }
  | { kind: 'link'; id: string; record: StoredRecord<'link'> | null }
  | { kind: 'conflict'; id: string; record: string | null }
  | { kind: 'reset'; of: IndexedKind | 'conflict' };

/** The same values as daftarData's IncidentSort (kept apart so the worker never loads Dexie). */
export type FindSortKey =
  'dateStart' | 'updated' | 'eventType' | 'status' | 'fatalities' | 'relevance';

export interface FindSort {
  by: FindSortKey;
  direction: 'asc' | 'desc';
}

export interface FacetValue {
  /** The value as first seen (for actors and places: among those folding to the same). */
  value: string;
  /** Incidents with it. */
  count: number;
}

/** Values in use, for the filter pickers, most used first. `''`: not given. */
export interface FindFacets {
  eventTypes: FacetValue[];
  subEventTypes: FacetValue[];
  actors: FacetValue[];
  provinces: FacetValue[];
  districts: FacetValue[];
  tags: FacetValue[];
}

export interface SearchHit {
  id: string;
  score: number;
  /** The index terms of the record the query matched (for highlighting). */
  terms: string[];
}

export interface AnnotationHit extends SearchHit {
  targetKind: AnnotatableKind;
  targetId: string;
}

/** The best matches of each kind, for a "search everything" view. */
export interface SearchHits {
  incidents: SearchHit[];
  sources: SearchHit[];
  annotations: AnnotationHit[];
}

export interface FindSize {
  incidents: number;
  sources: number;
  annotations: number;
  links: number;
  conflicts: number;
}
