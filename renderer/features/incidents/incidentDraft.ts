/**
 * The incident form's draft: the record with numbers, time, end date and tags as the text the
 * person typed, so an invalid entry stays on screen with its message instead of being lost.
 */
import type { FatalityReport, IncidentFields } from '../../../shared/domain/incident.ts';
import { parseOptionalNumber, splitList } from '../../../shared/util/digits.ts';
import type { DraftCodec } from '../editing/useRecordEditor.ts';

export interface FatalityReportDraft {
  count: string;
  sourceId: string | null;
  note: string;
}

export type IncidentDraft = Omit<
  IncidentFields,
  | 'latitude'
  | 'longitude'
  | 'fatalities'
  | 'injured'
  | 'fatalityReports'
  | 'tags'
  | 'time'
  | 'dateEnd'
> & {
  latitude: string;
  longitude: string;
  fatalities: string;
  injured: string;
  fatalityReports: FatalityReportDraft[];
  tags: string;
  time: string;
  dateEnd: string;
};

const text = (n: number | null) => (n === null ? '' : String(n));

export const incidentCodec: DraftCodec<'incident', IncidentDraft> = {
  toDraft: (f) => ({
    ...f,
    latitude: text(f.latitude),
    longitude: text(f.longitude),
    fatalities: text(f.fatalities),
    injured: text(f.injured),
    fatalityReports: f.fatalityReports.map((r) => ({ ...r, count: String(r.count) })),
    tags: f.tags.join(', '),
    time: f.time ?? '',
    dateEnd: f.dateEnd ?? '',
  }),
  fromDraft: (d) => ({
    ...d,
    latitude: parseOptionalNumber(d.latitude),
    longitude: parseOptionalNumber(d.longitude),
    fatalities: parseOptionalNumber(d.fatalities),
    injured: parseOptionalNumber(d.injured),
    fatalityReports: d.fatalityReports.map(
      (r): Omit<FatalityReport, 'count'> & { count: number | null } => ({
        ...r,
        count: parseOptionalNumber(r.count),
      }),
    ),
    tags: splitList(d.tags),
    time: d.time === '' ? null : d.time,
    dateEnd: d.dateEnd === '' ? null : d.dateEnd,
  }),
};
