/**
 * Incidents written as CSV, in two shapes: ACLED's current 31 columns in ACLED's order, for
 * tools built on ACLED data; and Daftar's own plain columns, every incident field a person can
 * read, for spreadsheets and for importing into Daftar again without loss.
 *
 * Decisions, each kept by the tests:
 * - RFC 4180: fields quoted when they hold a quote, comma, line break or edge spaces; quotes
 *   doubled; records end with CRLF; a line break inside a field is written as it is stored.
 * - Byte-order mark: the plain file starts with one, because Excel reads UTF-8 without it as the
 *   local code page and Dari turns to mojibake; the ACLED file has none, like ACLED's own
 *   exports, because pandas and R keep a BOM as part of the first column's name. Both readers of
 *   ours accept either.
 * - Formulas: a text cell a spreadsheet would run (`=`, `+`, `@`, tab, CR, or `-` not followed
 *   by a digit) is written with a `'` in front; `readCsv` takes it off (see `guardFormula`).
 * - ACLED `fatalities`: an unknown figure (null) is written blank, not 0. ACLED writes 0 for
 *   "none reported", but Daftar separates "nobody gave a figure" from "reported 0", and a blank
 *   reads as missing (NA) in pandas and R instead of as a claim that nobody died.
 * - Not carried: fatality reports and actor record ids (they point into this database), merges.
 *   ACLED's shape also drops the title, end date, time, injured, status, claimed/denied actors,
 *   and every actor 1 and actor 2 but the first (ACLED has one of each).
 *
 * Output is a list of chunks of 1,000 rows, ready for `new Blob(chunks)`.
 */
import type { Incident } from '../../domain/incident.ts';
import type { ActorRole } from '../../domain/vocabulary.ts';
import { guardFormula } from './cellValues.ts';

export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;
type AcledColumn = (typeof ACLED_COLUMNS)[number];

export const PLAIN_COLUMNS = [
  'id',
  'title',
  'dateStart',
  'dateEnd',
  'time',
  'timePrecision',
  'eventType',
  'subEventType',
  'actor1',
  'actor2',
  'associated',
  'claimedBy',
  'deniedBy',
  'placeName',
  'district',
  'province',
  'country',
  'latitude',
  'longitude',
  'geoPrecision',
  'fatalities',
  'injured',
  'notes',
  'tags',
  'status',
  'statusReason',
  'externalId',
  'sourceNames',
] as const;
type PlainColumn = (typeof PLAIN_COLUMNS)[number];

export interface CsvWriteOptions {
  /** Start with a UTF-8 byte-order mark (default: plain yes, ACLED no). */
  bom?: boolean;
}

const ROWS_PER_CHUNK = 1_000;
const BOM = '\uFEFF';
const LIST_SEPARATOR = '; ';

