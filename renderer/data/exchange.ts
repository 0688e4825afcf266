/**
 * Exchange between teammates, as the UI uses it: export a bundle of a chosen scope, open a
 * bundle (every check, then a preview plan), apply it, list teammates and conflicts, resolve a
 * conflict, and write the canonical export. The bundle format itself is in shared/bundle; the
 * merge in shared/sync; this module joins them to the database.
 */
import { readBundle, type ReadBundleOptions } from '../../shared/bundle/readBundle.ts';
import { writeBundle, type WriteBundleOptions } from '../../shared/bundle/writeBundle.ts';
import { fingerprint, type DeviceSigner } from '../../shared/bundle/crypto.ts';
import type { RecordKind } from '../../shared/domain/records.ts';
import { isConflict } from '../../shared/sync/merge.ts';
import {
  collectBundleContent,
  manifestScope,
  reviewWork,
  type ExportScope,
} from './bundleExport.ts';
import {
  applyImport,
  planImport,
  type ApplyOptions,
  type ImportPlan,
  type ImportReport,
} from './bundleImport.ts';
import { canonicalExport } from './canonicalExport.ts';
import { custodySubjects, type CustodyClerk, type CustodySubject } from './custodyClerk.ts';
import { recordKey, type ConflictRow, type DaftarDatabase, type TeammateRow } from './database.ts';
import type { RecordStore, WriteOp, WriteResult } from './recordStore.ts';

export interface ExchangeContext {
  store: RecordStore;
  custody: CustodyClerk;
  author: () => string;
  now: () => number;
  newId: () => string;
  signer: () => Promise<DeviceSigner>;
  appVersion: string;
  /** Bundle-reading options for tests (weak KDF, limits); never set by the app. */
  readOptions?: Partial<ReadBundleOptions>;
  writeOptions?: Partial<WriteBundleOptions>;
}

export interface ProgressOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ExportedBundle {
  bytes: Uint8Array;
  fileName: string;
  changeSets: number;
  bundleId: string;
  /**
   * What the bundle hands on, for the chain of custody once it is saved: each source whose
   * content it carries and each of their files it holds, hashed as they were when it was made.
   */
  custody: CustodySubject[];
  /** Custody detail: the bundle, and the teammate it was made for. */
  custodyDetail: string;
}

export interface ConflictView extends ConflictRow {
  /** The record's title or name. */
  label: string;
}

/** Where each stage of reading a bundle sits on a 0–1,000 progress scale: [start, span]. */
const READ_STAGES = { hashes: [0, 100], archive: [100, 500], changes: [600, 400] } as const;

