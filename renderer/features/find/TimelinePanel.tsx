/**
 * The timeline of the shared result set, above the incidents list: incidents per week or month
 * stacked by event type, with fatalities; brushing a range sets the date filter (the chart itself
 * is drawn over the result set without its date range, so the context stays visible).
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFind } from '../../state/findStore.ts';
import { latest } from '../../find/useResultSet.ts';
import type { TimelineData, TimelineUnit } from '../../find/timelineData.ts';
import { colourOf } from '../../map/incidentLayer.ts';
import { useUi } from '../../state/uiStore.ts';
import { TimelineChart } from '../timeline/TimelineChart.tsx';

export function TimelinePanel() {
  const { t } = useTranslation();
  const ids = { panel: useId(), unit: useId() };
  const [open, setOpen] = useState(false);
  const [unit, setUnit] = useState<TimelineUnit>('month');
  const filter = useUi((s) => s.incidentFilter);
  const setFilter = useUi((s) => s.setIncidentFilter);
  const { client, phase, version } = useFind();
  const [data, setData] = useState<TimelineData | null>(null);

  useEffect(() => {
    if (!open || phase !== 'ready' || client === null) return;
    let current = true;
    latest(client.timeline(filter, unit))
      .then((value) => {
        if (current) setData(value);
      })
      .catch((error: unknown) => console.error(error));
    return () => {
      current = false;
    };
  }, [open, client, phase, version, filter, unit]);

  const range =
    filter.dateFrom !== null && filter.dateTo !== null
      ? { from: filter.dateFrom, to: filter.dateTo }
      : null;
  return (
    <section className="timeline-panel" aria-labelledby={`${ids.panel}-title`}>
      <h2 id={`${ids.panel}-title`} className="visually-hidden">
        {t('find.timeline')}
      </h2>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={ids.panel}
        onClick={() => setOpen(!open)}
      >
        {open ? t('find.hideTimeline') : t('find.showTimeline')}
      </button>
      {open ? (
        <div id={ids.panel}>
          <label htmlFor={ids.unit}>{t('find.timelineUnit')}</label>
          <select
            id={ids.unit}
            value={unit}
            onChange={(e) => setUnit(e.target.value as TimelineUnit)}
          >
            <option value="week">{t('find.perWeek')}</option>
            <option value="month">{t('find.perMonth')}</option>
          </select>
          {data === null ? (
            <p role="status">{t('common.loading')}</p>
          ) : (
            <TimelineChart
              data={data}
              range={range}
              colours={colourOf}
              onRangeChange={(next) =>
                setFilter({ ...filter, dateFrom: next?.from ?? null, dateTo: next?.to ?? null })
              }
            />
          )}
        </div>
      ) : null}
    </section>
  );
}
