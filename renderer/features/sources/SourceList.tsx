/** The sources list: every source, sortable, virtualized; a row opens the source. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoredRecord } from '../../../shared/domain/records.ts';
import { useData, useLive } from '../../app/appContext.ts';
import { VirtualTable, type Column } from '../../components/VirtualTable.tsx';
import type { SourceSort } from '../../data/daftarData.ts';
import { routeHash } from '../../state/route.ts';
import { useUi } from '../../state/uiStore.ts';

type Source = StoredRecord<'source'>;

export function SourceList() {
  const { t } = useTranslation();
  const data = useData();
  const sort = useUi((s) => s.sourceSort);
  const sortBy = useUi((s) => s.sortSources);
  const navigate = useUi((s) => s.navigate);
  const ids = useLive((d) => d.sourceIds(sort.by, sort.direction), [sort.by, sort.direction]);
  const fetchRows = useCallback(
    (wanted: readonly string[]) => data.getMany('source', wanted),
    [data],
  );
  const columns: Column<Source, SourceSort>[] = [
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
  ];
  return (
    <section className="list-view" aria-labelledby="sources-title">
      <header className="list-header">
        <h1 id="sources-title">{t('nav.sources')}</h1>
        <p role="status">
          {ids === undefined ? t('common.loading') : t('list.sourceCount', { count: ids.length })}
        </p>
      </header>
      <VirtualTable
        label={t('nav.sources')}
        scrollName="sources"
        ids={ids}
        version={ids}
        fetchRows={fetchRows}
        columns={columns}
        sort={sort}
        onSort={sortBy}
        onOpen={(id) => navigate({ view: 'source', id })}
        hrefOf={(id) => routeHash({ view: 'source', id })}
        empty={<p>{t('list.noSources')}</p>}
      />
    </section>
  );
}
