// Benchmark (a), `incidents.create.100k`: creating incidents through the data layer against raw
// IndexedDB puts of the same rows, each into a fresh database of the same browser, and — when the
// target is missed — the variants that show where the data layer's time goes.
import { ratioOf } from './results.mjs';

/**
 * @typedef {import('./results.mjs').Result} Result
 * @typedef {import('./page/benchPage.ts').WriteTiming} WriteTiming
 * @typedef {import('./page/benchPage.ts').Variant} Variant
 * @typedef {import('playwright-core').Page} Page
 */

export const CREATE = 'incidents.create.100k';
export const SWEEP = 'incidents.create.chunkSweep';
/** The data layer fills the app's database, so the list benchmarks reuse it. */
export const APP_DB = 'daftar';
const TARGET = 1.5;

/**
 * @param {Page} page  the bench page, with the dataset prepared
 * @param {{ chunkSize: number, breakdown: 'auto' | 'always' | 'never', log: (line: string) => void }} options
 */
export async function runCreate(page, { chunkSize, breakdown, log }) {
  /** @type {(variant: Variant, dbName: string) => Promise<WriteTiming>} */
  const variant = (v, dbName) =>
    page.evaluate((o) => globalThis.daftarBench.createVariant(o), {
      dbName,
      chunkSize,
      variant: v,
    });

  // The floor is measured before and after the data layer and averaged, so that drift during the
  // run (other processes, IndexedDB's background work) weighs on both sides alike.
  log('raw IndexedDB put (floor, 1 of 2)…');
  const rawBefore = await variant('raw', 'bench-raw-1');
  log(`  ${rawBefore.seconds.toFixed(1)} s, ${Math.round(rawBefore.recordsPerSecond)} records/s`);
  await settle(page);

  log(`data layer, writeInChunks (chunk ${chunkSize}) into "${APP_DB}"…`);
  const layer = await page.evaluate((o) => globalThis.daftarBench.createViaDataLayer(o), {
    dbName: APP_DB,
    chunkSize,
  });
  log(`  ${layer.seconds.toFixed(1)} s, ${Math.round(layer.recordsPerSecond)} records/s`);
  await settle(page);

  log('raw IndexedDB put (floor, 2 of 2)…');
  const rawAfter = await variant('raw', 'bench-raw-2');
  log(`  ${rawAfter.seconds.toFixed(1)} s, ${Math.round(rawAfter.recordsPerSecond)} records/s`);
  await settle(page);
  const floor = (rawBefore.seconds + rawAfter.seconds) / 2;
  const floorRate = layer.recordsPerSecond * (layer.seconds / floor);

  /** @type {Result[]} */
  const results = [
    {
      name: CREATE,
      value: layer.seconds,
      unit: 's',
      floor,
      ratio: ratioOf(layer.seconds, floor),
      target: TARGET,
    },
    {
      name: `${CREATE}.recordsPerSecond`,
      value: layer.recordsPerSecond,
      unit: 'records/s',
      floor: floorRate,
      ratio: ratioOf(layer.recordsPerSecond, floorRate),
      target: null,
    },
  ];
  /** @type {Record<string, WriteTiming>} */
  const timings = { rawBefore, dataLayer: layer, rawAfter };

  const missed = layer.seconds / floor > TARGET;
  /** @type {{ part: string, seconds: number }[] | null} */
  let parts = null;
  if (breakdown === 'always' || (breakdown === 'auto' && missed)) {
    log(
      missed
        ? `target ${TARGET}× missed: measuring where the time goes`
        : 'measuring the breakdown',
    );
    const validation = await page.evaluate(() => globalThis.daftarBench.validate());
    const validationSeconds = validation.incidentsMs / 1000;
    log(`  validation alone: ${validationSeconds.toFixed(1)} s`);
    results.push(breakdownResult('validationOnly', validationSeconds, floor));
    /** @type {[Variant, string][]} */
    const variants = [
      ['rawWithHistory', 'raw IndexedDB, rows + a change-set row per record'],
      ['rawWithBatchedHistory', 'raw IndexedDB, rows + one change row per write'],
      ['dexieWithHistory', 'Dexie, the requests RecordStore makes (lookup, change sets, rows)'],
    ];
    for (const [v, label] of variants) {
      log(`  ${label}…`);
      const timing = await variant(v, `bench-${v}`);
      log(`    ${timing.seconds.toFixed(1)} s`);
      timings[v] = timing;
      results.push(breakdownResult(v, timing.seconds, floor));
      await settle(page);
    }
    parts = breakdownTable(floor, validationSeconds, timings);
  }
  return { results, timings, breakdown: parts };
}

