/**
 * Above the incidents list: the review-status filter, and a notice that the list, the map and the
 * timeline show only some incidents (event types chosen in the map's legend, statuses chosen
 * here, the search and the other filters of the filter panel), with a button to show every
 * incident again.
 */
import { useTranslation } from 'react-i18next';
import { useUi } from '../../state/uiStore.ts';
import { isUnfiltered, NO_FILTER, type IncidentFilter } from '../../data/incidentFilter.ts';
import { StatusFilter } from '../review/StatusFilter.tsx';

/** The filters named in the notice by what they filter (event types and statuses are spelled out). */
const OTHER_FILTERS: [keyof IncidentFilter, string][] = [
  ['dateFrom', 'find.dateFrom'],
  ['dateTo', 'find.dateTo'],
  ['subEventTypes', 'fieldName.subEventType'],
  ['actors', 'find.actor'],
  ['provinces', 'fieldName.province'],
  ['districts', 'fieldName.district'],
  ['tags', 'fieldName.tags'],
  ['reliabilities', 'find.reliability'],
  ['hasConflicts', 'find.conflicts'],
  ['hasOpenAnnotations', 'find.openNotes'],
];

export function FilterNotice() {
  const { t } = useTranslation();
  const filter = useUi((s) => s.incidentFilter);
  const setFilter = useUi((s) => s.setIncidentFilter);
  const types = filter.eventTypes?.map((type) =>
    type === '' ? t('map.noEventType') : t(`vocab.eventType.${type}`, { defaultValue: type }),
  );
  const statuses = filter.statuses?.map((s) => t(`vocab.status.${s}`));
  const others = OTHER_FILTERS.filter(([key]) => filter[key] !== NO_FILTER[key]).map(([, label]) =>
    t(label),
  );
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
          {filter.text.trim() !== '' ? t('find.matching', { text: filter.text.trim() }) : null}{' '}
          {others.length > 0
            ? t('find.alsoFiltered', { filters: others.join(t('filter.separator')) })
            : null}{' '}
          <button type="button" onClick={() => setFilter(NO_FILTER)}>
            {t('filter.showAll')}
          </button>
        </p>
      )}
    </>
  );
}
