/**
 * What re-importing a dataset writes over a stored incident with the same `externalId`, by rules
 * that make a re-import safe:
 * - the file wins on the fields it carries (`fieldsCarriedBy` its column mapping), but never
 *   blanks one: an empty value in the file ('', null, []) leaves the stored value alone;
 * - review status, its reason, merged duplicates and the external id are never touched: they are
 *   the team's judgement, not the dataset's;
 * - an actor keeps the link to its actor record when the file names the same actor in the same
 *   role.
 * Every value an update replaces stays in the incident's history.
 */
import { incidentFields, type IncidentFields } from '../../shared/domain/incident.ts';
import {
  MAPPABLE_FIELDS,
  type ColumnMapping,
  type MappableField,
} from '../../shared/interchange/columnMapping.ts';
import { jsonEqual } from '../../shared/util/canonicalJson.ts';

/** Incident fields an import never writes on a stored incident. */
const KEPT_FIELDS: ReadonlySet<string> = new Set([
  'status',
  'statusReason',
  'externalId',
  'mergedFrom',
]);
/** The fields an import may update, sorted. */
export const UPDATABLE_FIELDS = (Object.keys(incidentFields.shape) as (keyof IncidentFields)[])
  .filter((field) => !KEPT_FIELDS.has(field))
  .sort();

/** The incident field each mappable target fills; null for those an update never writes. */
const FIELD_OF: Record<MappableField, keyof IncidentFields | null> = {
  title: 'title',
  dateStart: 'dateStart',
  dateEnd: 'dateEnd',
  time: 'time',
  timePrecision: 'timePrecision',
  eventType: 'eventType',
  subEventType: 'subEventType',
  actor1: 'actors',
  actor2: 'actors',
  associated: 'actors',
  associated2: 'actors',
  claimedBy: 'actors',
  deniedBy: 'actors',
  placeName: 'placeName',
  district: 'district',
  province: 'province',
  country: 'country',
  latitude: 'latitude',
  longitude: 'longitude',
  geoPrecision: 'geoPrecision',
  fatalities: 'fatalities',
  injured: 'injured',
  notes: 'notes',
  tags: 'tags',
  status: null,
  externalId: null,
  sourceNames: null,
};

/**
 * The incident fields a file read with `mapping` carries; a map file's geometry always carries
 * the coordinates.
 */
export function fieldsCarriedBy(
  mapping: ColumnMapping,
  options: { geometry?: boolean } = {},
): Set<keyof IncidentFields> {
  const carried = new Set<keyof IncidentFields>();
  for (const target of MAPPABLE_FIELDS) {
    const field = FIELD_OF[target];
    if (field !== null && mapping[target] !== undefined) carried.add(field);
  }
  // An ACLED event type is resolved from the type and sub-type together.
  if (carried.has('subEventType')) carried.add('eventType');
  if (options.geometry) {
    carried.add('latitude');
    carried.add('longitude');
  }
  return carried;
}

/** The fields of `imported` that would change `stored`, by the rules in the header. */
export function updateOf(
  stored: IncidentFields,
  imported: IncidentFields,
  carried?: ReadonlySet<keyof IncidentFields>,
): Partial<IncidentFields> {
  const changes: Record<string, unknown> = {};
  for (const field of UPDATABLE_FIELDS) {
    if (carried !== undefined && !carried.has(field)) continue;
    let value: unknown = imported[field];
    if (value === '' || value === null || (Array.isArray(value) && value.length === 0)) continue;
    if (field === 'actors') value = keepActorLinks(stored.actors, imported.actors);
    if (!jsonEqual(value, stored[field])) changes[field] = value;
  }
  return changes as Partial<IncidentFields>;
}

/** Imported actors, each keeping the actor record of the stored actor it names in the same role. */
function keepActorLinks(
  stored: IncidentFields['actors'],
  imported: IncidentFields['actors'],
): IncidentFields['actors'] {
  return imported.map((actor) => {
    if (actor.actorId !== null) return actor;
    const same = stored.find((s) => s.name === actor.name && s.role === actor.role);
    return same ? { ...actor, actorId: same.actorId } : actor;
  });
}