/**
 * The chunk-size sweep behind the chosen chunk size (opt-in: `--only incidents.create.chunkSweep`):
 * data layer and raw floor at each size, plus how long progress stands still per chunk.
 * @param {Page} page
 * @param {{ sizes: number[], log: (line: string) => void }} options
 */
export async function runChunkSweep(page, { sizes, log }) {
  /** @type {Result[]} */
  const results = [];
  /** @type {Record<string, { raw: WriteTiming, dataLayer: WriteTiming }>} */
  const timings = {};
  for (const chunkSize of sizes) {
    log(`chunk ${chunkSize}: raw…`);
    const raw = await page.evaluate((o) => globalThis.daftarBench.createVariant(o), {
      dbName: `sweep-raw-${chunkSize}`,
      chunkSize,
      variant: /** @type {const} */ ('raw'),
    });
    await page.evaluate(
      (name) => globalThis.daftarBench.deleteDatabase(name),
      `sweep-raw-${chunkSize}`,
    );
    await settle(page);
    log(`chunk ${chunkSize}: data layer…`);
    const dataLayer = await page.evaluate((o) => globalThis.daftarBench.createViaDataLayer(o), {
      dbName: `sweep-${chunkSize}`,
      chunkSize,
    });
    await page.evaluate(
      (name) => globalThis.daftarBench.deleteDatabase(name),
      `sweep-${chunkSize}`,
    );
    await settle(page);
    log(
      `  raw ${raw.seconds.toFixed(1)} s, data layer ${dataLayer.seconds.toFixed(1)} s, slowest chunk ${Math.round(dataLayer.maxChunkMs)} ms`,
    );
    timings[chunkSize] = { raw, dataLayer };
    results.push({
      name: `${SWEEP}.${chunkSize}`,
      value: dataLayer.seconds,
      unit: 's',
      floor: raw.seconds,
      ratio: ratioOf(dataLayer.seconds, raw.seconds),
      target: null,
    });
  }
  return { results, timings };
}

/**
 * @param {string} name
 * @param {number} seconds
 * @param {number} floor
 * @returns {Result}
 */
function breakdownResult(name, seconds, floor) {
  return {
    name: `${CREATE}.breakdown.${name}`,
    value: seconds,
    unit: 's',
    floor,
    ratio: ratioOf(seconds, floor),
    target: null,
  };
}

/**
 * Attribute the data layer's time to layers, each the difference between two measured variants.
 * Validation is timed alone, so the rest of RecordStore is what remains; the parts are estimates
 * (layers interact: e.g. validation output is what Dexie then clones).
 * @param {number} floor
 * @param {number} validation
 * @param {Record<string, WriteTiming>} t
 * @returns {{ part: string, seconds: number }[] | null}
 */
function breakdownTable(floor, validation, t) {
  const { dataLayer, rawWithHistory, dexieWithHistory } = t;
  if (!dataLayer || !rawWithHistory || !dexieWithHistory) return null;
  const check = dexieWithHistory.historyCheckSeconds ?? 0;
  return [
    { part: 'raw IndexedDB put of the rows (the floor)', seconds: floor },
    {
      part: '+ a change-set row per record (raw IndexedDB)',
      seconds: rawWithHistory.seconds - floor,
    },
    {
      part: '+ Dexie over raw IndexedDB (rows + change sets)',
      seconds: dexieWithHistory.seconds - check - rawWithHistory.seconds,
    },
    { part: '+ history lookup of the new ids (anyOf)', seconds: check },
    { part: '+ validation (zod, timed alone)', seconds: validation },
    {
      part: '+ rest of RecordStore (clock, rows, change sets)',
      seconds: dataLayer.seconds - dexieWithHistory.seconds - validation,
    },
    { part: '= data layer', seconds: dataLayer.seconds },
  ];
}

/** Let the page and IndexedDB's background work quiet down between timed runs. */
async function settle(/** @type {Page} */ page) {
  await page.requestGC();
  await page.waitForTimeout(1_500);
}
