/** The timeline's numbers as a table: one row per period, a column per event type, fatalities. */
import { useTranslation } from 'react-i18next';
import type { TimelineData } from '../../find/timelineData.ts';
import type { Calendar } from '../../../shared/util/solarHijri.ts';
import { bucketTotal } from './timelineScale.ts';
import { bucketLabel } from './timeTicks.ts';

export function TimelineTable({
  data,
  calendar,
  typeName,
  selected,
}: {
  data: TimelineData;
  calendar: Calendar;
  typeName: (eventType: string) => string;
  /** Buckets inside the applied date range, marked in the table. */
  selected: (index: number) => boolean;
}) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <div className="timeline-table">
      <table>
        <caption>{t('timeline.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('timeline.period')}</th>
            {data.eventTypes.map((type) => (
              <th scope="col" key={type}>
                {typeName(type)}
              </th>
            ))}
            <th scope="col">{t('timeline.total')}</th>
            <th scope="col">{t('timeline.fatalities')}</th>
          </tr>
        </thead>
        <tbody>
          {data.buckets.length === 0 ? (
            <tr>
              <td colSpan={data.eventTypes.length + 3}>{t('timeline.empty')}</td>
            </tr>
          ) : (
            data.buckets.map((bucket, index) => (
              <tr key={bucket.start} className={selected(index) ? 'timeline-in-range' : undefined}>
                <th scope="row">
                  {bucketLabel(bucket, data.unit, calendar, i18n.language)}
                  {selected(index) ? (
                    <span className="visually-hidden"> {t('timeline.inRange')}</span>
                  ) : null}
                </th>
                {data.eventTypes.map((type) => (
                  <td key={type} className="num">
                    {number.format(bucket.counts[type] ?? 0)}
                  </td>
                ))}
                <td className="num">{number.format(bucketTotal(bucket))}</td>
                <td className="num">{number.format(bucket.fatalities)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
