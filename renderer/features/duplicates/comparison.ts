/**
 * The side-by-side comparison of two incidents, as data: one row per field with whether the two
 * values differ and whether the field is chosen or united on merge; the person's picks (A's value
 * or B's) turned into the choices of a merge into A or into B; and each value as text. Pure, so
 * it is tested without a DOM.
 */
import type { TFunction } from 'i18next';
import type { IncidentActor, IncidentFields } from '../../../shared/domain/incident.ts';
import { jsonEqual } from '../../../shared/util/canonicalJson.ts';
import { isUnitedField, type ChosenField, type MergeChoices } from '../../data/mergeIncidents.ts';
import { valueText } from '../editing/historyText.ts';

/** The fields shown side by side, in the editor's order. */
export const COMPARED_FIELDS = [
  'title',
  'dateStart',
  'dateEnd',
  'time',
  'timePrecision',
  'eventType',
  'subEventType',
  'actors',
  'placeName',
  'district',
  'province',
  'country',
  'latitude',
  'longitude',
  'geoPrecision',
  'fatalities',
  'fatalityReports',
  'injured',
  'notes',
  'tags',
  'status',
  'statusReason',
  'externalId',
  'mergedFrom',
] as const satisfies readonly (keyof IncidentFields)[];
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export type Side = 'a' | 'b';
/** Which record's value the merged incident keeps, per chosen field that differs. */
export type Picks = Partial<Record<ChosenField, Side>>;

export interface ComparisonRow {
  field: ComparedField;
  a: unknown;
  b: unknown;
  differs: boolean;
  /** Both records' values are kept (reports, tags, actors, merged ids): nothing to choose. */
  united: boolean;
}

export function comparisonRows(a: IncidentFields, b: IncidentFields): ComparisonRow[] {
  return COMPARED_FIELDS.map((field) => ({
    field,
    a: a[field],
    b: b[field],
    differs: !jsonEqual(a[field], b[field]),
    united: isUnitedField(field),
  }));
}

/** The value kept for a row: the pick, else the first incident's (A's). */
export function pickOf(picks: Picks, row: ComparisonRow): Side {
  return isChosen(row) ? (picks[row.field as ChosenField] ?? 'a') : 'a';
}

export function isChosen(row: ComparisonRow): boolean {
  return row.differs && !row.united;
}

/** The merge's choices when `into` survives: a field picked from the other side is 'other'. */
export function choicesFor(into: Side, picks: Picks, rows: readonly ComparisonRow[]): MergeChoices {
  const choices: MergeChoices = {};
  for (const row of rows) {
    if (!isChosen(row)) continue;
    choices[row.field as ChosenField] = pickOf(picks, row) === into ? 'survivor' : 'other';
  }
  return choices;
}

/** The chosen fields the survivor takes from the other record (the confirmation names them). */
export function takenFromOther(choices: MergeChoices): ChosenField[] {
  return (Object.keys(choices) as ChosenField[]).filter((field) => choices[field] === 'other');
}

/** A field's label; the status reason has none of its own elsewhere in the interface. */
export function comparedFieldLabel(t: TFunction, field: ComparedField): string {
  return field === 'statusReason'
    ? t('duplicates.statusReason')
    : t(`fieldName.${field}`, { defaultValue: field });
}

/** A value as the table shows it: one line, or lines for a list. */
export function displayValue(t: TFunction, field: ComparedField, value: unknown): string[] {
  const notSet = t('common.notSet');
  if (value === null || value === undefined || value === '') return [notSet];
  switch (field) {
    case 'timePrecision':
    case 'geoPrecision':
      return [t(`vocab.${field}.${String(value)}`, { defaultValue: String(value) })];
    case 'status':
      return [t(`vocab.status.${String(value)}`, { defaultValue: String(value) })];
    case 'eventType':
      return [t(`vocab.eventType.${String(value)}`, { defaultValue: String(value) })];
    case 'subEventType':
      return [t(`vocab.subEventType.${String(value)}`, { defaultValue: String(value) })];
    case 'actors': {
      const actors = value as IncidentActor[];
      if (actors.length === 0) return [notSet];
      return actors.map(
        (actor) => `${actor.name} (${t(`vocab.role.${actor.role}`, { defaultValue: actor.role })})`,
      );
    }
    case 'fatalityReports': {
      const reports = value as IncidentFields['fatalityReports'];
      if (reports.length === 0) return [notSet];
      return reports.map((r) => (r.note ? `${r.count} — ${r.note}` : String(r.count)));
    }
    case 'tags':
    case 'mergedFrom': {
      const list = value as string[];
      return list.length === 0 ? [notSet] : list;
    }
    default:
      return [valueText(value, notSet)];
  }
}
