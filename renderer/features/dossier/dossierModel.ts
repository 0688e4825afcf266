/**
 * Everything an incident's dossier shows, read from the data layer in one pass: the incident,
 * each linked source with its link, custody log and content hash (the one custody entries
 * carry), every verification step (the change sets that wrote `status`) with its reason,
 * reviewer and device, and the review threads on the incident and its sources with who wrote
 * and resolved them.
 *
 * Plain data out, the clock in: the view renders it and a test compares it. The dossier's own
 * SHA-256 covers everything but the lines about its making (when, on which device, by whom), so
 * two dossiers of unchanged records carry the same one.
 */
import type { AnnotatableKind } from '../../../shared/domain/annotation.ts';
import { sourceHash, type CustodyEntry } from '../../../shared/domain/custody.ts';
import type { Profile } from '../../../shared/domain/profile.ts';
import { RECORD_STATUSES, type RecordStatus } from '../../../shared/domain/vocabulary.ts';
import { sha256Hex } from '../../../shared/bundle/crypto.ts';
import type { ChangeSet } from '../../../shared/sync/changes.ts';
import { canonicalJson } from '../../../shared/util/canonicalJson.ts';
import { utf8Encode } from '../../../shared/util/utf8.ts';
import type { DaftarData, Incident, Link, Source } from '../../data/daftarData.ts';
import type { Annotation, Thread } from '../../data/reviewData.ts';

/** Who made a change, on which device, and when (its clock). */
export type Stamp = Pick<ChangeSet, 'hlc' | 'author' | 'device'>;

export interface StatusStep extends Stamp {
  status: RecordStatus;
  reason: string;
}

export interface DossierAnnotation {
  annotation: Annotation;
  made: Stamp;
  /** The last change of its text after it was made, if any. */
  edited: Stamp | null;
}

export interface DossierThread {
  root: DossierAnnotation;
  replies: DossierAnnotation[];
  /** The last time the thread was resolved or reopened, if ever. */
  stateChanged: Stamp | null;
}

/** A record's review: its verification steps, oldest first, and the threads about it. */
export interface ReviewTrail {
  statusSteps: StatusStep[];
  threads: DossierThread[];
}

export interface DossierSource extends ReviewTrail {
  source: Source;
  link: Link;
  /**
   * The source's `sourceHash` (its fields but its status, in canonical JSON): the hash its
   * custody entries record, so a reader sees whether each step handed on this same content.
   */
  sha256: string;
  custody: CustodyEntry[];
}

export interface Dossier extends ReviewTrail {
  incident: Incident;
  /** In the order they were linked. */
  sources: DossierSource[];
  /** ISO time the dossier was read. */
  generatedAt: string;
  device: string;
  profile: Profile | null;
  /** SHA-256 (hex) of the canonical JSON of everything above but the three lines before. */
  sha256: string;
}

/** What the dossier reads: a slice of DaftarData. */
export type DossierData = Pick<
  DaftarData,
  'get' | 'getMany' | 'linksOfIncident' | 'history' | 'custodyOf' | 'deviceId' | 'profile'
> & { review: Pick<DaftarData['review'], 'threadsOf'> };

/** The dossier of an incident as it is now, or null when there is no such incident. */
export async function buildDossier(
  data: DossierData,
  incidentId: string,
  now: number,
): Promise<Dossier | null> {
  const incident = await data.get('incident', incidentId);
  if (!incident) return null;
  const links = (await data.linksOfIncident(incidentId)).sort((a, b) =>
    a.created < b.created ? -1 : a.created > b.created ? 1 : 0,
  );
  const found = await data.getMany(
    'source',
    links.map((link) => link.sourceId),
  );
  const incidentReview = await reviewTrail(data, 'incident', incidentId);
  const sources: Omit<DossierSource, 'sha256'>[] = [];
  for (const [i, link] of links.entries()) {
    const source = found[i];
    if (!source) continue;
    sources.push({
      source,
      link,
      custody: await data.custodyOf(source.id),
      ...(await reviewTrail(data, 'source', source.id)),
    });
  }

  // Hashing comes after every read: a live query follows the reads made before it awaits
  // anything other than the database (WebCrypto here), not those after.
  const hashed: DossierSource[] = [];
  for (const entry of sources) {
    hashed.push({ ...entry, sha256: await sourceHash(entry.source) });
  }
  const content = { incident, ...incidentReview, sources: hashed };
  return {
    ...content,
    generatedAt: new Date(now).toISOString(),
    device: data.deviceId,
    profile: data.profile,
    sha256: await sha256Hex(utf8Encode(canonicalJson(content))),
  };
}

async function reviewTrail(
  data: DossierData,
  kind: AnnotatableKind,
  id: string,
): Promise<ReviewTrail> {
  const statusSteps = statusStepsOf(await data.history(kind, id));
  const threads: DossierThread[] = [];
  for (const thread of await data.review.threadsOf(kind, id)) {
    threads.push(await dossierThread(data, thread));
  }
  return { statusSteps, threads };
}

async function dossierThread(data: DossierData, thread: Thread): Promise<DossierThread> {
  const rootHistory = await data.history('annotation', thread.root.id);
  const replies: DossierAnnotation[] = [];
  for (const reply of thread.replies) {
    replies.push(dossierAnnotation(reply, await data.history('annotation', reply.id)));
  }
  return {
    root: dossierAnnotation(thread.root, rootHistory),
    replies,
    stateChanged: lastChangeOf(rootHistory, thread.root.created, 'state'),
  };
}

function dossierAnnotation(annotation: Annotation, history: ChangeSet[]): DossierAnnotation {
  const made = history.find((set) => set.hlc === annotation.created) ?? history[0];
  return {
    annotation,
    // An annotation always arrives with the change that made it; the record's clock is the
    // fallback should its history ever lack it.
    made: made ? stampOf(made) : { hlc: annotation.created, author: '', device: '' },
    edited: lastChangeOf(history, annotation.created, 'body'),
  };
}

/** The latest change after `created` that wrote `field`, if any. */
function lastChangeOf(history: ChangeSet[], created: string, field: string): Stamp | null {
  const set = history.findLast((change) => change.hlc > created && field in change.fields);
  return set ? stampOf(set) : null;
}

const stampOf = ({ hlc, author, device }: ChangeSet): Stamp => ({ hlc, author, device });

/** The verification steps in a record's history: each change that wrote its status, in order. */
export function statusStepsOf(history: readonly ChangeSet[]): StatusStep[] {
  const steps: StatusStep[] = [];
  for (const set of history) {
    const fields: Record<string, unknown> = set.fields;
    const status = fields.status;
    if (!isRecordStatus(status)) continue;
    const reason = typeof fields.statusReason === 'string' ? fields.statusReason : '';
    steps.push({ ...stampOf(set), status, reason });
  }
  return steps;
}

function isRecordStatus(value: unknown): value is RecordStatus {
  return typeof value === 'string' && (RECORD_STATUSES as readonly string[]).includes(value);
}
