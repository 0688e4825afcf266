// The find filter benchmark (`find.filter.*`), runner side; the page is page/findFilterBench.ts.
// 100,000 incidents in a database of their own, the find engine loaded as the app loads it (a
// module Worker fed by FindSync), then a fixed sequence of filter changes, each answered by
// `client.incidents(filter, dateStart desc)` and by raw IndexedDB index reads (intersected, in
// the `dateStart` index's order) in the same page and database, alternating, median of the
// rounds after a warm-up whose answers must agree:
// `find.filter` — the sum of the medians of the indexed changes against the sum of their floors;
// `find.filter.<change>` — each change alone (no target); `.province` has a scan floor (no index);
// `find.filter.load` — the engine's load time against one raw `getAll` of every incident row (no
// target: context).
import { percentile } from './listBench.mjs';
import { ratioOf } from './results.mjs';

/**
 * @typedef {import('./results.mjs').Result} Result
 * @typedef {import('playwright-core').BrowserContext} BrowserContext
 * @typedef {import('./page/findFilterBench.ts').Step} Step
 */

export const FIND_FILTER = 'find.filter';
const DB_NAME = 'daftar-bench-find-filter';
/** The issue sets no figure beyond "vs raw"; 1.5× is the data layer's own target for writes. */
const TARGET = 1.5;

/** @param {number[]} values */
const median = (values) => percentile(values, 0.5);

/**
 * @param {BrowserContext} context
 * @param {{ pageUrl: string, incidents: number, seed: number, chunkSize: number, rounds: number, log: (line: string) => void }} o
 * @returns {Promise<{ results: Result[], detail: Record<string, unknown> }>}
 */
export async function runFindFilter(context, { pageUrl, incidents, seed, chunkSize, rounds, log }) {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`find filter page error: ${error.message}`));
  try {
    await page.goto(pageUrl);
    await page.waitForFunction(() => globalThis.daftarFindFilterBench?.ready === true);
    log(`  filling ${incidents.toLocaleString('en-US')} incidents through the data layer…`);
    const filled = await page.evaluate((o) => globalThis.daftarFindFilterBench.fill(o), {
      dbName: DB_NAME,
      incidents,
      seed,
      chunkSize,
    });
    log(
      `  filled in ${(filled.fillMs / 1000).toFixed(0)} s (longest incident ${filled.maxSpanDays} days); loading the find engine, ${rounds} rounds of filter changes…`,
    );
    const measured = await page.evaluate((o) => globalThis.daftarFindFilterBench.measure(o), {
      dbName: DB_NAME,
      rounds,
      maxSpanDays: filled.maxSpanDays,
    });
    await page.evaluate((name) => globalThis.daftarFindFilterBench.remove(name), DB_NAME);
    const { answers, loadMs, loaded } = measured;
    log(
      `  engine loaded ${loaded.toLocaleString('en-US')} records in ${loadMs.toFixed(0)} ms (raw getAll of every row: ${measured.rawReadAllMs.toFixed(0)} ms)`,
    );
    for (const a of answers)
      log(
        `  ${a.name}: ${a.app.toLocaleString('en-US')} incidents (${a.floor} floor ${a.raw.toLocaleString('en-US')}), same set ${a.sameSet}, same order ${a.sameOrder}`,
      );
    const wrong = answers.filter((a) => !a.sameSet);
    if (loaded < incidents || wrong.length > 0)
      throw new Error(
        `find filter answers differ from the raw floor's (${wrong.map((a) => a.name).join(', ') || `loaded ${loaded}`}): ${JSON.stringify(answers)}`,
      );
    const names = answers.map((a) => a.name);
    /** @param {string} name @param {keyof Step} side */
    const med = (name, side) => median(measured.rounds.map((r) => r[name]?.[side] ?? Number.NaN));
    /** @type {Result[]} */
    const perChange = answers.map((a) => ({
      name: `${FIND_FILTER}.${a.name}`,
      value: med(a.name, 'app'),
      unit: 'ms',
      floor: med(a.name, 'floor'),
      ratio: ratioOf(med(a.name, 'app'), med(a.name, 'floor')),
      target: null,
    }));
    const indexed = answers.filter((a) => a.floor === 'index').map((a) => a.name);
    const sum = (/** @type {keyof Step} */ side) =>
      indexed.reduce((total, name) => total + med(name, side), 0);
    /** @type {Result[]} */
    const results = [
      {
        name: FIND_FILTER,
        value: sum('app'),
        unit: 'ms',
        floor: sum('floor'),
        ratio: ratioOf(sum('app'), sum('floor')),
        target: TARGET,
      },
      ...perChange,
      {
        name: `${FIND_FILTER}.load`,
        value: loadMs,
        unit: 'ms',
        floor: measured.rawReadAllMs,
        ratio: ratioOf(loadMs, measured.rawReadAllMs),
        target: null,
      },
    ];
    return {
      results,
      detail: {
        dbName: DB_NAME,
        incidents,
        filled,
        loadMs,
        loaded,
        answers,
        indexedChanges: indexed,
        changes: names,
        rounds: measured.rounds,
      },
    };
  } finally {
    await page.close();
  }
}
