/**
 * The map cluster benchmarks' page (`/__bench/clusterBench.html`): 100,000 incident points shown
 * on a maplibre map as the app shows them — clustered in the page by `IncidentClusters`
 * (renderer/map/incidentClusters.ts, supercluster), the view's clusters set into the app's plain
 * incident source under its layers (renderer/map/incidentLayer.ts) over a plain background —
 * against raw `supercluster` clustering the same points. For comparison only, the earlier design:
 * every point handed to a source with maplibre's own clustering (`cluster: true`, in its worker).
 * The runner (test/bench/clusterBench.mjs) calls `globalThis.daftarMapsBench.*` with
 * `page.evaluate`.
 *
 * Invariant: the points, the filtered subset and the floor's GeoJSON are built before any clock
 * starts; a timed map span runs from `new IncidentClusters(points)` (or, for maplibre's worker
 * clustering, `setData` of the GeoJSON) to the map's `idle` with the clusters drawn, a timed floor
 * span from `new Supercluster` to the end of `getClusters` for the view. What the map drew is
 * checked against supercluster after each timed span, never inside it.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import {
  Map as MapLibre,
  setWorkerUrl,
  type GeoJSONSource,
  type GeoJSONSourceSpecification,
  type StyleSpecification,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import latinFont from '@fontsource/vazirmatn/files/vazirmatn-latin-400-normal.woff2?url';
import Supercluster from 'supercluster';
import type { IncidentPoint } from '../../../renderer/data/incidentFilter.ts';
import {
  CLUSTER_MAX_ZOOM,
  CLUSTER_RADIUS,
  IncidentClusters,
} from '../../../renderer/map/incidentClusters.ts';
import {
  CLUSTER_LAYER,
  FOCUS_SOURCE,
  INCIDENT_SOURCE,
  POINT_LAYER,
  focusFeatures,
  incidentFeatures,
  incidentLayers,
  incidentSource,
} from '../../../renderer/map/incidentLayer.ts';
import { generateIds, generateIncidents } from '../generateDataset.ts';

setWorkerUrl(workerUrl);

/** Afghanistan's middle; at zoom 5 the whole country (≈ 660 × 560 px) fits the 1024 × 768 map. */
const CENTER: [number, number] = [67.7, 33.9];
const ZOOM = 5;
const WIDTH = 1024;
const HEIGHT = 768;
/** The app's clustering (incidentClusters.ts: radius 48, maxZoom 14), for the floor too. */
const RADIUS = CLUSTER_RADIUS;
const MAX_ZOOM = CLUSTER_MAX_ZOOM;
/** The filter change: three of ACLED's six types, about half the points. */
export const SUBSET_TYPES = ['Battles', 'Explosions/Remote violence', 'Protests'] as const;
const SETTLE_TIMEOUT_MS = 180_000;

type Bbox = [number, number, number, number];
type PointFeature = Feature<Point, { id: string; type: string }>;
/** `app`: clustered in the page, the view set into a plain source; `worker`: maplibre's clustering. */
type MapKind = 'app' | 'worker';

export interface Prepared {
  points: number;
  subsetPoints: number;
  byType: Record<string, number>;
  /** Incidents generated to find `points` with coordinates. */
  generated: number;
  generateMs: number;
  bbox: Bbox;
}

/** Clusters and single points in the view, and the points they stand for. */
export interface ViewCount {
  clusters: number;
  points: number;
  /** Σ point_count over the clusters + the single points. */
  sum: number;
}

export interface FloorTiming {
  ms: number;
  loadMs: number;
  getClustersMs: number;
  /** Untimed for the floor: `incidentFeatures(points)`, the GeoJSON the app's path builds first. */
  featuresMs: number;
  view: ViewCount;
}

export interface MapTiming {
  /** Start → the first `idle` with the new clusters drawn. */
  ms: number;
  /** App path: `new IncidentClusters(points)` (features + supercluster load); 0 for the worker. */
  clustersMs: number;
  /** App path: `inView(bounds, zoom)`; 0 for the worker. */
  inViewMs: number;
  /** Features handed to `setData`: the view's clusters and points (app), or every point (worker). */
  setDataFeatures: number;
  /** Start → the first frame rendered with the source and its tiles loaded (before fades end). */
  drawnMs: number;
  /** Start → `setData`'s promise resolved (the worker has the data). */
  workerMs: number;
  /**
   * The main thread's stalls in the timed span, as a 5 ms interval timer sees them (the
   * `longtask` observer misses the ones here): the longest gap between its ticks, and the sum of
   * the gaps over 50 ms.
   */
  longestStallMs: number;
  stallsOver50Ms: number;
  view: ViewCount;
  expected: ViewCount;
}

