/** The incidents list: every incident, sortable, virtualized; a row opens the incident. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoredRecord } from '../../../shared/domain/records.ts';
import { useData, useLive } from '../../app/appContext.ts';
import { VirtualTable, type Column } from '../../components/VirtualTable.tsx';
import type { IncidentSort } from '../../data/daftarData.ts';
import { routeHash } from '../../state/route.ts';
import { useUi } from '../../state/uiStore.ts';
import { formatIncidentDate } from './formatIncidentDate.ts';

type Incident = StoredRecord<'incident'>;

export function IncidentList() {
  const { t } = useTranslation();
  const data = useData();
  const sort = useUi((s) => s.incidentSort);
  const sortBy = useUi((s) => s.sortIncidents);
  const navigate = useUi((s) => s.navigate);
  const ids = useLive((d) => d.incidentIds(sort.by, sort.direction), [sort.by, sort.direction]);
  const fetchRows = useCallback(
    (wanted: readonly string[]) => data.getMany('incident', wanted),
    [data],
  );

  const columns: Column<Incident, IncidentSort>[] = [
    { key: 'title', header: t('fieldName.title'), className: 'grow', render: (r) => r.title },
    {
      key: 'date',
      header: t('list.date'),
      sortKey: 'dateStart',
      className: 'date',
      render: (r) => formatIncidentDate(r, t),
    },
    {
      key: 'type',
      header: t('fieldName.eventType'),
      sortKey: 'eventType',
      render: (r) =>
        r.eventType ? t(`vocab.eventType.${r.eventType}`, { defaultValue: r.eventType }) : '',
    },
    {
      key: 'place',
      header: t('list.place'),
      render: (r) => [r.placeName, r.province, r.country].filter(Boolean).join(', '),
    },
    {
      key: 'fatalities',
      header: t('list.fatalities'),
      sortKey: 'fatalities',
      className: 'num',
      render: (r) => (r.fatalities === null ? '—' : r.fatalities.toLocaleString()),
    },
    {
      key: 'status',
      header: t('list.status'),
      sortKey: 'status',
      render: (r) => t(`vocab.status.${r.status}`),
    },
  ];

  return (
    <section className="list-view" aria-labelledby="incidents-title">
      <header className="list-header">
        <h1 id="incidents-title">{t('nav.incidents')}</h1>
        <p role="status">
          {ids === undefined ? t('common.loading') : t('list.incidentCount', { count: ids.length })}
        </p>
      </header>
      <VirtualTable
        label={t('nav.incidents')}
        scrollName="incidents"
        ids={ids}
        version={ids}
        fetchRows={fetchRows}
        columns={columns}
        sort={sort}
        onSort={sortBy}
        onOpen={(id) => navigate({ view: 'incident', id })}
        hrefOf={(id) => routeHash({ view: 'incident', id })}
        empty={<p>{t('list.noIncidents')}</p>}
      />
    </section>
  );
}
