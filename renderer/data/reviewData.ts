/**
 * Review in the data layer: annotations and their threads, verification steps, and the review
 * queue with its counts. Everything is written through RecordStore, so each annotation, reply,
 * resolution and status step is an ordinary change set — signed, merged, carried in bundles and
 * shown in the history with its author and device.
 *
 * Counts come from index keys, never from loading records: the queue is counted over 100,000
 * incidents and 50,000 annotations on every change (docs/benchmarks.md, review.queue).
 */
import {
  newAnnotation,
  replyTo,
  type AnnotatableKind,
  type AnnotationState,
  type AnnotationType,
  type PassageAnchor,
} from '../../shared/domain/annotation.ts';
import type { StoredRecord } from '../../shared/domain/records.ts';
import {
  reviewStatusOf,
  STATUS_NEEDS_REASON,
  STATUS_STEPS,
  type ReviewStatus,
} from '../../shared/domain/vocabulary.ts';
import type { ChangeSet } from '../../shared/sync/changes.ts';
import { decodeHlc } from '../../shared/sync/hlc.ts';
import { recordKey, type ConflictRow, type DaftarDatabase } from './database.ts';
import type { RecordStore, WriteResult } from './recordStore.ts';
import { fieldClock, fromRow } from './rows.ts';

export type Annotation = StoredRecord<'annotation'>;

/** A thread: its first annotation (what it is about, its state) and the replies, oldest first. */
export interface Thread {
  root: Annotation;
  replies: Annotation[];
}

export interface ReviewCounts {
  /** Incidents and sources submitted and waiting for a reviewer. */
  toReview: number;
  /** Open threads about records this device made. */
  openOnMine: number;
  /** Fields edited concurrently and not yet resolved. */
  conflicts: number;
}

export interface QueueEntry {
  kind: AnnotatableKind;
  id: string;
  title: string;
  status: ReviewStatus;
  updated: string;
}

/** A refused review step: the step is not allowed from the record's status, or lacks a reason. */
export class ReviewStepError extends Error {
  constructor(
    readonly code: 'notAllowed' | 'reasonRequired' | 'notFound',
    message: string,
  ) {
    super(message);
    this.name = 'ReviewStepError';
  }
}

const byCreated = (a: Annotation, b: Annotation) =>
  a.created < b.created ? -1 : a.created > b.created ? 1 : 0;

const targetKey = (kind: AnnotatableKind, id: string) => `${kind}:${id}`;

export class ReviewData {
  constructor(
    private readonly db: DaftarDatabase,
    private readonly store: RecordStore,
    private readonly newId: () => string,
    private readonly author: () => string,
  ) {}

