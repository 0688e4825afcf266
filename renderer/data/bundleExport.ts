/**
 * What goes into a bundle: every change set (and custody entry, and referenced attachment) of
 * the chosen scope — everything; some incidents with their links, sources, attachments and the
 * whole history of each; what a teammate has not seen yet, judged from the bundles of
 * everything they sent us (their `covers`); this device's review work alone; or what the team hub
 * is not known to hold (team sync, see `HubCoverage`). Also which sources the bundle hands on, as
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
import { fromRow } from './rows.ts';

export type ExportScope =
  | { kind: 'all' }
  | { kind: 'incidents'; ids: readonly string[] }
  | { kind: 'unseenBy'; teammate: string }
  /** This profile's own device's annotations and status steps (see `reviewWork`). */
  | { kind: 'review'; device: string }
  /**
   * For team sync: every change set and custody entry the team hub is not known to hold (see
   * `HubCoverage`), with the attachments they reference.
   */
  | { kind: 'notOnHub'; onHub: HubCoverage };

/** The name a `notOnHub` bundle's manifest gives as its recipient (the format has no hub scope). */
export const HUB_RECIPIENT = 'hub';

export function manifestScope(scope: ExportScope): BundleScope {
  if (scope.kind === 'incidents') return { kind: 'incidents', incidents: scope.ids.length };
  // What one recipient (the hub) has not seen: the nearest scope the bundle format knows. Not
  // `all`, whose `covers` a reader takes as everything its maker holds.
  if (scope.kind === 'notOnHub') return { kind: 'unseenBy', teammate: HUB_RECIPIENT };
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
      if (scope.kind === 'notOnHub') {
        changes = notCovered(changes, scope.onHub.changes, changeItem);
        custody = notCovered(custody, scope.onHub.custody, custodyItem);
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

// ---- what the team hub holds ------------------------------------------------------------------

/**
 * What the team hub is known to hold, per device whose items these are: "every one of that
 * device's items this profile held up to `last` — `count` of them — is on the hub". Change sets
 * are ordered by clock, custody entries (which have none) by time and id. The claim is checked
 * when used, as `unseenBy` checks a teammate's: if the profile now holds a different number up to
 * `last` — a teammate's older items arrived meanwhile, by a USB bundle say — the hub may lack
 * some, and all of that device's items are sent again (an import skips what it has).
 *
 * It grows two ways: what was pushed (the profile's whole holding as it stood just before the
 * pushed bundle was made: everything in it was either on the hub already or in the bundle), and
 * what was pulled (a device all of whose held items are now covered or came from the hub).
 */
export interface HubCoverage {
  changes: Record<string, Covered>;
  custody: Record<string, Covered>;
}
export interface Covered {
  last: string;
  count: number;
}

export const NOTHING_ON_HUB: HubCoverage = { changes: {}, custody: {} };

interface Item {
  device: string;
  key: string;
}
const changeItem = (set: ChangeSet): Item => ({ device: set.device, key: set.hlc });
const custodyItem = (entry: CustodyEntry): Item => ({
  device: entry.device,
  key: `${entry.at}|${entry.id}`,
});

/** A device's entry, never one inherited from Object.prototype (a device may be named so). */
const own = (covered: Record<string, Covered>, device: string): Covered | undefined =>
  Object.hasOwn(covered, device) ? covered[device] : undefined;

function copy(covered: Record<string, Covered>): Record<string, Covered> {
  return Object.assign(Object.create(null) as Record<string, Covered>, covered);
}

function notCovered<T>(items: T[], covered: Record<string, Covered>, item: (t: T) => Item): T[] {
  const upTo = new Map<string, number>();
  for (const t of items) {
    const { device, key } = item(t);
    const c = own(covered, device);
    if (c && key <= c.last) upTo.set(device, (upTo.get(device) ?? 0) + 1);
  }
  return items.filter((t) => {
    const { device, key } = item(t);
    const c = own(covered, device);
    return !c || key > c.last || upTo.get(device) !== c.count;
  });
}

function coverageOf<T>(items: readonly T[], item: (t: T) => Item): Record<string, Covered> {
  const out: Record<string, Covered> = Object.create(null) as Record<string, Covered>;
  for (const t of items) {
    const { device, key } = item(t);
    const c = own(out, device);
    if (!c) out[device] = { last: key, count: 1 };
    else {
      c.count++;
      if (key > c.last) c.last = key;
    }
  }
  return out;
}

/** Everything this profile holds, as coverage: what the hub holds once what it lacks is pushed. */
export async function holdingCoverage(db: DaftarDatabase): Promise<HubCoverage> {
  return db.transaction('r', ['commits', 'custody'], async () => ({
    changes: coverageOf(
      (await db.commits.toArray()).flatMap((c) => c.sets),
      changeItem,
    ),
    custody: coverageOf(await db.custody.toArray(), custodyItem),
  }));
}

/** Both claims together: per device, the one reaching further. */
export function joinCoverage(a: HubCoverage, b: HubCoverage): HubCoverage {
  const join = (x: Record<string, Covered>, y: Record<string, Covered>) => {
    const out = copy(x);
    for (const [device, c] of Object.entries(y)) {
      const d = own(out, device);
      if (!d || c.last > d.last || (c.last === d.last && c.count > d.count)) out[device] = c;
    }
    return out;
  };
  return { changes: join(a.changes, b.changes), custody: join(a.custody, b.custody) };
}

/**
 * Coverage after a bundle from the hub was applied: each device with items in the bundle whose
 * every held item is now either covered already or one the bundle brought is covered whole — so
 * what was pulled is not pushed back.
 */
export async function coverageAfterPull(
  db: DaftarDatabase,
  before: HubCoverage,
  pulled: { changes: readonly ChangeSet[]; custody: readonly CustodyEntry[] },
): Promise<HubCoverage> {
  const extend = <T>(
    held: T[],
    came: readonly T[],
    covered: Record<string, Covered>,
    item: (t: T) => Item,
  ) => {
    const cameKeys = new Set(came.map((t) => item(t).key));
    const devices = new Set(came.map((t) => item(t).device));
    const rest = held.filter((t) => !cameKeys.has(item(t).key));
    const lacking = new Set(notCovered(rest, covered, item).map((t) => item(t).device));
    const whole = coverageOf(
      held.filter((t) => devices.has(item(t).device)),
      item,
    );
    const out = copy(covered);
    for (const device of devices) {
      const all = own(whole, device);
      if (!lacking.has(device) && all) out[device] = all;
    }
    return out;
  };
  return db.transaction('r', ['commits', 'custody'], async () => ({
    changes: extend(
      (await db.commits.toArray()).flatMap((c) => c.sets),
      pulled.changes,
      before.changes,
      changeItem,
    ),
    custody: extend(await db.custody.toArray(), pulled.custody, before.custody, custodyItem),
  }));
}

/**
 * How many change sets wait for the hub, read cheaply for the status after a save: only the
 * commit rows written since the hub last held everything of `device` (the `last` index), so a
 * save in a profile of 100,000 records reads a few rows, not the whole history. Exact for what
 * `device` wrote since and for anything in those rows; an older change set of another device
 * that arrived out of order (say by USB) is counted by the next sync run's full check
 * (`pendingForHub`), which the push uses. Null when the hub holds nothing of `device` yet (the
 * caller counts in full).
 */
export async function recentPendingForHub(
  db: DaftarDatabase,
  onHub: HubCoverage,
  device: string,
): Promise<number | null> {
  const mine = own(onHub.changes, device);
  if (!mine) return null;
  const rows = await db.commits.where('last').above(mine.last).toArray();
  let pending = 0;
  for (const set of rows.flatMap((row) => row.sets)) {
    const covered = own(onHub.changes, set.device);
    if (!covered || set.hlc > covered.last) pending++;
  }
  return pending;
}

/** How many change sets and custody entries the hub is not known to hold. */
export async function pendingForHub(
  db: DaftarDatabase,
  onHub: HubCoverage,
): Promise<{ changes: number; custody: number }> {
  return db.transaction('r', ['commits', 'custody'], async () => ({
    changes: notCovered(
      (await db.commits.toArray()).flatMap((c) => c.sets),
      onHub.changes,
      changeItem,
    ).length,
    custody: notCovered(await db.custody.toArray(), onHub.custody, custodyItem).length,
  }));
}
