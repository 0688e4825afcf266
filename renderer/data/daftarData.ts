/**
 * The data API the UI uses: reads, domain-level writes (delete with cascade, link and unlink,
 * attachments), device settings and live queries. Components never touch Dexie; everything
 * they store goes through here and so through RecordStore's validated, history-recording path.
 */
import { liveQuery } from 'dexie';
import { linkId, type LinkFields } from '../../shared/domain/link.ts';
import type { Profile } from '../../shared/domain/profile.ts';
import {
  validateRecord,
  type RecordFieldsByKind,
  type RecordKind,
  type StoredRecord,
} from '../../shared/domain/records.ts';
import type { AttachmentRef } from '../../shared/domain/source.ts';
import {
  reviewStatusOf,
  type ReviewStatus,
  type SupportableField,
} from '../../shared/domain/vocabulary.ts';
import type { ChangeSet } from '../../shared/sync/changes.ts';
import { sourceHash, type CustodyAction, type CustodyEntry } from '../../shared/domain/custody.ts';
import type { DeviceSigner } from '../../shared/bundle/crypto.ts';
import { DaftarDatabase, DEFAULT_DATABASE_NAME } from './database.ts';
import type { RowSealer } from './seal/rowSealer.ts';
import { loadOrCreateDeviceSigner } from './deviceKey.ts';
import { CustodyClerk, custodySubjects, type CustodySubject } from './custodyClerk.ts';
import { Exchange, type ExchangeContext } from './exchange.ts';
import { RecordStore, type WriteOp, type WriteOptions, type WriteResult } from './recordStore.ts';
import { ReviewData } from './reviewData.ts';
import { fromRow } from './rows.ts';
import {
  isUnfiltered,
  keeps,
  NO_FILTER,
  type IncidentFilter,
  type IncidentPlacement,
} from './incidentFilter.ts';
import { sha256Hex } from '../../shared/bundle/crypto.ts';

/** 'relevance' (best match) orders by the search engine's score; only with a search query. */
export type IncidentSort =
  'dateStart' | 'updated' | 'eventType' | 'status' | 'fatalities' | 'relevance';
export type SourceSort = 'updated' | 'kind' | 'publishedAt' | 'reliability';
export type SortDirection = 'asc' | 'desc';

const INCIDENT_SORT_INDEX: Record<IncidentSort, string> = {
  // Without a query every score is equal: the newest first, as the default order.
  relevance: 'dateStart',
  dateStart: 'dateStart',
  updated: 'updated',
  eventType: 'eventType',
  status: 'status',
  fatalities: '_fatalities',
};
const SOURCE_SORT_INDEX: Record<SourceSort, string> = {
  updated: 'updated',
  kind: 'kind',
  publishedAt: '_publishedAt',
  reliability: '_reliability',
};

export interface OpenOptions {
  name?: string;
  now?: () => number;
  newId?: () => string;
  /**
   * The device's signing key from the host (Electron keeps it in the OS keychain); without one,
   * a non-extractable WebCrypto key stored in this profile's database is used.
   */
  signer?: () => Promise<DeviceSigner | null>;
  appVersion?: string;
  /**
   * Encrypts the profile's rows at rest (data/seal/). `null` only to read a profile from before
   * the app lock, to move it into a sealed database.
   */
  sealer: RowSealer | null;
  /** Bundle options for tests only (a weak passphrase KDF, tighter limits). */
  exchangeOptions?: Pick<ExchangeContext, 'readOptions' | 'writeOptions'>;
}

export type Incident = StoredRecord<'incident'>;
export type Source = StoredRecord<'source'>;
export type Link = StoredRecord<'link'>;

const SETTING_DEVICE = 'deviceId';
const SETTING_PROFILE = 'profile';

export class DaftarData {
  readonly exchange: Exchange;
  readonly review: ReviewData;
  private readonly custody: CustodyClerk;

  private constructor(
    readonly db: DaftarDatabase,
    readonly store: RecordStore,
    private readonly now: () => number,
    readonly newId: () => string,
    private profileValue: Profile | null,
    options: OpenOptions,
  ) {
    let signer: Promise<DeviceSigner> | null = null;
    const hostSigner = options.signer ?? (() => Promise.resolve(null));
    const author = () => this.profileValue?.name ?? '';
    this.custody = new CustodyClerk({ device: store.device, author, now, newId });
    this.review = new ReviewData(db, store, newId, author);
    this.exchange = new Exchange(db, {
      store,
      custody: this.custody,
      author,
      now,
      newId,
      signer: () => (signer ??= hostSigner().then((s) => s ?? loadOrCreateDeviceSigner(db))),
      appVersion: options.appVersion ?? '0',
      ...options.exchangeOptions,
    });
  }

