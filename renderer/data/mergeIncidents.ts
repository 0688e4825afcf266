/**
 * Merging two records of one event into one, as one undoable write.
 *
 * The survivor keeps its id and takes, field by field, the value the person chose (its own by
 * default); fatality reports, tags and actors are united, and `mergedFrom` lists the other
 * incident with every incident merged into it before. Every source linked to the other incident
 * becomes linked to the survivor — what the link supports united, both notes kept — and the
 * other incident and its links are deleted: tombstones, their histories kept in the store, so
 * the survivor's history can show them (recordHistory.ts) and the write's undo restores both
 * records and every link exactly.
 *
 * Annotations are never rewritten (what they are about is fixed): a thread about the merged
 * incident stays about it, and `threadsWithMerged` gathers the survivor's threads with those of
 * every incident in its `mergedFrom`, each marked with the incident it was written about.
 */
import type { IncidentFields } from '../../shared/domain/incident.ts';
import { linkId, type LinkFields } from '../../shared/domain/link.ts';
import { LIMITS } from '../../shared/domain/fields.ts';
import { SUPPORTABLE_FIELDS } from '../../shared/domain/vocabulary.ts';
import { keysOfActorName } from '../../shared/duplicates/actorKeys.ts';
import { jsonEqual } from '../../shared/util/canonicalJson.ts';
import type { DaftarData, Incident, Link } from './daftarData.ts';
import { recordKey } from './database.ts';
import type { WriteOp, WriteResult } from './recordStore.ts';
import type { Thread } from './reviewData.ts';

/** Fields both records contribute to instead of one being chosen. */
export const UNITED_FIELDS = ['fatalityReports', 'tags', 'actors', 'mergedFrom'] as const;
type UnitedField = (typeof UNITED_FIELDS)[number];

/** Fields the person chooses a value for: every incident field but the united ones. */
export type ChosenField = Exclude<keyof IncidentFields, UnitedField>;
export type MergeChoice = 'survivor' | 'other';
export type MergeChoices = Partial<Record<ChosenField, MergeChoice>>;

/**
 * A merge refused before anything was written: an incident merged with itself, or one that does
 * not exist (deleted meanwhile). `code` names the i18n key `duplicates.error.<code>`.
 */
export class MergeRefusedError extends Error {
  constructor(
    readonly code: 'sameIncident' | 'notFound',
    readonly id: string,
    message: string,
  ) {
    super(message);
    this.name = 'MergeRefusedError';
  }
}

export interface MergeResult extends WriteResult {
  /** Sources whose link moved from the other incident to the survivor. */
  linksMoved: number;
}

export function isUnitedField(field: string): field is UnitedField {
  return (UNITED_FIELDS as readonly string[]).includes(field);
}

/**
 * The survivor's fields after the merge (pure): chosen fields from their record, united fields
 * from both, `mergedFrom` extended.
 */
export function mergedFields(
  survivor: IncidentFields,
  other: IncidentFields & { id: string },
  choices: MergeChoices,
): IncidentFields {
  const out = { ...survivor } as Record<string, unknown>;
  for (const [field, choice] of Object.entries(choices)) {
    if (choice === 'other' && !isUnitedField(field) && field in survivor) {
      out[field] = (other as unknown as Record<string, unknown>)[field];
    }
  }
  const merged = out as unknown as IncidentFields;
  merged.fatalityReports = unique([...survivor.fatalityReports, ...other.fatalityReports], (a, b) =>
    jsonEqual(a, b),
  );
  merged.tags = unique([...survivor.tags, ...other.tags], (a, b) => a === b);
  merged.actors = unique(
    [...survivor.actors, ...other.actors],
    (a, b) => a.role === b.role && sameActorName(a.name, b.name),
  );
  merged.mergedFrom = unique(
    [...survivor.mergedFrom, other.id, ...other.mergedFrom],
    (a, b) => a === b,
  );
  return merged;
}

/** One link of the survivor's after the merge: what both links supported, both notes. */
export function mergedLink(
  kept: LinkFields | null,
  moved: LinkFields,
  survivorId: string,
): LinkFields {
  const supports = SUPPORTABLE_FIELDS.filter(
    (f) => kept?.supports.includes(f) || moved.supports.includes(f),
  );
  const notes = unique(
    [kept?.note ?? '', moved.note].map((n) => n.trim()).filter((n) => n !== ''),
    (a, b) => a === b,
  );
  return {
    incidentId: survivorId,
    sourceId: moved.sourceId,
    supports,
    note: shortened(notes.join(' · '), LIMITS.shortText),
  };
}

