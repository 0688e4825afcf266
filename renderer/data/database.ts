/**
 * The Dexie schema. Versions are append-only once released: never edit a shipped `version(n)`,
 * add `version(n + 1)` with an upgrade instead.
 *
 * Record tables hold live records only (deleted ones live on in `commits` as tombstones). Indexes
 * cover ids, dates, types, clocks and counts — never private content such as titles, notes,
 * names or places — so that content is encrypted at rest (seal/) without losing the indexes.
 */
import { Dexie, type Table } from 'dexie';
import type { CustodyEntry } from '../../shared/domain/custody.ts';
import { withLaterFields, type RecordKind } from '../../shared/domain/records.ts';
import type { ChangeSet } from '../../shared/sync/changes.ts';
import type { FieldVersion } from '../../shared/sync/merge.ts';
import { ChangeFeed } from './changeFeed.ts';
import { toRow, type Row } from './rows.ts';
import type { RowSealer } from './seal/rowSealer.ts';
import type { StoredSource } from './storedPages.ts';
import { sealMiddleware } from './seal/sealMiddleware.ts';

export interface AttachmentBlob {
  sha256: string;
  mediaType: string;
  data: Uint8Array;
}

/**
 * One write's change sets, stored as one row. The history is logically one entry per field
 * change (see shared/sync/changes.ts); a row per write rather than per record keeps a bulk
 * write near the cost of the records themselves (docs/benchmarks.md has the measurements).
 */
export interface CommitRow {
  /** Clock of the write's first change set: the row's key. */
  hlc: string;
  /** Clock of its last change set, the latest in the row. */
  last: string;
  sets: ChangeSet[];
  /** `kind:recordId` of every record the write changed (multi-entry index). */
  records: string[];
  /**
   * The clock of every change set in the row, on rows an import wrote (multi-entry index): so a
   * bundle cannot slip in a change under a clock already stored for another record. Local writes
   * leave it out — their clocks are this device's own, which no bundle may bring in new.
   */
  clocks?: string[];
}

/** The key under which a record's commits are indexed. */
export const recordKey = (kind: RecordKind, id: string): string => `${kind}:${id}`;

/** A field edited concurrently on two devices: every unresolved version, the shown one first. */
export interface ConflictRow {
  /** `kind:recordId|field` */
  id: string;
  /** recordKey() of the record */
  record: string;
  kind: RecordKind;
  recordId: string;
  field: string;
  versions: FieldVersion[];
}

export const conflictId = (kind: RecordKind, recordId: string, field: string): string =>
  `${recordKey(kind, recordId)}|${field}`;

/** A teammate's device, remembered from the first bundle it signed. */
export interface TeammateRow {
  device: string;
  author: string;
  /** Raw Ed25519 public key, hex. */
  publicKey: string;
  fingerprint: string;
  /** ISO timestamps. */
  firstSeen: string;
  lastSeen: string;
  /** Per device, the latest clock and number of change sets their bundles carried. */
  covered: Record<string, { last: string; count: number }>;
}

/** One bundle imported into this profile. */
export interface BundleLogRow {
  id: string;
  importedAt: string;
  device: string;
  author: string;
  changes: number;
  newChanges: number;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export const RECORD_TABLES = {
  incident: 'incidents',
  source: 'sources',
  link: 'links',
  actor: 'actors',
  place: 'places',
  annotation: 'annotations',
} as const satisfies Record<RecordKind, string>;

/** The tables whose changes the change feed reports: what the find engine indexes. */
export const WATCHED_TABLES = [
  'incidents',
  'sources',
  'annotations',
  'links',
  'conflicts',
] as const;

export class DaftarDatabase extends Dexie {
  incidents!: Table<Row<'incident'>, string>;
  sources!: Table<Row<'source'>, string>;
  links!: Table<Row<'link'>, string>;
  actors!: Table<Row<'actor'>, string>;
  places!: Table<Row<'place'>, string>;
  annotations!: Table<Row<'annotation'>, string>;
  commits!: Table<CommitRow, string>;
  attachments!: Table<AttachmentBlob, string>;
  custody!: Table<CustodyEntry, string>;
  settings!: Table<SettingRow, string>;
  conflicts!: Table<ConflictRow, string>;
  teammates!: Table<TeammateRow, string>;
  bundleLog!: Table<BundleLogRow, string>;
  /** Committed writes to the tables the search index follows (renderer/find/findSync.ts). */
  readonly changes: ChangeFeed;

