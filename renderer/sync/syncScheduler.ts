/**
 * When sync runs: when a connection appears (the `online` event) and the hub answers its health
 * check; every few minutes while it keeps answering; after a failure, on a backoff schedule (5 s
 * up to 15 minutes, jittered, reset by a success or a new connection); and on demand ("Sync
 * now"). Never two runs at once: asking during a run gets that run. A failure a person must act
 * on (removed from the team, unknown token) stops the timer until they do, or ask again.
 *
 * The environment (online state and events, timers, clock) is injected, so tests drive it.
 */
import { Backoff, type BackoffOptions } from '../../shared/teamSync/backoff.ts';
import { isHubError } from '../../shared/teamSync/hubError.ts';
import {
  statusOfError,
  statusOfSuccess,
  type SyncProgress,
  type SyncStatus,
} from '../../shared/teamSync/syncStatus.ts';

export interface SchedulerEnv {
  /** `navigator.onLine`: false means surely offline; true means perhaps online. */
  isOnline(): boolean;
  /** Subscribe to the `online` event; returns the unsubscribe function. */
  onOnline(listener: () => void): () => void;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  now(): number;
}

export interface SyncTarget {
  /** Whether this device has joined a team. */
  joined(): Promise<boolean>;
  /** GET /v1/health; throws a HubError when the hub does not answer. */
  reach(signal: AbortSignal): Promise<void>;
  run(options: { signal: AbortSignal; onProgress: (p: SyncProgress) => void }): Promise<unknown>;
  /** Change sets not on the hub yet. */
  pendingChanges(): Promise<number>;
}

export interface SchedulerOptions {
  /** Between successful runs while online; 5 minutes. */
  intervalMs?: number;
  backoff?: BackoffOptions;
}

/** Failures no retry will fix: the timer stops until a person acts. */
const NEEDS_A_PERSON = new Set([
  'unauthorized',
  'token_revoked',
  'not_found',
  'storage_full',
  'too_large',
  'not_allowed',
]);

/** A browser's online state and timers. */
export function browserEnv(): SchedulerEnv {
  return {
    isOnline: () => navigator.onLine,
    onOnline: (listener) => {
      window.addEventListener('online', listener);
      return () => window.removeEventListener('online', listener);
    },
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    now: () => Date.now(),
  };
}

export class SyncScheduler {
  private statusValue: SyncStatus = { kind: 'notJoined' };
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private readonly backoff: Backoff;
  private readonly intervalMs: number;
  private running: Promise<SyncStatus> | null = null;
  private controller: AbortController | null = null;
  private timer: unknown = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly target: SyncTarget,
    private readonly env: SchedulerEnv,
    options: SchedulerOptions = {},
  ) {
    this.backoff = new Backoff(options.backoff);
    this.intervalMs = options.intervalMs ?? 5 * 60_000;
  }

  get status(): SyncStatus {
    return this.statusValue;
  }

  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Listen for connections and make a first attempt. */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.env.onOnline(() => {
      // A new connection: whatever failed before may work now.
      this.backoff.reset();
      void this.syncNow();
    });
    void this.syncNow();
  }

  /** Stop listening and timing, and cancel a run in progress (it resumes next time). */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.clearTimer();
    this.controller?.abort(new Error('Sync stopped.'));
  }

  /** Cancel the run in progress, if any; the timer tries again later. */
  cancel(): void {
    this.controller?.abort(new Error('Sync cancelled.'));
  }

  /**
   * Run now (the "Sync now" button, a connection, the timer); during a run, that run. Never
   * rejects: whatever fails (the profile's storage too) becomes the status.
   */
  syncNow(): Promise<SyncStatus> {
    this.running ??= this.attempt()
      .catch((error: unknown) => this.set(statusOfError(error, null)))
      .finally(() => {
        this.running = null;
        this.controller = null;
      });
    return this.running;
  }

  private async attempt(): Promise<SyncStatus> {
    this.clearTimer();
    if (!(await this.target.joined())) return this.set({ kind: 'notJoined' });
    if (!this.env.isOnline()) {
      // Surely offline: wait for the `online` event rather than poll.
      return this.set({ kind: 'offline', retryAt: null });
    }
    const controller = new AbortController();
    this.controller = controller;
    this.set({ kind: 'syncing', progress: { phase: 'checking', done: 0, total: 0 } });
    try {
      await this.target.reach(controller.signal);
      await this.target.run({
        signal: controller.signal,
        onProgress: (progress) => this.set({ kind: 'syncing', progress }),
      });
      this.backoff.reset();
      this.schedule(this.intervalMs);
      return this.set(statusOfSuccess(await this.target.pendingChanges(), this.env.now()));
    } catch (error) {
      if (isHubError(error) && NEEDS_A_PERSON.has(error.code)) {
        return this.set(statusOfError(error, null));
      }
      const floor = isHubError(error) ? (error.extra.retryAfterMs ?? 0) : 0;
      const delay = this.backoff.next(floor);
      this.schedule(delay);
      if (controller.signal.aborted) {
        // Cancelled or stopped (the window closing, the profile closed): count what waits if the
        // profile still answers; a run never ends in an unhandled failure.
        const pending = await this.target.pendingChanges().catch(() => null);
        if (pending === null) return this.status;
        return this.set(statusOfSuccess(pending, this.env.now()));
      }
      return this.set(statusOfError(error, this.env.now() + delay));
    }
  }

  private schedule(ms: number): void {
    this.clearTimer();
    if (!this.unsubscribe) return; // stopped, or never started: on demand only
    this.timer = this.env.setTimer(() => void this.syncNow(), ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.env.clearTimer(this.timer);
    this.timer = null;
  }

  private set(status: SyncStatus): SyncStatus {
    this.statusValue = status;
    for (const listener of this.listeners) listener(status);
    return status;
  }
}

/** A scheduler target for a TeamSync. */
export function teamSyncTarget(sync: {
  joined(): Promise<boolean>;
  client(): Promise<{ health(signal?: AbortSignal): Promise<unknown> } | null>;
  run(options: { signal?: AbortSignal; onProgress?: (p: SyncProgress) => void }): Promise<unknown>;
  pendingChanges(): Promise<number>;
}): SyncTarget {
  return {
    joined: () => sync.joined(),
    reach: async (signal) => {
      await (await sync.client())?.health(signal);
    },
    run: (options) => sync.run(options),
    pendingChanges: () => sync.pendingChanges(),
  };
}
