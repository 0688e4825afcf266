// `npm run bench`: builds the benchmark pages, serves them and the app's web build from
// 127.0.0.1 with COOP/COEP, drives headless Chromium (fresh profile) through the benchmarks, and
// prints and writes each result as a ratio to the raw floor measured in the same run
// (dist/bench/results.json; details in dist/bench/run.json). See docs/benchmarks.md.
//
//   npm run bench                                  everything, 100,000 incidents
//   BENCH_SCALE=0.05 npm run bench                 5,000 incidents (a quick check)
//   npm run bench -- --only incidents.list         only benchmarks whose name starts so
//   npm run bench -- --only incidents.create.chunkSweep   the chunk-size sweep (opt-in)
//   npm run bench -- --only bundle,merge           the bundle and merge benchmarks
//   npm run bench -- --only maps.pmtiles           the PMTiles reading benchmark (Node, ~1 GiB file)
//   npm run bench -- --only maps.cluster           100,000 incidents clustered on the map
//   npm run bench -- --only review.history         one incident's history of 10,000 changes
//   npm run bench -- --only review.queue           review counts and queue over 100,000 incidents
//   npm run bench -- --only find.search            full-text search and filters over 100,000 incidents (Node)
//   npm run bench -- --only find.filter            filter changes in the find worker vs raw index reads
//   npm run bench -- --only interchange.import     a 100,000-row ACLED CSV imported vs PapaParse + raw puts
//   npm run bench -- --only hub                    team hub push, pull and change latency over loopback (Node)
//   npm run bench -- --only lock                   unlock → first rows and search usable, sealed vs unsealed
//   npm run bench -- --only incidents.create.100k,bundle.import   with their .vsUnsealed overhead lines
//   BENCH_BREAKDOWN=0 npm run bench                without the breakdown variants (faster)
//   BENCH_ROUNDS=3 npm run bench -- --only bundle  timed rounds of each bundle benchmark
//
// Exits non-zero only when something crashed; a missed target prints MISSED.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BENCH_PASSPHRASE, CREATE, SWEEP, runChunkSweep, runCreate } from './createBench.mjs';
import { BUNDLE_EXPORT, BUNDLE_IMPORT, formatParts, runBundle } from './bundleBench.mjs';
import { MERGE, runMerge } from './mergeRun.mjs';
import { PMTILES, runPmtiles } from './pmtilesRun.mjs';
import { FIND, runFind } from './findRun.mjs';
import { HUB, runHub } from './hubRun.mjs';
import { CLUSTER, runCluster } from './clusterBench.mjs';
import { HISTORY, runHistory } from './historyBench.mjs';
import { REVIEW_QUEUE, runReviewQueue } from './reviewQueueBench.mjs';
import { FIND_FILTER, runFindFilter } from './findFilterBench.mjs';
import { INTERCHANGE_IMPORT, runImport } from './importBench.mjs';
import { LOCK, runLock } from './lockBench.mjs';
import {
  FIRST_ROWS,
  SCROLL_FRAME,
  runFirstRows,
  runScrollFrame,
  whyListIsMissing,
} from './listBench.mjs';
import { formatTable, verdict } from './results.mjs';
import { CHROMIUM_ARGS, chromiumPath } from '../../build/scripts/chromium.mjs';
import { serveStatic } from './staticServer.mjs';

/** @typedef {import('./results.mjs').Result} Result */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const CHROMIUM_FLAGS = CHROMIUM_ARGS;
const SEED = 20210815;
/**
 * Records per transaction. 2,000 amortises the per-transaction cost (strict durability flushes
 * once per commit) to a few per cent — see the chunk sweep in docs/benchmarks.md — while a chunk
 * still finishes in about a second, so progress moves and cancellation is honoured promptly.
 */