  static async open(options: OpenOptions): Promise<DaftarData> {
    const db = new DaftarDatabase(options.name ?? DEFAULT_DATABASE_NAME, options.sealer);
    await db.open();
    const now = options.now ?? (() => Date.now());
    const deviceId = await ensureDeviceId(db);
    const profile =
      ((await db.settings.get(SETTING_PROFILE))?.value as Profile | undefined) ?? null;
    const store = new RecordStore(db, { device: deviceId, author: profile?.name ?? '', now });
    const newId = options.newId ?? (() => crypto.randomUUID());
    return new DaftarData(db, store, now, newId, profile, options);
  }

  close(): void {
    this.db.changes.close();
    this.db.close();
  }

  get deviceId(): string {
    return this.store.device;
  }

  get profile(): Profile | null {
    return this.profileValue;
  }

  async saveProfile(profile: Profile): Promise<void> {
    await this.db.settings.put({ key: SETTING_PROFILE, value: profile });
    this.profileValue = profile;
    this.store.setAuthor(profile.name);
  }

  async getSetting<T>(key: string): Promise<T | undefined> {
    return (await this.db.settings.get(key))?.value as T | undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.db.settings.put({ key, value });
  }

  // ---- reads ---------------------------------------------------------------------------------

  async get<K extends RecordKind>(kind: K, id: string): Promise<StoredRecord<K> | undefined> {
    const row = await this.db.tableOf(kind).get(id);
    return row && fromRow(row);
  }

  async getMany<K extends RecordKind>(
    kind: K,
    ids: readonly string[],
  ): Promise<(StoredRecord<K> | undefined)[]> {
    const rows = await this.db.tableOf(kind).bulkGet([...ids]);
    return rows.map((row) => row && fromRow(row));
  }

  async all<K extends RecordKind>(kind: K): Promise<StoredRecord<K>[]> {
    return (await this.db.tableOf(kind).toArray()).map((row) => fromRow(row));
  }

  /**
   * Ids of every live incident in the chosen order; rows are fetched per visible window.
   * Reading keys alone from an index is what keeps a list of 100,000 records workable.
   */
  async incidentIds(
    sort: IncidentSort,
    direction: SortDirection,
    filter: IncidentFilter = NO_FILTER,
  ): Promise<string[]> {
    const ids = await this.ordered('incident', INCIDENT_SORT_INDEX[sort], direction).primaryKeys();
    if (isUnfiltered(filter)) return ids;
    // Each filter's ids from its own index, keys only; an id must be in all of them.
    const sets: Set<string>[] = [];
    if (filter.eventTypes !== null) {
      sets.push(
        new Set(await this.db.incidents.where('eventType').anyOf(filter.eventTypes).primaryKeys()),
      );
    }
    if (filter.statuses !== null) sets.push(await this.idsWithStatus('incident', filter.statuses));
    return ids.filter((id) => sets.every((set) => set.has(id)));
  }

  /** The first `limit` incidents in the chosen order: the first screen of the list, at once. */
  async firstIncidents(
    sort: IncidentSort,
    direction: SortDirection,
    limit: number,
    filter: IncidentFilter = NO_FILTER,
  ): Promise<Incident[]> {
    const ordered = this.ordered('incident', INCIDENT_SORT_INDEX[sort], direction);
    const rows = await (
      isUnfiltered(filter) ? ordered : ordered.filter((row) => keeps(filter, row))
    )
      .limit(limit)
      .toArray();
    return rows.map((row) => fromRow(row));
  }

  /** Every event type some incident has (`''` when one has none), from the index alone. */
  async eventTypesInUse(): Promise<string[]> {
    return (await this.db.incidents.orderBy('eventType').uniqueKeys()).map(String);
  }

  /**
   * Where the incidents the filter keeps happened, for the map: those with coordinates as
   * points, the others listed apart ("not on the map").
   */
  async incidentPlacement(filter: IncidentFilter = NO_FILTER): Promise<IncidentPlacement> {
    const table = this.db.incidents;
    const rows = await (filter.eventTypes === null
      ? table.toArray()
      : table.where('eventType').anyOf(filter.eventTypes).toArray());
    const placement: IncidentPlacement = { points: [], unplaced: [] };
    for (const row of rows) {
      if (!keeps(filter, row)) continue;
      const { id, title, eventType, dateStart, latitude, longitude } = row;
      if (latitude === null || longitude === null) {
        placement.unplaced.push({ id, title, eventType, dateStart });
      } else {
        placement.points.push({ id, title, eventType, dateStart, latitude, longitude });
      }
    }
    return placement;
  }

  /** Ids of every live source in the chosen order, only those of `statuses` when given. */
  async sourceIds(
    sort: SourceSort,
    direction: SortDirection,
    statuses: readonly ReviewStatus[] | null = null,
  ): Promise<string[]> {
    const ids = await this.ordered('source', SOURCE_SORT_INDEX[sort], direction).primaryKeys();
    if (statuses === null) return ids;
    const kept = await this.idsWithStatus('source', statuses);
    return ids.filter((id) => kept.has(id));
  }

