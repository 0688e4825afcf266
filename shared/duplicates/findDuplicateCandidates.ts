/**
 * Possible duplicates among incidents: pairs that two researchers may have recorded separately,
 * each with a 0–1 score and the reasons shown to the person who decides.
 *
 * Blocking keeps the work near-linear: an incident is compared only with incidents of its event
 * type (one without a type belongs to every type's block, so it is still compared) whose dates
 * start in its month or the next — swept in date order, so each pair is met once — and only when
 * their dates fall within the coarser of the two time precisions (dateSpan.ts). Places outside
 * their precision rule a pair out too (placeCloseness.ts); the rest is scored (scorePair.ts).
 *
 * The search is asynchronous: it pauses for the event loop every few milliseconds so the window
 * stays responsive, reports progress, and stops when its signal is aborted. A pair a person
 * dismissed as "not duplicates" is never returned again.
 */
import { endOfNextMonth } from './dateSpan.ts';
import { NotesIndexer } from './notesSimilarity.ts';
import {
  PrepareCache,
  prepareIncident,
  type DuplicateInput,
  type PreparedIncident,
} from './prepareIncident.ts';
import { explainPair, pairScore, type DuplicateReason } from './scorePair.ts';

export type { DuplicateInput } from './prepareIncident.ts';
export type { DuplicateReason, ReasonKey } from './scorePair.ts';

/**
 * Pairs scoring at least this are candidates: tuned on the planted-duplicate evaluation
 * (test/bench/plantDuplicates.ts; precision and recall in evaluation.test.ts).
 */
export const DEFAULT_THRESHOLD = 0.7;

export interface DuplicatePair {
  /** The incident earlier in date order, and the other. */
  a: string;
  b: string;
  score: number;
  reasons: DuplicateReason[];
}

export interface DuplicateSearch {
  /** Candidates, best first. */
  pairs: DuplicatePair[];
  /** Pairs that passed blocking and were scored. */
  compared: number;
}

export interface DuplicateOptions {
  /** Pair keys (pairKey) dismissed as not duplicates. */
  dismissed?: ReadonlySet<string> | readonly string[];
  threshold?: number;
}

export interface SearchControl {
  /** Called between slices of work: `done` of `total` steps (reading, preparing, comparing). */
  onProgress?: (done: number, total: number) => void;
  signal?: { readonly aborted: boolean };
  /** Milliseconds of work between pauses. */
  sliceMs?: number;
  /** Injected for tests: the clock and the pause. */
  now?: () => number;
  pause?: () => Promise<void>;
}

/** The search was cancelled through its signal; nothing was returned. */
export class DuplicateSearchCancelled extends Error {
  constructor() {
    super('The search for duplicates was cancelled.');
    this.name = 'DuplicateSearchCancelled';
  }
}

/** A pair's key, the same whichever incident comes first (how dismissals are stored). */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export async function findDuplicateCandidates(
  incidents: readonly DuplicateInput[],
  options: DuplicateOptions = {},
  control: SearchControl = {},
): Promise<DuplicateSearch> {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const dismissed = new Set(options.dismissed ?? []);
  const now = control.now ?? (() => Date.now());
  const pause = control.pause ?? yieldToEventLoop;
  const sliceMs = control.sliceMs ?? 10;
  const n = incidents.length;
  // Three passes: reading the notes, preparing each incident, comparing.
  const total = 3 * n;
  let sliceStart = now();

  /** Whether the current slice of work has run its time (checked without awaiting). */
  const due = () => now() - sliceStart >= sliceMs;
  /** Between slices of work: report, check for cancel and let the event loop run. */
  const checkpoint = async (done: number) => {
    control.onProgress?.(done, total);
    if (control.signal?.aborted) throw new DuplicateSearchCancelled();
    await pause();
    if (control.signal?.aborted) throw new DuplicateSearchCancelled();
    sliceStart = now();
  };

  if (control.signal?.aborted) throw new DuplicateSearchCancelled();
  const indexer = new NotesIndexer();
  for (let i = 0; i < n; i++) {
    indexer.add(incidents[i]!.notes);
    if (due()) await checkpoint(i);
  }
  const notesIndex = indexer.finish();
  const { notes } = notesIndex;
  const prepared: PreparedIncident[] = [];
  const cache = new PrepareCache();
  for (let i = 0; i < n; i++) {
    prepared.push(prepareIncident(incidents[i]!, notes[i]!, cache));
    if (due()) await checkpoint(n + i);
  }

  // The sweep reads flat arrays in date order; records are touched only for pairs in a block.
  const typeIds = new Map<string, number>();
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (x, y) => prepared[x]!.span.first - prepared[y]!.span.first,
  );
  const sorted = order.map((i) => prepared[i]!);
  const firsts = Int32Array.from(sorted, (p) => p.span.first);
  const types = Int32Array.from(sorted, (p) => {
    if (p.type === '') return -1;
    let id = typeIds.get(p.type);
    if (id === undefined) typeIds.set(p.type, (id = typeIds.size));
    return id;
  });

  const pairs: DuplicatePair[] = [];
  let compared = 0;
  for (let x = 0; x < n; x++) {
    const a = sorted[x]!;
    const typeA = types[x]!;
    // The block's reach: this month and the next, and no further than the dates allow.
    const reach = Math.min(a.span.last + 1, endOfNextMonth(a.span.first));
    for (let y = x + 1; y < n && firsts[y]! <= reach; y++) {
      const typeB = types[y]!;
      if (typeA !== typeB && typeA !== -1 && typeB !== -1) continue;
      compared++;
      const b = sorted[y]!;
      const score = pairScore(a, b, notesIndex, threshold);
      if (score === null || score < threshold) continue;
      if (dismissed.has(pairKey(a.id, b.id))) continue;
      pairs.push({ a: a.id, b: b.id, score, reasons: explainPair(a, b, notesIndex) });
    }
    if (due()) await checkpoint(2 * n + x);
  }
  control.onProgress?.(total, total);
  pairs.sort((p, q) => q.score - p.score || (p.a < q.a ? -1 : p.a > q.a ? 1 : 0));
  return { pairs, compared };
}

interface Scheduler {
  yield?: () => Promise<void>;
}
type SetTimeout = (callback: () => void, ms: number) => unknown;

type SetImmediate = (callback: () => void) => unknown;

/**
 * Let the event loop run: `scheduler.yield()` in the browser, `setImmediate` in Node, a timer
 * otherwise (timers are clamped to 4 ms once nested, which would slow the search by half).
 */
function yieldToEventLoop(): Promise<void> {
  const host = globalThis as unknown as {
    scheduler?: Scheduler;
    setImmediate?: SetImmediate;
    setTimeout: SetTimeout;
  };
  if (typeof host.scheduler?.yield === 'function') return host.scheduler.yield();
  const setImmediate = host.setImmediate;
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => host.setTimeout(resolve, 0));
}
