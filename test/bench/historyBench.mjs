// The history benchmarks (`review.history*`), runner side; the page is page/historyBench.ts.
// One incident with 10,000 single-field edits, interleaved with edits of 50 other incidents, in
// the app's database; its history read against a raw IndexedDB floor measured in the same page:
// `commits.index('records').getAll(key)` and the incident's change sets out of the rows.
// `review.history` — recordHistory() in the bench page: the change sets read and turned into
// field rows (old and new value of each field), ready to show;
// `review.history.firstRows` — the real app: "Show changes" clicked on the incident → its first
// history rows painted, against the same raw read run in the app's page;
// `.read` and `.rows` — recordHistory's two parts, each timed alone (no target).
// The incident lives in the app profile (page/appProfile.ts: vault + sealed database), so the app
// shows it once unlocked at its lock screen; the floors open the sealed commit rows they read with
// WebCrypto (page/rawSealed.ts; rawFloor below does the same in the app's page).
// rawFloor and openHistory run in the app's page (page.evaluate), where these are defined:
/* global indexedDB, document, MutationObserver, requestAnimationFrame */
import { unlockApp } from './appLock.mjs';
import { BENCH_PASSPHRASE } from './createBench.mjs';
import { percentile } from './listBench.mjs';
import { ratioOf } from './results.mjs';

/**
 * @typedef {import('./results.mjs').Result} Result
 * @typedef {import('playwright-core').BrowserContext} BrowserContext
 * @typedef {import('./page/historyBench.ts').Round} Round
 */

export const HISTORY = 'review.history';
const FIRST_ROWS = `${HISTORY}.firstRows`;
/** Decoding the change sets dominates both sides; the rows must not cost as much again. */
const TARGET = 2;
const OTHERS = 50;
/** How long Dexie keeps an unsubscribed live query's result (dexie.mjs, enqueForDeletion). */
const DEXIE_CACHE_MS = 3_000;

/** @param {number[]} values */
const median = (values) => percentile(values, 0.5);

/**
 * @param {BrowserContext} context
 * @param {{ pageUrl: string, appUrl: string, changes: number, seed: number, rounds: number, log: (line: string) => void }} o
 * @returns {Promise<{ results: Result[], detail: Record<string, unknown> }>}
 */
export async function runHistory(context, { pageUrl, appUrl, changes, seed, rounds, log }) {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`history page error: ${error.message}`));
  try {
    await page.goto(pageUrl);
    await page.waitForFunction(() => globalThis.daftarHistoryBench?.ready === true);
    const dbName = await page.evaluate(
      (p) => globalThis.daftarHistoryBench.openAppProfile(p),
      BENCH_PASSPHRASE,
    );
    const rowKey = await page.evaluate(() => globalThis.daftarHistoryBench.rowKey());
    const filled = await page.evaluate((o) => globalThis.daftarHistoryBench.fill(o), {
      dbName,
      changes,
      others: OTHERS,
      seed,
    });
    log(
      `  filled in ${(filled.fillMs / 1000).toFixed(1)} s: ${filled.changeSets.toLocaleString('en-US')} change sets of the incident, ${filled.commits.toLocaleString('en-US')} commit rows in all`,
    );
    const runs = await page.evaluate((o) => globalThis.daftarHistoryBench.measure(o), {
      dbName,
      id: filled.id,
      rounds,
    });
    for (const run of runs) {
      if (run.floorSets !== filled.changeSets || run.appRows < filled.changeSets)
        throw new Error(
          `the history read ${run.floorSets} change sets raw and ${run.appRows} rows, expected ${filled.changeSets} change sets`,
        );
    }
    log(
      `  rows ready: ${runs.map((r) => `${r.appMs.toFixed(0)} (read ${r.readMs.toFixed(0)} + rows ${r.rowsMs.toFixed(0)}) vs floor ${r.floorMs.toFixed(0)}`).join('; ')} ms`,
    );
    const painted = await firstRowsPainted(context, {
      appUrl,
      dbName,
      rowKey,
      id: filled.id,
      rounds,
      log,
    });
    await page.evaluate((name) => globalThis.daftarHistoryBench.remove(name), dbName);

    const floor = median(runs.map((r) => r.floorMs));
    /** @type {(name: string, value: number, floorValue: number, target: number | null) => Result} */
    const result = (name, value, floorValue, target) => ({
      name,
      value,
      unit: 'ms',
      floor: floorValue,
      ratio: ratioOf(value, floorValue),
      target,
    });
    const paintedFloor = median(painted.map((r) => r.floorMs));
    return {
      results: [
        result(HISTORY, median(runs.map((r) => r.appMs)), floor, TARGET),
        result(FIRST_ROWS, median(painted.map((r) => r.paintedMs)), paintedFloor, TARGET),
        result(`${HISTORY}.read`, median(runs.map((r) => r.readMs)), floor, null),
        result(`${HISTORY}.rows`, median(runs.map((r) => r.rowsMs)), floor, null),
      ],
      detail: { changes, others: OTHERS, filled, runs, painted },
    };
  } finally {
    await page.close();
  }
}

/**
 * The app, on the incident's editor: click "Show changes" and time until its first history row
 * is in the DOM and painted (the frame after it); the raw floor is run in the same page, the two
 * alternating, and the panel closed again between rounds (closing drops its rows and live query).
 * @param {BrowserContext} context
 * @param {{ appUrl: string, dbName: string, rowKey: number[], id: string, rounds: number, log: (line: string) => void }} o
 */
