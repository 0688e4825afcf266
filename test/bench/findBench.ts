/**
 * Find benchmark (`find.*`), in Node: 100,000 generated incidents (generateDataset.ts; English
 * and Dari titles and notes) applied to a FindEngine in pages of 2,000 as the sync hands them
 * over, and a fixed set of queries — 1–3 words, English and Dari, exact words, typos, prefixes
 * and Arabic-keyboard spellings (QUERIES below) — each timed as
 *
 * - `engine`: `engine.incidents({ ...NO_FILTER, text }, relevance)` — every matching incident id,
 *   ordered, through sources and annotations too;
 * - `floor`: the same text searched on a bare MiniSearch holding the same incident documents with
 *   the same index and query options (textIndexes.ts) — the least any wrapper can cost.
 *
 * Results: `find.search.p95` (target ≤ 1.5× the floor's p95; the absolute budget, 50 ms, is
 * printed and kept in the detail), `find.search.p50`, `find.search.build` (building the engine vs
 * `addAll` on the bare index) and `find.search.heap` (heap and ArrayBuffers after build, both after
 * a full GC). Then, for
 * context, the same queries once 20,000 sources and their links are applied
 * (`find.search.linked.p95`), structured filters without text against a plain filter-and-sort
 * over the record objects (`find.search.structured.p95`), and, in the detail, the weekly timeline and the
 * longest stall of the background vacuum after 15 % of the incidents were edited.
 *
 * Run by test/bench/run.mjs through findRun.mjs (bundled with esbuild, in a child
 * `node --expose-gc`); writes its results as JSON to the file given with `--out`.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import MiniSearch from 'minisearch';
import type { IncidentFilter } from '../../renderer/data/incidentFilter.ts';
import { NO_FILTER } from '../../renderer/data/incidentFilter.ts';
import { FindEngine, type FindChange } from '../../renderer/find/findEngine.ts';
import {
  INCIDENT_BOOST,
  INCIDENT_FIELDS,
  QUERY_OPTIONS,
  incidentDoc,
  indexOptions,
  type IncidentDoc,
} from '../../renderer/find/textIndexes.ts';
import type { StoredRecord } from '../../shared/domain/records.ts';
import { reviewStatusOf } from '../../shared/domain/vocabulary.ts';
import { queryTerms } from '../../shared/search/searchText.ts';
import { generateIds, generateIncidents, generateSources, mulberry32 } from './generateDataset.ts';

export interface FindResult {
  name: string;
  value: number;
  unit: string;
  floor: number;
  ratio: number;
  target: number | null;
}

const SEARCH_TARGET = 1.5;
const BUDGET_P95_MS = 50;
const PAGE = 2_000;

/** Words people search for in this data: places, actors, event words, English and Dari. */
const BASE_QUERIES = [
  'kabul',
  'kandahar',
  'jalalabad',
  'herat',
  'mazar sharif',
  'panjshir',
  'khost',
  'nangarhar',
  'badakhshan',
  'kunduz',
  'ghazni',
  'helmand',
  'paktia',
  'bamyan',
  'spin boldak',
  'lashkar gah',
  'explosion',
  'taliban',
  'journalist abducted',
  'women protest',
  'school closures',
  'mosque',
  'suicide attack',
  'former soldier killed',
  'roadside bomb',
  'clashes resistance',
  'unama',
  'spokesperson',
  'provincial hospital',
  'civilians',
  'detain activist',
  'house searches arrests',
  'checkpoint highway',
  'weapons cache',
  'air strikes',
  'amnesty letter',
  'telegram statement',
  'propaganda exiled media',
  'water dispute',
  'aid distribution',
  'land seizure',
  'body returned family',
  'national resistance front',
  'casualty figures',
  'morning prayers',
  'communication networks',
  'کابل',
  'انفجار',
  'طالبان',
  'اعتراض زنان',
  'مکاتب',
  'بازداشت',
  'حمله انتحاری',
  'غیرنظامی',
  'ولایت',
  'ولسوالی',
  'منابع محلی',
  'داعش خراسان',
  'پولیس',
  'یوناما',
  'مسئولیت',
  'درگیری',
  'نیروهای مقاومت',
  'کشته',
  'زخمی',
  'شاهدان عینی',
  'امان‌نامه',
  'می‌گویند',
  'هرات',
  'قندهار',
  'ننگرهار',
  'پنجشیر',
  'بدخشان',
  'تجمع اعتراضی',
  'فعال مدنی',
  'شبکه‌های مخابراتی',
];
/** Typed with an Arabic keyboard (ي ك), or without the ZWNJ. */
const VARIANT_QUERIES = ['كابل', 'مسئوليت', 'ولايت پكتيا', 'ميگويند', 'امان نامه', 'شبكه مخابراتي'];

