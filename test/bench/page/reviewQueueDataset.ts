/**
 * The review-queue benchmark's dataset (page/reviewQueueBench.ts): incidents and sources as the
 * generator makes them, with statuses spread so that about 15 % wait for review, each created
 * by this device or by a teammate's, half and half (`_owner` comes from the creation clock), and
 * annotations on them — about a quarter first annotations of open threads, the rest resolved
 * threads and replies. Everything is written through the data layer's RecordStore, so rows,
 * indexes and commits are the app's.
 */
import type { AnnotationFields, AnnotationType } from '../../../shared/domain/annotation.ts';
import { newAnnotation, replyTo } from '../../../shared/domain/annotation.ts';
import type { RecordStatus } from '../../../shared/domain/vocabulary.ts';
import { DaftarData } from '../../../renderer/data/daftarData.ts';
import { RecordStore, type WriteOp } from '../../../renderer/data/recordStore.ts';
import {
  generateIds,
  generateIncidents,
  generateSources,
  mulberry32,
  type Rng,
} from '../generateDataset.ts';
import { testSealer } from '../../helpers/testSealer.ts';

export interface FillOptions {
  dbName: string;
  incidents: number;
  sources: number;
  annotations: number;
  seed: number;
  chunkSize: number;
}

/** What the filled database must answer, known from the generated data. */
export interface Expected {
  toReview: number;
  openThreads: number;
  openOnMine: number;
  mineRecords: number;
  roots: number;
  fillMs: number;
}

/** A teammate's device: records it creates are not "mine" (their `_owner` differs). */
const TEAMMATE = 'benchteammate000';
const AUTHOR = 'Bench';
/** Of all annotations: first annotations of threads (the rest are replies)… */
const ROOT_SHARE = 0.4;
/** …and first annotations of open threads. */
const OPEN_SHARE = 0.25;

const BODIES = [
  'Which source gives the casualty figure? The district hospital list says fewer.',
  'The date looks one day off: the first reports are from the morning after.',
  'Two outlets name a different village for this event; please check the district.',
  'Is the perpetrator attribution confirmed by anyone other than the outlet itself?',
  'Checked against the provincial police statement, the figures match.',
  'The excerpt is a translation; link the original Dari article if we have it.',
  'Duplicate of an incident entered last week? Same place, same day, same actors.',
  'Agreed, changing the location precision to district level.',
  'این رقم با گزارش شفاخانه ولایتی مطابقت ندارد.',
  'منبع دوم همین خبر را با تاریخ دیگری نشر کرده است.',
] as const;
const TYPES: readonly AnnotationType[] = ['comment', 'comment', 'question', 'correction', 'flag'];

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/**
 * The generator's statuses, with fewer of them waiting: of its 38 % `unverified`, 40 % stay
 * waiting (half as the legacy `unverified`, half `submitted`), 40 % become `verified` and 20 %
 * `rejected` — about 15 % waiting, and every review status present.
 */
function spread(rng: Rng, status: RecordStatus): RecordStatus {
  if (status !== 'unverified') return status;
  const r = rng();
  return r < 0.2 ? 'unverified' : r < 0.4 ? 'submitted' : r < 0.8 ? 'verified' : 'rejected';
}

/** Sources are generated as drafts: the same spread as incidents, drawn afresh. */
function sourceStatus(rng: Rng): RecordStatus {
  const r = rng();
  if (r < 0.1) return 'draft';
  if (r < 0.48) return spread(rng, 'unverified');
  return r < 0.9 ? 'verified' : 'disputed';
}

const waiting = (status: RecordStatus) => status === 'submitted' || status === 'unverified';

interface Target {
  kind: 'incident' | 'source';
  id: string;
  mine: boolean;
}

/** Write `mine` through this device's store and `theirs` through the teammate's, chunk by chunk. */
async function writeBoth(
  data: DaftarData,
  teammate: RecordStore,
  mine: WriteOp[],
  theirs: WriteOp[],
  chunkSize: number,
): Promise<void> {
  for (let from = 0; from < Math.max(mine.length, theirs.length); from += chunkSize) {
    const a = mine.slice(from, from + chunkSize);
    const b = theirs.slice(from, from + chunkSize);
    if (a.length > 0) await data.store.write(a, { freshIds: true });
    if (b.length > 0) await teammate.write(b, { freshIds: true });
  }
}

