/**
 * The incidents list: the shared result set (search and filters), sortable, virtualized, with the
 * timeline above it; a row opens the incident, and its checkbox selects it for a bundle of
 * selected incidents.
 */
import { useTranslation } from 'react-i18next';
import type { StoredRecord } from '../../../shared/domain/records.ts';
import { useData } from '../../app/appContext.ts';
import type { Column } from '../../components/VirtualTable.tsx';
import type { IncidentSort } from '../../data/daftarData.ts';
import { useUi } from '../../state/uiStore.ts';
import { RecordListView } from '../lists/RecordListView.tsx';
import { formatIncidentDate } from './formatIncidentDate.ts';
import { SelectIncident, SelectionBar } from './IncidentSelection.tsx';
import { FilterNotice } from './FilterNotice.tsx';
import { useIncidentQuery } from '../../find/useResultSet.ts';
import { FindBar } from '../find/FindBar.tsx';
import { BestMatch } from '../find/BestMatch.tsx';
import { TimelinePanel } from '../find/TimelinePanel.tsx';
import { Highlighted } from '../find/Highlighted.tsx';
import { useSearchTerms } from '../find/useSearchTerms.ts';

export function IncidentList() {
  const { t } = useTranslation();
  const data = useData();
  const sort = useUi((s) => s.incidentSort);
  const sortBy = useUi((s) => s.sortIncidents);
  const query = useIncidentQuery(data);
  const terms = useSearchTerms();
  const focused = useUi((s) => s.focusedIncident);
  const columns: Column<StoredRecord<'incident'>, IncidentSort>[] = [
    {
      key: 'select',
      header: t('selection.column'),
      className: 'select',
      headerHidden: true,
      render: (r) => <SelectIncident id={r.id} title={r.title} />,
    },
    {
      key: 'title',
      header: t('fieldName.title'),
      className: 'grow',
      primary: true,
      render: (r) => (terms.length > 0 ? <Highlighted text={r.title} terms={terms} /> : r.title),
    },
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
    <RecordListView
      kind="incident"
      sort={sort}
      onSort={sortBy}
      ids={query.ids}
      first={query.first}
      queryKey={query.key}
      currentId={focused}
      columns={columns}
      toolbar={(ids) => (
        <>
          <FindBar>
            <BestMatch />
          </FindBar>
          <TimelinePanel />
          <FilterNotice />
          <SelectionBar ids={ids} />
        </>
      )}
    />
  );
}