const CHUNK_SIZE = 2_000;
const SWEEP_SIZES = [250, 500, 1_000, 2_000, 5_000, 10_000];
const DEFAULT_BENCHMARKS = [
  CREATE,
  FIRST_ROWS,
  SCROLL_FRAME,
  BUNDLE_EXPORT,
  BUNDLE_IMPORT,
  MERGE,
  PMTILES,
  CLUSTER,
  HISTORY,
  REVIEW_QUEUE,
  FIND,
  FIND_FILTER,
  INTERCHANGE_IMPORT,
  LOCK,
  HUB,
];
/** Median of this many runs of each merge variant (Node; a second or two each). */
const MERGE_RUNS = 3;
/** Median of this many rounds of the PMTiles reads (Node; a second or two each). */
const PMTILES_ROUNDS = 5;
/** Timed rounds of the map cluster benchmarks (a fresh map each), and fresh pages per memory reading. */
const CLUSTER_ROUNDS = 5;
const CLUSTER_MEMORY_ROUNDS = 2;
/** Timed rounds of the history benchmarks (a second or two each). */
const HISTORY_ROUNDS = 7;
/** Timed rounds of the review queue's reads (well under a second each). */
const REVIEW_QUEUE_ROUNDS = 9;
/** Timed rounds of the find filter changes (tens of ms each). */
const FIND_FILTER_ROUNDS = 7;
/** Timed rounds of every find query (Node; the median of each query's rounds is kept). */
const FIND_ROUNDS = 3;
/** Unlocks timed each way, sealed and unsealed (a fresh page each; ~30 s each at 100,000). */
const LOCK_ROUNDS = 3;
/** Changes timed from one profile to another through the hub (median and p95 kept). */
const HUB_REPETITIONS = 20;
const ALL_BENCHMARKS = [...DEFAULT_BENCHMARKS, SWEEP];

const started = Date.now();
/** @param {string} line */
const log = (line) => {
  const s = Math.round((Date.now() - started) / 1000);
  console.log(
    `[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${line}`,
  );
};

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {string[]} */
  const only = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--only') only.push(...(argv[++i] ?? '').split(','));
    else if (arg.startsWith('--only=')) only.push(...arg.slice('--only='.length).split(','));
    else
      throw new Error(
        `Unknown argument ${arg}. Usage: node test/bench/run.mjs [--only <name>[,<name>…]]`,
      );
  }
  const wanted = only.map((o) => o.trim()).filter(Boolean);
  if (wanted.length === 0) return DEFAULT_BENCHMARKS;
  // A prefix selects a group (`incidents.list`, `bundle`); a result's name selects the benchmark
  // that reports it (`merge.core` → `merge`); the opt-in sweep only by its full name.
  const selected = ALL_BENCHMARKS.filter((name) =>
    wanted.some(
      (w) => name === w || (name !== SWEEP && name.startsWith(w)) || w.startsWith(`${name}.`),
    ),
  );
  if (selected.length === 0)
    throw new Error(
      `No benchmark matches ${wanted.join(', ')}. Known: ${ALL_BENCHMARKS.join(', ')}`,
    );
  return selected;
}

function scaleFromEnv() {
  const scale = Number(process.env.BENCH_SCALE ?? '1');
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10)
    throw new Error(`BENCH_SCALE must be a number in (0, 10], got ${process.env.BENCH_SCALE}`);
  return scale;
}

/**
 * Timed rounds of each bundle benchmark (BENCH_ROUNDS): by default 3 exports (median) and, at
 * full scale, 1 import between two floors — an import of 100,000 incidents takes minutes here.
 * @param {number} scale
 */
function roundsFromEnv(scale) {
  const value = process.env.BENCH_ROUNDS;
  if (value === undefined) return { exportRounds: 3, importRounds: scale > 0.2 ? 1 : 3 };
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 9) throw new Error('BENCH_ROUNDS must be 1–9');
  return { exportRounds: n, importRounds: n };
}

