/**
 * The review-queue benchmark page (`/__bench/reviewQueueBench.html`): fills a database of its own
 * with incidents, their sources and annotations through the data layer — half of the records made
 * by this device, half by a teammate's — and times the review queue's reads (`data.review.*`)
 * against raw IndexedDB reads of the same indexes, in the same page and the same database. The
 * runner (test/bench/reviewQueueBench.mjs) calls `globalThis.daftarReviewQueueBench.*`; the
 * dataset is page/reviewQueueDataset.ts's.
 *
 * Invariant: a timed span holds only the work measured — connections are opened before it, and
 * results are checked after it.
 */
import { DaftarData } from '../../../renderer/data/daftarData.ts';
import {
  deleteDatabase,
  fillReviewQueue,
  type Expected,
  type FillOptions,
} from './reviewQueueDataset.ts';
import { testSealer } from '../../helpers/testSealer.ts';

/** One round: each timing in ms, each measured alone. */
export interface Round {
  /** `data.review.counts()`. */
  appCounts: number;
  /** `data.review.toReview(50)`. */
  appToReview: number;
  /** `data.review.openThreadsOnMine(50)`. */
  appThreads: number;
  /** Raw index counts: submitted incidents and sources, open threads on mine, conflicts. */
  floorCounts: number;
  /** Raw 50-row reverse cursor on `[_review+updated]` of incidents and of sources. */
  floorToReview: number;
  /** The open threads on mine read raw, then the 50 latest threads' replies. */
  floorThreads: number;
  /** The 50 rows of each kind with one IndexedDB 3 `getAll({ direction: 'prev' })`. */
  rawToReviewGetAll: number;
}

export interface Answers {
  counts: { toReview: number; openOnMine: number; conflicts: number };
  floor: { submitted: number; open: number; conflicts: number };
  toReview: number;
  threads: number;
  threadReplies: number;
}

export interface ReviewQueueBenchApi {
  ready: true;
  fill(options: FillOptions): Promise<Expected>;
  measure(options: {
    dbName: string;
    rounds: number;
  }): Promise<{ rounds: Round[]; answers: Answers }>;
  /** Close this page's connections and delete the database. */
  remove(dbName: string): Promise<void>;
}

declare global {
  var daftarReviewQueueBench: ReviewQueueBenchApi;
}

const LIMIT = 50;
const SUBMITTED_RANGE = IDBKeyRange.bound(['submitted', ''], ['submitted', '\uffff']);

// ---- the floor: raw IndexedDB ------------------------------------------------------------------

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('Request failed'));
  });
}

function rawOpen(dbName: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName);
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error(`No database ${dbName}`));
  });
}

const READ = ['incidents', 'sources', 'annotations', 'conflicts'];

/** Submitted incidents and sources, conflicts: raw index counts, all requests at once. */
function submittedAndConflicts(tx: IDBTransaction): Promise<number>[] {
  return [
    request(tx.objectStore('incidents').index('[_review+updated]').count(SUBMITTED_RANGE)),
    request(tx.objectStore('sources').index('[_review+updated]').count(SUBMITTED_RANGE)),
    request(tx.objectStore('conflicts').count()),
  ];
}

/** Open threads about records this device made: `[_open+targetOwner]` = [1, device]. */
const openOnMine = (device: string) => IDBKeyRange.only([1, device]);

async function floorCounts(db: IDBDatabase, device: string) {
  const tx = db.transaction(READ, 'readonly');
  const open = request(
    tx.objectStore('annotations').index('[_open+targetOwner]').count(openOnMine(device)),
  );
  const [incidents, sources, conflicts] = await Promise.all(submittedAndConflicts(tx));
  return { submitted: incidents! + sources!, open: await open, conflicts: conflicts! };
}

function cursorRows(index: IDBIndex, range: IDBKeyRange, limit: number): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const out: unknown[] = [];
    const req = index.openCursor(range, 'prev');
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor || out.length === limit) return resolve(out);
      out.push(cursor.value);
      cursor.continue();
    };
    req.onerror = () => reject(req.error ?? new Error('Cursor failed'));
  });
}

