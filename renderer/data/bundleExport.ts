/**
 * What goes into a bundle: every change set (and custody entry, and referenced attachment) of
 * the chosen scope — everything; some incidents with their links, sources, attachments and the
 * whole history of each; or what a teammate has not seen yet, judged from the bundles of
 * everything they sent us (their `covers`).
 */
import type { BundleContent } from '../../shared/bundle/writeBundle.ts';
import type { BundleScope } from '../../shared/bundle/manifest.ts';
import type { IncidentFields } from '../../shared/domain/incident.ts';
import type { ChangeSet } from '../../shared/sync/changes.ts';
import { recordKey, type DaftarDatabase } from './database.ts';

export type ExportScope =
  | { kind: 'all' }
  | { kind: 'incidents'; ids: readonly string[] }
  | { kind: 'unseenBy'; teammate: string };

export function manifestScope(scope: ExportScope): BundleScope {
  if (scope.kind === 'incidents') return { kind: 'incidents', incidents: scope.ids.length };
  return scope;
}

export async function collectBundleContent(
  db: DaftarDatabase,
  scope: ExportScope,
): Promise<BundleContent> {
  return db.transaction('r', ['commits', 'custody', 'attachments', 'teammates'], async () => {
    let changes: ChangeSet[];
    let sourceIds: Set<string> | null = null;
    if (scope.kind === 'incidents') {
      ({ changes, sourceIds } = await incidentsWithSources(db, scope.ids));
    } else {
      changes = (await db.commits.toArray()).flatMap((c) => c.sets);
      if (scope.kind === 'unseenBy') changes = await unseenBy(db, scope.teammate, changes);
    }
    const custody =
      sourceIds === null
        ? await db.custody.toArray()
        : await db.custody
            .where('sourceId')
            .anyOf([...sourceIds])
            .toArray();
    const hashes = new Set<string>();
    for (const set of changes) {
      const refs = (set.fields as { attachments?: { sha256: string }[] }).attachments;
      if (set.kind === 'source' && refs) for (const ref of refs) hashes.add(ref.sha256);
    }
    const blobs = await db.attachments.bulkGet([...hashes]);
    const attachments = blobs.flatMap((b) => (b ? [b] : []));
    return { changes, custody, attachments };
  });
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