export interface MemoryReading {
  /** measureUserAgentSpecificMemory's total. */
  bytes: number;
  /** The part attributed to the page's window (main thread). */
  windowBytes: number;
  /** The part attributed to dedicated workers (maplibre's). */
  workerBytes: number;
  /** The rest (shared or unattributed). */
  otherBytes: number;
  /** performance.memory.usedJSHeapSize (main thread only, Chromium's bucketed value). */
  usedJSHeapSize: number;
  breakdown: { bytes: number; types: string[]; scopes: string[] }[];
  ms: number;
}

interface MapsBenchApi {
  ready: true;
  prepare(options: { count: number; seed: number }): Prepared;
  floor(options: { subset: boolean }): FloorTiming;
  /** A fresh app map (untimed until it is idle and empty), then all the points: timed. */
  mapFirstRender(): Promise<MapTiming>;
  /** The same map: the subset, timed. */
  mapRefilter(): Promise<MapTiming>;
  /** A fresh map with maplibre's worker clustering (the earlier design), all the points: timed. */
  workerFirstRender(): Promise<MapTiming>;
  /** Removes the map and its container. */
  closeMap(): void;
  /** The map's bounds against the view's bbox the floor uses (degrees, max difference). */
  boundsDifference(): number;
  /**
   * Memory: open an app map with the empty incident source (`'emptyMap'`), show all the points on
   * it as the app does (`'map'`, opening the map first if need be), or load them into a raw
   * Supercluster (`'floor'`), and keep it.
   */
  hold(what: 'emptyMap' | 'map' | 'floor'): Promise<void>;
  measureMemory(): Promise<MemoryReading>;
}

declare global {
  var daftarMapsBench: MapsBenchApi;
}

interface UserAgentMemory {
  bytes: number;
  breakdown: {
    bytes: number;
    types: string[];
    attribution: { url: string; scope: string }[];
  }[];
}

/** The points as the app reads them, all and the filtered subset. */
let fullPoints: IncidentPoint[] | null = null;
let subsetPoints: IncidentPoint[] | null = null;
/** Their GeoJSON, built on first use (the floor, maplibre's worker clustering). */
const geojson = new Map<'full' | 'subset', FeatureCollection>();
let bbox: Bbox = [0, 0, 0, 0];
let map: MapLibre | null = null;
let container: HTMLDivElement | null = null;
/** The clusters the app's map shows, kept as `MapCanvas` keeps them (useMemo). */
let shown: IncidentClusters | null = null;
/** Whatever `hold` keeps alive for the memory reading. */
let held: unknown = null;

/** Gaps between the ticks of a 5 ms interval timer until `stop()`: the main thread's stalls. */
function watchStalls(): () => number[] {
  const gaps: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, 5);
  return () => {
    clearInterval(timer);
    gaps.push(performance.now() - last);
    return gaps;
  };
}

/** [west, south, east, north] of a WIDTH × HEIGHT view at CENTER, ZOOM (Web Mercator, 512 px tiles). */
function viewBbox(): Bbox {
  const world = 512 * 2 ** ZOOM;
  const x = ((CENTER[0] + 180) / 360) * world;
  const y =
    ((1 - Math.log(Math.tan(Math.PI / 4 + (CENTER[1] * Math.PI) / 360)) / Math.PI) / 2) * world;
  const lon = (px: number) => (px / world) * 360 - 180;
  const lat = (py: number) =>
    (180 / Math.PI) * Math.atan(Math.sinh(Math.PI - (2 * Math.PI * py) / world));
  return [lon(x - WIDTH / 2), lat(y + HEIGHT / 2), lon(x + WIDTH / 2), lat(y - HEIGHT / 2)];
}

function prepare({ count, seed }: { count: number; seed: number }): Prepared {
  const started = performance.now();
  // 5% of generated incidents have no coordinates: generate enough to place `count` of them.
  const generated = Math.ceil((count / 0.95) * 1.05) + 50;
  const incidents = generateIncidents(generated, seed);
  const ids = generateIds(generated, seed);
  const points: IncidentPoint[] = [];
  for (let i = 0; i < incidents.length && points.length < count; i++) {
    const f = incidents[i]!;
    if (f.latitude === null || f.longitude === null) continue;
    points.push({
      id: ids[i]!,
      title: f.title,
      eventType: f.eventType,
      dateStart: f.dateStart,
      latitude: f.latitude,
      longitude: f.longitude,
    });
  }
  if (points.length !== count)
    throw new Error(`Only ${points.length} of ${count} generated incidents have coordinates`);
  // As the app reads them from IndexedDB: structured-cloned, so the strings are flat. (The
  // generator's ids are concatenations — V8 cons strings, a few nodes each — which a first
  // postMessage or flattening would shrink in the middle of a memory reading.)
  const placed = structuredClone(points);
  const chosen = new Set<string>(SUBSET_TYPES);
  fullPoints = placed;
  subsetPoints = placed.filter((p) => chosen.has(p.eventType));
  geojson.clear();
  bbox = viewBbox();
  const byType: Record<string, number> = {};
  for (const p of placed) byType[p.eventType] = (byType[p.eventType] ?? 0) + 1;
  return {
    points: fullPoints.length,
    subsetPoints: subsetPoints.length,
    byType,
    generated,
    generateMs: performance.now() - started,
    bbox,
  };
}

