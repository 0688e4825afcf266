/**
 * What goes into a bundle: every change set (and custody entry, and referenced attachment) of
 * the chosen scope — everything; some incidents with their links, sources, attachments and the
 * whole history of each; what a teammate has not seen yet, judged from the bundles of
 * everything they sent us (their `covers`); this device's review work alone; or what the team hub
 * or the sync folder is not known to hold (team sync, see `HeldCoverage`). Also which sources the bundle hands on, as
 * they stand, for their chain of custody.
 */
import type { BundleContent } from '../../shared/bundle/writeBundle.ts';
import type { BundleScope } from '../../shared/bundle/manifest.ts';
import type { AnnotationFields } from '../../shared/domain/annotation.ts';
import type { CustodyEntry } from '../../shared/domain/custody.ts';
import type { IncidentFields } from '../../shared/domain/incident.ts';
import type { StoredRecord } from '../../shared/domain/records.ts';
import { isReviewWork, isStatusStep } from '../../shared/domain/reviewWork.ts';
import type { ChangeSet } from '../../shared/sync/changes.ts';
import { decodeHlc } from '../../shared/sync/hlc.ts';
import { recordKey, type DaftarDatabase } from './database.ts';
import { notHeld, type HeldCoverage, type SyncPlace } from './heldCoverage.ts';
import { fromRow } from './rows.ts';

export type ExportScope =
  | { kind: 'all' }
  | { kind: 'incidents'; ids: readonly string[] }
  | { kind: 'unseenBy'; teammate: string }
  /** This profile's own device's annotations and status steps (see `reviewWork`). */
  | { kind: 'review'; device: string }
  /**
   * For team sync: every change set and custody entry the team hub or the sync folder (`by`) is
   * not known to hold (see `HeldCoverage`), with the attachments they reference — only the
   * change sets with clocks up to `upTo` when given (a push split in parts, oldest first).
   */
  | { kind: 'notHeld'; by: SyncPlace; held: HeldCoverage; upTo?: string };

export function manifestScope(scope: ExportScope): BundleScope {
  if (scope.kind === 'incidents') return { kind: 'incidents', incidents: scope.ids.length };
  // What one recipient (the hub, the folder) has not seen: the nearest scope the bundle format
  // knows, the place named as the teammate. Not `all`, whose `covers` a reader takes as
  // everything its maker holds.
  if (scope.kind === 'notHeld') return { kind: 'unseenBy', teammate: scope.by };
  return scope;
}

export interface CollectedContent extends BundleContent {
  /**
   * The sources whose content the bundle carries — a change other than a status step — and
   * those of them that are live, as they stand now: what `exported` custody entries are about.
   */
  handedOn: string[];
  sources: Map<string, StoredRecord<'source'>>;
}

export async function collectBundleContent(
  db: DaftarDatabase,
  scope: ExportScope,
): Promise<CollectedContent> {
  const tables = ['commits', 'custody', 'attachments', 'teammates', 'sources', 'annotations'];
  return db.transaction('r', tables, async () => {
    let changes: ChangeSet[];
    let custody: CustodyEntry[];
    if (scope.kind === 'incidents') {
      const picked = await incidentsWithSources(db, scope.ids);
      changes = picked.changes;
      custody = await db.custody
        .where('sourceId')
        .anyOf([...picked.sourceIds])
        .toArray();
    } else if (scope.kind === 'review') {
      changes = await reviewWork(db, scope.device);
      custody = await reviewCustody(db, scope.device, changes);
    } else {
      changes = (await db.commits.toArray()).flatMap((c) => c.sets);
      if (scope.kind === 'unseenBy') changes = await unseenBy(db, scope.teammate, changes);
      custody = await db.custody.toArray();
      if (scope.kind === 'notHeld') {
        ({ changes, custody } = notHeld(scope.held, changes, custody, scope.upTo));
      }
    }
    const hashes = new Set<string>();
    for (const set of changes) {
      const refs = (set.fields as { attachments?: { sha256: string }[] }).attachments;
      if (set.kind === 'source' && refs) for (const ref of refs) hashes.add(ref.sha256);
    }
    const blobs = await db.attachments.bulkGet([...hashes]);
    const attachments = blobs.flatMap((b) => (b ? [b] : []));
    const handedOn = [
      ...new Set(
        changes.filter((c) => c.kind === 'source' && !isStatusStep(c)).map((c) => c.recordId),
      ),
    ];
    const sources = new Map(
      (await db.sources.bulkGet(handedOn)).flatMap((row) => (row ? [[row.id, fromRow(row)]] : [])),
    );
    return { changes, custody, attachments, handedOn, sources };
  });
}

/**
 * The review work of this profile's device: its annotation change sets (threads, replies,
 * resolutions) and its status steps. This device's change sets are only ever stored by its own
 * writes — an import refuses one as forged (bundleImport.ts) — and a write's row is keyed by the
 * clock of its first change set, which names the device: so the rows are found from the keys
 * alone, without reading the rest of the history. Another device's work is not found here.
 */