/**
 * Merge `otherId` into `survivorId` (see the module comment), in one write whose `undo` brings
 * both back as they were. Refused with MergeRefusedError when the two are one incident or either
 * is missing; an invalid merged record (a sub-type chosen from one record and the event type from
 * the other that do not go together) is refused by the store with a RecordValidationError.
 */
export async function mergeIncidents(
  data: DaftarData,
  survivorId: string,
  otherId: string,
  choices: MergeChoices = {},
): Promise<MergeResult> {
  if (survivorId === otherId) {
    throw new MergeRefusedError(
      'sameIncident',
      survivorId,
      `An incident cannot be merged with itself (${survivorId})`,
    );
  }
  // One transaction: the records and links read are the ones the write replaces.
  return data.db.transaction('rw', ['incidents', 'links', 'commits', 'conflicts'], async () => {
    const survivor = await existing(data, survivorId);
    const other = await existing(data, otherId);
    const ops: WriteOp[] = [];
    const { id: _s, created: _sc, updated: _su, ...survivorFields } = survivor;
    const { created: _oc, updated: _ou, ...otherFields } = other;
    const fields = mergedFields(survivorFields, otherFields, choices);
    const changed = Object.fromEntries(
      Object.entries(fields).filter(
        ([field, value]) => !jsonEqual(value, (survivorFields as Record<string, unknown>)[field]),
      ),
    );
    ops.push({ type: 'update', kind: 'incident', id: survivorId, fields: changed });

    const moving = await data.linksOfIncident(otherId);
    const keptLinks = new Map(
      (await data.linksOfIncident(survivorId)).map((link) => [link.sourceId, link]),
    );
    for (const link of moving) {
      ops.push({ type: 'delete', kind: 'link', id: link.id });
      ops.push(...(await linkOps(data, survivorId, link, keptLinks.get(link.sourceId))));
    }
    ops.push({ type: 'delete', kind: 'incident', id: otherId });
    const result = await data.write(ops);
    return { ...result, linksMoved: moving.length };
  });
}

/** The writes that link the survivor to a source the other incident was linked to. */
async function linkOps(
  data: DaftarData,
  survivorId: string,
  moved: Link,
  kept: Link | undefined,
): Promise<WriteOp[]> {
  const id = linkId(survivorId, moved.sourceId);
  const fields = mergedLink(kept ?? null, moved, survivorId);
  if (kept) return [{ type: 'update', kind: 'link', id, fields }];
  // A link id is derived from its ends: a pair unlinked once is restored, not created again.
  const hadHistory =
    (await data.db.commits.where('records').equals(recordKey('link', id)).count()) > 0;
  if (hadHistory) {
    return [
      { type: 'restore', kind: 'link', id },
      { type: 'update', kind: 'link', id, fields },
    ];
  }
  return [{ type: 'create', kind: 'link', id, fields }];
}

async function existing(data: DaftarData, id: string): Promise<Incident> {
  const incident = await data.get('incident', id);
  if (!incident)
    throw new MergeRefusedError('notFound', id, `No incident with id ${id} (deleted?)`);
  return incident;
}

/** A thread, and the merged incident it was written about (null: about the incident itself). */
export interface MergedThread extends Thread {
  fromMerged: string | null;
}

/**
 * The review threads about an incident and about every incident merged into it, oldest first
 * within each: annotations keep the record they were written about, so merging never hides them.
 */
export async function threadsWithMerged(
  data: DaftarData,
  incidentId: string,
): Promise<MergedThread[]> {
  const incident = await data.get('incident', incidentId);
  const own = (await data.review.threadsOf('incident', incidentId)).map((t) => ({
    ...t,
    fromMerged: null,
  }));
  const merged: MergedThread[] = [];
  for (const id of incident?.mergedFrom ?? []) {
    for (const thread of await data.review.threadsOf('incident', id)) {
      merged.push({ ...thread, fromMerged: id });
    }
  }
  return [...own, ...merged];
}

/** Two names for one actor: folded alike, or sharing an acronym or short form. */
function sameActorName(a: string, b: string): boolean {
  const keys = keysOfActorName(a);
  return keysOfActorName(b).some((k) => keys.includes(k));
}

/** `items` without later repeats (by `same`), in order. */
function unique<T>(items: readonly T[], same: (a: T, b: T) => boolean): T[] {
  const out: T[] = [];
  for (const item of items) if (!out.some((kept) => same(kept, item))) out.push(item);
  return out;
}

function shortened(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