function pointsOf(which: 'full' | 'subset'): IncidentPoint[] {
  const points = which === 'full' ? fullPoints : subsetPoints;
  if (!points) throw new Error('prepare() first');
  return points;
}

/** The points' GeoJSON, as `incidentFeatures` makes it, built once (untimed). */
function data(which: 'full' | 'subset'): FeatureCollection {
  let fc = geojson.get(which);
  if (!fc) {
    fc = incidentFeatures(pointsOf(which));
    geojson.set(which, fc);
  }
  return fc;
}

function superclusterOf(features: PointFeature[]) {
  return new Supercluster<PointFeature['properties']>({ radius: RADIUS, maxZoom: MAX_ZOOM }).load(
    features,
  );
}

function countOf(features: { properties: Record<string, unknown> | null }[]): ViewCount {
  let clusters = 0;
  let points = 0;
  let sum = 0;
  for (const f of features) {
    const n = f.properties?.point_count;
    if (typeof n === 'number') {
      clusters++;
      sum += n;
    } else {
      points++;
      sum++;
    }
  }
  return { clusters, points, sum };
}

/**
 * What supercluster shows for the view: the floor's answer, used to check the map. Built from a
 * fresh GeoJSON of the points and dropped, so that a memory reading does not keep it.
 */
function expectedView(points: IncidentPoint[]): ViewCount {
  return countOf(
    superclusterOf(incidentFeatures(points).features as PointFeature[]).getClusters(bbox, ZOOM),
  );
}

function floor({ subset: useSubset }: { subset: boolean }): FloorTiming {
  const which = useSubset ? 'subset' : 'full';
  const features = data(which).features as PointFeature[];
  const t0 = performance.now();
  const index = new Supercluster<PointFeature['properties']>({
    radius: RADIUS,
    maxZoom: MAX_ZOOM,
  }).load(features);
  const t1 = performance.now();
  const clusters = index.getClusters(bbox, ZOOM);
  const t2 = performance.now();
  // apart, for the ratio's explanation: what the app's path does before supercluster's load
  const f0 = performance.now();
  const built = incidentFeatures(pointsOf(which));
  const featuresMs = performance.now() - f0;
  if (built.features.length !== features.length) throw new Error('incidentFeatures lost points');
  return {
    ms: t2 - t0,
    loadMs: t1 - t0,
    getClustersMs: t2 - t1,
    featuresMs,
    view: countOf(clusters),
  };
}

