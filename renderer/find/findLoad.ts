/**
 * Stored rows as the find engine takes them (`changeOf`), and one page of the search index's
 * start-up load: read from the profile's database in the thread that answers it (the find
 * worker), opened, and applied to its engine (`loadPage`, the `load` request of findProtocol.ts).
 */
import { fromRow } from '../data/rows.ts';
import type { StoredPages, StoredSource } from '../data/storedPages.ts';
import type { FindEngine } from './findEngine.ts';
import type { FindChange, IndexedKind } from './findTypes.ts';

export type LoadKind = IndexedKind | 'conflict';

/** One `load` request: a page of `table` (rows of `kind`) after the key `after`. */
export interface LoadRequest {
  source: StoredSource;
  table: string;
  kind: LoadKind;
  after: string | null;
  limit: number;
}

/** How many rows the page had, and the key of its last (where the next page starts). */
export interface LoadedPage {
  count: number;
  last: string | null;
}

export function changeOf(kind: LoadKind, id: string, row: unknown): FindChange {
  if (kind === 'conflict') {
    return { kind, id, record: row === undefined ? null : (row as { record: string }).record };
  }
  return {
    kind,
    id,
    record: row === undefined ? null : fromRow(row as Parameters<typeof fromRow>[0]),
  } as FindChange;
}

export async function loadPage(
  engine: FindEngine,
  pages: StoredPages,
  { source, table, kind, after, limit }: LoadRequest,
): Promise<LoadedPage> {
  const rows = (await pages.page(source, table, after, limit)) as { id: string }[];
  engine.apply(rows.map((row) => changeOf(kind, row.id, row)));
  return { count: rows.length, last: rows.at(-1)?.id ?? null };
}
