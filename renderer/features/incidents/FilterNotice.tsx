/**
 * Says, above the incidents list, that the list and the map show only some event types (chosen in
 * the map's legend), with a button to show every incident again.
 */
import { useTranslation } from 'react-i18next';
import { useUi } from '../../state/uiStore.ts';
import { NO_FILTER } from '../../data/incidentFilter.ts';

export function FilterNotice() {
  const { t } = useTranslation();
  const filter = useUi((s) => s.incidentFilter);
  const setFilter = useUi((s) => s.setIncidentFilter);
  if (filter.eventTypes === null) return null;
  const names = filter.eventTypes.map((type) =>
    type === '' ? t('map.noEventType') : t(`vocab.eventType.${type}`, { defaultValue: type }),
  );
  return (
    <p className="filter-notice">
      {t('filter.onlyTypes', { types: names.join(t('filter.separator')), count: names.length })}{' '}
      <button type="button" onClick={() => setFilter(NO_FILTER)}>
        {t('filter.showAll')}
      </button>
    </p>
  );
}
