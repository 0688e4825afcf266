/**
 * Beside the map: the event types with their colours, each a checkbox that filters both the map
 * and the incidents list; "Fit to results"; and the incidents the filter keeps that have no
 * coordinates, listed as "not on the map" with links to them.
 */
import { useTranslation } from 'react-i18next';
import { acledEventTypes } from '../../shared/domain/vocabulary.ts';
import { useLive } from '../app/appContext.ts';
import type { IncidentPlacement } from '../data/incidentFilter.ts';
import { routeHash } from '../state/route.ts';
import { useUi } from '../state/uiStore.ts';
import { colourOf } from './incidentLayer.ts';

export function IncidentLegend({
  placement,
  onFit,
}: {
  placement: IncidentPlacement | undefined;
  onFit: () => void;
}) {
  const { t } = useTranslation();
  const filter = useUi((s) => s.incidentFilter);
  const setFilter = useUi((s) => s.setIncidentFilter);
  const navigate = useUi((s) => s.navigate);
  const present = useLive((d) => d.eventTypesInUse(), []);
  const types = [...new Set<string>([...acledEventTypes, ...(present ?? [])])];
  const shown = (type: string) => filter.eventTypes === null || filter.eventTypes.includes(type);
  const toggle = (type: string, on: boolean) => {
    const next = types.filter((other) => (other === type ? on : shown(other)));
    setFilter({ ...filter, eventTypes: next.length === types.length ? null : next });
  };
  const name = (type: string) =>
    type === '' ? t('map.noEventType') : t(`vocab.eventType.${type}`, { defaultValue: type });
  const unplaced = placement?.unplaced ?? [];
  return (
    <section className="panel incident-legend" aria-labelledby="legend-title">
      <h2 id="legend-title">{t('map.incidents')}</h2>
      <p role="status">
        {placement === undefined
          ? t('common.loading')
          : t('map.onMap', { count: placement.points.length })}
      </p>
      <fieldset>
        <legend>{t('map.eventTypes')}</legend>
        {types.map((type) => (
          <label key={type} className="legend-item">
            <input
              type="checkbox"
              checked={shown(type)}
              onChange={(e) => toggle(type, e.target.checked)}
            />
            <span
              className="swatch"
              aria-hidden="true"
              style={{ backgroundColor: colourOf(type) }}
            />
            {name(type)}
          </label>
        ))}
      </fieldset>
      <button type="button" onClick={onFit} disabled={!placement?.points.length}>
        {t('map.fit')}
      </button>
      {unplaced.length > 0 ? (
        <details>
          <summary>{t('map.notOnMap', { count: unplaced.length })}</summary>
          <ul aria-label={t('map.notOnMapList')}>
            {unplaced.slice(0, 200).map((incident) => {
              const route = { view: 'incident', id: incident.id } as const;
              return (
                <li key={incident.id}>
                  <a
                    href={routeHash(route)}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(route);
                    }}
                  >
                    {incident.title || t('map.untitled')}
                  </a>
                </li>
              );
            })}
          </ul>
          {unplaced.length > 200 ? (
            <p className="hint">{t('map.moreNotOnMap', { count: unplaced.length - 200 })}</p>
          ) : null}
        </details>
      ) : null}
    </section>
  );
}
