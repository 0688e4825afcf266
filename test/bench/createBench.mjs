// Benchmark (a), `incidents.create.100k`: creating incidents through the data layer against raw
// IndexedDB puts of the same rows, each into a fresh database of the same browser, together with
// the variants that show where the data layer's time goes. All variants run interleaved chunk by
// chunk (see page/benchPage.ts), so the ratios hold on a machine whose load drifts. The data layer
// seals every row as the app does; the same writes unsealed (`sealer: null`) are always measured
// too, for the encryption overhead (`.vsUnsealed`).
import { writeFile } from 'node:fs/promises';
import { ratioOf } from './results.mjs';

/**
 * @typedef {import('./results.mjs').Result} Result
 * @typedef {import('./page/benchPage.ts').WriteTiming} WriteTiming
 * @typedef {import('./page/benchPage.ts').Variant} Variant
 * @typedef {import('playwright-core').Page} Page
 */

export const CREATE = 'incidents.create.100k';
export const SWEEP = 'incidents.create.chunkSweep';
/** The passphrase of the app profile the benchmarks make (page/appProfile.ts) and unlock. */
export const BENCH_PASSPHRASE = 'daftar bench passphrase';
const TARGET = 1.5;

/** @type {{ variant: Variant, label: string }[]} */
const BREAKDOWN = [
  {
    variant: 'rawVersion1Indexes',
    label: "raw IndexedDB, the incidents' six indexes of version 1 (the floor until 2026-11-29)",
  },
  { variant: 'validation', label: 'validation alone (zod)' },
  { variant: 'rawWithCommits', label: 'raw IndexedDB: rows + the commit row' },
  {
    variant: 'dexieWithCommits',
    label: "Dexie, rows sealed: RecordStore's requests (commit row, rows)",
  },
  { variant: 'dataLayerCheckedIds', label: 'data layer without freshIds (history lookup)' },
];

/**
 * @param {Page} page  the bench page, with the dataset prepared
 * @param {{ appDb: string, chunkSize: number, breakdown: boolean, log: (line: string) => void }} options
 *   appDb: the app profile's sealed database (the data layer fills it, so the list benchmarks reuse it)
 */
export async function runCreate(page, { appDb, chunkSize, breakdown, log }) {
  /** @type {Variant[]} */
  const variants = [
    'raw',
    'dataLayer',
    'dataLayerUnsealed',
    ...(breakdown ? BREAKDOWN.map((b) => b.variant) : []),
  ];
  /** @type {Partial<Record<Variant, string>>} */
  const databases = { dataLayer: appDb };
  for (const v of variants)
    if (v !== 'dataLayer' && v !== 'validation') databases[v] = `bench-${v}`;
  log(
    `creating the incidents ${variants.length} ways, interleaved in chunks of ${chunkSize}: ${variants.join(', ')}…`,
  );
  // Diagnostics (`BENCH_PROFILE_CREATE=<file>`): a CPU profile of the whole interleaved run.
  const profileFile = process.env.BENCH_PROFILE_CREATE;
  const cdp = profileFile ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const timings = await page.evaluate((o) => globalThis.daftarBench.createInterleaved(o), {
    chunkSize,
    databases,
    variants,
  });
  if (cdp && profileFile) {
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(profileFile, JSON.stringify(profile));
    await cdp.detach();
  }
  const raw = timings.raw;
  const layer = timings.dataLayer;
  const unsealed = timings.dataLayerUnsealed;
  if (!raw || !layer || !unsealed)
    throw new Error('The interleaved run returned no raw, data-layer or unsealed timing');
  for (const v of variants) {
    const t = timings[v];
    if (t)
      log(
        `  ${v.padEnd(22)} ${t.seconds.toFixed(1).padStart(6)} s  ${Math.round(t.recordsPerSecond).toString().padStart(6)} records/s`,
      );
  }

  /** @type {Result[]} */
  const results = [
    {
      name: CREATE,
      value: layer.seconds,
      unit: 's',
      floor: raw.seconds,
      ratio: ratioOf(layer.seconds, raw.seconds),
      target: TARGET,
    },
    {
      name: `${CREATE}.recordsPerSecond`,
      value: layer.recordsPerSecond,
      unit: 'records/s',
      floor: raw.recordsPerSecond,
      ratio: ratioOf(layer.recordsPerSecond, raw.recordsPerSecond),
      target: null,
    },
    {
      name: `${CREATE}.vsUnsealed`,
      value: layer.seconds,
      unit: 's',
      floor: unsealed.seconds,
      ratio: ratioOf(layer.seconds, unsealed.seconds),
      target: null,
    },
    {
      name: `${CREATE}.unsealed`,
      value: unsealed.seconds,
      unit: 's',
      floor: raw.seconds,
      ratio: ratioOf(unsealed.seconds, raw.seconds),
      target: null,
    },
  ];
  for (const { variant } of breakdown ? BREAKDOWN : []) {
    const t = timings[variant];
    if (t) {
      results.push({
        name: `${CREATE}.breakdown.${variant}`,
        value: t.seconds,
        unit: 's',
        floor: raw.seconds,
        ratio: ratioOf(t.seconds, raw.seconds),
        target: null,
      });
    }
  }
  return { results, timings, breakdown: breakdown ? breakdownTable(timings) : null };
}

