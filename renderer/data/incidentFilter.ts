/**
 * Which incidents the list and the map show: one filter for both, so they always show the same
 * result set. Event types and review statuses for now; search and the other filters join later.
 */
import {
  reviewStatusOf,
  type RecordStatus,
  type ReviewStatus,
} from '../../shared/domain/vocabulary.ts';

export interface IncidentFilter {
  /** Event types shown (`''` stands for "no type given"), or null for every type. */
  eventTypes: readonly string[] | null;
  /** Review statuses shown (legacy `unverified` counts as `submitted`), or null for all. */
  statuses: readonly ReviewStatus[] | null;
}

export const NO_FILTER: IncidentFilter = { eventTypes: null, statuses: null };

export const isUnfiltered = (filter: IncidentFilter) =>
  filter.eventTypes === null && filter.statuses === null;

/** Whether an incident passes the filter. */
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
