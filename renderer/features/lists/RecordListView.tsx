/**
 * A list view of incidents or sources: heading, live count, and the virtualized table whose
 * rows open the record. The ids come in the chosen order from an index; rows load as they show.
 */
import { useCallback, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoredRecord } from '../../../shared/domain/records.ts';
import { useData, useLive } from '../../app/appContext.ts';
import { VirtualTable, type Column } from '../../components/VirtualTable.tsx';
import type { SortDirection } from '../../data/daftarData.ts';
import { routeHash, type Route } from '../../state/route.ts';
import { useUi } from '../../state/uiStore.ts';

const FIRST_SCREEN = 100;

const VIEWS = {
  incident: {
    list: 'incidents',
    title: 'nav.incidents',
    count: 'list.incidentCount',
    empty: 'list.noIncidents',
  },
  source: {
    list: 'sources',
    title: 'nav.sources',
    count: 'list.sourceCount',
    empty: 'list.noSources',
  },
} as const;

interface Props<K extends 'incident' | 'source', S extends string> {
  kind: K;
  sort: { by: S; direction: SortDirection };
  onSort: (by: S) => void;
  ids: (sort: { by: S; direction: SortDirection }) => Promise<string[]>;
  first: (sort: { by: S; direction: SortDirection }, limit: number) => Promise<StoredRecord<K>[]>;
  columns: Column<StoredRecord<K>, S>[];
  /** Actions on the list shown beside its heading, given the ids in view order. */
  toolbar?: (ids: readonly string[] | undefined) => ReactNode;
  /** Changes whenever the query's other inputs (a filter) change. */
  queryKey?: unknown;
  currentId?: string | null;
}

export function RecordListView<K extends 'incident' | 'source', S extends string>({
  kind,
  sort,
  onSort,
  ids: query,
  first,
  columns,
  toolbar,
  queryKey,
  currentId,
}: Props<K, S>) {
  const { t } = useTranslation();
  const data = useData();
  const navigate = useUi((s) => s.navigate);
  const view = VIEWS[kind];
  // The first screenful of records comes from a small query and shows at once. The full order
  // of ids (for scrolling and the count) is one long read that IndexedDB serves before any other
  // request, so rows in view are answered from that first screenful when they can be.
  const head = useLive(() => first(sort, FIRST_SCREEN), [sort.by, sort.direction, queryKey]);
  const all = useLive(() => query(sort), [sort.by, sort.direction, queryKey]);
  const ids = useMemo(() => all ?? head?.map((r) => r.id), [all, head]);
  const fetchRows = useCallback(
    (wanted: readonly string[]) => {
      const known = new Map(head?.map((r) => [r.id, r]));
      return wanted.every((id) => known.has(id))
        ? Promise.resolve(wanted.map((id) => known.get(id)))
        : data.getMany(kind, wanted);
    },
    [data, kind, head],
  );
  const open = (id: string): Route =>
    kind === 'incident' ? { view: 'incident', id } : { view: 'source', id };
  return (
    <section className="list-view" aria-labelledby={`${view.list}-title`}>
      <header className="list-header">
        <h1 id={`${view.list}-title`}>{t(view.title)}</h1>
        <p role="status">
          {all === undefined ? t('common.loading') : t(view.count, { count: all.length })}
        </p>
        {toolbar?.(all)}
      </header>
      <VirtualTable
        label={t(view.title)}
        scrollName={view.list}
        ids={ids}
        version={ids}
        fetchRows={fetchRows}
        columns={columns}
        sort={sort}
        onSort={onSort}
        onOpen={(id) => navigate(open(id))}
        hrefOf={(id) => routeHash(open(id))}
        empty={<p>{t(view.empty)}</p>}
        currentId={currentId}
      />
    </section>
  );
}