/** A typo in a word of 5+ letters: two neighbouring letters swapped, or one dropped. */
function typo(word: string, k: number): string {
  const chars = [...word];
  if (chars.length < 5) return word;
  const at = 1 + (k % (chars.length - 2));
  if (k % 2 === 0) [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
  else chars.splice(at, 1);
  return chars.join('');
}

export interface Query {
  text: string;
  kind: 'exact' | 'typo' | 'prefix' | 'variant';
}

/** The fixed query set: each base query exact, with a typo in its last word, cut short. */
export function benchQueries(): Query[] {
  const out: Query[] = [];
  BASE_QUERIES.forEach((text, k) => {
    out.push({ text, kind: 'exact' });
    const words = text.split(' ');
    const last = words.at(-1)!;
    const typed = typo(last, k);
    if (typed !== last) out.push({ text: [...words.slice(0, -1), typed].join(' '), kind: 'typo' });
    const chars = [...last];
    if (chars.length >= 4) {
      const cut = chars.slice(0, Math.max(2, Math.ceil(chars.length * 0.6))).join('');
      out.push({ text: [...words.slice(0, -1), cut].join(' '), kind: 'prefix' });
    }
  });
  for (const text of VARIANT_QUERIES) out.push({ text, kind: 'variant' });
  // No query twice in a row (the engine keeps the last query's matches).
  return out.filter((q, i) => out.findIndex((o) => o.text === q.text) === i);
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
/** The JS heap plus ArrayBuffer backing stores (the incident index's typed arrays live there). */
const heapMb = () => {
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 2 ** 20;
};
const now = () => performance.now();

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
const median = (values: readonly number[]) => quantile(values, 0.5);

export interface FindBenchOptions {
  scale: number;
  rounds: number;
  seed: number;
  log: (line: string) => void;
}

export async function runFindBench({ scale, rounds, seed, log }: FindBenchOptions) {
  const count = Math.max(1_000, Math.round(100_000 * scale));
  const loadStart = os.loadavg();
  const results: FindResult[] = [];
  const detail: Record<string, unknown> = { incidents: count, rounds };

  log(`generating ${count.toLocaleString('en-US')} incidents (seed ${seed})…`);
  const ids = generateIds(count, seed);
  const incidents: StoredRecord<'incident'>[] = generateIncidents(count, seed).map((fields, i) => ({
    ...fields,
    id: ids[i]!,
    created: `2026-01-01T00:00:00.000Z_${String(i).padStart(6, '0')}`,
    updated: `2026-0${1 + (i % 9)}-01T00:00:00.000Z_${String(i).padStart(6, '0')}`,
  }));

  // ---- build ----------------------------------------------------------------------------------
  // Each built on an otherwise empty heap (the floor is dropped, then built again for the
  // queries): a build beside the other's 250 MB would pay for its garbage collection.
  const buildFloor = () => {
    const index = new MiniSearch<IncidentDoc>(indexOptions(INCIDENT_FIELDS));
    index.addAll(incidents.map((r, slot) => incidentDoc(slot, r)));
    return index;
  };
  const heapBefore = heapMb();
  let started = now();
  let bare: MiniSearch<IncidentDoc> | null = buildFloor();
  const floorBuildMs = now() - started;
  const floorHeapMb = heapMb() - heapBefore;
  log(
    `floor: bare MiniSearch built in ${(floorBuildMs / 1000).toFixed(1)} s, ${floorHeapMb.toFixed(0)} MB heap`,
  );
  bare = null;

  const heapBeforeEngine = heapMb();
  started = now();
  const engine = new FindEngine();
  for (let at = 0; at < incidents.length; at += PAGE) {
    engine.apply(
      incidents.slice(at, at + PAGE).map((record) => ({ kind: 'incident', id: record.id, record })),
    );
  }
  const listStarted = now();
  engine.incidents(NO_FILTER, { by: 'dateStart', direction: 'desc' }); // the first list builds its order
  const firstListMs = now() - listStarted;
  const buildMs = now() - started;
  detail.firstListMs = firstListMs;
  const engineHeapMb = heapMb() - heapBeforeEngine;
  log(
    `engine: built in ${(buildMs / 1000).toFixed(1)} s (the first list, sorting, ${firstListMs.toFixed(0)} ms of it), ${engineHeapMb.toFixed(0)} MB heap`,
  );
  bare = buildFloor();
  const floorIndex = bare;
  results.push(
    {
      name: 'find.search.build',
      value: buildMs,
      unit: 'ms',
      floor: floorBuildMs,
      ratio: buildMs / floorBuildMs,
      target: null,
    },
    {
      name: 'find.search.heap',
      value: engineHeapMb,
      unit: 'MB',
      floor: floorHeapMb,
      ratio: engineHeapMb / floorHeapMb,
      target: null,
    },
  );

  // ---- queries --------------------------------------------------------------------------------
  const queries = benchQueries();
  const relevance = { by: 'relevance', direction: 'desc' } as const;
  const floorSearch = (text: string) =>
    floorIndex.search(text, { ...QUERY_OPTIONS, tokenize: queryTerms, boost: INCIDENT_BOOST })
      .length;
  const engineSearch = (text: string) =>
    engine.incidents({ ...NO_FILTER, text }, relevance).ids.length;

  const measure = (label: string) => {
    // Warm-up: every query once each way, and the counts compared (direct matches must agree).
    for (const q of queries) {
      const floorCount = floorSearch(q.text);
      const engineCount = engineSearch(q.text);
      if (engineCount < floorCount)
        throw new Error(`"${q.text}": the engine found ${engineCount}, the floor ${floorCount}`);
    }
    const engineMs: number[][] = queries.map(() => []);
    const floorMs: number[][] = queries.map(() => []);
    // CPU time of the process too: on a busy machine the wall clock also counts time the
    // process waited for a core; CPU time does not (it does count GC helper threads).
    const engineCpu: number[][] = queries.map(() => []);
    const floorCpu: number[][] = queries.map(() => []);
    for (let round = 0; round < rounds; round++) {
      queries.forEach((q, i) => {
        const engineFirst = (round + i) % 2 === 0;
        for (const which of engineFirst ? ['engine', 'floor'] : ['floor', 'engine']) {
          const c0 = process.cpuUsage();
          const t0 = now();
          if (which === 'engine') engineSearch(q.text);
          else floorSearch(q.text);
          const ms = now() - t0;
          const cpu = process.cpuUsage(c0);
          (which === 'engine' ? engineMs : floorMs)[i]!.push(ms);
          (which === 'engine' ? engineCpu : floorCpu)[i]!.push((cpu.user + cpu.system) / 1000);
        }
      });
    }
    const perQueryEngine = engineMs.map(median);
    const perQueryFloor = floorMs.map(median);
    const byKind = Object.fromEntries(
      (['exact', 'typo', 'prefix', 'variant'] as const).map((kind) => {
        const idx = queries.flatMap((q, i) => (q.kind === kind ? [i] : []));
        return [
          kind,
          {
            queries: idx.length,
            engineP95: quantile(
              idx.map((i) => perQueryEngine[i]!),
              0.95,
            ),
            floorP95: quantile(
              idx.map((i) => perQueryFloor[i]!),
              0.95,
            ),
          },
        ];
      }),
    );
    const slowest = queries
      .map((q, i) => ({
        text: q.text,
        engineMs: perQueryEngine[i]!,
        floorMs: perQueryFloor[i]!,
        hits: engineSearch(q.text),
      }))
      .sort((a, b) => b.engineMs - a.engineMs)
      .slice(0, 8);
    const stats = {
      queries: queries.length,
      engineP50: quantile(perQueryEngine, 0.5),
      engineP95: quantile(perQueryEngine, 0.95),
      floorP50: quantile(perQueryFloor, 0.5),
      floorP95: quantile(perQueryFloor, 0.95),
      cpuEngineP50: quantile(engineCpu.map(median), 0.5),
      cpuEngineP95: quantile(engineCpu.map(median), 0.95),
      cpuFloorP50: quantile(floorCpu.map(median), 0.5),
      cpuFloorP95: quantile(floorCpu.map(median), 0.95),
      byKind,
      slowest,
    };
    log(
      `${label}: ${queries.length} queries × ${rounds} rounds — engine p50 ${stats.engineP50.toFixed(1)} ms, p95 ${stats.engineP95.toFixed(1)} ms; floor p50 ${stats.floorP50.toFixed(1)} ms, p95 ${stats.floorP95.toFixed(1)} ms`,
    );
    log(
      `  CPU time: engine p50 ${stats.cpuEngineP50.toFixed(1)} ms, p95 ${stats.cpuEngineP95.toFixed(1)} ms; floor p50 ${stats.cpuFloorP50.toFixed(1)} ms, p95 ${stats.cpuFloorP95.toFixed(1)} ms`,
    );
    for (const s of slowest.slice(0, 4))
      log(
        `  slow: "${s.text}" ${s.engineMs.toFixed(1)} ms (floor ${s.floorMs.toFixed(1)} ms, ${s.hits} hits)`,
      );
    return stats;
  };

  const search = measure('search');
  detail.search = search;
  detail.budgetP95Ms = BUDGET_P95_MS;
  if (search.engineP95 > BUDGET_P95_MS)
    log(`MISSED the absolute budget: p95 ${search.engineP95.toFixed(1)} ms > ${BUDGET_P95_MS} ms`);
  results.push(
    {
      name: 'find.search.p95',
      value: search.engineP95,
      unit: 'ms',
      floor: search.floorP95,
      ratio: search.engineP95 / search.floorP95,
      target: SEARCH_TARGET,
    },
    {
      name: 'find.search.p50',
      value: search.engineP50,
      unit: 'ms',
      floor: search.floorP50,
      ratio: search.engineP50 / search.floorP50,
      target: null,
    },
  );

  // ---- structured filters without text ------------------------------------------------------
  const filters: IncidentFilter[] = [
    { ...NO_FILTER },
    { ...NO_FILTER, provinces: ['Kabul'] },
    { ...NO_FILTER, eventTypes: ['Battles'], statuses: ['verified'] },
    { ...NO_FILTER, dateFrom: '2022-01-01', dateTo: '2022-12-31' },
    { ...NO_FILTER, actors: ['Islamic State Khorasan Province (ISKP)'], tags: ['women', 'mosque'] },
    { ...NO_FILTER, districts: ['Jalalabad', 'Kandahar'], dateFrom: '2023-06-01' },
  ];
  const byDate = { by: 'dateStart', direction: 'desc' } as const;
  const plainFilter = (f: IncidentFilter) =>
    incidents
      .filter(
        (r) =>
          (f.dateTo === null || r.dateStart <= f.dateTo) &&
          (f.dateFrom === null || (r.dateEnd ?? r.dateStart) >= f.dateFrom) &&
          (f.eventTypes === null || f.eventTypes.includes(r.eventType)) &&
          (f.statuses === null || f.statuses.includes(reviewStatusOf(r.status))) &&
          (f.provinces === null || f.provinces.includes(r.province)) &&
          (f.districts === null || f.districts.includes(r.district)) &&
          (f.actors === null || r.actors.some((a) => f.actors!.includes(a.name))) &&
          (f.tags === null || r.tags.some((t) => f.tags!.includes(t))),
      )
      .sort((a, b) =>
        a.dateStart < b.dateStart ? 1 : a.dateStart > b.dateStart ? -1 : a.id < b.id ? 1 : -1,
      )
      .map((r) => r.id);
  const filterEngine: number[] = [];
  const filterFloor: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const f of filters) {
      let t0 = now();
      const a = engine.incidents(f, byDate).ids;
      filterEngine.push(now() - t0);
      t0 = now();
      const b = plainFilter(f);
      filterFloor.push(now() - t0);
      if (round === 0 && a.join() !== b.join())
        throw new Error(`Filter ${JSON.stringify(f)}: the engine and the plain filter disagree`);
    }
  }
  const timelineMs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const t0 = now();
    engine.timeline({ ...NO_FILTER, text: round % 2 ? 'explosion' : '' }, 'week');
    timelineMs.push(now() - t0);
  }
  detail.filter = {
    filters: filters.length,
    engineMs: filterEngine,
    plainMs: filterFloor,
    timelineMedianMs: median(timelineMs),
  };
  log(
    `filters without text: engine p95 ${quantile(filterEngine, 0.95).toFixed(1)} ms, plain filter-and-sort p95 ${quantile(filterFloor, 0.95).toFixed(1)} ms; weekly timeline ${median(timelineMs).toFixed(1)} ms`,
  );
  results.push({
    name: 'find.search.structured.p95',
    value: quantile(filterEngine, 0.95),
    unit: 'ms',
    floor: quantile(filterFloor, 0.95),
    ratio: quantile(filterEngine, 0.95) / quantile(filterFloor, 0.95),
    target: null,
  });

  // ---- with sources and links ----------------------------------------------------------------
  const sourceCount = Math.round(count / 5);
  const sourceIds = generateIds(sourceCount, seed + 1);
  const rng = mulberry32(seed + 2);
  const changes: FindChange[] = generateSources(sourceCount, seed).map((fields, i) => ({
    kind: 'source',
    id: sourceIds[i]!,
    record: { ...fields, id: sourceIds[i]!, created: '', updated: '' },
  }));
  for (const incident of incidents) {
    const links = Math.floor(rng() * 3);
    for (let k = 0; k < links; k++) {
      const sourceId = sourceIds[Math.floor(rng() * sourceCount)]!;
      const id = `${incident.id}~${sourceId}`;
      changes.push({
        kind: 'link',
        id,
        record: {
          incidentId: incident.id,
          sourceId,
          supports: [],
          note: '',
          id,
          created: '',
          updated: '',
        },
      });
    }
  }
  started = now();
  for (let at = 0; at < changes.length; at += PAGE) engine.apply(changes.slice(at, at + PAGE));
  log(
    `${sourceCount.toLocaleString('en-US')} sources and ${(changes.length - sourceCount).toLocaleString('en-US')} links applied in ${((now() - started) / 1000).toFixed(1)} s`,
  );
  const linked = measure('search with sources and links');
  detail.linked = { sources: sourceCount, links: changes.length - sourceCount, ...linked };
  results.push({
    name: 'find.search.linked.p95',
    value: linked.engineP95,
    unit: 'ms',
    floor: linked.floorP95,
    ratio: linked.engineP95 / linked.floorP95,
    target: null,
  });
  // ---- vacuum: edits discard old text, swept in batches between tasks --------------------------
  const edited = incidents.slice(0, Math.round(count * 0.15));
  started = now();
  for (let at = 0; at < edited.length; at += PAGE) {
    engine.apply(
      edited.slice(at, at + PAGE).map((r) => ({
        kind: 'incident',
        id: r.id,
        record: { ...r, title: `${r.title} (edited)` },
      })),
    );
  }
  const editMs = now() - started;
  let longestStallMs = 0;
  let vacuumMs = 0;
  if (engine.vacuuming) {
    started = now();
    let last = now();
    while (engine.vacuuming) {
      await new Promise((resolve) => setImmediate(resolve));
      longestStallMs = Math.max(longestStallMs, now() - last);
      last = now();
    }
    vacuumMs = now() - started;
  }
  detail.vacuum = { edited: edited.length, editMs, vacuumMs, longestStallMs };
  log(
    `${edited.length.toLocaleString('en-US')} incidents edited in ${(editMs / 1000).toFixed(1)} s; vacuum ${(vacuumMs / 1000).toFixed(1)} s in the background, longest stall ${longestStallMs.toFixed(1)} ms`,
  );
  detail.loadAverage = { start: loadStart, end: os.loadavg() };
  return { results, detail };
}

// ---- command line (the runner's child process) -------------------------------------------------

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const out = argument('--out');
if (out !== undefined) {
  const startedAt = Date.now();
  runFindBench({
    scale: Number(argument('--scale') ?? '1'),
    rounds: Number(argument('--rounds') ?? '3'),
    seed: Number(argument('--seed') ?? '20210815'),
    log: (line) => console.log(`  [find +${Math.round((Date.now() - startedAt) / 1000)}s] ${line}`),
  })
    .then((result) => writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    });
}
