/**
 * The UI thread's handle on the find worker: typed calls that become numbered messages
 * (findProtocol.ts) and promises of their answers.
 *
 * - `apply` batches the changes handed over in one tick into one message; each call's promise
 *   resolves once its changes are applied. A query asked after an `apply` is answered after it.
 * - `load` has the worker read a page of stored records and apply them itself (the start-up
 *   load); like `apply`, it is never superseded and queries asked after it see its records.
 * - Queries run one at a time per lane (by default one lane per method). While one is being
 *   answered, only the newest waiting query of the lane is kept: the ones it replaces reject with
 *   FindSupersededError (a filter typed fast asks once more, not twenty times) — callers that
 *   stopped listening never see it; give a separate `lane` to a caller that must not be
 *   superseded by another. The same query asked again while waiting, or while being answered
 *   with no change applied since, shares that answer.
 *
 * The worker comes from a factory, so tests can hand in an in-process one (inProcessFindWorker).
 */
import type { IncidentFilter, IncidentPlacement } from '../data/incidentFilter.ts';
import type { LoadedPage, LoadRequest } from './findLoad.ts';
import type { FindMethod, FindMethods, FindRequest, FindResponse } from './findProtocol.ts';
import type { FindChange, FindFacets, FindSize, FindSort, SearchHits } from './findTypes.ts';
import type { TimelineData, TimelineUnit } from './timelineData.ts';

/** A message (`data`) or an error (`message`) from the worker. */
export interface PortEvent {
  data?: unknown;
  message?: string;
}

/** What the client needs of a Worker (a real one satisfies it). */
export interface FindPort {
  postMessage(message: FindRequest): void;
  addEventListener(type: 'message' | 'error', listener: (event: PortEvent) => void): void;
  terminate(): void;
}

/** A query replaced by a newer one of its lane before it was asked. */
export class FindSupersededError extends Error {
  constructor(method: string) {
    super(`A newer ${method} query replaced this one`);
    this.name = 'FindSupersededError';
  }
}

export const isSuperseded = (error: unknown): error is FindSupersededError =>
  error instanceof FindSupersededError;

type Answer<M extends FindMethod> = ReturnType<FindMethods[M]>;

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

interface Query extends Deferred<unknown> {
  method: FindMethod;
  args: unknown[];
  key: string;
  /** How many applies had been sent when it was sent. */
  appliedBefore: number;
}

interface Lane {
  answering: Query | null;
  waiting: Query | null;
}

export class FindClient {
  private readonly port: FindPort;
  private nextId = 1;
  private readonly pending = new Map<number, Deferred<unknown>>();
  private readonly lanes = new Map<string, Lane>();
  private applies = 0;
  private batch: (Deferred<undefined> & { changes: FindChange[] }) | null = null;
  private stopped: Error | null = null;

  constructor(createWorker: () => FindPort) {
    this.port = createWorker();
    this.port.addEventListener('message', (event) => this.receive(event.data as FindResponse));
    this.port.addEventListener('error', (event) =>
      this.fail(new Error(`The find worker failed: ${event.message ?? 'unknown error'}`)),
    );
  }

  /** Hands changes to the engine; resolves once they are applied. */
  apply(changes: readonly FindChange[]): Promise<void> {
    if (this.stopped) return Promise.reject(this.stopped);
    if (!this.batch) {
      this.batch = { ...deferred<undefined>(), changes: [] };
      queueMicrotask(() => this.flush());
    }
    for (const change of changes) this.batch.changes.push(change);
    return this.batch.promise;
  }

  /** Reads a page of stored records into the engine (findLoad.ts). */
  load(request: LoadRequest): Promise<LoadedPage> {
    this.applies += 1;
    return this.send('load', [request]);
  }

  incidents(
    filter: IncidentFilter,
    sort: FindSort,
    lane = 'incidents',
  ): Promise<{ ids: string[] }> {
    return this.query('incidents', [filter, sort], lane);
  }

  placement(filter: IncidentFilter, lane = 'placement'): Promise<IncidentPlacement> {
    return this.query('placement', [filter], lane);
  }

  timeline(filter: IncidentFilter, unit: TimelineUnit, lane = 'timeline'): Promise<TimelineData> {
    return this.query('timeline', [filter, unit], lane);
  }

  facets(lane = 'facets'): Promise<FindFacets> {
    return this.query('facets', [], lane);
  }

  search(text: string, limitPerKind: number, lane = 'search'): Promise<SearchHits> {
    return this.query('search', [text, limitPerKind], lane);
  }

  terms(text: string, lane = 'terms'): Promise<string[]> {
    return this.query('terms', [text], lane);
  }

  size(): Promise<FindSize> {
    return this.send('size', []);
  }

  /** Ends the worker; every unanswered call rejects. */
  dispose(): void {
    if (this.stopped) return;
    this.port.terminate();
    this.fail(new Error('The find engine was stopped'));
  }

  private query<M extends FindMethod>(
    method: M,
    args: Parameters<FindMethods[M]>,
    laneName: string,
  ): Promise<Answer<M>> {
    if (this.stopped) return Promise.reject(this.stopped);
    const key = `${method}:${JSON.stringify(args)}`;
    let lane = this.lanes.get(laneName);
    if (!lane) this.lanes.set(laneName, (lane = { answering: null, waiting: null }));
    if (lane.waiting) {
      if (lane.waiting.key === key) return lane.waiting.promise as Promise<Answer<M>>;
      lane.waiting.reject(new FindSupersededError(method));
      lane.waiting = null;
    }
    const current = lane.answering;
    if (current?.key === key && current.appliedBefore === this.applies && !this.batch) {
      return current.promise as Promise<Answer<M>>;
    }
    const query: Query = { ...deferred<unknown>(), method, args, key, appliedBefore: 0 };
    // Nobody waits on a superseded promise's rejection but its caller.
    query.promise.catch(() => undefined);
    if (current) lane.waiting = query;
    else this.start(lane, query);
    return query.promise as Promise<Answer<M>>;
  }

  private start(lane: Lane, query: Query): void {
    lane.answering = query;
    this.sendRaw(query.method, query.args)
      .then(query.resolve, query.reject)
      .finally(() => {
        lane.answering = null;
        const next = lane.waiting;
        lane.waiting = null;
        if (next && !this.stopped) this.start(lane, next);
      });
    query.appliedBefore = this.applies;
  }

  private flush(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = null;
    this.applies += 1;
    this.sendRaw('apply', [batch.changes]).then(() => batch.resolve(undefined), batch.reject);
  }

  private send<M extends FindMethod>(
    method: M,
    args: Parameters<FindMethods[M]>,
  ): Promise<Answer<M>> {
    if (this.stopped) return Promise.reject(this.stopped);
    return this.sendRaw(method, args) as Promise<Answer<M>>;
  }

  private sendRaw(method: FindMethod, args: unknown[]): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    // Changes handed over before this call are applied before it is answered.
    if (method !== 'apply') this.flush();
    const id = this.nextId++;
    const answer = deferred<unknown>();
    this.pending.set(id, answer);
    this.port.postMessage({ id, method, args } as FindRequest);
    return answer.promise;
  }

  private receive(response: FindResponse): void {
    const waiting = this.pending.get(response.id);
    if (!waiting) return;
    this.pending.delete(response.id);
    if (response.ok) waiting.resolve(response.value);
    else waiting.reject(new Error(response.error));
  }

  private fail(error: Error): void {
    this.stopped = error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    for (const lane of this.lanes.values()) lane.waiting?.reject(error);
    this.lanes.clear();
    this.batch?.reject(error);
    this.batch = null;
  }
}