async function floorToReview(db: IDBDatabase): Promise<number> {
  const tx = db.transaction(['incidents', 'sources'], 'readonly');
  const rows = await Promise.all(
    ['incidents', 'sources'].map((store) =>
      cursorRows(tx.objectStore(store).index('[_review+updated]'), SUBMITTED_RANGE, LIMIT),
    ),
  );
  return rows.reduce((sum, r) => sum + r.length, 0);
}

/** Diagnostic: the 50 latest waiting rows of each kind with one reverse `getAll` each. */
async function rawToReviewGetAll(db: IDBDatabase): Promise<number> {
  const tx = db.transaction(['incidents', 'sources'], 'readonly');
  const options = { query: SUBMITTED_RANGE, count: LIMIT, direction: 'prev' };
  // IndexedDB 3 (Chromium ≥ 141): getAll with an options object; not yet in TypeScript's DOM lib.
  const getAll = (index: IDBIndex) =>
    request(
      (index.getAll as unknown as (o: typeof options) => IDBRequest<unknown[]>).call(
        index,
        options,
      ),
    );
  const rows = await Promise.all(
    ['incidents', 'sources'].map((store) =>
      getAll(tx.objectStore(store).index('[_review+updated]')),
    ),
  );
  return rows.reduce((sum, r) => sum + r.length, 0);
}

/** The open threads on mine, the 50 latest of them with their replies. */
async function floorThreads(db: IDBDatabase, device: string): Promise<number> {
  const tx = db.transaction(READ, 'readonly');
  const annotations = tx.objectStore('annotations');
  const open = (await request(
    annotations.index('[_open+targetOwner]').getAll(openOnMine(device)),
  )) as { id: string; created: string }[];
  const roots = open.sort((a, b) => (a.created < b.created ? 1 : -1)).slice(0, LIMIT);
  const replies = await Promise.all(
    roots.map((root) => request(annotations.index('_root').getAll(root.id))),
  );
  return replies.length;
}

// ---- measuring -----------------------------------------------------------------------------------

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function measure({
  dbName,
  rounds,
}: {
  dbName: string;
  rounds: number;
}): Promise<{ rounds: Round[]; answers: Answers }> {
  const data = await DaftarData.open({
    sealer: testSealer(),
    name: dbName,
  });
  const raw = await rawOpen(dbName);
  const device = data.deviceId;
  const review = data.review;
  const steps: { [K in keyof Round]: () => Promise<unknown> } = {
    appCounts: () => review.counts(),
    appToReview: () => review.toReview(LIMIT),
    appThreads: () => review.openThreadsOnMine(LIMIT),
    floorCounts: () => floorCounts(raw, device),
    floorToReview: () => floorToReview(raw),
    floorThreads: () => floorThreads(raw, device),
    rawToReviewGetAll: () => rawToReviewGetAll(raw),
  };
  const names = Object.keys(steps) as (keyof Round)[];
  try {
    // Warm-up: every read once, unmeasured.
    for (const name of names) await steps[name]();
    const out: Round[] = [];
    for (let r = 0; r < rounds; r++) {
      // Rotated each round, so no step always runs right after the same one.
      const round = {} as Round;
      for (let n = 0; n < names.length; n++) {
        const name = names[(r + n) % names.length]!;
        round[name] = await time(steps[name]);
      }
      out.push(round);
    }
    const threads = await review.openThreadsOnMine(LIMIT);
    const answers: Answers = {
      counts: await review.counts(),
      floor: await floorCounts(raw, device),
      toReview: (await review.toReview(LIMIT)).length,
      threads: threads.length,
      threadReplies: threads.reduce((sum, t) => sum + t.replies.length, 0),
    };
    return { rounds: out, answers };
  } finally {
    raw.close();
    data.close();
  }
}

globalThis.daftarReviewQueueBench = {
  ready: true,
  fill: fillReviewQueue,
  measure,
  remove: deleteDatabase,
};