export async function fillReviewQueue(o: FillOptions): Promise<Expected> {
  const start = performance.now();
  await deleteDatabase(o.dbName);
  const data = await DaftarData.open({
    sealer: testSealer(),
    name: o.dbName,
  });
  try {
    await data.saveProfile({ name: AUTHOR, role: 'researcher' });
    const teammate = new RecordStore(data.db, {
      device: TEAMMATE,
      author: 'Teammate',
      now: () => Date.now(),
    });
    const rng = mulberry32(o.seed ^ 0x7e7);
    const sourceIds = generateIds(o.sources, o.seed + 1);
    const incidentIds = generateIds(o.incidents, o.seed);
    const targets: Target[] = [];
    const mine: WriteOp[] = [];
    const theirs: WriteOp[] = [];
    let toReview = 0;
    generateSources(o.sources, o.seed + 1).forEach((fields, i) => {
      const status = sourceStatus(rng);
      const target: Target = { kind: 'source', id: sourceIds[i]!, mine: rng() < 0.5 };
      if (waiting(status)) toReview++;
      targets.push(target);
      (target.mine ? mine : theirs).push({
        type: 'create',
        kind: 'source',
        id: target.id,
        fields: { ...fields, status },
      });
    });
    generateIncidents(o.incidents, o.seed, { sourceIds }).forEach((fields, i) => {
      const status = spread(rng, fields.status);
      const target: Target = { kind: 'incident', id: incidentIds[i]!, mine: rng() < 0.5 };
      if (waiting(status)) toReview++;
      targets.push(target);
      (target.mine ? mine : theirs).push({
        type: 'create',
        kind: 'incident',
        id: target.id,
        fields: { ...fields, status },
      });
    });
    await writeBoth(data, teammate, mine, theirs, o.chunkSize);

    // Threads: a teammate comments on my records and I on theirs; replies come from both.
    const ids = generateIds(o.annotations, o.seed + 2);
    const rootCount = Math.round(o.annotations * ROOT_SHARE);
    const openShare = OPEN_SHARE / ROOT_SHARE;
    const roots: (AnnotationFields & { id: string })[] = [];
    let openThreads = 0;
    let openOnMine = 0;
    const byMe: WriteOp[] = [];
    const byTeammate: WriteOp[] = [];
    for (let i = 0; i < rootCount; i++) {
      const target = pick(rng, targets);
      const type = pick(rng, TYPES);
      const field = rng() < 0.6 ? '' : target.kind === 'incident' ? 'notes' : 'excerpt';
      const fields = newAnnotation(
        { kind: target.kind, id: target.id, owner: target.mine ? data.deviceId : TEAMMATE, field },
        type,
        pick(rng, BODIES),
        type === 'correction' ? { suggestion: 'District centre, not the village' } : {},
      );
      const open = rng() < openShare;
      if (open) {
        openThreads++;
        if (target.mine) openOnMine++;
      }
      const root = { ...fields, state: open ? 'open' : 'resolved', id: ids[i]! } as const;
      roots.push(root);
      const { id, ...rootFields } = root;
      (target.mine ? byTeammate : byMe).push({
        type: 'create',
        kind: 'annotation',
        id,
        fields: rootFields,
      });
    }
    await writeBoth(data, teammate, byMe, byTeammate, o.chunkSize);
    byMe.length = 0;
    byTeammate.length = 0;
    for (let i = rootCount; i < o.annotations; i++) {
      const root = pick(rng, roots);
      const answerer = rng() < 0.5;
      (answerer ? byMe : byTeammate).push({
        type: 'create',
        kind: 'annotation',
        id: ids[i]!,
        fields: replyTo(root, pick(rng, BODIES), rng() < 0.8 ? 'comment' : 'question'),
      });
    }
    await writeBoth(data, teammate, byMe, byTeammate, o.chunkSize);
    return {
      toReview,
      openThreads,
      openOnMine,
      mineRecords: targets.filter((t) => t.mine).length,
      roots: rootCount,
      fillMs: performance.now() - start,
    };
  } finally {
    data.close();
  }
}

export function deleteDatabase(dbName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(dbName);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error(`Cannot delete ${dbName}`));
    req.onblocked = () => reject(new Error(`Deleting ${dbName} is blocked by an open connection`));
  });
}