  async firstSources(
    sort: SourceSort,
    direction: SortDirection,
    limit: number,
    statuses: readonly ReviewStatus[] | null = null,
  ): Promise<Source[]> {
    const ordered = this.ordered('source', SOURCE_SORT_INDEX[sort], direction);
    const rows = await (
      statuses === null
        ? ordered
        : ordered.filter((row) => statuses.includes(reviewStatusOf(row.status)))
    )
      .limit(limit)
      .toArray();
    return rows.map((row) => fromRow(row));
  }

  /** Ids of the incidents or sources in one of `statuses`, from the review index's keys. */
  private async idsWithStatus(
    kind: 'incident' | 'source',
    statuses: readonly ReviewStatus[],
  ): Promise<Set<string>> {
    const ranges = statuses.map((s) => [
      [s, ''],
      [s, '\uffff'],
    ]) as [[string, string], [string, string]][];
    const table = this.db.tableOf(kind);
    return new Set(await table.where('[_review+updated]').inAnyRange(ranges).primaryKeys());
  }

  private ordered<K extends RecordKind>(kind: K, index: string, direction: SortDirection) {
    const ordered = this.db.tableOf(kind).orderBy(index);
    return direction === 'desc' ? ordered.reverse() : ordered;
  }

  async linksOfIncident(incidentId: string): Promise<Link[]> {
    return (await this.db.links.where('incidentId').equals(incidentId).toArray()).map((r) =>
      fromRow(r),
    );
  }

  async linksOfSource(sourceId: string): Promise<Link[]> {
    return (await this.db.links.where('sourceId').equals(sourceId).toArray()).map((r) =>
      fromRow(r),
    );
  }

  /** The sources linked to an incident, in link order. */
  async sourcesOfIncident(incidentId: string): Promise<Source[]> {
    const links = await this.linksOfIncident(incidentId);
    const sources = await this.getMany(
      'source',
      links.map((l) => l.sourceId),
    );
    return sources.filter((s) => s !== undefined);
  }

  /** The incidents a source is linked to. */
  async incidentsOfSource(sourceId: string): Promise<Incident[]> {
    const links = await this.linksOfSource(sourceId);
    const incidents = await this.getMany(
      'incident',
      links.map((l) => l.incidentId),
    );
    return incidents.filter((i) => i !== undefined);
  }

  /** Every change to a record, oldest first: the audit trail. */
  async history(kind: RecordKind, id: string): Promise<ChangeSet[]> {
    return this.store.history(kind, id);
  }

  async custodyOf(sourceId: string): Promise<CustodyEntry[]> {
    return this.db.custody.where('sourceId').equals(sourceId).sortBy('id');
  }

  async count(kind: RecordKind): Promise<number> {
    return this.db.tableOf(kind).count();
  }

  /** Re-runs `query` whenever the data it read changes; returns an unsubscribe function. */
  watch<T>(
    query: () => Promise<T>,
    onValue: (value: T) => void,
    onError?: (error: unknown) => void,
  ): () => void {
    // Dexie follows reads across awaits only inside an async querier; a plain function returning
    // a promise would be watched for its first read alone.
    const subscription = liveQuery(async () => await query()).subscribe({
      next: onValue,
      error: (error: unknown) => onError?.(error),
    });
    return () => subscription.unsubscribe();
  }

  // ---- writes --------------------------------------------------------------------------------

  write(ops: readonly WriteOp[], options?: WriteOptions): Promise<WriteResult> {
    return this.store.write(ops, options);
  }

  async create<K extends RecordKind>(
    kind: K,
    fields: RecordFieldsByKind[K],
  ): Promise<{ id: string; result: WriteResult }> {
    const id = this.newId();
    const op = { type: 'create', kind, id, fields } as WriteOp;
    if (kind !== 'source') return { id, result: await this.store.write([op], { freshIds: true }) };
    // Hashed first (WebCrypto cannot run inside an IndexedDB transaction), as the store will keep
    // the fields: validated and trimmed. An invalid source is refused by the write below.
    const valid = validateRecord('source', fields);
    const hash = valid.ok ? await sourceHash(valid.value) : undefined;
    const result = await this.db.transaction(
      'rw',
      ['sources', 'commits', 'conflicts', 'custody'],
      async () => {
        const written = await this.store.write([op], { freshIds: true });
        await this.addCustody([{ sourceId: id, ...(hash ? { hash } : {}) }], 'captured', '');
        return written;
      },
    );
    return { id, result };
  }

