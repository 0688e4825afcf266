/**
 * The one result set the incidents list, the map, the timeline and "export the current result
 * set" share: the UI store's filter applied by the find engine — or, while the engine is still
 * loading, by IndexedDB's indexes when the filter only uses indexed fields (event types,
 * statuses), so the list shows at once on a large profile.
 */
import { useMemo } from 'react';
import { useLive } from '../app/appContext.ts';
import type { DaftarData, IncidentSort, SortDirection } from '../data/daftarData.ts';
import { isIndexedOnly, isUnfiltered, type IncidentPlacement } from '../data/incidentFilter.ts';
import { useUi } from '../state/uiStore.ts';
import { isSuperseded } from './findClient.ts';
import { useFind } from '../state/findStore.ts';

type Sort = { by: IncidentSort; direction: SortDirection };

/**
 * The answer of a query, or — when a newer query of the same kind replaced it — a promise that
 * never settles: the newer one's answer is the one shown.
 */
export function latest<T>(answer: Promise<T>): Promise<T> {
  return answer.catch((error: unknown) => {
    if (isSuperseded(error)) return new Promise<T>(() => {});
    throw error;
  });
}

export interface IncidentQuery {
  ids: (sort: Sort) => Promise<string[]>;
  first: (sort: Sort, limit: number) => ReturnType<DaftarData['firstIncidents']>;
  /** Changes whenever the answer may change besides the sort. */
  key: unknown;
  /** Set while the engine loads and the filter needs it: how far it is. */
  preparing: { loaded: number; total: number } | null;
}

/** How the incidents list asks for its rows. */
export function useIncidentQuery(data: DaftarData, lane = 'incidents'): IncidentQuery {
  const filter = useUi((s) => s.incidentFilter);
  const { client, phase, loaded, total, version } = useFind();
  const engine = phase === 'ready' ? client : null;
  const indexed = isIndexedOnly(filter);
  return useMemo((): IncidentQuery => {
    if (engine) {
      // The list asks for its first rows and for every id at once: one engine query serves both.
      const asked = new Map<string, Promise<string[]>>();
      const ids = (sort: Sort) => {
        const key = `${sort.by} ${sort.direction}`;
        let answer = asked.get(key);
        if (answer === undefined) {
          answer = latest(engine.incidents(filter, sort, lane)).then((r) => r.ids);
          asked.set(key, answer);
        }
        return answer;
      };
      return {
        ids,
        first: async (sort, limit) => {
          const rows = await data.getMany('incident', (await ids(sort)).slice(0, limit));
          return rows.filter((row) => row !== undefined);
        },
        key: { filter, version },
        preparing: null,
      };
    }
    if (indexed) {
      return {
        ids: (sort) => data.incidentIds(sort.by, sort.direction, filter),
        first: (sort, limit) => data.firstIncidents(sort.by, sort.direction, limit, filter),
        key: filter,
        preparing: null,
      };
    }
    return {
      ids: () => Promise.resolve([]),
      first: () => Promise.resolve([]),
      key: { filter, phase },
      preparing: { loaded, total },
    };
    // `loaded` moves often while loading; the queries only depend on it through `preparing`
  }, [data, engine, filter, version, indexed, phase, loaded, total, lane]);
}

/** Where the result set's incidents are, for the map. */
export function useIncidentPlacement(): IncidentPlacement | undefined {
  const filter = useUi((s) => s.incidentFilter);
  const { client, phase, version } = useFind();
  const engine = phase === 'ready' ? client : null;
  const indexed = isIndexedOnly(filter);
  return useLive(
    (d) =>
      engine
        ? latest(engine.placement(filter))
        : indexed
          ? d.incidentPlacement(filter)
          : Promise.resolve({ points: [], unplaced: [] }),
    [engine, filter, version, indexed],
  );
}

/** The ids of the current result set in the list's order, or null when nothing is filtered. */
export function useCurrentIncidentIds(data: DaftarData): string[] | null | undefined {
  const query = useIncidentQuery(data, 'current-ids');
  const sort = useUi((s) => s.incidentSort);
  const filter = useUi((s) => s.incidentFilter);
  const unfiltered = isUnfiltered(filter);
  const ids = useLive(() => query.ids(sort), [query, sort]);
  return unfiltered ? null : ids;
}
