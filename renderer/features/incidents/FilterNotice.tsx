/**
 * Above the incidents list: the review-status filter, and a notice that the list and the map show
 * only some incidents (event types chosen in the map's legend, statuses chosen here), with a
 * button to show every incident again.
 */
import { useTranslation } from 'react-i18next';
import { useUi } from '../../state/uiStore.ts';
import { isUnfiltered, NO_FILTER } from '../../data/incidentFilter.ts';
import { StatusFilter } from '../review/StatusFilter.tsx';

export function FilterNotice() {
  const { t } = useTranslation();
  const filter = useUi((s) => s.incidentFilter);
  const setFilter = useUi((s) => s.setIncidentFilter);
  const types = filter.eventTypes?.map((type) =>
    type === '' ? t('map.noEventType') : t(`vocab.eventType.${type}`, { defaultValue: type }),
  );
  const statuses = filter.statuses?.map((s) => t(`vocab.status.${s}`));
  return (
    <>
      <StatusFilter
        statuses={filter.statuses}
        onChange={(statuses) => setFilter({ ...filter, statuses })}
      />
      {isUnfiltered(filter) ? null : (
        <p className="filter-notice" role="status">
          {types
            ? t('filter.onlyTypes', {
                types: types.join(t('filter.separator')),
                count: types.length,
              })
            : null}{' '}
          {statuses
            ? t('filter.onlyStatuses', {
                statuses: statuses.join(t('filter.separator')),
                count: statuses.length,
              })
            : null}{' '}
          <button type="button" onClick={() => setFilter(NO_FILTER)}>
            {t('filter.showAll')}
          </button>
        </p>
      )}
    </>
  );
}
