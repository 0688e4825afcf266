/**
 * Which column of an imported table (or property of a GeoJSON/KML feature) fills which incident
 * field, and the step that turns one row's values into complete, validated incident fields.
 *
 * Every importer goes through `incidentFromValues`, so a date, a coordinate or an ACLED event
 * type is read the same way from every format, and a row is either a whole valid incident or one
 * refusal that names the field, the column and the value.
 */
import { emptyIncident, type IncidentActor, type IncidentFields } from '../domain/incident.ts';
import { validateRecord } from '../domain/records.ts';
import { RECORD_STATUSES, type ActorRole, type RecordStatus } from '../domain/vocabulary.ts';
import { foldForMatching } from '../util/normaliseName.ts';
import { resolveEventType } from './csv/acledEventTypes.ts';
import {
  parseCoordinateCell,
  parseCountCell,
  parseDateCell,
  parseTimeCell,
  splitNames,
} from './csv/cellValues.ts';
import type { FileLocation, ImportMessage, ImportProblem, ImportedIncident } from './imported.ts';

/**
 * The incident targets a column can fill. Actor roles, `tags` and `sourceNames` are lists
 * separated by `;`. `associated2` holds the names associated with actor 2 (ACLED's
 * `assoc_actor_2`): Daftar keeps one "associated" role, so both columns become associated actors.
 */
export const MAPPABLE_FIELDS = [
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
  'associated2',
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
  'externalId',
  'sourceNames',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** Target field → the file's column (or property) name, exactly as the file spells it. */
export type ColumnMapping = Partial<Record<MappableField, string>>;

export type AcledVariant = 'acled-current' | 'acled-legacy';

/** Header spellings each target recognises, most specific first (compared after `headerKey`). */
const ALIASES: Record<MappableField, readonly string[]> = {
  title: ['title', 'name', 'eventname', 'incidenttitle', 'headline', 'عنوان'],
  dateStart: ['datestart', 'eventdate', 'date', 'startdate', 'datefrom', 'fromdate', 'تاریخ'],
  dateEnd: ['dateend', 'enddate', 'dateto', 'todate'],
  time: ['time', 'eventtime', 'ساعت'],
  timePrecision: ['timeprecision'],
  eventType: ['eventtype', 'type', 'category', 'نوع'],
  subEventType: ['subeventtype', 'subtype'],
  actor1: ['actor1', 'actor', 'perpetrator'],
  actor2: ['actor2', 'target'],
  associated: ['associated', 'assocactor1', 'allyactor1', 'associatedactors'],
  associated2: ['associated2', 'assocactor2', 'allyactor2'],
  claimedBy: ['claimedby'],
  deniedBy: ['deniedby'],
  placeName: ['placename', 'location', 'place', 'locality', 'village', 'town', 'city', 'محل'],
  district: ['district', 'admin2', 'ولسوالی'],
  province: ['province', 'admin1', 'state', 'ولایت'],
  country: ['country', 'کشور'],
  latitude: ['latitude', 'lat', 'y'],
  longitude: ['longitude', 'lon', 'lng', 'long', 'x'],
  geoPrecision: ['geoprecision'],
  fatalities: ['fatalities', 'deaths', 'killed', 'dead', 'تلفات'],
  injured: ['injured', 'wounded', 'injuries', 'زخمی'],
  notes: ['notes', 'description', 'narrative', 'summary', 'details', 'note', 'comments', 'یادداشت'],
  tags: ['tags', 'keywords', 'labels', 'tag'],
  status: ['status'],
  externalId: ['externalid', 'eventidcnty', 'eventid', 'id', 'uid'],
  sourceNames: ['sourcenames', 'source', 'sources', 'منبع', 'منابع'],
};

/** A header as compared: no BOM, case, marks, spaces, `_`, `-` or `.` (`Event Type` = `event_type`). */
export function headerKey(header: string): string {
  return foldForMatching(header.replace(/^\uFEFF/, '')).folded.replace(/[\s_.-]/g, '');
}

const ALIAS_KEYS = Object.fromEntries(
  MAPPABLE_FIELDS.map((field) => [field, ALIASES[field].map(headerKey)]),
) as Record<MappableField, string[]>;

/** The mapping the headers suggest; each header fills at most one target. */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const keys = headers.map(headerKey);
  const used = new Set<number>();
  const mapping: ColumnMapping = {};
  for (const field of MAPPABLE_FIELDS) {
    for (const alias of ALIAS_KEYS[field]) {
      const at = keys.findIndex((key, i) => key === alias && !used.has(i));
      if (at >= 0) {
        used.add(at);
        mapping[field] = headers[at]!;
        break;
      }
    }
  }
  return mapping;
}

const ACLED_CORE = ['eventdate', 'eventtype', 'actor1', 'fatalities', 'latitude', 'longitude'];

/** Whether the headers are an ACLED export, and of which column set (2016 or current). */
export function detectAcled(headers: readonly string[]): AcledVariant | null {
  const keys = new Set(headers.map(headerKey));
  if (!ACLED_CORE.every((key) => keys.has(key))) return null;
  if (keys.has('subeventtype') || keys.has('assocactor1') || keys.has('disordertype')) {
    return 'acled-current';
  }
  if (keys.has('allyactor1') || keys.has('gwno') || keys.has('eventidnocnty')) {
    return 'acled-legacy';
  }
  return null;
}

/** The headers no target reads (blank headers shown by position, from 1). */
export function columnsNotKept(headers: readonly string[], mapping: ColumnMapping): string[] {
  const kept = new Set(Object.values(mapping));
  return headers.flatMap((header, i) =>
    kept.has(header) ? [] : [header.trim() === '' ? `#${i + 1}` : header],
  );
}

