/**
 * An incident's date as researchers read it: the range when there is one, and its precision.
 * Gregorian shows the stored ISO dates as they are; Solar Hijri writes them as "1 Hamal 1403".
 */
import i18next, { type TFunction } from 'i18next';
import type { IncidentFields } from '../../../shared/domain/incident.ts';
import type { Calendar } from '../../../shared/util/solarHijri.ts';
import { currentCalendar, formatIsoDateRange } from '../../i18n/calendar.ts';

export function formatIncidentDate(
  incident: Pick<IncidentFields, 'dateStart' | 'dateEnd' | 'timePrecision'>,
  t: TFunction,
  calendar: Calendar = currentCalendar(),
  language: string = i18next.language,
): string {
  const end = incident.dateEnd ?? incident.dateStart;
  const range =
    calendar === 'gregorian'
      ? end !== incident.dateStart
        ? `${incident.dateStart} – ${end}`
        : incident.dateStart
      : formatIsoDateRange(incident.dateStart, end, language, calendar);
  return incident.timePrecision === 1
    ? range
    : `${range} (${t(`vocab.timePrecisionShort.${incident.timePrecision}`)})`;
}