function benchStyle(kind: MapKind): StyleSpecification {
  // The earlier design's source: every point, clustered by maplibre in its worker.
  const workerClustered: GeoJSONSourceSpecification = {
    ...incidentSource(),
    cluster: true,
    clusterRadius: RADIUS,
    clusterMaxZoom: MAX_ZOOM,
  };
  return {
    version: 8,
    // The count labels' font, as the app's basemap declares it (renderer/map/worldStyle.ts): the
    // counts are Latin digits, so the Latin face is all they need.
    'font-faces': {
      'Vazirmatn Regular': [
        {
          url: new URL(latinFont, document.baseURI).href,
          'unicode-range': [
            'U+0000-00FF',
            'U+0131',
            'U+0152-0153',
            'U+2000-206F',
            'U+20AC',
            'U+2212',
          ],
        },
      ],
    },
    sources: {
      [INCIDENT_SOURCE]: kind === 'app' ? incidentSource() : workerClustered,
      [FOCUS_SOURCE]: { type: 'geojson', data: focusFeatures(undefined) },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f6efd9' } },
      ...incidentLayers(),
    ],
  };
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what}: nothing after ${SETTLE_TIMEOUT_MS / 1000} s`)),
      SETTLE_TIMEOUT_MS,
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The clusters and single points the map drew whose centres lie in the view (each once). */
function renderedView(m: MapLibre): ViewCount {
  const [west, south, east, north] = bbox;
  const clusters = new Map<number, number>();
  const points = new Set<string>();
  for (const f of m.queryRenderedFeatures({ layers: [CLUSTER_LAYER, POINT_LAYER] })) {
    if (f.geometry.type !== 'Point') continue;
    const [lon, lat] = f.geometry.coordinates as [number, number];
    if (lon < west || lon > east || lat < south || lat > north) continue;
    const properties = f.properties as Record<string, unknown>;
    // tiles overlap by a buffer, so a feature may come from two tiles
    if (typeof properties.cluster_id === 'number')
      clusters.set(properties.cluster_id, Number(properties.point_count));
    else points.add(String(properties.id));
  }
  let sum = points.size;
  for (const n of clusters.values()) sum += n;
  return { clusters: clusters.size, points: points.size, sum };
}

/**
 * The points shown on the map, timed to the first `idle` at which the source is loaded and the
 * map draws clusters standing for another number of points than before — an `idle` before that
 * (none is expected) is skipped. The app's map (`kind` 'app') does what `MapCanvas` does: a new
 * `IncidentClusters(points)` and `setData(clusters.inView(bounds, floor(zoom)))`; maplibre's
 * clustering (`'worker'`) gets `setData` of every point's feature. Then what the map drew is
 * compared with supercluster's answer for the view.
 */
async function timedShow(m: MapLibre, kind: MapKind, which: 'full' | 'subset'): Promise<MapTiming> {
  const points = pointsOf(which);
  // the worker's GeoJSON is built before the clock, as the floor's is
  const fc = kind === 'worker' ? data(which) : null;
  const source = m.getSource<GeoJSONSource>(INCIDENT_SOURCE);
  if (!source) throw new Error('the map has no incident source');
  const before = renderedView(m).sum;
  let drawnAt = Number.NaN;
  const onRender = () => {
    if (Number.isNaN(drawnAt) && m.isSourceLoaded(INCIDENT_SOURCE) && m.areTilesLoaded())
      drawnAt = performance.now();
  };
  let settled = false;
  const done = new Promise<{ idleAt: number; view: ViewCount }>((resolve) => {
    const onIdle = () => {
      const idleAt = performance.now();
      if (!m.isSourceLoaded(INCIDENT_SOURCE)) return;
      const view = renderedView(m);
      if (view.clusters + view.points === 0 || view.sum === before) {
        if (!settled) m.triggerRepaint();
        return;
      }
      m.off('idle', onIdle);
      resolve({ idleAt, view });
    };
    m.on('idle', onIdle);
  });
  m.on('render', onRender);
  const stopWatching = watchStalls();
  const t0 = performance.now();
  let t1 = t0;
  let t2 = t0;
  let worker: Promise<number>;
  let setDataFeatures: number;
  if (kind === 'app') {
    // MapCanvas: useMemo(() => new IncidentClusters(points)), then its effect's show()
    const clusters = new IncidentClusters(points);
    t1 = performance.now();
    const bounds = m.getBounds().toArray().flat() as Bbox;
    const inView = clusters.inView(bounds, Math.floor(m.getZoom()));
    t2 = performance.now();
    shown = clusters;
    setDataFeatures = inView.features.length;
    worker = source.setData(inView).then(() => performance.now());
  } else {
    setDataFeatures = fc!.features.length;
    worker = source.setData(fc!).then(() => performance.now());
  }
  let result: { idleAt: number; view: ViewCount };
  try {
    result = await withTimeout(done, `showing ${points.length} points (${kind})`);
  } catch (error) {
    const view = renderedView(m);
    throw new Error(
      `${error instanceof Error ? error.message : String(error)} (the map draws ${view.clusters} clusters and ${view.points} points standing for ${view.sum}; before: ${before})`,
      { cause: error },
    );
  } finally {
    settled = true;
    m.off('render', onRender);
  }
  const gaps = stopWatching();
  const workerAt = await worker;
  const expected = expectedView(points);
  const { view } = result;
  // The view holds all of Afghanistan: the map must draw every point once, as supercluster does —
  // exactly so when the page clusters with supercluster; maplibre's worker clusters on its tiles'
  // 8,192-unit grid, which may round a cluster differently.
  const exact = kind === 'app';
  if (
    view.clusters === 0 ||
    (exact
      ? view.sum !== expected.sum ||
        view.clusters !== expected.clusters ||
        view.points !== expected.points
      : Math.abs(view.sum - expected.sum) > Math.max(1, expected.sum * 0.001) ||
        Math.abs(view.clusters - expected.clusters) > Math.max(1, expected.clusters * 0.05))
  )
    throw new Error(
      `The map (${kind}) drew ${view.clusters} clusters and ${view.points} points standing for ${view.sum} points; supercluster has ${expected.clusters} clusters and ${expected.points} points standing for ${expected.sum} of the ${points.length}`,
    );
  return {
    ms: result.idleAt - t0,
    clustersMs: t1 - t0,
    inViewMs: t2 - t1,
    setDataFeatures,
    drawnMs: drawnAt - t0,
    workerMs: workerAt - t0,
    longestStallMs: Math.max(...gaps),
    stallsOver50Ms: gaps.filter((gap) => gap > 50).reduce((sum, gap) => sum + gap, 0),
    view,
    expected,
  };
}

/** A fresh map with the empty incident source, idle. */
async function openMap(kind: MapKind): Promise<MapLibre> {
  closeMap();
  container = document.createElement('div');
  container.className = 'map';
  document.body.append(container);
  const created = new MapLibre({
    container,
    style: benchStyle(kind),
    center: CENTER,
    zoom: ZOOM,
    attributionControl: false,
  });
  map = created;
  const errors: string[] = [];
  created.on('error', (event) => errors.push(event.error.message));
  // `idle` can follow `load` in the same frame: listen for both from the start
  const loaded = new Promise<void>((resolve) => created.once('load', () => resolve()));
  const idle = new Promise<void>((resolve) => created.once('idle', () => resolve()));
  await withTimeout(loaded, 'map load');
  await withTimeout(idle, 'first idle');
  if (errors.length > 0) throw new Error(`map errors: ${errors.join(' | ')}`);
  return created;
}

function closeMap(): void {
  map?.remove();
  map = null;
  shown = null;
  container?.remove();
  container = null;
}

async function mapFirstRender(): Promise<MapTiming> {
  const m = await openMap('app');
  return timedShow(m, 'app', 'full');
}

async function mapRefilter(): Promise<MapTiming> {
  if (!map) throw new Error('mapFirstRender() first');
  return timedShow(map, 'app', 'subset');
}

async function workerFirstRender(): Promise<MapTiming> {
  const m = await openMap('worker');
  return timedShow(m, 'worker', 'full');
}

function boundsDifference(): number {
  if (!map) throw new Error('no map');
  const b = map.getBounds();
  const actual = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  return Math.max(...actual.map((v, i) => Math.abs(v - bbox[i]!)));
}

async function hold(what: 'emptyMap' | 'map' | 'floor'): Promise<void> {
  if (what === 'floor') {
    // raw supercluster needs GeoJSON too: it keeps the features it is given, as IncidentClusters does
    held = superclusterOf(incidentFeatures(pointsOf('full')).features as PointFeature[]);
    return;
  }
  const m = map ?? (await openMap('app'));
  if (what === 'map') await timedShow(m, 'app', 'full');
  held = { map: m, clusters: shown };
}

async function measureMemory(): Promise<MemoryReading> {
  const measure = (
    performance as Performance & {
      measureUserAgentSpecificMemory?: () => Promise<UserAgentMemory>;
    }
  ).measureUserAgentSpecificMemory;
  if (!measure) throw new Error('performance.measureUserAgentSpecificMemory is missing');
  const t0 = performance.now();
  const result = await measure.call(performance);
  const ms = performance.now() - t0;
  let windowBytes = 0;
  let workerBytes = 0;
  let otherBytes = 0;
  for (const entry of result.breakdown) {
    const scopes = entry.attribution.map((a) => a.scope);
    if (scopes.length === 1 && scopes[0] === 'Window') windowBytes += entry.bytes;
    else if (scopes.length === 1 && scopes[0] === 'DedicatedWorkerGlobalScope')
      workerBytes += entry.bytes;
    else otherBytes += entry.bytes;
  }
  const used =
    (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ??
    Number.NaN;
  return {
    bytes: result.bytes,
    windowBytes,
    workerBytes,
    otherBytes,
    usedJSHeapSize: used,
    breakdown: result.breakdown
      .filter((e) => e.bytes > 0)
      .map((e) => ({
        bytes: e.bytes,
        types: e.types,
        scopes: e.attribution.map((a) => a.scope),
      })),
    ms,
  };
}

globalThis.daftarMapsBench = {
  ready: true,
  prepare,
  floor,
  mapFirstRender,
  mapRefilter,
  workerFirstRender,
  closeMap,
  boundsDifference,
  hold,
  measureMemory,
};
// keep the held object reachable for the memory reading
Object.defineProperty(globalThis, 'daftarMapsHeld', { get: () => held });
