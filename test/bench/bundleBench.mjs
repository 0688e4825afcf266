// The bundle benchmarks: `bundle.export` — `data.exchange.exportBundle({ kind: 'all' })` of the
// bench dataset (incidents, sources, one link per incident) against raw IndexedDB getAll +
// JSON + fflate zip of the same records; `bundle.import` — `openBundle` + `applyBundle` of that
// bundle into a fresh database against fflate unzip + JSON.parse + raw IndexedDB puts of the same
// records in one strict transaction. Page side: page/bundleBench.ts.
import { ratioOf } from './results.mjs';

/**
 * @typedef {import('./results.mjs').Result} Result
 * @typedef {import('./page/bundleBench.ts').Part} Part
 * @typedef {import('playwright-core').Page} Page
 */

export const BUNDLE_EXPORT = 'bundle.export';
export const BUNDLE_IMPORT = 'bundle.import';
/** From the issue: exporting within 1.5× of read + stringify + zip of the same records. */
const EXPORT_TARGET = 1.5;
/** From the issue: importing within 2× of unzip + parse + raw puts of the same records. */
const IMPORT_TARGET = 2.0;

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** @param {number[]} ms */
const seconds = (ms) => ms.map((m) => (m / 1000).toFixed(1)).join(', ');

/**
 * @param {Page} page  the bench page, with the dataset prepared
 * @param {{
 *   dbName: string, chunkSize: number, exportRounds: number, importRounds: number,
 *   doExport: boolean, doImport: boolean, breakdown: boolean, canonical: boolean,
 *   log: (line: string) => void,
 * }} o
 */
export async function runBundle(page, o) {
  const { log } = o;
  /** @type {Result[]} */
  const results = [];
  /** @type {Record<string, unknown>} */
  const detail = {};

  log(`bundle: filling "${o.dbName}" through the data layer (untimed)…`);
  const source = await page.evaluate((x) => globalThis.daftarBench.bundle.fillSource(x), {
    dbName: o.dbName,
    chunkSize: o.chunkSize,
  });
  detail.source = source;
  log(
    `  ${source.incidents.toLocaleString('en-US')} incidents${source.reusedIncidents ? ' (already there)' : ''}, ${source.sources.toLocaleString('en-US')} sources, ${source.links.toLocaleString('en-US')} links; ${source.changeSets.toLocaleString('en-US')} change sets; ${source.fillSeconds.toFixed(0)} s`,
  );
  await page.evaluate(() => globalThis.daftarBench.release());

  const rounds = o.doExport ? o.exportRounds : 0;
  log(
    rounds > 0
      ? `bundle.export: exportBundle({ kind: 'all' }) vs raw getAll + JSON + zip, ${rounds} rounds alternating…`
      : 'bundle: exporting once (untimed) for the import benchmark…',
  );
  const exp = await page.evaluate((x) => globalThis.daftarBench.bundle.exportRounds(x), {
    dbName: o.dbName,
    rounds,
  });
  detail.export = exp;
  const mb = (/** @type {number} */ b) => `${(b / 1e6).toFixed(1)} MB`;
  log(
    `  bundle ${mb(exp.bundleBytes)} (changes.ndjson ${mb(exp.changesJsonBytes)}, ${exp.changeSets.toLocaleString('en-US')} change sets); floor JSON ${mb(exp.floorJsonBytes)} → zip ${mb(exp.floorZipBytes)}`,
  );
  if (rounds > 0) {
    log(
      `  export ${seconds(exp.exportMs)} s; floor ${seconds(exp.floorMs)} s; raw-history floor ${seconds(exp.historyFloorMs)} s`,
    );
    const value = median(exp.exportMs) / 1000;
    const floor = median(exp.floorMs) / 1000;
    const historyFloor = median(exp.historyFloorMs) / 1000;
    results.push(
      {
        name: BUNDLE_EXPORT,
        value,
        unit: 's',
        floor,
        ratio: ratioOf(value, floor),
        target: EXPORT_TARGET,
      },
      {
        name: `${BUNDLE_EXPORT}.vsRawHistory`,
        value,
        unit: 's',
        floor: historyFloor,
        ratio: ratioOf(value, historyFloor),
        target: null,
      },
    );
  }

  if (o.doImport) {
    log(
      `bundle.import: openBundle + applyBundle into a fresh database vs unzip + parse + raw puts, ${o.importRounds} round(s) between floors…`,
    );
    const imp = await page.evaluate((x) => globalThis.daftarBench.bundle.importRounds(x), {
      rounds: o.importRounds,
      canonical: o.canonical,
    });
    detail.import = imp;
    log(
      `  import ${seconds(imp.importMs)} s (open ${seconds(imp.openMs)}, apply ${seconds(imp.applyMs)}); unsealed ${seconds(imp.unsealedImportMs)} s (open ${seconds(imp.unsealedOpenMs)}, apply ${seconds(imp.unsealedApplyMs)}); floor ${seconds(imp.floorMs)} s`,
    );
    log(`  checked: ${imp.checked.join('; ')}`);
    const floor = median(imp.floorMs) / 1000;
    for (const [name, ms, target] of /** @type {const} */ ([
      [BUNDLE_IMPORT, imp.importMs, IMPORT_TARGET],
      [`${BUNDLE_IMPORT}.open`, imp.openMs, null],
      [`${BUNDLE_IMPORT}.apply`, imp.applyMs, null],
    ])) {
      const value = median([...ms]) / 1000;
      results.push({ name, value, unit: 's', floor, ratio: ratioOf(value, floor), target });
    }
    // The encryption overhead: the app's (sealed) import against the same import unsealed, and
    // the unsealed import against the raw floor, as the benchmark read before the app lock.
    const sealed = median(imp.importMs) / 1000;
    const unsealed = median(imp.unsealedImportMs) / 1000;
    results.push(
      {
        name: `${BUNDLE_IMPORT}.vsUnsealed`,
        value: sealed,
        unit: 's',
        floor: unsealed,
        ratio: ratioOf(sealed, unsealed),
        target: null,
      },
      {
        name: `${BUNDLE_IMPORT}.unsealed`,
        value: unsealed,
        unit: 's',
        floor,
        ratio: ratioOf(unsealed, floor),
        target: null,
      },
    );
  }

  if (o.breakdown) {
    if (o.doExport) {
      log('bundle.export breakdown: the writer’s steps one at a time…');
      detail.exportBreakdown = await page.evaluate(
        (x) => globalThis.daftarBench.bundle.exportBreakdown(x),
        { dbName: o.dbName },
      );
    }
    if (o.doImport) {
      log('bundle.import breakdown: the reader’s and importer’s steps one at a time…');
      detail.importBreakdown = await page.evaluate(() =>
        globalThis.daftarBench.bundle.importBreakdown(),
      );
    }
  }
  await page.evaluate(() => globalThis.daftarBench.bundle.release());
  return { results, detail };
}

/**
 * Lines for the console: each breakdown part in seconds.
 * @param {string} title
 * @param {Part[] | undefined} parts
 */
export function formatParts(title, parts) {
  if (!parts) return [];
  return [
    title,
    ...parts.map(({ part, ms }) => `  ${part.padEnd(72)} ${(ms / 1000).toFixed(2).padStart(7)} s`),
  ];
}
