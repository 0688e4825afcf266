/**
 * Incident: one event (attack, killing, arrest, protest…) with its uncertainty recorded as data:
 * a date or date range with ACLED time precision, a place with geo precision, the conservative
 * fatality figure plus every other reported figure with the source that gave it.
 */
import { z } from 'zod';
import * as f from './fields.ts';
import {
  ACTOR_ROLES,
  GEO_PRECISIONS,
  RECORD_STATUSES,
  TIME_PRECISIONS,
  isAcledEventType,
  subEventTypesOf,
} from './vocabulary.ts';

export const incidentActor = z.object({
  name: f.shortText.min(1, { error: 'validation.required' }),
  role: z.enum(ACTOR_ROLES),
  actorId: f.id.nullable(),
});
export type IncidentActor = z.infer<typeof incidentActor>;

export const fatalityReport = z.object({
  count: f.count,
  sourceId: f.id.nullable(),
  note: f.shortText,
});
export type FatalityReport = z.infer<typeof fatalityReport>;

const literalUnion = <T extends readonly number[]>(values: T) =>
  z
    .number()
    .refine((n): n is T[number] => values.includes(n), { error: 'validation.invalidChoice' });

export const incidentFields = z.object({
  title: f.shortText.min(1, { error: 'validation.titleRequired' }),
  dateStart: f.isoDate,
  dateEnd: f.optionalIsoDate,
  /** Local time of day, HH:MM, when known. */
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'validation.invalidTime' })
    .nullable(),
  timePrecision: literalUnion(TIME_PRECISIONS),
  eventType: f.shortText,
  subEventType: f.shortText,
  actors: z.array(incidentActor).max(f.LIMITS.listItems, { error: 'validation.tooMany' }),
  placeName: f.shortText,
  district: f.shortText,
  province: f.shortText,
  country: f.shortText,
  latitude: f.latitude.nullable(),
  longitude: f.longitude.nullable(),
  geoPrecision: literalUnion(GEO_PRECISIONS),
  fatalities: f.count.nullable(),
  fatalityReports: z.array(fatalityReport).max(f.LIMITS.listItems, { error: 'validation.tooMany' }),
  injured: f.count.nullable(),
  notes: f.longText,
  tags: f.tags,
  status: z.enum(RECORD_STATUSES),
  /** Why the status was last changed (a reviewer's reason). */
  statusReason: f.shortText,
  /**
   * The incident's id in the dataset it was imported from (ACLED's `event_id_cnty`, or a key
   * column chosen when importing a CSV), so a re-import updates it instead of adding it again.
   */
  externalId: f.shortText,
  /** Incidents merged into this one as duplicates (their histories belong to this one's). */
  mergedFrom: z.array(f.id).max(f.LIMITS.listItems, { error: 'validation.tooMany' }),
});

export type IncidentFields = z.infer<typeof incidentFields>;

/** Rules between fields; reported on the field a person must change. */
export const incidentSchema = incidentFields.superRefine((value, ctx) => {
  if (value.dateEnd !== null && value.dateEnd < value.dateStart) {
    ctx.addIssue({ code: 'custom', path: ['dateEnd'], message: 'validation.endBeforeStart' });
  }
  if ((value.latitude === null) !== (value.longitude === null)) {
    const missing = value.latitude === null ? 'latitude' : 'longitude';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'validation.coordinatePair' });
  }
  if (value.subEventType !== '' && isAcledEventType(value.eventType)) {
    if (!subEventTypesOf(value.eventType).includes(value.subEventType)) {
      ctx.addIssue({
        code: 'custom',
        path: ['subEventType'],
        message: 'validation.subTypeMismatch',
      });
    }
  }
  if (value.subEventType !== '' && value.eventType === '') {
    ctx.addIssue({ code: 'custom', path: ['eventType'], message: 'validation.eventTypeRequired' });
  }
});

export const incidentRecord = incidentFields.extend(f.recordMeta);
export type Incident = IncidentFields & { id: string; created: string; updated: string };

export function emptyIncident(today: string): IncidentFields {
  return {
    title: '',
    dateStart: today,
    dateEnd: null,
    time: null,
    timePrecision: 1,
    eventType: '',
    subEventType: '',
    actors: [],
    placeName: '',
    district: '',
    province: '',
    country: '',
    latitude: null,
    longitude: null,
    geoPrecision: 1,
    fatalities: null,
    fatalityReports: [],
    injured: null,
    notes: '',
    tags: [],
    status: 'draft',
    statusReason: '',
    externalId: '',
    mergedFrom: [],
  };
}

/** The most conservative figure among the reports, or null when nobody reported one. */
export function conservativeFatalities(reports: readonly FatalityReport[]): number | null {
  return reports.reduce<number | null>(
    (min, r) => (min === null || r.count < min ? r.count : min),
    null,
  );
}
