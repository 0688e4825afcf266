/**
 * Which incidents the list and the map show: one filter for both, so they always show the same
 * result set. Event types for now; search and the other filters join it later.
 */

export interface IncidentFilter {
  /** Event types shown (`''` stands for "no type given"), or null for every type. */
  eventTypes: readonly string[] | null;
}

export const NO_FILTER: IncidentFilter = { eventTypes: null };

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