const ROLE_TARGETS: readonly [MappableField, ActorRole][] = [
  ['actor1', 'actor1'],
  ['actor2', 'actor2'],
  ['associated', 'associated'],
  ['associated2', 'associated'],
  ['claimedBy', 'claimedBy'],
  ['deniedBy', 'deniedBy'],
];

const PRECISIONS = [1, 2, 3] as const;
const DETAIL_LIMIT = 200;
/** Field limit of a title (a synthesised one is cut to it). */
const TITLE_LIMIT = 300;

export type RowResult = { incident: ImportedIncident } | { problem: ImportProblem };

/**
 * One row's values (column name → text) as an imported incident, or the reason it is refused.
 * Unmapped fields take `emptyIncident`'s values; the status is `draft` unless a column says
 * otherwise. Without a title column the title is made from the sub-type (or type) and the most
 * precise place, "Armed clash — Kunduz", so the list shows what happened where.
 */
export function incidentFromValues(
  values: Readonly<Record<string, string>>,
  mapping: ColumnMapping,
  at: FileLocation,
): RowResult {
  const cell = (field: MappableField): string => {
    const column = mapping[field];
    return column === undefined ? '' : (values[column] ?? '');
  };
  const refuse = (
    reason: string,
    field: MappableField | '',
    params: Record<string, string | number> = {},
  ): RowResult => {
    const value = field === '' ? '' : cell(field);
    return {
      problem: {
        key: `interchange.row.${reason}`,
        at,
        params: { field, column: field === '' ? '' : (mapping[field] ?? ''), ...params },
        detail: value.length > DETAIL_LIMIT ? `${value.slice(0, DETAIL_LIMIT)}…` : value,
      },
    };
  };
  const remarks: ImportMessage[] = [];
  const fields: IncidentFields = emptyIncident('');

  for (const field of ['dateStart', 'dateEnd'] as const) {
    const text = cell(field);
    if (text.trim() === '') {
      if (field === 'dateStart') return refuse('dateMissing', field);
      continue;
    }
    const date = parseDateCell(text);
    if (!date.ok) return refuse(date.reason, field);
    fields[field] = date.iso;
    if (date.solarHijri) {
      remarks.push({
        key: 'interchange.remark.solarHijri',
        params: { value: text.trim(), date: date.iso },
      });
    }
  }

  const time = cell('time');
  if (time.trim() !== '') {
    fields.time = parseTimeCell(time);
    if (fields.time === null) return refuse('badTime', 'time');
  }

  for (const field of ['timePrecision', 'geoPrecision'] as const) {
    const text = cell(field);
    if (text.trim() === '') continue;
    const value = parseCountCell(text);
    const precision = PRECISIONS.find((p) => p === value);
    if (precision === undefined) return refuse('badChoice', field, { choices: '1, 2, 3' });
    fields[field] = precision;
  }

  for (const field of ['latitude', 'longitude'] as const) {
    const text = cell(field);
    if (text.trim() === '') continue;
    const value = parseCoordinateCell(text);
    if (Number.isNaN(value)) return refuse('badNumber', field);
    fields[field] = value;
  }

  for (const field of ['fatalities', 'injured'] as const) {
    const text = cell(field);
    if (text.trim() === '') continue;
    const value = parseCountCell(text);
    if (Number.isNaN(value)) return refuse('badNumber', field);
    fields[field] = value;
  }

  const status = cell('status').trim().toLowerCase();
  if (status !== '') {
    const known = RECORD_STATUSES.find((s): s is RecordStatus => s === status);
    if (known === undefined) {
      return refuse('badChoice', 'status', { choices: RECORD_STATUSES.join(', ') });
    }
    fields.status = known;
  }

  const actorTargets: MappableField[] = [];
  for (const [target, role] of ROLE_TARGETS) {
    for (const name of splitNames(cell(target))) {
      fields.actors.push({ name, role, actorId: null } satisfies IncidentActor);
      actorTargets.push(target);
    }
  }

  const type = resolveEventType(cell('eventType'), cell('subEventType'), {
    inter1: values['inter1'] ?? values['INTER1'],
    inter2: values['inter2'] ?? values['INTER2'],
    actor1: cell('actor1'),
  });
  fields.eventType = type.eventType;
  fields.subEventType = type.subEventType;
  remarks.push(...type.remarks);

  fields.placeName = cell('placeName');
  fields.district = cell('district');
  fields.province = cell('province');
  fields.country = cell('country');
  fields.notes = cell('notes');
  fields.tags = splitNames(cell('tags'));
  fields.externalId = cell('externalId');

  fields.title = cell('title').trim();
  if (fields.title === '') {
    fields.title = madeTitle(fields);
    remarks.push({ key: 'interchange.remark.titleMade', params: { title: fields.title } });
  }

  const checked = validateRecord('incident', fields);
  if (!checked.ok) {
    const issue = checked.issues[0]!;
    const [head, index] = issue.field.split('.');
    const target: MappableField | '' =
      head === 'actors'
        ? (actorTargets[Number(index)] ?? '')
        : (MAPPABLE_FIELDS.find((f) => f === head) ?? '');
    return refuse('invalid', target, { reason: issue.message, path: issue.field });
  }
  return {
    incident: { at, fields: checked.value, sourceNames: splitNames(cell('sourceNames')), remarks },
  };
}

/** "Armed clash — Kunduz": what happened (sub-type, else type), then the most precise place. */
function madeTitle(fields: IncidentFields): string {
  const what = fields.subEventType.trim() || fields.eventType.trim() || 'Incident';
  const where =
    [fields.placeName, fields.district, fields.province, fields.country]
      .map((place) => place.trim())
      .find((place) => place !== '') ?? fields.dateStart;
  return `${what} — ${where}`.slice(0, TITLE_LIMIT).trim();
}