/** The breakdowns are measured unless BENCH_BREAKDOWN=0 (they roughly double (a)'s time). */
function breakdownFromEnv() {
  const value = process.env.BENCH_BREAKDOWN ?? '1';
  if (value !== '0' && value !== '1') throw new Error('BENCH_BREAKDOWN must be 0 or 1');
  return value === '1';
}

async function buildPages() {
  const { build } = await import('vite');
  await build({ configFile: path.join(import.meta.dirname, 'vite.config.ts'), logLevel: 'warn' });
  const esbuild = await import('esbuild');
  const probe = await esbuild.build({
    entryPoints: [path.join(import.meta.dirname, 'page/probe.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  return probe.outputFiles[0]?.text ?? '';
}

const appIndex = path.join(repoRoot, 'dist/renderer/index.html');
const buildScript = path.join(repoRoot, 'build/scripts/build.mjs');

/** `npm run build`, when the project has a build script; returns why not, or null when built. */
function buildApp() {
  if (!existsSync(buildScript)) return 'there is no build/scripts/build.mjs to build the app with';
  log('building the app (npm run build)…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  return result.status === 0 ? null : `npm run build failed (exit ${result.status})`;
}

/**
 * When the app's build is older than its newest source file, so that the list benchmarks would
 * measure an app that no longer matches the code (null when there is no build).
 */
function staleAppBuild() {
  if (!existsSync(appIndex)) return null;
  const built = statSync(appIndex).mtimeMs;
  let newest = 0;
  for (const dir of ['renderer', 'shared']) {
    for (const file of readdirSync(path.join(repoRoot, dir), { recursive: true })) {
      const mtime = statSync(path.join(repoRoot, dir, String(file))).mtimeMs;
      if (mtime > newest) newest = mtime;
    }
  }
  return {
    builtAt: new Date(built).toISOString(),
    newestSourceAt: new Date(newest).toISOString(),
    stale: newest > built,
  };
}

async function main() {
  const selected = parseArgs(process.argv.slice(2));
  const scale = scaleFromEnv();
  const breakdown = breakdownFromEnv();
  const count = Math.max(100, Math.round(100_000 * scale));
  const wantsList = selected.includes(FIRST_ROWS) || selected.includes(SCROLL_FRAME);
  log(
    `benchmarks: ${selected.join(', ')}; ${count.toLocaleString('en-US')} incidents (BENCH_SCALE=${scale})`,
  );
  const loadAtStart = os.loadavg();
  if ((loadAtStart[0] ?? 0) > os.cpus().length) {
    log(
      `warning: load average ${loadAtStart[0]?.toFixed(1)} on ${os.cpus().length} cores — other work skews timings`,
    );
  }

  /** @type {Record<string, string>} */
  const skipped = {};
  /** @type {Result[]} */
  const results = [];
  /** @type {Record<string, unknown>} */
  const details = {};
  /** Load average around each benchmark, as os.loadavg() gives it (1, 5, 15 minutes). */
  /** @type {Record<string, { start: number[], end: number[] }>} */
  const loadAverages = {};
  /** @type {<T>(name: string, work: () => Promise<T>) => Promise<T>} */
  const withLoad = async (name, work) => {
    const start = os.loadavg();
    try {
      return await work();
    } finally {
      const end = os.loadavg();
      loadAverages[name] = { start, end };
      log(`  load average ${start[0]?.toFixed(1)} → ${end[0]?.toFixed(1)} during ${name}`);
    }
  };

  // The merge and PMTiles benchmarks run in Node, before any browser is started.
  if (selected.includes(MERGE)) {
    log(`merge: ${MERGE_RUNS} interleaved runs of each variant in a child Node process…`);
    const merge = await withLoad(MERGE, () => runMerge({ repoRoot, scale, runs: MERGE_RUNS, log }));
    results.push(...merge.results);
    details.merge = merge.detail;
  }
  if (selected.includes(PMTILES)) {
    log(`${PMTILES}: a large archive in a child Node process, ${PMTILES_ROUNDS} rounds of reads…`);
    const pmtiles = await withLoad(PMTILES, () =>
      runPmtiles({ repoRoot, scale, rounds: PMTILES_ROUNDS, log }),
    );
    results.push(...pmtiles.results);
    details.pmtiles = pmtiles.detail;
  }
  if (selected.includes(FIND)) {
    log(`${FIND}: the find engine and a bare MiniSearch in a child Node process…`);
    const find = await withLoad(FIND, () => runFind({ repoRoot, scale, rounds: FIND_ROUNDS, log }));
    results.push(...find.results);
    details.find = find.detail;
  }
  if (selected.includes(HUB)) {
    log(`${HUB}: the team hub and the sync client over loopback in a child Node process…`);
    const hub = await withLoad(HUB, () =>
      runHub({ repoRoot, scale, repetitions: HUB_REPETITIONS, log }),
    );
    results.push(...hub.results);
    details.hub = hub.detail;
  }
  const wantsBundle = selected.includes(BUNDLE_EXPORT) || selected.includes(BUNDLE_IMPORT);
  const wantsDataset =
    wantsList || wantsBundle || selected.includes(CREATE) || selected.includes(SWEEP);
  const wantsBrowser =
    wantsDataset ||
    selected.includes(CLUSTER) ||
    selected.includes(HISTORY) ||
    selected.includes(REVIEW_QUEUE) ||
    selected.includes(FIND_FILTER) ||
    selected.includes(INTERCHANGE_IMPORT) ||
    selected.includes(LOCK);
  const appBuild = !wantsBrowser
    ? null
    : await runInBrowser({
        selected,
        count,
        scale,
        breakdown,
        wantsList,
        wantsBundle,
        wantsDataset,
        skipped,
        results,
        details,
        withLoad,
      });

  console.log('');
  console.log(formatTable(results));
  const parts =
    /** @type {{ breakdown?: { part: string, seconds: number }[] | null } | undefined} */ (
      details.create
    )?.breakdown;
  if (parts) {
    const total = parts.find((p) => p.part.startsWith('='))?.seconds ?? Number.NaN;
    console.log(
      "\nWhere the data layer's create time goes (differences between measured variants):",
    );
    for (const { part, seconds } of parts) {
      console.log(
        `  ${part.padEnd(50)} ${seconds.toFixed(1).padStart(6)} s  ${((100 * seconds) / total).toFixed(0).padStart(3)} %`,
      );
    }
  }
  const bundleParts =
    /** @type {{ exportBreakdown?: import('./page/bundleBench.ts').Part[], importBreakdown?: import('./page/bundleBench.ts').Part[] } | undefined} */ (
      details.bundle
    );
  for (const line of [
    ...formatParts(
      '\nbundle.export, step by step (each timed alone):',
      bundleParts?.exportBreakdown,
    ),
    ...formatParts(
      '\nbundle.import, step by step (each timed alone):',
      bundleParts?.importBreakdown,
    ),
  ])
    console.log(line);
  for (const [what, why] of Object.entries(skipped)) console.log(`SKIPPED ${what}: ${why}`);
  const missed = results.filter((r) => verdict(r) === 'MISSED');
  if (missed.length > 0)
    console.log(
      `MISSED: ${missed.map((r) => `${r.name} (${r.ratio.toFixed(2)}× > ${r.target}×)`).join(', ')}`,
    );

  const outDir = path.join(repoRoot, 'dist/bench');
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const meta = {
    date: new Date().toISOString(),
    loadAverages,
    scale,
    incidents: count,
    selected,
    skipped,
    loadAverage: { start: loadAtStart, end: os.loadavg() },
    appBuild,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    chromiumFlags: CHROMIUM_FLAGS,
    durationSeconds: Math.round((Date.now() - started) / 1000),
    ...details,
  };
  await writeFile(path.join(outDir, 'run.json'), `${JSON.stringify(meta, null, 2)}\n`);
  log(`wrote dist/bench/results.json and dist/bench/run.json in ${meta.durationSeconds} s`);
}

/**
 * The benchmarks that run in Chromium: create, chunk sweep, list, bundle — in that order (the
 * bundle benchmarks export the database the create benchmark filled, adding sources and links).
 * The map cluster benchmarks run first, on their own page; the rest only when selected.
 * @param {{
 *   selected: string[], count: number, scale: number, breakdown: boolean, wantsList: boolean,
 *   wantsBundle: boolean, wantsDataset: boolean, skipped: Record<string, string>, results: Result[],
 *   details: Record<string, unknown>,
 *   withLoad: <T>(name: string, work: () => Promise<T>) => Promise<T>,
 * }} o
 */
async function runInBrowser({
  selected,
  count,
  scale,
  breakdown,
  wantsList,
  wantsBundle,
  wantsDataset,
  skipped,
  results,
  details,
  withLoad,
}) {
  let appBuilt = false;
  if (wantsList && !existsSync(appIndex)) {
    const why = buildApp();
    appBuilt = why === null;
    if (why !== null || !existsSync(appIndex)) {
      skipped.list = why ?? 'npm run build did not produce dist/renderer/index.html';
    }
  }

  const wantsHistory = selected.includes(HISTORY);
  if (wantsHistory && !existsSync(appIndex)) {
    const why = buildApp();
    appBuilt ||= why === null;
    if (why !== null || !existsSync(appIndex)) {
      skipped[HISTORY] = why ?? 'npm run build did not produce dist/renderer/index.html';
    }
  }

  const appBuild = wantsList || wantsHistory ? staleAppBuild() : null;
  if (appBuild?.stale) {
    log(
      `note: the app build (${appBuild.builtAt}) is older than its sources (${appBuild.newestSourceAt}); the list benchmarks measure the build — run npm run build to measure the current code`,
    );
  }

  log('building the benchmark pages…');
  const probe = await buildPages();
  const server = await serveStatic([
    { prefix: '/__bench/', dir: path.join(repoRoot, 'dist/bench-page') },
    { prefix: '/', dir: path.join(repoRoot, 'dist/renderer') },
  ]);
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'daftar-bench-'));
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 800 },
  });
  await context.addInitScript({ content: probe });

  try {
    // First, on the app's database, which it deletes again: the others find it as they would.
    if (wantsHistory && !skipped[HISTORY]) {
      const changes = Math.max(100, Math.round(10_000 * scale));
      log(`${HISTORY}: one incident with ${changes.toLocaleString('en-US')} changes…`);
      const history = await withLoad(HISTORY, () =>
        runHistory(context, {
          pageUrl: `${server.url}/__bench/historyBench.html`,
          appUrl: `${server.url}/`,
          changes,
          seed: SEED,
          rounds: HISTORY_ROUNDS,
          log,
        }),
      );
      results.push(...history.results);
      details.history = history.detail;
    }
    if (selected.includes(REVIEW_QUEUE)) {
      log(
        `${REVIEW_QUEUE}: ${REVIEW_QUEUE_ROUNDS} rounds of the queue's reads, in a database of its own…`,
      );
      const queue = await withLoad(REVIEW_QUEUE, () =>
        runReviewQueue(context, {
          pageUrl: `${server.url}/__bench/reviewQueueBench.html`,
          incidents: count,
          seed: SEED,
          chunkSize: CHUNK_SIZE,
          rounds: REVIEW_QUEUE_ROUNDS,
          log,
        }),
      );
      results.push(...queue.results);
      details.reviewQueue = queue.detail;
    }
    if (selected.includes(FIND_FILTER)) {
      log(
        `${FIND_FILTER}: ${FIND_FILTER_ROUNDS} rounds of filter changes, in a database of its own…`,
      );
      const find = await withLoad(FIND_FILTER, () =>
        runFindFilter(context, {
          pageUrl: `${server.url}/__bench/findFilterBench.html`,
          incidents: count,
          seed: SEED,
          chunkSize: CHUNK_SIZE,
          rounds: FIND_FILTER_ROUNDS,
          log,
        }),
      );
      results.push(...find.results);
      details.findFilter = find.detail;
    }
    if (selected.includes(INTERCHANGE_IMPORT)) {
      const importRounds = roundsFromEnv(scale).importRounds;
      log(`${INTERCHANGE_IMPORT}: an ACLED CSV of ${count.toLocaleString('en-US')} rows…`);
      const imported = await withLoad(INTERCHANGE_IMPORT, () =>
        runImport(context, {
          pageUrl: `${server.url}/__bench/importBench.html`,
          incidents: count,
          seed: SEED,
          chunkSize: CHUNK_SIZE,
          rounds: importRounds,
          log,
        }),
      );
      results.push(...imported.results);
      details.interchangeImport = imported.detail;
    }
    if (selected.includes(LOCK)) {
      log(
        `${LOCK}: ${LOCK_ROUNDS} unlocks each way, sealed and unsealed, in databases of their own…`,
      );
      const lock = await withLoad(LOCK, () =>
        runLock(context, {
          pageUrl: `${server.url}/__bench/lockBench.html`,
          incidents: count,
          seed: SEED,
          chunkSize: CHUNK_SIZE,
          rounds: LOCK_ROUNDS,
          log,
        }),
      );
      results.push(...lock.results);
      details.lock = lock.detail;
    }
    if (selected.includes(CLUSTER)) {
      log(`${CLUSTER}: ${count.toLocaleString('en-US')} points, ${CLUSTER_ROUNDS} rounds…`);
      const cluster = await withLoad(CLUSTER, () =>
        runCluster(context, {
          pageUrl: `${server.url}/__bench/clusterBench.html`,
          count,
          seed: SEED,
          rounds: CLUSTER_ROUNDS,
          memoryRounds: CLUSTER_MEMORY_ROUNDS,
          log,
        }),
      );
      results.push(...cluster.results);
      details.cluster = cluster.detail;
    }
    if (!wantsDataset) return appBuild;
    /**
     * A bench page with the app profile open (the list benchmarks close it; this opens another):
     * the vault the app will unlock (created on first use with BENCH_PASSPHRASE) and the name of
     * the sealed database it names, which the create, list and bundle benchmarks fill and read.
     */
    const openBenchPage = async () => {
      const opened = await context.newPage();
      opened.on('pageerror', (error) => log(`bench page error: ${error.message}`));
      await opened.goto(`${server.url}/__bench/index.html`);
      await opened.waitForFunction(() => globalThis.daftarBench?.ready === true);
      const database = await opened.evaluate(
        (p) => globalThis.daftarBench.openAppProfile(p),
        BENCH_PASSPHRASE,
      );
      return { opened, database };
    };
    let { opened: page, database: appDb } = await openBenchPage();
    let pageOpen = true;
    const browser = await page.evaluate(() => ({
      userAgent: navigator.userAgent,
      isolated: globalThis.crossOriginIsolated,
      cores: navigator.hardwareConcurrency,
    }));
    if (!browser.isolated)
      throw new Error('The bench page is not cross-origin isolated (COOP/COEP missing)');
    details.browser = browser;

    log(`generating ${count.toLocaleString('en-US')} incidents (seed ${SEED})…`);
    const datasetOptions = { count, seed: SEED, sources: Math.max(100, Math.round(count / 5)) };
    const dataset = await page.evaluate((o) => globalThis.daftarBench.prepare(o), datasetOptions);
    details.dataset = dataset;
    log(
      `  ${Math.round(dataset.generateMs)} ms; incident fields ${Math.round(dataset.incidentJsonBytes)} B, stored row ${Math.round(dataset.rowJsonBytes)} B, source ${Math.round(dataset.sourceJsonBytes)} B of JSON on average`,
    );
    log('validating every generated record…');
    const validation = await page.evaluate(() => globalThis.daftarBench.validate());
    details.validation = validation;
    log(
      `  all valid: ${Math.round(validation.incidentsMs)} ms for ${dataset.incidents} incidents (${validation.perIncidentUs.toFixed(0)} µs each)`,
    );

    if (selected.includes(CREATE)) {
      const create = await withLoad(CREATE, () =>
        runCreate(page, { appDb, chunkSize: CHUNK_SIZE, breakdown, log }),
      );
      results.push(...create.results);
      details.create = {
        chunkSize: CHUNK_SIZE,
        timings: create.timings,
        breakdown: create.breakdown,
      };
    }
    if (selected.includes(SWEEP)) {
      const sweep = await runChunkSweep(page, { sizes: SWEEP_SIZES, log });
      results.push(...sweep.results);
      details.chunkSweep = sweep.timings;
    }

    if (wantsList && !skipped.list) {
      if (!selected.includes(CREATE)) {
        log(`filling the app profile's "${appDb}" through the data layer (untimed)…`);
        await page.evaluate((o) => globalThis.daftarBench.fillIfEmpty(o), {
          dbName: appDb,
          chunkSize: CHUNK_SIZE,
        });
      }
      const incidents = await page.evaluate(
        (name) => globalThis.daftarBench.countIncidents(name),
        appDb,
      );
      const unlockFloor = await page.evaluate(() => globalThis.daftarBench.appUnlockFloor());
      await page.evaluate(() => globalThis.daftarBench.release());
      await page.close();
      pageOpen = false;
      const appUrl = `${server.url}/`;
      log(
        `checking that the app shows the incidents list (${incidents.toLocaleString('en-US')} incidents)…`,
      );
      let why = await whyListIsMissing(context, appUrl);
      if (why !== null && !appBuilt) {
        log(`  not yet: ${why}`);
        const buildError = buildApp();
        appBuilt = buildError === null;
        why = buildError ?? (await whyListIsMissing(context, appUrl));
      }
      if (why !== null) skipped.list = why;
      else {
        details.listIncidents = incidents;
        if (selected.includes(FIRST_ROWS)) {
          log('first rows: app vs bare raw-IndexedDB page…');
          const first = await runFirstRows(context, {
            appUrl,
            floorUrl: `${server.url}/__bench/listFloor.html?db=${appDb}&kdf=${unlockFloor.kdfRounds}&key=${Buffer.from(unlockFloor.rowKey).toString('hex')}`,
            runs: 5,
            log,
          });
          results.push(...first.results);
          details.firstRows = first.detail;
        }
        if (selected.includes(SCROLL_FRAME)) {
          log('scroll frames: scrolling vs idle rAF loop on the app…');
          const scroll = await runScrollFrame(context, {
            appUrl,
            bareUrl: `${server.url}/__bench/listFloor.html?rows=1500&db=${appDb}&key=${Buffer.from(unlockFloor.rowKey).toString('hex')}`,
            rounds: 2,
            durationMs: 3_000,
            log,
          });
          results.push(...scroll.results);
          if (scroll.skipped) skipped[SCROLL_FRAME] = scroll.skipped;
          details.scrollFrame = scroll.detail;
        }
      }
    }

    if (wantsBundle) {
      if (!pageOpen) {
        log('reopening the bench page and generating the dataset again for the bundle benchmarks…');
        ({ opened: page, database: appDb } = await openBenchPage());
        await page.evaluate((o) => globalThis.daftarBench.prepare(o), datasetOptions);
      }
      const bundle = await withLoad('bundle', () =>
        runBundle(page, {
          dbName: appDb,
          chunkSize: CHUNK_SIZE,
          ...roundsFromEnv(scale),
          doExport: selected.includes(BUNDLE_EXPORT),
          doImport: selected.includes(BUNDLE_IMPORT),
          breakdown,
          canonical: count <= 10_000,
          log,
        }),
      );
      results.push(...bundle.results);
      details.bundle = bundle.detail;
    }
  } finally {
    await context.close();
    await server.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
  return appBuild;
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