  update<K extends RecordKind>(
    kind: K,
    id: string,
    fields: Partial<RecordFieldsByKind[K]>,
  ): Promise<WriteResult> {
    return this.store.write([{ type: 'update', kind, id, fields } as WriteOp]);
  }

  /** Delete an incident or source with its links, in one undoable write. */
  async deleteWithLinks(kind: 'incident' | 'source', id: string): Promise<WriteResult> {
    const links =
      kind === 'incident' ? await this.linksOfIncident(id) : await this.linksOfSource(id);
    return this.store.write([
      ...links.map((link): WriteOp => ({ type: 'delete', kind: 'link', id: link.id })),
      { type: 'delete', kind, id },
    ]);
  }

  /** Link a source to an incident, or change what an existing link says it supports. */
  async link(
    incidentId: string,
    sourceId: string,
    supports: SupportableField[],
    note = '',
  ): Promise<WriteResult> {
    const id = linkId(incidentId, sourceId);
    const fields: LinkFields = { incidentId, sourceId, supports, note };
    if (await this.get('link', id)) return this.update('link', id, fields);
    // A link id is derived from its ends, so an unlinked pair is restored rather than re-created.
    if ((await this.history('link', id)).length > 0) {
      return this.store.write([
        { type: 'restore', kind: 'link', id },
        { type: 'update', kind: 'link', id, fields },
      ]);
    }
    return this.store.write([{ type: 'create', kind: 'link', id, fields }]);
  }

  unlink(incidentId: string, sourceId: string): Promise<WriteResult> {
    return this.store.write([{ type: 'delete', kind: 'link', id: linkId(incidentId, sourceId) }]);
  }

  /**
   * Store a file's bytes once under their SHA-256 and reference it from the source. The bytes
   * are never modified afterwards; the hash is computed before the write so it is what was added.
   */
  async addAttachment(
    sourceId: string,
    file: { name: string; type: string; bytes: Uint8Array },
  ): Promise<WriteResult> {
    // Hash first: WebCrypto is asynchronous and cannot run inside an IndexedDB transaction.
    const sha256 = await sha256Hex(file.bytes);
    const mediaType = file.type || 'application/octet-stream';
    const ref: AttachmentRef = {
      sha256,
      name: file.name,
      mediaType,
      size: file.bytes.byteLength,
      addedAt: new Date(this.now()).toISOString(),
    };
    const tables = ['attachments', 'sources', 'commits', 'conflicts', 'custody'];
    return this.db.transaction('rw', tables, async () => {
      // Read the source inside the transaction, so two files added at once both stay referenced.
      const source = await this.get('source', sourceId);
      if (!source) throw new Error(`No source with id ${sourceId}`);
      if (source.attachments.some((a) => a.sha256 === sha256)) return { changes: [], undo: [] };
      // A row without bytes (never written so by this app) counts as absent.
      if (!(await this.db.attachments.get(sha256))?.data) {
        await this.db.attachments.put({ sha256, mediaType, data: file.bytes });
      }
      const result = await this.update('source', sourceId, {
        attachments: [...source.attachments, ref],
      });
      await this.addCustody(
        [{ sourceId, attachment: sha256, hash: sha256 }],
        'attachmentAdded',
        file.name,
      );
      return result;
    });
  }

  async attachmentBytes(sha256: string): Promise<Uint8Array | undefined> {
    return (await this.db.attachments.get(sha256))?.data;
  }

  /**
   * Log a step that hands sources on outside bundles — a printed dossier — with each source's
   * hash as it stands now (sources not here are skipped). Returns the entries written.
   */
  async logCustody(
    sourceIds: readonly string[],
    action: 'printed',
    detail: string,
  ): Promise<CustodyEntry[]> {
    const sources = new Map(
      (await this.getMany('source', sourceIds)).flatMap((s) => (s ? [[s.id, s]] : [])),
    );
    // A printout hands on what a source says, not its files: one entry per source here.
    const subjects = await custodySubjects([...sources.keys()], sources, new Set());
    const entries = this.custody.entries(subjects, action, detail);
    await this.db.custody.bulkAdd(entries);
    return entries;
  }

  private async addCustody(
    subjects: CustodySubject[],
    action: CustodyAction,
    detail: string,
  ): Promise<void> {
    await this.db.custody.bulkAdd(this.custody.entries(subjects, action, detail));
  }
}

export type { WriteOp, WriteResult };

/** This device's id, created once; in one transaction so two first windows agree on it. */
async function ensureDeviceId(db: DaftarDatabase): Promise<string> {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  const fresh = Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyz234567'[b & 31]).join('');
  return db.transaction('rw', db.settings, async () => {
    const existing = (await db.settings.get(SETTING_DEVICE))?.value;
    if (typeof existing === 'string') return existing;
    await db.settings.put({ key: SETTING_DEVICE, value: fresh });
    return fresh;
  });
}
