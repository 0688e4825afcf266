/** The sources list: every source, sortable, virtualized; a row opens the source. */
import { useTranslation } from 'react-i18next';
import type { StoredRecord } from '../../../shared/domain/records.ts';
import { useData } from '../../app/appContext.ts';
import type { Column } from '../../components/VirtualTable.tsx';
import type { SourceSort } from '../../data/daftarData.ts';
import { useUi } from '../../state/uiStore.ts';
import { RecordListView } from '../lists/RecordListView.tsx';
import { StatusFilter } from '../review/StatusFilter.tsx';

export function SourceList() {
  const { t } = useTranslation();
  const data = useData();
  const sort = useUi((s) => s.sourceSort);
  const sortBy = useUi((s) => s.sortSources);
  const statuses = useUi((s) => s.sourceStatuses);
  const setStatuses = useUi((s) => s.setSourceStatuses);
  const columns: Column<StoredRecord<'source'>, SourceSort>[] = [
    { key: 'title', header: t('fieldName.title'), className: 'grow', render: (r) => r.title },
    { key: 'outlet', header: t('fieldName.outlet'), render: (r) => r.outlet },
    {
      key: 'kind',
      header: t('fieldName.kind'),
      sortKey: 'kind',
      render: (r) => t(`vocab.sourceKind.${r.kind}`),
    },
    {
      key: 'published',
      header: t('fieldName.publishedAt'),
      sortKey: 'publishedAt',
      render: (r) => r.publishedAt ?? '—',
    },
    {
      key: 'grade',
      header: t('list.grade'),
      sortKey: 'reliability',
      render: (r) => `${r.reliability ?? '–'}${r.credibility ?? '–'}`,
    },
    { key: 'status', header: t('list.status'), render: (r) => t(`vocab.status.${r.status}`) },
  ];
  return (
    <RecordListView
      kind="source"
      sort={sort}
      onSort={sortBy}
      ids={(s) => data.sourceIds(s.by, s.direction, statuses)}
      first={(s, limit) => data.firstSources(s.by, s.direction, limit, statuses)}
      queryKey={statuses}
      columns={columns}
      toolbar={() => <StatusFilter statuses={statuses} onChange={setStatuses} />}
    />
  );
}