  /**
   * `sealer`: the profile's row key (seal/); every row is then encrypted at rest but for the
   * fields its indexes need. `null` stores rows as they are: only a profile from before the app
   * lock, read once to move it into a sealed database (and tests of that).
   */
  constructor(
    name: string,
    private readonly sealer: RowSealer | null,
  ) {
    // Strict durability: a write reported done is on disk, so a power cut loses nothing.
    super(name, { chromeTransactionDurability: 'strict' });
    this.changes = new ChangeFeed(name, new Set(WATCHED_TABLES));
    if (sealer) this.use(sealMiddleware(sealer));
    this.use(this.changes.middleware());
    this.version(1).stores({
      incidents: 'id, dateStart, updated, eventType, status, _fatalities, *tags',
      sources: 'id, updated, kind, _publishedAt, _reliability',
      links: 'id, incidentId, sourceId',
      actors: 'id, updated',
      places: 'id, updated',
      commits: 'hlc, last, *records',
      attachments: 'sha256',
      custody: 'id, sourceId',
      settings: 'key',
    });
    // Bundles (issue 3): conflicts between devices, teammates' keys, imported bundles.
    this.version(2)
      .stores({
        // `clocks`: every change set's clock, on rows written by imports only (see CommitRow).
        commits: 'hlc, last, *records, *clocks',
        conflicts: 'id, record',
        teammates: 'device',
        bundleLog: 'id, importedAt',
      })
      .upgrade(async (tx) => {
        // Rows from version 1 have no `_clocks`; give each the clock of every field's current
        // value, so the first edit after the upgrade names the version it replaces (rows.ts).
        const latest = new Map<string, Record<string, string>>();
        await tx.table<CommitRow>('commits').each((commit) => {
          for (const set of commit.sets) {
            const key = recordKey(set.kind, set.recordId);
            const clocks = latest.get(key) ?? {};
            for (const field of Object.keys(set.fields)) {
              if ((clocks[field] ?? '') < set.hlc) clocks[field] = set.hlc;
            }
            latest.set(key, clocks);
          }
        });
        // The tables version 2 had (later kinds have their own tables from their own version).
        const tables = {
          incident: 'incidents',
          source: 'sources',
          link: 'links',
          actor: 'actors',
          place: 'places',
        };
        for (const [kind, table] of Object.entries(tables)) {
          await tx
            .table(table)
            .toCollection()
            .modify((row: { id: string; created: string }) => {
              const clocks = latest.get(recordKey(kind as RecordKind, row.id)) ?? {};
              const edited = Object.entries(clocks).filter(
                ([field, hlc]) => field !== 'deleted' && hlc !== row.created,
              );
              if (edited.length > 0) Object.assign(row, { _clocks: Object.fromEntries(edited) });
            });
        }
      });
    // Review (issue 5): annotations; review statuses of incidents and sources; who made a record.
    this.version(3)
      .stores({
        incidents:
          'id, dateStart, updated, eventType, status, _fatalities, *tags, _owner, [_review+updated]',
        sources: 'id, updated, kind, _publishedAt, _reliability, _owner, [_review+updated]',
        annotations: 'id, updated, _target, _root, [_open+targetOwner], _owner',
      })
      .upgrade(async (tx) => {
        // Rows from before review lack the fields and index fields it added.
        for (const kind of ['incident', 'source'] as const) {
          await tx
            .table(RECORD_TABLES[kind])
            .toCollection()
            .modify((row: Row<typeof kind>) => {
              Object.assign(row, toRow(kind, withLaterFields(kind, row)));
            });
        }
      });
    // Find and interchange (issue 6): re-imports find incidents by their id in the source dataset;
    // incidents gained `externalId` and `mergedFrom`.
    this.version(4)
      .stores({
        incidents:
          'id, dateStart, updated, eventType, status, _fatalities, *tags, _owner, [_review+updated], externalId',
      })
      .upgrade(async (tx) => {
        await tx
          .table(RECORD_TABLES.incident)
          .toCollection()
          .modify((row: Row<'incident'>) => {
            Object.assign(row, withLaterFields('incident', row));
          });
      });
  }

  /** Where the search index's load reads this profile (storedPages.ts, in the find worker). */
  async storedSource(): Promise<StoredSource> {
    return { database: this.name, key: this.sealer ? await this.sealer.webKey() : null };
  }

  tableOf<K extends RecordKind>(kind: K): Table<Row<K>, string> {
    return this.table(RECORD_TABLES[kind]) as Table<Row<K>, string>;
  }
}

export const DEFAULT_DATABASE_NAME = 'daftar';