/** Let the event loop run (progress repaints, a Cancel click) between chunks of long work. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class Exchange {
  constructor(
    private readonly db: DaftarDatabase,
    private readonly context: ExchangeContext,
  ) {}

  async exportBundle(
    scope: ExportScope,
    options: ProgressOptions & { passphrase?: string } = {},
  ): Promise<ExportedBundle> {
    if (scope.kind === 'review' && scope.device !== this.context.store.device) {
      // Another device's change sets are not found where this device's are (reviewWork).
      throw new Error('Only this device’s own review work can be exported.');
    }
    const content = await collectBundleContent(this.db, scope);
    options.signal?.throwIfAborted();
    const custody = await custodySubjects(
      content.handedOn,
      content.sources,
      new Set(content.attachments.map((a) => a.sha256)),
    );
    const createdAt = new Date(this.context.now()).toISOString();
    const bundleId = this.context.newId();
    const bytes = await writeBundle(content, {
      bundleId,
      createdAt,
      app: `Daftar ${this.context.appVersion}`,
      author: this.context.author(),
      device: this.context.store.device,
      signer: await this.context.signer(),
      scope: manifestScope(scope),
      pause,
      ...(options.passphrase ? { passphrase: options.passphrase } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...this.context.writeOptions,
    });
    const stamp = createdAt.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    return {
      bytes,
      fileName: `daftar-${stamp}-${this.context.store.device}.daftar`,
      changeSets: content.changes.length,
      bundleId,
      custody,
      custodyDetail: `bundle:${bundleId}${scope.kind === 'unseenBy' ? ` to:${scope.teammate}` : ''}`,
    };
  }

  /** Once a bundle is saved: an `exported` custody entry for each source and file it hands on. */
  async recordExport(bundle: ExportedBundle): Promise<void> {
    const entries = this.context.custody.entries(bundle.custody, 'exported', bundle.custodyDetail);
    await this.db.custody.bulkAdd(entries);
  }

  /** How many change sets a bundle of this device's review work would carry, by kind. */
  async reviewWorkCount(): Promise<{ annotations: number; statusSteps: number }> {
    const sets = await reviewWork(this.db, this.context.store.device);
    const annotations = sets.filter((set) => set.kind === 'annotation').length;
    return { annotations, statusSteps: sets.length - annotations };
  }

  /** Check a bundle completely and plan its merge; nothing is written. */
  async openBundle(
    bytes: Uint8Array,
    options: ProgressOptions & { passphrase?: string } = {},
  ): Promise<ImportPlan> {
    const bundle = await readBundle(bytes, {
      now: this.context.now(),
      pause,
      onProgress: (stage, done, total) => {
        const [from, span] = READ_STAGES[stage];
        options.onProgress?.(Math.round(from + (span * done) / Math.max(1, total)), 1_000);
      },
      ...(options.passphrase ? { passphrase: options.passphrase } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...this.context.readOptions,
    });
    return planImport(this.db, bundle, await this.importContext());
  }

  async applyBundle(plan: ImportPlan, options: ApplyOptions = {}): Promise<ImportReport> {
    return applyImport(this.db, plan, await this.importContext(), options);
  }

  /** This device's key fingerprint, for teammates to compare with what their import shows. */
  async ownFingerprint(): Promise<string> {
    return fingerprint((await this.context.signer()).publicKey);
  }

  teammates(): Promise<TeammateRow[]> {
    return this.db.teammates.orderBy('device').toArray();
  }

  /** Unresolved conflicts on live records, with the record's label. */
  async conflicts(): Promise<ConflictView[]> {
    const rows = (await this.db.conflicts.orderBy('id').toArray()).filter((r) =>
      isConflict(r.versions),
    );
    const labels = new Map<string, string>();
    for (const kind of new Set(rows.map((r) => r.kind))) {
      const ids = [...new Set(rows.filter((r) => r.kind === kind).map((r) => r.recordId))];
      const records = (await this.db.tableOf(kind).bulkGet(ids)) as (
        { title?: string; name?: string; body?: string } | undefined
      )[];
      records.forEach((record, i) => {
        // An annotation is named by the start of what it says.
        const label = record?.title ?? record?.name ?? record?.body?.slice(0, 80);
        if (record) labels.set(recordKey(kind, ids[i]!), label ?? '');
      });
    }
    return rows.flatMap((row) => {
      const label = labels.get(row.record);
      return label === undefined ? [] : [{ ...row, label }];
    });
  }

  /** How many conflicts the Conflicts view lists (those on deleted records wait for a restore). */
  async conflictCount(): Promise<number> {
    return (await this.conflicts()).length;
  }

  /** The conflicts on one record's fields. */
  async conflictsOf(kind: RecordKind, id: string): Promise<ConflictRow[]> {
    const rows = await this.db.conflicts.where('record').equals(recordKey(kind, id)).toArray();
    return rows.filter((r) => isConflict(r.versions));
  }

  /**
   * Keep one version, or a merged value: a change that replaces the versions the person was
   * shown (`shown`, their clocks), so one that arrived meanwhile stays in conflict.
   */
  resolveConflict(
    kind: RecordKind,
    id: string,
    field: string,
    value: unknown,
    shown?: readonly string[],
  ): Promise<WriteResult> {
    const op = {
      type: 'resolve',
      kind,
      id,
      field,
      value,
      ...(shown ? { replaces: [...shown] } : {}),
    };
    return this.context.store.write([op as WriteOp]);
  }

  canonicalExport(): Promise<string> {
    return canonicalExport(this.db);
  }

  private async importContext() {
    const signer = await this.context.signer();
    return {
      device: this.context.store.device,
      publicKey: signer.publicKey,
      now: this.context.now,
      custody: this.context.custody,
    };
  }
}
