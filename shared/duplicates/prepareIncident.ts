/**
 * An incident as duplicate detection compares it: folded names, its date span, its actors'
 * keys, its notes' words and its fatality figures — computed once per search, not per pair.
 */
import type { IncidentFields } from '../domain/incident.ts';
import type { TimePrecision } from '../domain/vocabulary.ts';
import { actorsOf, keysOfActorName, type ActorKeys } from './actorKeys.ts';
import { dateSpanOf, type DateSpan } from './dateSpan.ts';
import { foldFast } from './foldText.ts';
import type { NoteWords } from './notesSimilarity.ts';
import type { PlaceFacts } from './placeCloseness.ts';

/** What detection reads of an incident. */
export type DuplicateInput = Pick<
  IncidentFields,
  | 'eventType'
  | 'subEventType'
  | 'dateStart'
  | 'dateEnd'
  | 'timePrecision'
  | 'latitude'
  | 'longitude'
  | 'geoPrecision'
  | 'province'
  | 'district'
  | 'notes'
  | 'fatalities'
> & {
  id: string;
  actors: readonly { name: string }[];
  fatalityReports: readonly { count: number }[];
};

/** An incident as detection compares it, computed once. */
export interface PreparedIncident {
  id: string;
  /** Folded event type; '' for an incident without one (comparable with every type). */
  type: string;
  subType: string;
  subTypeLabel: string;
  span: DateSpan;
  place: PlaceFacts;
  /** Province and district as written, for the reasons shown. */
  provinceLabel: string;
  districtLabel: string;
  actors: ActorKeys[];
  notes: NoteWords;
  /** The conservative figure, or the lowest reported one; null when nobody gave one. */
  fatalities: number | null;
  /** Every figure given (conservative and reported), ascending, distinct. */
  figures: number[];
}

/**
 * What one search remembers between incidents: names repeat (a few hundred actors, provinces and
 * districts across 100,000 incidents), so each is folded once.
 */
export class PrepareCache {
  private readonly folded = new Map<string, string>();
  private readonly actorKeys = new Map<string, string[]>();

  fold(text: string): string {
    let value = this.folded.get(text);
    if (value === undefined) this.folded.set(text, (value = foldFast(text)));
    return value;
  }

  keysOfActor(name: string): string[] {
    let keys = this.actorKeys.get(name);
    if (keys === undefined) this.actorKeys.set(name, (keys = keysOfActorName(name)));
    return keys;
  }
}

export function prepareIncident(
  incident: DuplicateInput,
  notes: NoteWords,
  cache = new PrepareCache(),
): PreparedIncident {
  const figures: number[] = incident.fatalities === null ? [] : [incident.fatalities];
  for (const report of incident.fatalityReports) {
    if (!figures.includes(report.count)) figures.push(report.count);
  }
  figures.sort((x, y) => x - y);
  const fold = (text: string) => cache.fold(text);
  return {
    id: incident.id,
    type: fold(incident.eventType),
    subType: fold(incident.subEventType),
    subTypeLabel: incident.subEventType.trim(),
    span: dateSpanOf(incident.dateStart, incident.dateEnd, incident.timePrecision as TimePrecision),
    place: {
      latitude: incident.latitude,
      longitude: incident.longitude,
      geoPrecision: incident.geoPrecision,
      province: fold(incident.province),
      district: fold(incident.district),
    },
    provinceLabel: incident.province.trim(),
    districtLabel: incident.district.trim(),
    actors: actorsOf(
      incident.actors.map((a) => a.name),
      (name) => cache.keysOfActor(name),
    ),
    notes,
    fatalities: incident.fatalities ?? figures[0] ?? null,
    figures,
  };
}