export async function reviewWork(db: DaftarDatabase, device: string): Promise<ChangeSet[]> {
  const keys = await db.commits.toCollection().primaryKeys();
  const own = keys.filter((hlc) => decodeHlc(hlc).device === device);
  const rows = await db.commits.bulkGet(own);
  return rows.flatMap((row) => (row?.sets ?? []).filter((set) => isReviewWork(set, device)));
}

/**
 * The custody entries this device wrote about the sources its review work is about (stepped or
 * annotated): which version of the evidence the reviewer held, and when. Other devices' entries
 * and other sources' stay out: a review bundle vouches for the reviewer's own doings only.
 */
async function reviewCustody(
  db: DaftarDatabase,
  device: string,
  changes: readonly ChangeSet[],
): Promise<CustodyEntry[]> {
  const sourceIds = new Set<string>();
  const annotationIds = new Set<string>();
  for (const set of changes) {
    if (set.kind === 'source') sourceIds.add(set.recordId);
    if (set.kind !== 'annotation') continue;
    annotationIds.add(set.recordId);
    const { targetKind, targetId } = set.fields as Partial<AnnotationFields>;
    if (targetKind === 'source' && targetId !== undefined) sourceIds.add(targetId);
  }
  // An edit (a resolution, a reply's correction) names its annotation only: look up its target.
  for (const row of await db.annotations.bulkGet([...annotationIds])) {
    if (row?.targetKind === 'source') sourceIds.add(row.targetId);
  }
  const entries = await db.custody
    .where('sourceId')
    .anyOf([...sourceIds])
    .toArray();
  return entries.filter((entry) => entry.device === device);
}

/**
 * The incidents' history, their links' (live or not), and that of the sources linked or cited for
 * a figure and of the known actors they name (in any version: the history travels whole).
 */
async function incidentsWithSources(db: DaftarDatabase, ids: readonly string[]) {
  const incidentKeys = ids.map((id) => recordKey('incident', id));
  const wanted = new Set(incidentKeys);
  const commits = await db.commits.where('records').anyOf(incidentKeys).toArray();
  for (const id of ids) {
    const prefix = recordKey('link', `${id}~`);
    commits.push(...(await db.commits.where('records').startsWith(prefix).toArray()));
  }
  const linkPrefixes = ids.map((id) => recordKey('link', `${id}~`));
  const sourceIds = new Set<string>();
  const actorIds = new Set<string>();
  for (const commit of commits) {
    for (const set of commit.sets) {
      const key = recordKey(set.kind, set.recordId);
      if (set.kind === 'link' && linkPrefixes.some((p) => key.startsWith(p))) {
        wanted.add(key);
        const sourceId = (set.fields as { sourceId?: string }).sourceId;
        if (sourceId) sourceIds.add(sourceId);
      } else if (set.kind === 'incident' && wanted.has(key)) {
        // Known actors and the sources of reported figures, in any version of the incident.
        const fields = set.fields as Partial<Pick<IncidentFields, 'actors' | 'fatalityReports'>>;
        for (const actor of fields.actors ?? []) if (actor.actorId) actorIds.add(actor.actorId);
        for (const report of fields.fatalityReports ?? [])
          if (report.sourceId) sourceIds.add(report.sourceId);
      }
    }
  }
  const referenced = [
    ...[...sourceIds].map((id) => recordKey('source', id)),
    ...[...actorIds].map((id) => recordKey('actor', id)),
  ];
  for (const key of referenced) wanted.add(key);
  commits.push(...(await db.commits.where('records').anyOf(referenced).toArray()));
  const byHlc = new Map<string, ChangeSet>();
  for (const commit of commits) {
    for (const set of commit.sets) {
      if (wanted.has(recordKey(set.kind, set.recordId))) byHlc.set(set.hlc, set);
    }
  }
  return { changes: [...byHlc.values()], sourceIds };
}

/**
 * Change sets the teammate's bundles did not cover. For each device, their bundles of everything
 * said how many of its change sets they had up to which clock; when we hold the same number up
 * to that clock they have them all, otherwise (a bundle of theirs missed some) every change set
 * of that device is sent again — importing twice is harmless.
 */
async function unseenBy(
  db: DaftarDatabase,
  teammate: string,
  changes: ChangeSet[],
): Promise<ChangeSet[]> {
  const covered = new Map(Object.entries((await db.teammates.get(teammate))?.covered ?? {}));
  const countUpTo = new Map<string, number>();
  for (const set of changes) {
    const c = covered.get(set.device);
    if (c && set.hlc <= c.last) countUpTo.set(set.device, (countUpTo.get(set.device) ?? 0) + 1);
  }
  return changes.filter((set) => {
    const c = covered.get(set.device);
    return !c || set.hlc > c.last || countUpTo.get(set.device) !== c.count;
  });
}
