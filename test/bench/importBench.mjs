// The interchange import benchmark (`interchange.import`), runner side; the page is
// page/importBench.ts. A 100,000-row ACLED CSV (writeAcledCsv of the generated incidents, each
// crediting one of four outlets) imported as the import screen does — readCsv with the suggested
// mapping, then applyImport into a fresh database — against PapaParse of the same Blob plus raw
// IndexedDB puts of one object per row into a bare database, in the same page, alternating which
// goes first; the median of the rounds. Breakdown entries (no target): parse against parse,
// apply against puts, and (unless BENCH_BREAKDOWN=0) `.breakdown.applyNoLinks`: applyImport of
// the same plan with no source credited — no sources, no links — against the same puts. Every round's database must hold every row afterwards.
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
/** Issue 6: an import within twice the raw parse and puts. */
const TARGET = 2;

/** @param {number[]} values */
const median = (values) => percentile(values, 0.5);

/**
 * @param {BrowserContext} context
 * @param {{ pageUrl: string, incidents: number, seed: number, chunkSize: number, rounds: number, breakdown: boolean, log: (line: string) => void }} o
 * @returns {Promise<{ results: Result[], detail: Record<string, unknown> }>}
 */
export async function runImport(
  context,
  { pageUrl, incidents, seed, chunkSize, rounds, breakdown, log },
) {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`import page error: ${error.message}`));
  try {
    await page.goto(pageUrl);
    await page.waitForFunction(() => globalThis.daftarImportBench?.ready === true);
    const prepared = await page.evaluate((o) => globalThis.daftarImportBench.prepare(o), {
      incidents,
      seed,
    });
    log(
      `  ${prepared.rows.toLocaleString('en-US')}-row ${prepared.format} file, ${(prepared.bytes / 2 ** 20).toFixed(1)} MiB, made in ${(prepared.generateMs / 1000).toFixed(1)} s; ${rounds} round(s)…`,
    );
    /** @type {Round[]} */
    const runs = [];
    for (let r = 0; r < rounds; r++) {
      const run = await page.evaluate((o) => globalThis.daftarImportBench.round(o), {
        appDb: APP_DB,
        floorDb: FLOOR_DB,
        chunkSize,
        appFirst: r % 2 === 1,
        breakdown,
      });
      log(
        `  round ${r + 1}: app ${((run.appParse + run.appApply) / 1000).toFixed(1)} s (parse ${(run.appParse / 1000).toFixed(1)}, apply ${(run.appApply / 1000).toFixed(1)} of which check ${(run.appCheck / 1000).toFixed(1)}), floor ${((run.floorParse + run.floorPut) / 1000).toFixed(1)} s (parse ${(run.floorParse / 1000).toFixed(1)}, puts ${(run.floorPut / 1000).toFixed(1)})${run.appApplyNoLinks === null ? '' : `; apply without sources and links ${(run.appApplyNoLinks / 1000).toFixed(1)} s`}`,
      );
      if (run.appIncidents !== prepared.rows || run.floorRows !== prepared.rows || run.problems > 0)
        throw new Error(
          `import stored ${run.appIncidents} incidents (${run.problems} problems), floor ${run.floorRows} rows, of ${prepared.rows}`,
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
    ];
    if (breakdown)
      results.push(
        result(
          `${INTERCHANGE_IMPORT}.breakdown.applyNoLinks`,
          med((r) => r.appApplyNoLinks ?? Number.NaN),
          med((r) => r.floorPut),
          null,
        ),
      );
    return {
      results,
      detail: { prepared, chunkSize, runs, links: runs[0]?.appLinks, sources: runs[0]?.appSources },
    };
  } finally {
    await page.close();
  }
}