async function firstRowsPainted(context, { appUrl, dbName, rowKey, id, rounds, log }) {
  const app = await context.newPage();
  app.on('pageerror', (error) => log(`app page error: ${error.message}`));
  try {
    await app.goto(`${appUrl}#/incidents/${encodeURIComponent(id)}`);
    await unlockApp(app);
    const region = app.getByRole('region', { name: /^History \(\d+ changes\)$/ });
    await region.waitFor({ timeout: 60_000 });
    log(`  app: ${await region.getByRole('heading').textContent()} shown`);
    /** @type {{ floorMs: number, inDomMs: number, paintedMs: number, rendered: number }[]} */
    const out = [];
    for (let round = 0; round <= rounds; round++) {
      const floorFirst = round % 2 === 1;
      const floor = floorFirst ? await app.evaluate(rawFloor, { dbName, rowKey, id }) : null;
      const shown = await app.evaluate(openHistory);
      await region.getByRole('button', { name: 'Hide changes' }).click();
      // Dexie keeps a closed live query's result for 3 s and answers the same query from it:
      // waiting that out makes every round read the history from IndexedDB, as on first opening.
      await app.waitForTimeout(DEXIE_CACHE_MS + 500);
      const floorMs = floor ?? (await app.evaluate(rawFloor, { dbName, rowKey, id }));
      log(
        `  ${round === 0 ? 'warm-up' : `round ${round}`}: first rows in the DOM ${shown.inDomMs.toFixed(0)} ms, painted ${shown.paintedMs.toFixed(0)} ms (${shown.rendered} rows rendered); floor ${floorMs.toFixed(0)} ms`,
      );
      if (round > 0) out.push({ floorMs, ...shown });
    }
    return out;
  } finally {
    await app.close();
  }
}

/**
 * In the page: the floor's read, timed from the transaction to the record's change sets — the
 * commit rows read raw and opened with WebCrypto, as page/rawSealed.ts does in the bench page
 * (repeated here: this function is serialised into the app's page, which cannot import it).
 * @param {{ dbName: string, rowKey: number[], id: string }} o
 * @returns {Promise<number>}
 */
async function rawFloor({ dbName, rowKey, id }) {
  const key = await crypto.subtle.importKey('raw', new Uint8Array(rowKey), 'AES-GCM', false, [
    'decrypt',
  ]);
  /** @type {IDBDatabase} */
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => resolve(open.result);
  });
  try {
    const t0 = performance.now();
    /** @type {{ hlc: string, _sealed: Uint8Array }[]} */
    const rows = await new Promise((resolve, reject) => {
      const request = db
        .transaction('commits', 'readonly')
        .objectStore('commits')
        .index('records')
        .getAll(`incident:${id}`);
      request.onerror = () => reject(request.error);
      request.onsuccess = () => resolve(request.result);
    });
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();
    const commits = await Promise.all(
      rows.map(async (row) => {
        const sealed = row._sealed;
        const plain = new Uint8Array(
          await crypto.subtle.decrypt(
            {
              name: 'AES-GCM',
              iv: sealed.slice(1, 13),
              additionalData: encoder.encode(
                `daftar-row\u0000commits\u0000${JSON.stringify(row.hlc)}`,
              ),
            },
            key,
            sealed.slice(13),
          ),
        );
        // A commit row carries no byte arrays: u32 0, then its JSON.
        /** @type {{ sets: { kind: string, recordId: string }[] }} */
        const commit = JSON.parse(decoder.decode(plain.subarray(4)));
        return commit;
      }),
    );
    const sets = commits
      .flatMap((commit) => commit.sets)
      .filter((set) => set.kind === 'incident' && set.recordId === id);
    const ms = performance.now() - t0;
    if (sets.length === 0) throw new Error('the floor read no change sets');
    return ms;
  } finally {
    db.close();
  }
}

/**
 * In the page: click "Show changes" and resolve when the first history row is in the DOM, then
 * painted (the task after the next animation frame).
 * @returns {Promise<{ inDomMs: number, paintedMs: number, rendered: number }>}
 */
function openHistory() {
  return new Promise((resolve, reject) => {
    const region = document.querySelector('section.history');
    const button = [...(region?.querySelectorAll('button') ?? [])].find(
      (b) => b.textContent === 'Show changes',
    );
    if (!region || !button) {
      reject(new Error('no closed history panel with a "Show changes" button'));
      return;
    }
    const rowIn = () => {
      const row = region.querySelector('[data-scroll="history"] li');
      return row !== null && (row.textContent ?? '').trim() !== '';
    };
    const timeout = setTimeout(() => reject(new Error('no history row within 30 s')), 30_000);
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      if (!rowIn()) return;
      const inDomMs = performance.now() - t0;
      observer.disconnect();
      requestAnimationFrame(() =>
        setTimeout(() => {
          clearTimeout(timeout);
          const rendered = region.querySelectorAll('[data-scroll="history"] li').length;
          resolve({ inDomMs, paintedMs: performance.now() - t0, rendered });
        }, 0),
      );
    });
    observer.observe(region, { childList: true, subtree: true, characterData: true });
    button.click();
  });
}
