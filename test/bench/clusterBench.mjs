// The map cluster benchmarks (`maps.cluster.*`), runner side; the page is page/clusterBench.ts.
// 100,000 seeded incident points over Afghanistan shown on a maplibre map as the app shows them —
// clustered in the page (`new IncidentClusters(points)`, supercluster), the view's clusters set
// into the app's plain incident source — against raw `supercluster` for the same view:
// `maps.cluster.firstRender` — new IncidentClusters + setData(inView) → the map's idle, drawn;
// `maps.cluster.refilter` — the same for half of them (three of six event types) → idle;
// `maps.cluster.memory` — heap (page + workers) held by the map showing the points against a
// Supercluster holding them;
// `maps.cluster.firstRender.maplibreWorker` — for comparison, no target: the earlier design, every
// point set into a source clustered by maplibre in its worker.
import { ratioOf } from './results.mjs';

/**
 * @typedef {import('./results.mjs').Result} Result
 * @typedef {import('playwright-core').BrowserContext} BrowserContext
 * @typedef {import('playwright-core').Page} Page
 * @typedef {import('./page/clusterBench.ts').MapTiming} MapTiming
 * @typedef {import('./page/clusterBench.ts').FloorTiming} FloorTiming
 * @typedef {import('./page/clusterBench.ts').MemoryReading} MemoryReading
 */

export const CLUSTER = 'maps.cluster';
const FIRST_RENDER = `${CLUSTER}.firstRender`;
const REFILTER = `${CLUSTER}.refilter`;
const MEMORY = `${CLUSTER}.memory`;
const WORKER_FIRST_RENDER = `${FIRST_RENDER}.maplibreWorker`;
/**
 * The map against bare supercluster: the app also builds the points' GeoJSON, then, after
 * supercluster's load, sends the view's few dozen clusters to maplibre's worker, which cuts,
 * encodes and decodes the view's tiles, lays out the count labels, uploads and draws them, and
 * fades the labels in (300 ms).
 */
const FIRST_RENDER_TARGET = 3;
const REFILTER_TARGET = 3;
/** Budget from when maplibre kept the points three times (page, worker's copy, its indexes). */
const MEMORY_TARGET = 4;

/**
 * @param {BrowserContext} context
 * @param {string} url
 * @param {{ count: number, seed: number }} prepare
 * @param {(line: string) => void} log
 */
