// The interchange import benchmark (`interchange.import`), runner side; the page is
// page/importBench.ts. A 100,000-row ACLED CSV (writeAcledCsv of the generated incidents, each
// crediting one of four outlets) imported as the import screen does — readCsv with the suggested
// mapping, then applyImport into a fresh database — against the records floor: PapaParse of the
// same Blob plus raw IndexedDB puts of the records the import stores (incidents, links, sources)
// into the app's own stores, as incidents.create and bundle.import measure. For comparison
// (no target): parse against parse, apply against puts, and `.vsBarePuts`, the whole import
// against PapaParse plus one object per row put into a store with no index. The three run in
// the same page, the order rotated each round; the median of the rounds. Every round's databases
// must hold every row afterwards. BENCH_PROFILE=<file> writes round 1's CPU profile of the page.
import { writeFileSync } from 'node:fs';
import { percentile } from './listBench.mjs';
import { ratioOf } from './results.mjs';

/**
 * @typedef {import('./results.mjs').Result} Result
 * @typedef {import('playwright-core').BrowserContext} BrowserContext
 * @typedef {import('./page/importBench.ts').Round} Round
 */

export const INTERCHANGE_IMPORT = 'interchange.import';
const APP_DB = 'daftar-bench-import';
const FLOOR_DB = 'daftar-bench-import-floor';
const BARE_DB = 'daftar-bench-import-bare';
const WARM_UP_DB = 'daftar-bench-import-warm-up';
/** Issue 6: an import within twice the raw parse and puts. */
const TARGET = 2;

/** @param {number[]} values */
const median = (values) => percentile(values, 0.5);

/**
 * @param {BrowserContext} context
 * @param {{ pageUrl: string, incidents: number, seed: number, chunkSize: number, rounds: number, log: (line: string) => void }} o
 * @returns {Promise<{ results: Result[], detail: Record<string, unknown> }>}
 */
export async function runImport(context, { pageUrl, incidents, seed, chunkSize, rounds, log }) {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`import page error: ${error.message}`));
  try {
    await page.goto(pageUrl);
    await page.waitForFunction(() => globalThis.daftarImportBench?.ready === true);
    const prepared = await page.evaluate((o) => globalThis.daftarImportBench.prepare(o), {
      incidents,
      seed,
      warmUpDb: WARM_UP_DB,
      chunkSize,
    });
    const { records } = prepared;
    log(
      `  ${prepared.rows.toLocaleString('en-US')}-row ${prepared.format} file, ${(prepared.bytes / 2 ** 20).toFixed(1)} MiB, made in ${(prepared.generateMs / 1000).toFixed(1)} s; the warm-up import stored ${records.incidents} incidents, ${records.links} links, ${records.sources} sources in ${(prepared.warmUpMs / 1000).toFixed(1)} s; ${rounds} round(s)…`,
    );
    /** @type {Round[]} */
    const runs = [];
    const profiler = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : null;
    for (let r = 0; r < rounds; r++) {
      if (profiler && r === 0) {
        await profiler.send('Profiler.enable');
        await profiler.send('Profiler.setSamplingInterval', { interval: 500 });
        await profiler.send('Profiler.start');
      }
      const run = await page.evaluate((o) => globalThis.daftarImportBench.round(o), {
        appDb: APP_DB,
        floorDb: FLOOR_DB,
        bareDb: BARE_DB,
        chunkSize,
        first: r % 3,
      });
      if (profiler && r === 0) {
        const { profile } = await profiler.send('Profiler.stop');
        writeFileSync(process.env.BENCH_PROFILE ?? '', JSON.stringify(profile));
        log(`  round 1's CPU profile written to ${process.env.BENCH_PROFILE}`);
      }
      const sec = (/** @type {number} */ ms) => (ms / 1000).toFixed(1);
      log(
        `  round ${r + 1}: app ${sec(run.appParse + run.appApply)} s (parse ${sec(run.appParse)}, apply ${sec(run.appApply)} of which check ${sec(run.appCheck)}), records floor ${sec(run.floorParse + run.floorPut)} s (parse ${sec(run.floorParse)}, puts ${sec(run.floorPut)}), bare floor ${sec(run.bareParse + run.barePut)} s (puts ${sec(run.barePut)})`,
      );
      if (
        run.appIncidents !== prepared.rows ||
        run.floorIncidents !== prepared.rows ||
        run.bareRows !== prepared.rows ||
        run.problems > 0
      )
        throw new Error(
          `import stored ${run.appIncidents} incidents (${run.problems} problems), records floor ${run.floorIncidents}, bare floor ${run.bareRows} rows, of ${prepared.rows}`,
        );
      runs.push(run);
    }
    /** @param {(r: Round) => number} of */
    const med = (of) => median(runs.map(of)) / 1000;
    /** @type {(name: string, value: number, floor: number, target: number | null) => Result} */
    const result = (name, value, floor, target) => ({
      name,
      value,
      unit: 's',
      floor,
      ratio: ratioOf(value, floor),
      target,
    });
    const results = [
      result(
        INTERCHANGE_IMPORT,
        med((r) => r.appParse + r.appApply),
        med((r) => r.floorParse + r.floorPut),
        TARGET,
      ),
      result(
        `${INTERCHANGE_IMPORT}.parse`,
        med((r) => r.appParse),
        med((r) => r.floorParse),
        null,
      ),
      result(
        `${INTERCHANGE_IMPORT}.apply`,
        med((r) => r.appApply),
        med((r) => r.floorPut),
        null,
      ),
      result(
        `${INTERCHANGE_IMPORT}.vsBarePuts`,
        med((r) => r.appParse + r.appApply),
        med((r) => r.bareParse + r.barePut),
        null,
      ),
    ];
    return {
      results,
      detail: { prepared, chunkSize, runs, links: runs[0]?.appLinks, sources: runs[0]?.appSources },
    };
  } finally {
    await page.close();
  }
}
