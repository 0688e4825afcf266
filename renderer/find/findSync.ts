/**
 * Keeps the find engine's copy of the records current: has it load every incident, source,
 * annotation, link and conflict in pages at start (with progress) — the worker reads them from
 * the database itself (findLoad.ts) — then follows the change feed — every committed write,
 * whoever made it — by reading the rows that changed and handing them on. The engine lives in
 * memory only; nothing it derives is written anywhere.
 */
import type { RecordKind } from '../../shared/domain/records.ts';
import type { TableChange } from '../data/changeFeed.ts';
import type { DaftarData } from '../data/daftarData.ts';
import { RECORD_TABLES } from '../data/database.ts';
import { changeOf, type LoadedPage, type LoadKind, type LoadRequest } from './findLoad.ts';
import type { FindChange } from './findTypes.ts';

/** What the sync drives: the worker's client. */
export interface FindTarget {
  apply(changes: FindChange[]): Promise<void> | void;
  load(request: LoadRequest): Promise<LoadedPage>;
}

export interface SyncProgress {
  loaded: number;
  total: number;
}

const KIND_OF_TABLE: Record<string, LoadKind> = {
  [RECORD_TABLES.incident]: 'incident',
  [RECORD_TABLES.source]: 'source',
  [RECORD_TABLES.annotation]: 'annotation',
  [RECORD_TABLES.link]: 'link',
  conflicts: 'conflict',
};

/** Links and sources first, so incidents arrive with what their filters join to. */
const LOAD_ORDER: LoadKind[] = ['link', 'source', 'conflict', 'annotation', 'incident'];

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
    /** Awaited before each page of the load: the app pauses it while the person scrolls. */
    beforePage: () => Promise<void> = () => Promise.resolve(),
  ): Promise<FindSync> {
    const sync = new FindSync(data, target);
    let release!: () => void;
    const loaded = new Promise<void>((resolve) => (release = resolve));
    const previous = sync.queue;
    sync.queue = loaded;
    try {
      await previous;
      await sync.load(onProgress, beforePage);
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

  private async load(
    onProgress: (progress: SyncProgress) => void,
    beforePage: () => Promise<void>,
  ): Promise<void> {
    const counts = await Promise.all(LOAD_ORDER.map((kind) => this.tableOf(kind).count()));
    const total = counts.reduce((a, b) => a + b, 0);
    let loaded = 0;
    onProgress({ loaded, total });
    const source = await this.data.db.storedSource();
    for (const kind of LOAD_ORDER) {
      const table = this.tableOf(kind).name;
      let after: string | null = null;
      for (;;) {
        await beforePage();
        if (this.stopped) return;
        const page = await this.target.load({ source, table, kind, after, limit: PAGE });
        if (page.count === 0) break;
        after = page.last;
        loaded += page.count;
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

  private tableOf(kind: LoadKind) {
    return kind === 'conflict' ? this.data.db.conflicts : this.data.db.tableOf(kind as RecordKind);
  }
}