/**
 * The chunk-size sweep behind the chosen chunk size (opt-in: `--only incidents.create.chunkSweep`):
 * data layer against the raw floor at each size, and how long progress stands still per chunk.
 * @param {Page} page
 * @param {{ sizes: number[], log: (line: string) => void }} options
 */
export async function runChunkSweep(page, { sizes, log }) {
  /** @type {Result[]} */
  const results = [];
  /** @type {Record<string, Partial<Record<Variant, WriteTiming>>>} */
  const timings = {};
  for (const chunkSize of sizes) {
    log(`chunk ${chunkSize}: raw and data layer, interleaved…`);
    const databases = { raw: `sweep-raw-${chunkSize}`, dataLayer: `sweep-${chunkSize}` };
    /** @type {Variant[]} */
    const variants = ['raw', 'dataLayer'];
    const t = await page.evaluate((o) => globalThis.daftarBench.createInterleaved(o), {
      chunkSize,
      databases,
      variants,
    });
    for (const name of Object.values(databases))
      await page.evaluate((n) => globalThis.daftarBench.deleteDatabase(n), name);
    await settle(page);
    const raw = t.raw;
    const layer = t.dataLayer;
    if (!raw || !layer) throw new Error('The sweep returned no timing');
    log(
      `  raw ${raw.seconds.toFixed(1)} s, data layer ${layer.seconds.toFixed(1)} s, slowest chunk ${Math.round(layer.maxChunkMs)} ms, longest task ${Math.round(layer.longestTaskMs)} ms`,
    );
    timings[chunkSize] = t;
    results.push({
      name: `${SWEEP}.${chunkSize}`,
      value: layer.seconds,
      unit: 's',
      floor: raw.seconds,
      ratio: ratioOf(layer.seconds, raw.seconds),
      target: null,
    });
  }
  return { results, timings };
}

/**
 * Attribute the data layer's time to layers, each the difference between two measured variants.
 * Validation is timed alone, so the rest of RecordStore is what remains. The parts are estimates:
 * layers interact (validation's output is what Dexie then clones, for one). The history lookup
 * that writes of ids from elsewhere make is shown apart: the benchmarked creates skip it.
 * @param {Partial<Record<Variant, WriteTiming>>} t
 * @returns {{ part: string, seconds: number }[] | null}
 */
function breakdownTable(t) {
  const {
    raw,
    rawVersion1Indexes,
    dataLayer,
    dataLayerUnsealed,
    validation,
    rawWithCommits,
    dexieWithCommits,
    dataLayerCheckedIds,
  } = t;
  if (!raw || !dataLayer || !validation || !rawWithCommits || !dexieWithCommits) return null;
  return [
    ...(rawVersion1Indexes
      ? [
          {
            part: "raw IndexedDB put of the rows, the incidents' six version-1 indexes",
            seconds: rawVersion1Indexes.seconds,
          },
          {
            part: '+ the three indexes versions 3 and 4 added (owner, review, re-import)',
            seconds: raw.seconds - rawVersion1Indexes.seconds,
          },
        ]
      : []),
    {
      part: "= raw IndexedDB put of the rows, all the app's indexes (the floor)",
      seconds: raw.seconds,
    },
    {
      part: '+ the commit row of each write (raw IndexedDB)',
      seconds: rawWithCommits.seconds - raw.seconds,
    },
    {
      part: '+ Dexie and sealing over raw IndexedDB',
      seconds: dexieWithCommits.seconds - rawWithCommits.seconds,
    },
    { part: '+ validation (zod, timed alone)', seconds: validation.seconds },
    {
      part: '+ rest of RecordStore (clock, rows, change sets)',
      seconds: dataLayer.seconds - dexieWithCommits.seconds - validation.seconds,
    },
    { part: '= data layer (freshIds)', seconds: dataLayer.seconds },
    ...(dataLayerUnsealed
      ? [
          {
            part: '  of which sealing (data layer − unsealed data layer)',
            seconds: dataLayer.seconds - dataLayerUnsealed.seconds,
          },
        ]
      : []),
    ...(dataLayerCheckedIds
      ? [
          {
            part: '  without freshIds: + history lookup of the ids',
            seconds: dataLayerCheckedIds.seconds - dataLayer.seconds,
          },
        ]
      : []),
  ];
}

/** Let the page and IndexedDB's background work quiet down between timed runs. */
async function settle(/** @type {Page} */ page) {
  await page.requestGC();
  await page.waitForTimeout(1_500);
}