  /**
   * Who each device is: this device's profile name and each teammate's, as their signed bundles
   * named them. An annotation's author is the device that made it (its creation clock says
   * which), so a name cannot be claimed by another device.
   */
  async authorNames(): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const teammate of await this.db.teammates.toArray()) {
      names.set(teammate.device, teammate.author);
    }
    names.set(this.store.device, this.author());
    return names;
  }

  /** Every annotation about a record (threads and replies), oldest first. */
  async annotationsOf(kind: AnnotatableKind, id: string): Promise<Annotation[]> {
    const rows = await this.db.annotations.where('_target').equals(targetKey(kind, id)).toArray();
    return rows.map((row) => fromRow(row)).sort(byCreated);
  }

  /** The threads about a record, oldest first; a reply whose thread is missing is its own. */
  async threadsOf(kind: AnnotatableKind, id: string): Promise<Thread[]> {
    return threadsFrom(await this.annotationsOf(kind, id));
  }

  /** One thread by the id of any of its annotations. */
  async thread(annotationId: string): Promise<Thread | undefined> {
    const row = await this.db.annotations.get(annotationId);
    if (!row) return undefined;
    const rows = await this.db.annotations.where('_root').equals(row._root).toArray();
    return threadsFrom(rows.map((r) => fromRow(r)).sort(byCreated))[0];
  }

  /**
   * The latest change of a record's status (its creation counts: a new record is a draft), read
   * newest first and no further — a record may have 10,000 changes.
   */
  async lastStatusStep(kind: AnnotatableKind, id: string): Promise<ChangeSet | undefined> {
    let found: ChangeSet | undefined;
    await this.db.commits
      .where('records')
      .equals(recordKey(kind, id))
      .reverse()
      .until(() => found !== undefined)
      .each((row) => {
        found ??= row.sets.findLast(
          (set) => set.kind === kind && set.recordId === id && 'status' in set.fields,
        );
      });
    return found;
  }

  /** Start a thread about a record, one of its fields, or a passage of its text. */
  async annotate(
    target: { kind: AnnotatableKind; id: string; field?: string },
    type: AnnotationType,
    body: string,
    extra: { anchor?: Omit<PassageAnchor, 'fieldClock'>; suggestion?: string } = {},
  ): Promise<{ id: string; result: WriteResult }> {
    const row = await this.db.tableOf(target.kind).get(target.id);
    if (!row) throw new ReviewStepError('notFound', `No ${target.kind} with id ${target.id}`);
    const anchor =
      extra.anchor && target.field
        ? { ...extra.anchor, fieldClock: fieldClock(row, target.field) }
        : undefined;
    const owner = decodeHlc(row.created).device;
    const fields = newAnnotation({ ...target, owner }, type, body, {
      ...(anchor ? { anchor } : {}),
      ...(extra.suggestion !== undefined ? { suggestion: extra.suggestion } : {}),
    });
    return this.create(fields);
  }

  /** Answer a thread (`rootId` may name any annotation of it). */
  async reply(
    rootId: string,
    body: string,
    type: AnnotationType = 'comment',
  ): Promise<{ id: string; result: WriteResult }> {
    const thread = await this.thread(rootId);
    if (!thread) throw new ReviewStepError('notFound', `No annotation with id ${rootId}`);
    return this.create(replyTo(thread.root, body, type));
  }

  /** Resolve or reopen a thread: a change of its first annotation's state. */
  setThreadState(rootId: string, state: AnnotationState): Promise<WriteResult> {
    return this.store.write([
      { type: 'update', kind: 'annotation', id: rootId, fields: { state } },
    ]);
  }

  /**
   * One verification step: the new status and why, written as one change of `status` and
   * `statusReason` (its author and device are the reviewer's). Refused when the step does not
   * lead from the record's status, or when it needs a reason and has none.
   */
  async setStatus(
    kind: AnnotatableKind,
    id: string,
    status: ReviewStatus,
    reason: string,
  ): Promise<WriteResult> {
    const row = await this.db.tableOf(kind).get(id);
    if (!row) throw new ReviewStepError('notFound', `No ${kind} with id ${id}`);
    const from = reviewStatusOf(row.status);
    if (!STATUS_STEPS[from].includes(status)) {
      throw new ReviewStepError('notAllowed', `A ${from} ${kind} cannot become ${status}.`);
    }
    if (STATUS_NEEDS_REASON.includes(status) && reason.trim() === '') {
      throw new ReviewStepError('reasonRequired', `Say why the ${kind} is ${status}.`);
    }
    return this.store.write([
      {
        type: 'update',
        kind,
        id,
        fields: { status, statusReason: reason.trim() },
        rewrite: ['statusReason'],
      },
    ]);
  }

  /** The navigation's counts, read from index keys only. */
  async counts(): Promise<ReviewCounts> {
    const [incidents, sources, openOnMine, conflicts] = await Promise.all([
      this.submittedCount('incident'),
      this.submittedCount('source'),
      this.openOnMine(),
      this.db.conflicts.count(),
    ]);
    return { toReview: incidents + sources, openOnMine, conflicts };
  }

  /** What waits for review, latest first, up to `limit` of each kind. */
  async toReview(limit = 200): Promise<QueueEntry[]> {
    const entries: QueueEntry[] = [];
    for (const kind of ['incident', 'source'] as const) {
      const rows = await this.db
        .tableOf(kind)
        .where('[_review+updated]')
        .between(['submitted', ''], ['submitted', '\uffff'])
        .reverse()
        .limit(limit)
        .toArray();
      for (const row of rows) {
        entries.push({
          kind,
          id: row.id,
          title: row.title,
          status: reviewStatusOf(row.status),
          updated: row.updated,
        });
      }
    }
    return entries.sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
  }

  /** Open threads about records this device made, latest first, up to `limit`. */
  async openThreadsOnMine(limit = 200): Promise<Thread[]> {
    const open = await this.db.annotations
      .where('[_open+targetOwner]')
      .equals([1, this.store.device])
      .toArray();
    const roots = open
      .map((row) => fromRow(row))
      .sort(byCreated)
      .reverse()
      .slice(0, limit);
    const replies = await this.db.annotations
      .where('_root')
      .anyOf(roots.map((root) => root.id))
      .toArray();
    return roots.map((root) => ({
      root,
      replies: replies
        .filter((r) => r._root === root.id && r.id !== root.id)
        .map((r) => fromRow(r))
        .sort(byCreated),
    }));
  }

  async conflicts(limit = 200): Promise<ConflictRow[]> {
    return this.db.conflicts.limit(limit).toArray();
  }

  private submittedCount(kind: AnnotatableKind): Promise<number> {
    return this.db
      .tableOf(kind)
      .where('[_review+updated]')
      .between(['submitted', ''], ['submitted', '\uffff'])
      .count();
  }

  /** How many open threads are about records this device made: one index count. */
  private openOnMine(): Promise<number> {
    return this.db.annotations.where('[_open+targetOwner]').equals([1, this.store.device]).count();
  }

  private async create(
    fields: ReturnType<typeof newAnnotation>,
  ): Promise<{ id: string; result: WriteResult }> {
    const id = this.newId();
    const result = await this.store.write([{ type: 'create', kind: 'annotation', id, fields }], {
      freshIds: true,
    });
    return { id, result };
  }
}

/** Annotations (oldest first) grouped into threads. */
export function threadsFrom(annotations: readonly Annotation[]): Thread[] {
  const threads = new Map<string, Thread>();
  const orphans: Annotation[] = [];
  for (const a of annotations) {
    if (a.replyTo === null) threads.set(a.id, { root: a, replies: [] });
  }
  for (const a of annotations) {
    if (a.replyTo === null) continue;
    const thread = threads.get(a.replyTo);
    if (thread) thread.replies.push(a);
    else orphans.push(a);
  }
  // A reply that arrived before its thread's first annotation is shown on its own until it does.
  for (const a of orphans) threads.set(a.id, { root: a, replies: [] });
  return [...threads.values()].sort((x, y) => byCreated(x.root, y.root));
}
