/**
 * Which incidents the list, the map and the timeline show: one filter for all three, so they
 * always show the same result set. The find engine (renderer/find) applies all of it; the
 * IndexedDB path of daftarData applies the indexed part (event types, statuses) while the engine
 * is still being built.
 */
import {
  reviewStatusOf,
  type RecordStatus,
  type Reliability,
  type ReviewStatus,
} from '../../shared/domain/vocabulary.ts';

export interface IncidentFilter {
  /** Full-text query over the incident, its sources and its annotations ('' for none). */
  text: string;
  /** Inclusive ISO date range; an incident is kept when [dateStart, dateEnd ?? dateStart] meets it. */
  dateFrom: string | null;
  dateTo: string | null;
  /** Event types shown (`''` stands for "no type given"), or null for every type. */
  eventTypes: readonly string[] | null;
  /** Sub-types shown (`''`: none given), or null for all. */
  subEventTypes: readonly string[] | null;
  /** Actor names (any role); an incident with any of them is kept. Compared folded. */
  actors: readonly string[] | null;
  /** Provinces and districts, compared folded; `''` stands for "not given". */
  provinces: readonly string[] | null;
  districts: readonly string[] | null;
  /** Review statuses shown (legacy `unverified` counts as `submitted`), or null for all. */
  statuses: readonly ReviewStatus[] | null;
  /** Tags; an incident with any of them is kept. */
  tags: readonly string[] | null;
  /** Kept when a linked source has one of these grades; `'none'`: no linked source is graded. */
  reliabilities: readonly (Reliability | 'none')[] | null;
  /** true: only incidents with an unresolved conflict; false: only those without; null: all. */
  hasConflicts: boolean | null;
  /** true: only incidents with an open review thread; false: only without; null: all. */
  hasOpenAnnotations: boolean | null;
}

export const NO_FILTER: IncidentFilter = {
  text: '',
  dateFrom: null,
  dateTo: null,
  eventTypes: null,
  subEventTypes: null,
  actors: null,
  provinces: null,
  districts: null,
  statuses: null,
  tags: null,
  reliabilities: null,
  hasConflicts: null,
  hasOpenAnnotations: null,
};

export const isUnfiltered = (filter: IncidentFilter) =>
  (Object.keys(NO_FILTER) as (keyof IncidentFilter)[]).every(
    (key) => filter[key] === NO_FILTER[key],
  );

/** Whether the filter uses only what IndexedDB's indexes answer (event types, statuses). */
export const isIndexedOnly = (filter: IncidentFilter) =>
  isUnfiltered({ ...filter, eventTypes: null, statuses: null });

/** Whether an incident passes the indexed part of the filter (event types and statuses). */
export function keeps(
  filter: IncidentFilter,
  incident: { eventType: string; status: RecordStatus },
): boolean {
  return (
    (filter.eventTypes === null || filter.eventTypes.includes(incident.eventType)) &&
    (filter.statuses === null || filter.statuses.includes(reviewStatusOf(incident.status)))
  );
}

export interface IncidentSummary {
  id: string;
  title: string;
  eventType: string;
  dateStart: string;
}

export interface IncidentPoint extends IncidentSummary {
  latitude: number;
  longitude: number;
}

export interface IncidentPlacement {
  points: IncidentPoint[];
  /** Incidents without coordinates: listed as "not on the map". */
  unplaced: IncidentSummary[];
}
