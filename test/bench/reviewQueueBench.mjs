// The review-queue benchmarks (`review.queue.*`), runner side; the page is page/reviewQueueBench.ts.
// 100,000 incidents, their 20,000 sources and 50,000 annotations in a database of their own,
// half of the records made by this device; the queue's reads against raw IndexedDB in the same
// page and database, alternating, median of the rounds after a warm-up:
// `review.queue.counts` — data.review.counts() against raw index counts (submitted incidents and
// sources, open threads on my records, conflicts);
// `review.queue.toReview` — data.review.toReview(50) against the 50 latest waiting rows of each
// kind read raw with one reverse `getAll` (IndexedDB 3, as Dexie reads them); `.cursorFloor` —
// the same against a raw 50-row reverse cursor of each kind (no target);
// `review.queue.openThreadsOnMine` — data.review.openThreadsOnMine(50) against the open threads
// on my records read raw from the same index, and the 50 latest threads' replies.
import { percentile } from './listBench.mjs';
import { ratioOf } from './results.mjs';

/**
 * @typedef {import('./results.mjs').Result} Result
 * @typedef {import('playwright-core').BrowserContext} BrowserContext
 * @typedef {import('./page/reviewQueueBench.ts').Round} Round
 */

export const REVIEW_QUEUE = 'review.queue';
const DB_NAME = 'daftar-bench-review-queue';
/** As `incidents.list.firstRows`: counts and first rows within 3× the raw reads. */
const TARGET = 3;

/** @param {number[]} values */
const median = (values) => percentile(values, 0.5);

/**
 * @param {BrowserContext} context
 * @param {{ pageUrl: string, incidents: number, seed: number, chunkSize: number, rounds: number, log: (line: string) => void }} o
 * @returns {Promise<{ results: Result[], detail: Record<string, unknown> }>}
 */
export async function runReviewQueue(
  context,
  { pageUrl, incidents, seed, chunkSize, rounds, log },
) {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`review queue page error: ${error.message}`));
  try {
    await page.goto(pageUrl);
    await page.waitForFunction(() => globalThis.daftarReviewQueueBench?.ready === true);
    const sizes = {
      incidents,
      sources: Math.max(20, Math.round(incidents / 5)),
      annotations: Math.max(50, Math.round(incidents / 2)),
    };
    log(
      `  filling ${sizes.incidents.toLocaleString('en-US')} incidents, ${sizes.sources.toLocaleString('en-US')} sources, ${sizes.annotations.toLocaleString('en-US')} annotations through the data layer…`,
    );
    const expected = await page.evaluate((o) => globalThis.daftarReviewQueueBench.fill(o), {
      dbName: DB_NAME,
      ...sizes,
      seed,
      chunkSize,
    });
    log(
      `  filled in ${(expected.fillMs / 1000).toFixed(0)} s: ${expected.toReview.toLocaleString('en-US')} waiting for review, ${expected.openThreads.toLocaleString('en-US')} open threads (${expected.openOnMine.toLocaleString('en-US')} on my records)`,
    );
    const { rounds: runs, answers } = await page.evaluate(
      (o) => globalThis.daftarReviewQueueBench.measure(o),
      { dbName: DB_NAME, rounds },
    );
    await page.evaluate((name) => globalThis.daftarReviewQueueBench.remove(name), DB_NAME);
    const wrong = [
      answers.counts.toReview !== expected.toReview && 'toReview',
      answers.floor.submitted !== expected.toReview && 'floor submitted',
      answers.counts.openOnMine !== expected.openOnMine && 'openOnMine',
      answers.floor.open !== expected.openOnMine && 'floor open',
      answers.threads !== Math.min(50, expected.openOnMine) && 'threads',
    ].filter(Boolean);
    if (wrong.length > 0)
      throw new Error(
        `review queue answers differ from the data (${wrong.join(', ')}): ${JSON.stringify({ expected, answers })}`,
      );
    /** @param {keyof Round} key */
    const med = (key) => median(runs.map((r) => r[key]));
    /** @type {(name: string, value: keyof Round, floor: keyof Round, target: number | null) => Result} */
    const result = (name, value, floor, target) => ({
      name,
      value: med(value),
      unit: 'ms',
      floor: med(floor),
      ratio: ratioOf(med(value), med(floor)),
      target,
    });
    const results = [
      result(`${REVIEW_QUEUE}.counts`, 'appCounts', 'floorCounts', TARGET),
      result(`${REVIEW_QUEUE}.toReview`, 'appToReview', 'rawToReviewGetAll', TARGET),
      result(`${REVIEW_QUEUE}.toReview.cursorFloor`, 'appToReview', 'floorToReview', null),
      result(`${REVIEW_QUEUE}.openThreadsOnMine`, 'appThreads', 'floorThreads', TARGET),
    ];
    /** @type {Record<string, number>} */
    const medians = {};
    for (const key of /** @type {(keyof Round)[]} */ (Object.keys(runs[0] ?? {})))
      medians[key] = med(key);
    log(
      `  medians of ${runs.length} rounds (ms): ${Object.entries(medians)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(', ')}`,
    );
    return { results, detail: { dbName: DB_NAME, sizes, expected, answers, medians, runs } };
  } finally {
    await page.close();
  }
}
