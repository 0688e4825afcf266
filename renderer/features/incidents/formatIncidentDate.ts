/** An incident's date as researchers read it: the range when there is one, and its precision. */
import type { TFunction } from 'i18next';
import type { IncidentFields } from '../../../shared/domain/incident.ts';

export function formatIncidentDate(
  incident: Pick<IncidentFields, 'dateStart' | 'dateEnd' | 'timePrecision'>,
  t: TFunction,
): string {
  const range =
    incident.dateEnd && incident.dateEnd !== incident.dateStart
      ? `${incident.dateStart} – ${incident.dateEnd}`
      : incident.dateStart;
  return incident.timePrecision === 1
    ? range
    : `${range} (${t(`vocab.timePrecisionShort.${incident.timePrecision}`)})`;
}