const NEEDS_QUOTES = /[",\r\n]/;
const EDGE_SPACE = /^\s|\s$/;

/** One cell as RFC 4180 text, guarded against formulas. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = guardFormula(value);
  return NEEDS_QUOTES.test(text) || EDGE_SPACE.test(text)
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

function writeRows<C extends string>(
  columns: readonly C[],
  rows: Iterable<Record<C, string | number | null>>,
  bom: boolean,
): string[] {
  const chunks: string[] = [];
  let chunk = (bom ? BOM : '') + columns.join(',') + '\r\n';
  let count = 0;
  for (const row of rows) {
    chunk += columns.map((column) => csvCell(row[column])).join(',') + '\r\n';
    if (++count % ROWS_PER_CHUNK === 0) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  if (chunk !== '') chunks.push(chunk);
  return chunks;
}

const namesOf = (incident: Incident, role: ActorRole) =>
  incident.actors.filter((actor) => actor.role === role).map((actor) => actor.name);

/** ACLED's disorder type, where the event type (and sub-type) decides it. */
function disorderType(eventType: string, subEventType: string): string {
  switch (eventType) {
    case 'Battles':
    case 'Explosions/Remote violence':
    case 'Violence against civilians':
      return 'Political violence';
    case 'Protests':
      return subEventType === 'Excessive force against protesters'
        ? 'Political violence; Demonstrations'
        : 'Demonstrations';
    case 'Riots':
      if (subEventType === 'Mob violence') return 'Political violence';
      return subEventType === 'Violent demonstration' ? 'Demonstrations' : '';
    case 'Strategic developments':
      return 'Strategic developments';
    default:
      return '';
  }
}

/**
 * ISO 3166 numeric code and ACLED region of the countries around Daftar's users; other
 * countries are left blank rather than guessed.
 */
const COUNTRIES: Record<string, { iso: number; region: string }> = {
  afghanistan: { iso: 4, region: 'South Asia' },
  pakistan: { iso: 586, region: 'South Asia' },
  india: { iso: 356, region: 'South Asia' },
  iran: { iso: 364, region: 'Middle East' },
  tajikistan: { iso: 762, region: 'Caucasus and Central Asia' },
  uzbekistan: { iso: 860, region: 'Caucasus and Central Asia' },
  turkmenistan: { iso: 795, region: 'Caucasus and Central Asia' },
  kyrgyzstan: { iso: 417, region: 'Caucasus and Central Asia' },
  kazakhstan: { iso: 398, region: 'Caucasus and Central Asia' },
};

function* acledRows(
  incidents: Iterable<Incident>,
  sourceNamesOf: (incidentId: string) => readonly string[],
): Generator<Record<AcledColumn, string | number | null>> {
  for (const incident of incidents) {
    const country = COUNTRIES[incident.country.trim().toLowerCase()];
    yield {
      event_id_cnty: incident.externalId,
      event_date: incident.dateStart,
      year: Number(incident.dateStart.slice(0, 4)),
      time_precision: incident.timePrecision,
      disorder_type: disorderType(incident.eventType, incident.subEventType),
      event_type: incident.eventType,
      sub_event_type: incident.subEventType,
      actor1: namesOf(incident, 'actor1')[0] ?? '',
      assoc_actor_1: namesOf(incident, 'associated').join(LIST_SEPARATOR),
      inter1: '',
      actor2: namesOf(incident, 'actor2')[0] ?? '',
      assoc_actor_2: '',
      inter2: '',
      interaction: '',
      civilian_targeting:
        incident.eventType === 'Violence against civilians' ? 'Civilian targeting' : '',
      iso: country?.iso ?? '',
      region: country?.region ?? '',
      country: incident.country,
      admin1: incident.province,
      admin2: incident.district,
      admin3: '',
      location: incident.placeName,
      latitude: incident.latitude,
      longitude: incident.longitude,
      geo_precision: incident.geoPrecision,
      source: sourceNamesOf(incident.id).join(LIST_SEPARATOR),
      source_scale: '',
      notes: incident.notes,
      fatalities: incident.fatalities,
      tags: incident.tags.join(LIST_SEPARATOR),
      timestamp: '',
    };
  }
}

/** ACLED's current 31 columns, one row per incident. */
export function writeAcledCsv(
  incidents: Iterable<Incident>,
  sourceNamesOf: (incidentId: string) => readonly string[],
  options: CsvWriteOptions = {},
): string[] {
  return writeRows(ACLED_COLUMNS, acledRows(incidents, sourceNamesOf), options.bom ?? false);
}

/** One incident as the plain export's columns (lists joined with `; `); GeoJSON and KML carry the same. */
export function plainRecord(
  incident: Incident,
  sourceNamesOf: ((incidentId: string) => readonly string[]) | undefined,
): Record<PlainColumn, string | number | null> {
  return {
    id: incident.id,
    title: incident.title,
    dateStart: incident.dateStart,
    dateEnd: incident.dateEnd,
    time: incident.time,
    timePrecision: incident.timePrecision,
    eventType: incident.eventType,
    subEventType: incident.subEventType,
    actor1: namesOf(incident, 'actor1').join(LIST_SEPARATOR),
    actor2: namesOf(incident, 'actor2').join(LIST_SEPARATOR),
    associated: namesOf(incident, 'associated').join(LIST_SEPARATOR),
    claimedBy: namesOf(incident, 'claimedBy').join(LIST_SEPARATOR),
    deniedBy: namesOf(incident, 'deniedBy').join(LIST_SEPARATOR),
    placeName: incident.placeName,
    district: incident.district,
    province: incident.province,
    country: incident.country,
    latitude: incident.latitude,
    longitude: incident.longitude,
    geoPrecision: incident.geoPrecision,
    fatalities: incident.fatalities,
    injured: incident.injured,
    notes: incident.notes,
    tags: incident.tags.join(LIST_SEPARATOR),
    status: incident.status,
    statusReason: incident.statusReason,
    externalId: incident.externalId,
    sourceNames: sourceNamesOf?.(incident.id).join(LIST_SEPARATOR) ?? '',
  };
}

function* plainRows(
  incidents: Iterable<Incident>,
  sourceNamesOf: ((incidentId: string) => readonly string[]) | undefined,
): Generator<Record<PlainColumn, string | number | null>> {
  for (const incident of incidents) yield plainRecord(incident, sourceNamesOf);
}

/**
 * Every incident field under Daftar's own names (lists joined with `; `). `sourceNamesOf`, when
 * given, fills `sourceNames`. `id` and `statusReason` are written for people; the importer does
 * not read them back (an imported incident gets an id of its own; a reason belongs to a review
 * step in the database it was given in).
 */
export function writePlainCsv(
  incidents: Iterable<Incident>,
  sourceNamesOf?: (incidentId: string) => readonly string[],
  options: CsvWriteOptions = {},
): string[] {
  return writeRows(PLAIN_COLUMNS, plainRows(incidents, sourceNamesOf), options.bom ?? true);
}
