/**
 * The rows of the dossier's field tables: each field of an incident or source as a label and its
 * value in words — vocabulary codes translated, grades spelled out, lists one item a line, and
 * every field shown, empty ones said to be empty, so a reader sees what was not recorded too.
 * A line is a list of parts (a name, then its role) that the table isolates from each other, so
 * text in one script never reorders text in another. Pure over the translation function.
 */
import type { TFunction } from 'i18next';
import { isAcledEventType, subEventTypesOf } from '../../../shared/domain/vocabulary.ts';
import type { Incident, Link, Source } from '../../data/daftarData.ts';

/** The parts of one line, shown joined by dashes. */
export type Line = readonly string[];

export interface FieldRow {
  /** The field it shows; unique within a table. */
  key: string;
  label: string;
  /** Empty when the field is not set. */
  lines: Line[];
  /** Codes, dates, numbers and addresses: laid out left to right whatever the language. */
  ltr?: boolean;
}

const text = (value: string): Line[] => (value.trim() === '' ? [] : [[value]]);
const value = (n: number | string | null): Line[] => (n === null ? [] : [[String(n)]]);
const word = (label: string): Line[] => [[label]];

/** `sourceTitles` names the sources fatality figures cite; an unknown one shows its id. */
export function incidentRows(
  t: TFunction,
  incident: Incident,
  sourceTitles: ReadonlyMap<string, string>,
): FieldRow[] {
  const label = (field: string) => t(`fieldName.${field}`);
  const { eventType, subEventType } = incident;
  const builtIn = isAcledEventType(eventType);
  return [
    { key: 'id', label: t('dossier.recordId'), lines: [[incident.id]], ltr: true },
    { key: 'status', label: label('status'), lines: statusLines(t, incident) },
    { key: 'dateStart', label: label('dateStart'), lines: [[incident.dateStart]], ltr: true },
    { key: 'dateEnd', label: label('dateEnd'), lines: value(incident.dateEnd), ltr: true },
    { key: 'time', label: label('time'), lines: value(incident.time), ltr: true },
    {
      key: 'timePrecision',
      label: label('timePrecision'),
      lines: word(t(`vocab.timePrecision.${incident.timePrecision}`)),
    },
    {
      key: 'eventType',
      label: label('eventType'),
      lines: text(builtIn ? t(`vocab.eventType.${eventType}`) : eventType),
    },
    {
      key: 'subEventType',
      label: label('subEventType'),
      lines: text(
        subEventTypesOf(eventType).includes(subEventType)
          ? t(`vocab.subEventType.${subEventType}`)
          : subEventType,
      ),
    },
    {
      key: 'actors',
      label: label('actors'),
      lines: incident.actors.map((a) => [a.name, t(`vocab.role.${a.role}`)]),
    },
    { key: 'placeName', label: label('placeName'), lines: text(incident.placeName) },
    { key: 'district', label: label('district'), lines: text(incident.district) },
    { key: 'province', label: label('province'), lines: text(incident.province) },
    { key: 'country', label: label('country'), lines: text(incident.country) },
    {
      key: 'coordinates',
      label: t('dossier.coordinates'),
      lines:
        incident.latitude === null || incident.longitude === null
          ? []
          : [[`${incident.latitude}, ${incident.longitude}`]],
      ltr: true,
    },
    {
      key: 'geoPrecision',
      label: label('geoPrecision'),
      lines: word(t(`vocab.geoPrecision.${incident.geoPrecision}`)),
    },
    { key: 'fatalities', label: label('fatalities'), lines: value(incident.fatalities) },
    {
      key: 'fatalityReports',
      label: label('fatalityReports'),
      lines: incident.fatalityReports.map((report) =>
        [
          String(report.count),
          report.sourceId === null
            ? t('dossier.noSource')
            : (sourceTitles.get(report.sourceId) ?? report.sourceId),
          report.note,
        ].filter((part) => part !== ''),
      ),
    },
    { key: 'injured', label: label('injured'), lines: value(incident.injured) },
    { key: 'tags', label: label('tags'), lines: incident.tags.map((tag) => [tag]) },
  ];
}

export function sourceRows(t: TFunction, source: Source, link: Link): FieldRow[] {
  const label = (field: string) => t(`fieldName.${field}`);
  return [
    { key: 'id', label: t('dossier.recordId'), lines: [[source.id]], ltr: true },
    { key: 'status', label: label('status'), lines: statusLines(t, source) },
    { key: 'kind', label: label('kind'), lines: word(t(`vocab.sourceKind.${source.kind}`)) },
    { key: 'outlet', label: label('outlet'), lines: text(source.outlet) },
    { key: 'author', label: label('author'), lines: text(source.author) },
    { key: 'url', label: label('url'), lines: text(source.url), ltr: true },
    {
      key: 'publishedAt',
      label: label('publishedAt'),
      lines: value(source.publishedAt),
      ltr: true,
    },
    { key: 'capturedAt', label: label('capturedAt'), lines: value(source.capturedAt), ltr: true },
    { key: 'language', label: label('language'), lines: text(source.language), ltr: true },
    {
      key: 'reliability',
      label: label('reliability'),
      lines:
        source.reliability === null
          ? []
          : [[source.reliability, t(`vocab.reliability.${source.reliability}`)]],
    },
    {
      key: 'credibility',
      label: label('credibility'),
      lines:
        source.credibility === null
          ? []
          : [[String(source.credibility), t(`vocab.credibility.${source.credibility}`)]],
    },
    {
      key: 'supports',
      label: t('dossier.supports'),
      lines: link.supports.map((field) => [t(`vocab.supports.${field}`)]),
    },
    { key: 'linkNote', label: t('dossier.linkNote'), lines: text(link.note) },
  ];
}

/** The status in words, and on a second line why it was set, when a reason was given. */
function statusLines(t: TFunction, record: Incident | Source): Line[] {
  return [[t(`vocab.status.${record.status}`)], ...text(record.statusReason)];
}