async function openPage(context, url, prepare, log) {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`cluster page error: ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => globalThis.daftarMapsBench?.ready === true);
  const isolated = await page.evaluate(() => globalThis.crossOriginIsolated);
  if (!isolated) throw new Error(`${url} is not cross-origin isolated (COOP/COEP missing)`);
  const prepared = await page.evaluate((o) => globalThis.daftarMapsBench.prepare(o), prepare);
  const cdp = await context.newCDPSession(page);
  const gc = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
  };
  return { page, prepared, gc };
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** @param {MapTiming} t */
const viewText = (t) =>
  `${t.view.clusters} clusters + ${t.view.points} points = ${t.view.sum} (supercluster ${t.expected.clusters} + ${t.expected.points} = ${t.expected.sum}); ${t.setDataFeatures} features set`;

/** @param {MapTiming} t */
const timingText = (t) =>
  `${t.ms.toFixed(0)} ms (clusters ${t.clustersMs.toFixed(0)}, inView ${t.inViewMs.toFixed(1)}, drawn ${t.drawnMs.toFixed(0)}, worker ${t.workerMs.toFixed(0)}, longest stall ${t.longestStallMs.toFixed(0)})`;

/**
 * @param {BrowserContext} context
 * @param {{ pageUrl: string, count: number, seed: number, rounds: number, memoryRounds: number, log: (line: string) => void }} o
 * @returns {Promise<{ results: Result[], detail: Record<string, unknown> }>}
 */
export async function runCluster(context, { pageUrl, count, seed, rounds, memoryRounds, log }) {
  const { page, prepared, gc } = await openPage(context, pageUrl, { count, seed }, log);
  log(
    `  ${prepared.points.toLocaleString('en-US')} points (${prepared.subsetPoints.toLocaleString('en-US')} after the filter), ${Math.round(prepared.generateMs)} ms to generate`,
  );
  /** @type {{ floorFull: FloorTiming, floorSubset: FloorTiming, first: MapTiming, refilter: MapTiming, worker: MapTiming }[]} */
  const runs = [];
  let boundsDifference = Number.NaN;
  try {
    // Round 0 warms up (fonts, JIT, the worker) and checks the view; rounds 1… are timed, the
    // floor first in odd rounds and the map first in even ones.
    for (let round = 0; round <= rounds; round++) {
      /** @type {FloorTiming | undefined} */
      let floorFull;
      /** @type {FloorTiming | undefined} */
      let floorSubset;
      const floors = async () => {
        await gc();
        floorFull = await page.evaluate(() => globalThis.daftarMapsBench.floor({ subset: false }));
        await gc();
        floorSubset = await page.evaluate(() => globalThis.daftarMapsBench.floor({ subset: true }));
      };
      if (round % 2 === 1) await floors();
      await gc();
      const first = await page.evaluate(() => globalThis.daftarMapsBench.mapFirstRender());
      if (round === 0) {
        boundsDifference = await page.evaluate(() => globalThis.daftarMapsBench.boundsDifference());
        if (!(boundsDifference < 0.01))
          throw new Error(`the map's view differs from the floor's bbox by ${boundsDifference}°`);
      }
      await gc();
      const refilter = await page.evaluate(() => globalThis.daftarMapsBench.mapRefilter());
      await page.evaluate(() => globalThis.daftarMapsBench.closeMap());
      if (round % 2 === 0) await floors();
      if (!floorFull || !floorSubset) throw new Error('the floors did not run');
      // for comparison, after the timed pair: maplibre's worker clustering of every point
      await gc();
      const worker = await page.evaluate(() => globalThis.daftarMapsBench.workerFirstRender());
      await page.evaluate(() => globalThis.daftarMapsBench.closeMap());
      log(
        `  ${round === 0 ? 'warm-up' : `round ${round}`}: map ${timingText(first)}, refilter ${timingText(refilter)}; supercluster ${floorFull.ms.toFixed(0)} ms (load ${floorFull.loadMs.toFixed(0)}), subset ${floorSubset.ms.toFixed(0)} ms; incidentFeatures alone ${floorFull.featuresMs.toFixed(0)} / ${floorSubset.featuresMs.toFixed(0)} ms; maplibre's worker clustering ${worker.ms.toFixed(0)} ms (drawn ${worker.drawnMs.toFixed(0)}, longest stall ${worker.longestStallMs.toFixed(0)})`,
      );
      if (round === 0) {
        log(`    all points: ${viewText(first)}`);
        log(`    subset:     ${viewText(refilter)}`);
        log(`    worker:     ${viewText(worker)}`);
      } else runs.push({ floorFull, floorSubset, first, refilter, worker });
    }
  } finally {
    await page.close();
  }

  const med = (/** @type {(r: (typeof runs)[number]) => number} */ pick) => median(runs.map(pick));
  /** @param {(r: (typeof runs)[number]) => MapTiming} pick */
  const mapMedians = (pick) => ({
    idleMs: med((r) => pick(r).ms),
    clustersMs: med((r) => pick(r).clustersMs),
    inViewMs: med((r) => pick(r).inViewMs),
    drawnMs: med((r) => pick(r).drawnMs),
    workerMs: med((r) => pick(r).workerMs),
    longestStallMs: med((r) => pick(r).longestStallMs),
    maxLongestStallMs: Math.max(...runs.map((r) => pick(r).longestStallMs)),
    stallsOver50Ms: med((r) => pick(r).stallsOver50Ms),
  });
  const medians = {
    firstRender: mapMedians((r) => r.first),
    refilter: mapMedians((r) => r.refilter),
    maplibreWorker: mapMedians((r) => r.worker),
    floor: {
      fullMs: med((r) => r.floorFull.ms),
      fullLoadMs: med((r) => r.floorFull.loadMs),
      subsetMs: med((r) => r.floorSubset.ms),
      subsetLoadMs: med((r) => r.floorSubset.loadMs),
      fullFeaturesMs: med((r) => r.floorFull.featuresMs),
      subsetFeaturesMs: med((r) => r.floorSubset.featuresMs),
    },
  };
  log(
    `  medians: ${JSON.stringify(medians, (_, v) => (typeof v === 'number' ? Math.round(v) : v))}`,
  );

  // Memory: each holder in a fresh page, where the points (IncidentPoint[], which both keep) are
  // built first. The floor adds the points' GeoJSON and a Supercluster of it; the map's reading is
  // taken on an empty map first (maplibre's own heap: style, painter, the worker's code), then
  // with the points shown as the app shows them (IncidentClusters kept, the view's clusters in the
  // source), so that what is compared is what holding the points costs each.
  // measureUserAgentSpecificMemory counts the page's window and its dedicated workers, maplibre's
  // included.
  /** @type {{ what: 'map' | 'floor', page: MemoryReading, before: MemoryReading, holding: MemoryReading }[]} */
  const memory = [];
  const mb = (/** @type {number} */ bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  /** @param {MemoryReading} r */
  const parts = (r) =>
    `${mb(r.bytes)} (window ${mb(r.windowBytes)}, workers ${mb(r.workerBytes)}, other ${mb(r.otherBytes)})`;
  for (let round = 0; round < memoryRounds; round++) {
    for (const what of /** @type {const} */ (['floor', 'map'])) {
      const opened = await openPage(context, pageUrl, { count, seed }, log);
      try {
        const read = async () => {
          await opened.gc();
          const pending = opened.page.evaluate(() => globalThis.daftarMapsBench.measureMemory());
          await opened.gc();
          return pending;
        };
        const pageOnly = await read();
        let before = pageOnly;
        if (what === 'map') {
          await opened.page.evaluate(() => globalThis.daftarMapsBench.hold('emptyMap'));
          before = await read();
        }
        await opened.page.evaluate((w) => globalThis.daftarMapsBench.hold(w), what);
        const holding = await read();
        memory.push({ what, page: pageOnly, before, holding });
        log(
          `  memory, ${what}: page ${parts(pageOnly)}${what === 'map' ? `, empty map ${parts(before)}` : ''}, holding the points ${parts(holding)}`,
        );
      } finally {
        await opened.page.close();
      }
    }
  }

  const MB = 2 ** 20;
  const added = (/** @type {'map' | 'floor'} */ what) =>
    median(
      memory.filter((m) => m.what === what).map((m) => (m.holding.bytes - m.before.bytes) / MB),
    );
  /** @param {string} name @param {number} value @param {string} unit @param {number} floor @param {number | null} target */
  const result = (name, value, unit, floor, target) => ({
    name,
    value,
    unit,
    floor,
    ratio: ratioOf(value, floor),
    target,
  });
  const results = [
    result(
      FIRST_RENDER,
      median(runs.map((r) => r.first.ms)),
      'ms',
      median(runs.map((r) => r.floorFull.ms)),
      FIRST_RENDER_TARGET,
    ),
    result(
      REFILTER,
      median(runs.map((r) => r.refilter.ms)),
      'ms',
      median(runs.map((r) => r.floorSubset.ms)),
      REFILTER_TARGET,
    ),
    result(MEMORY, added('map'), 'MB', added('floor'), MEMORY_TARGET),
    result(
      WORKER_FIRST_RENDER,
      median(runs.map((r) => r.worker.ms)),
      'ms',
      median(runs.map((r) => r.floorFull.ms)),
      null,
    ),
  ];
  return {
    results,
    detail: { prepared, boundsDifference, medians, runs, memory },
  };
}
