/**
 * The messages between the find client (UI thread) and the find worker: one request per call,
 * numbered, answered once with its value or an error message, in the order they came (`load`
 * reads the database before it answers; the requests after it wait). `FindMethods` is the whole
 * typed API — the client's methods and the worker's dispatch are both written against it.
 */
import type { IncidentFilter, IncidentPlacement } from '../data/incidentFilter.ts';
import type { StoredPages } from '../data/storedPages.ts';
import type { FindEngine } from './findEngine.ts';
import { loadPage, type LoadedPage, type LoadRequest } from './findLoad.ts';
import type { FindChange, FindFacets, FindSize, FindSort, SearchHits } from './findTypes.ts';
import type { TimelineData, TimelineUnit } from './timelineData.ts';

export interface FindMethods {
  apply(changes: FindChange[]): FindSize;
  load(request: LoadRequest): LoadedPage;
  incidents(filter: IncidentFilter, sort: FindSort): { ids: string[] };
  placement(filter: IncidentFilter): IncidentPlacement;
  timeline(filter: IncidentFilter, unit: TimelineUnit): TimelineData;
  facets(): FindFacets;
  search(text: string, limitPerKind: number): SearchHits;
  terms(text: string): string[];
  size(): FindSize;
  clear(): FindSize;
}

export type FindMethod = keyof FindMethods;

export type FindRequest = {
  [M in FindMethod]: { id: number; method: M; args: Parameters<FindMethods[M]> };
}[FindMethod];

export type FindResponse =
  | { id: number; ok: true; value: ReturnType<FindMethods[FindMethod]> }
  | { id: number; ok: false; error: string };

/** Answers one request with `engine` (in the worker, or in-process in tests). */
export async function answer(
  engine: FindEngine,
  pages: StoredPages,
  request: FindRequest,
): Promise<FindResponse> {
  try {
    const value =
      request.method === 'load'
        ? await loadPage(engine, pages, ...request.args)
        : dispatch(engine, request);
    return { id: request.id, ok: true, value };
  } catch (error) {
    return {
      id: request.id,
      ok: false,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}

function dispatch(
  engine: FindEngine,
  request: Exclude<FindRequest, { method: 'load' }>,
): ReturnType<FindMethods[FindMethod]> {
  switch (request.method) {
    case 'apply':
      engine.apply(...request.args);
      return engine.size;
    case 'incidents':
      return engine.incidents(...request.args);
    case 'placement':
      return engine.placement(...request.args);
    case 'timeline':
      return engine.timeline(...request.args);
    case 'facets':
      return engine.facets();
    case 'search':
      return engine.search(...request.args);
    case 'terms':
      return engine.terms(...request.args);
    case 'size':
      return engine.size;
    case 'clear':
      engine.clear();
      return engine.size;
  }
}
