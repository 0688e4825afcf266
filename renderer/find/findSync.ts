/**
 * Keeps the find engine's copy of the records current: loads every incident, source, annotation,
 * link and conflict in pages at start (with progress), then follows the change feed — every
 * committed write, whoever made it — by reading the rows that changed and handing them on. The
 * engine lives in memory only; nothing it derives is written anywhere.
 */
import type { RecordKind } from '../../shared/domain/records.ts';
import type { TableChange } from '../data/changeFeed.ts';
import type { DaftarData } from '../data/daftarData.ts';
import { RECORD_TABLES } from '../data/database.ts';
import { fromRow } from '../data/rows.ts';
import type { FindChange } from './findTypes.ts';

/** What the sync hands changes to: the worker's client (or, in tests, an engine). */
export interface FindTarget {
  apply(changes: FindChange[]): Promise<void> | void;
}

export interface SyncProgress {
  loaded: number;
  total: number;
}

type IndexedKind = 'incident' | 'source' | 'annotation' | 'link';

const KIND_OF_TABLE: Record<string, IndexedKind | 'conflict'> = {
  [RECORD_TABLES.incident]: 'incident',
  [RECORD_TABLES.source]: 'source',
  [RECORD_TABLES.annotation]: 'annotation',
  [RECORD_TABLES.link]: 'link',
  conflicts: 'conflict',
};

/** Links and sources first, so incidents arrive with what their filters join to. */
const LOAD_ORDER: (IndexedKind | 'conflict')[] = [
  'link',
  'source',
  'conflict',
  'annotation',
  'incident',
];

const PAGE = 2_000;

export class FindSync {
  private stopped = false;
  private queue: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;

  private constructor(
    private readonly data: DaftarData,
    private readonly target: FindTarget,
  ) {
    // Subscribed before loading: a write during the load is applied after it, never lost.
    this.unsubscribe = data.db.changes.subscribe((changes) => this.enqueue(changes));
  }

  /**
   * Start following `data`; resolves once everything stored has been handed over. Changes made
   * meanwhile are applied after the load, in the order they were committed.
   */
  static async start(
    data: DaftarData,
    target: FindTarget,
    onProgress: (progress: SyncProgress) => void = () => {},
  ): Promise<FindSync> {
    const sync = new FindSync(data, target);
    let release!: () => void;
    const loaded = new Promise<void>((resolve) => (release = resolve));
    const previous = sync.queue;
    sync.queue = loaded;
    try {
      await previous;
      await sync.load(onProgress);
    } finally {
      release();
    }
    await sync.settled();
    return sync;
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
  }

  /** Resolves when every change heard so far has been applied. */
  settled(): Promise<void> {
    return this.queue;
  }

  private async load(onProgress: (progress: SyncProgress) => void): Promise<void> {
    const counts = await Promise.all(LOAD_ORDER.map((kind) => this.tableOf(kind).count()));
    const total = counts.reduce((a, b) => a + b, 0);
    let loaded = 0;
    onProgress({ loaded, total });
    for (const kind of LOAD_ORDER) {
      let last: string | null = null;
      for (;;) {
        if (this.stopped) return;
        const page = (await this.data.db.readPage(this.tableOf(kind).name, last, PAGE)) as {
          id: string;
        }[];
        if (page.length === 0) break;
        last = page.at(-1)!.id;
        await this.target.apply(page.map((row) => changeOf(kind, row.id, row)));
        loaded += page.length;
        onProgress({ loaded, total });
      }
    }
  }

  private enqueue(changes: TableChange[]): void {
    this.queue = this.queue
      .then(() => (this.stopped ? undefined : this.follow(changes)))
      .catch((error: unknown) => console.error('The search index missed a change', error));
  }

  private async follow(changes: TableChange[]): Promise<void> {
    for (const change of changes) {
      const kind = KIND_OF_TABLE[change.table];
      if (kind === undefined) continue;
      const table = this.tableOf(kind);
      if (change.keys === null) {
        // A cleared range: hand over the whole table again (the engine replaces what it had).
        const rows = await table.toArray();
        await this.target.apply([
          { kind: 'reset', of: kind },
          ...rows.map((row) => changeOf(kind, (row as { id: string }).id, row)),
        ]);
        continue;
      }
      for (let start = 0; start < change.keys.length; start += PAGE) {
        const keys = change.keys.slice(start, start + PAGE);
        const rows = await table.bulkGet(keys);
        await this.target.apply(keys.map((key, i) => changeOf(kind, key, rows[i])));
      }
    }
  }

  private tableOf(kind: IndexedKind | 'conflict') {
    return kind === 'conflict' ? this.data.db.conflicts : this.data.db.tableOf(kind as RecordKind);
  }
}

function changeOf(kind: IndexedKind | 'conflict', id: string, row: unknown): FindChange {
  if (kind === 'conflict') {
    return { kind, id, record: row === undefined ? null : (row as { record: string }).record };
  }
  return {
    kind,
    id,
    record: row === undefined ? null : fromRow(row as Parameters<typeof fromRow>[0]),
  } as FindChange;
}
