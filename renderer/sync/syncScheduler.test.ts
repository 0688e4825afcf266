import { describe, expect, it } from 'vitest';
import { HubError } from '../../shared/teamSync/hubError.ts';
import type { SyncStatus } from '../../shared/teamSync/syncStatus.ts';
import { SyncScheduler, type SchedulerEnv, type SyncTarget } from './syncScheduler.ts';

/** Timers and connectivity under the test's control. */
class FakeEnv implements SchedulerEnv {
  online = true;
  time = 0;
  timers: { at: number; callback: () => void; id: number }[] = [];
  listeners: (() => void)[] = [];
  private next = 0;
  isOnline = () => this.online;
  onOnline = (listener: () => void) => {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  };
  setTimer = (callback: () => void, ms: number) => {
    const id = ++this.next;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  };
  clearTimer = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  now = () => this.time;
  /** The delay of the one pending timer. */
  delay(): number | null {
    expect(this.timers.length).toBeLessThanOrEqual(1);
    return this.timers[0] ? this.timers[0].at - this.time : null;
  }
  async fire(): Promise<void> {
    const timer = this.timers.shift()!;
    this.time = timer.at;
    timer.callback();
    await settle();
  }
  async comeOnline(): Promise<void> {
    this.online = true;
    for (const l of this.listeners) l();
    await settle();
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function target(outcomes: (() => Promise<void>)[]) {
  const calls = { reach: 0, run: 0 };
  const t: SyncTarget = {
    joined: async () => true,
    reach: async () => void calls.reach++,
    run: async ({ onProgress }) => {
      calls.run++;
      onProgress({ phase: 'pulling', bundle: 1, bundles: 1, done: 5, total: 10 });
      await (outcomes.shift() ?? (async () => {}))();
    },
    pendingChanges: async () => 0,
  };
  return { t, calls };
}

const offline = () => Promise.reject(new HubError('offline', 'ENETUNREACH'));

describe('the sync scheduler', () => {
  it('runs at start, then on a timer while online, showing progress and the outcome', async () => {
    const env = new FakeEnv();
    const { t, calls } = target([]);
    const scheduler = new SyncScheduler(t, env, {
      intervalMs: 60_000,
      backoff: { random: () => 0.5 },
    });
    const seen: SyncStatus['kind'][] = [];
    scheduler.subscribe((s) => seen.push(s.kind));
    scheduler.start();
    await settle();
    expect(calls).toEqual({ reach: 1, run: 1 });
    expect(seen).toEqual(['syncing', 'syncing', 'upToDate']);
    expect(env.delay()).toBe(60_000);
    await env.fire();
    expect(calls.run).toBe(2);
    scheduler.stop();
    expect(env.timers).toEqual([]);
  });

  it('backs off after failures, resets on a new connection, and waits for one when surely offline', async () => {
    const env = new FakeEnv();
    const { t, calls } = target([offline, offline, offline]);
    const scheduler = new SyncScheduler(t, env, { backoff: { random: () => 0.5 } });
    scheduler.start();
    await settle();
    expect(scheduler.status).toEqual({ kind: 'offline', retryAt: 3_750 });
    expect(env.delay()).toBe(3_750);
    await env.fire();
    expect(env.delay()).toBe(7_500);
    env.online = false;
    await env.fire();
    expect(calls.run).toBe(2);
    expect(scheduler.status).toEqual({ kind: 'offline', retryAt: null });
    expect(env.delay()).toBeNull();
    await env.comeOnline();
    expect(calls.run).toBe(3);
    // The backoff started over with the new connection.
    expect(env.delay()).toBe(3_750);
  });

  it('runs one at a time: "Sync now" during a run gets that run', async () => {
    const env = new FakeEnv();
    let release!: () => void;
    const { t, calls } = target([() => new Promise<void>((resolve) => (release = resolve))]);
    const scheduler = new SyncScheduler(t, env);
    const first = scheduler.syncNow();
    await settle();
    const second = scheduler.syncNow();
    expect(second).toBe(first);
    release();
    await first;
    expect(calls.run).toBe(1);
    await scheduler.syncNow();
    expect(calls.run).toBe(2);
  });

  it('stops retrying when a person must act, and respects the hub’s Retry-After', async () => {
    const env = new FakeEnv();
    const revoked = () => Promise.reject(new HubError('token_revoked'));
    const limited = () =>
      Promise.reject(new HubError('rate_limited', '', 429, { retryAfterMs: 120_000 }));
    const { t } = target([limited, revoked]);
    const scheduler = new SyncScheduler(t, env, { backoff: { random: () => 0 } });
    scheduler.start();
    await settle();
    expect(env.delay()).toBe(120_000);
    await env.fire();
    expect(scheduler.status).toMatchObject({
      kind: 'error',
      code: 'token_revoked',
      messageKey: 'teamSync.hubErrors.token_revoked',
      retryAt: null,
    });
    expect(env.delay()).toBeNull();
  });

  it('cancels a run in progress; the work resumes later', async () => {
    const env = new FakeEnv();
    const t: SyncTarget = {
      joined: async () => true,
      reach: async () => {},
      run: ({ signal }) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      pendingChanges: async () => 4,
    };
    const scheduler = new SyncScheduler(t, env);
    scheduler.start();
    await settle();
    scheduler.cancel();
    await settle();
    expect(scheduler.status).toEqual({ kind: 'pending', changes: 4 });
    expect(env.delay()).not.toBeNull();
  });

  it('shows notJoined and does nothing else before a team is joined', async () => {
    const env = new FakeEnv();
    const { t, calls } = target([]);
    const scheduler = new SyncScheduler({ ...t, joined: async () => false }, env);
    expect(await scheduler.syncNow()).toEqual({ kind: 'notJoined' });
    expect(calls).toEqual({ reach: 0, run: 0 });
  });

  it('never fails unhandled: storage closing under a stopped run, or before one, becomes the status', async () => {
    const env = new FakeEnv();
    let release: () => void = () => {};
    const closed = new Error('Database has been closed');
    let storageOpen = true;
    const t: SyncTarget = {
      joined: async () => {
        if (!storageOpen) throw closed;
        return true;
      },
      reach: async () => {},
      run: ({ signal }) =>
        new Promise<void>((_resolve, reject) => {
          release = () => reject(signal.reason);
        }),
      pendingChanges: async () => {
        if (!storageOpen) throw closed;
        return 0;
      },
    };
    const scheduler = new SyncScheduler(t, env);
    const run = scheduler.syncNow();
    await settle();
    scheduler.stop();
    storageOpen = false; // the profile closes while the stopped run winds down
    release();
    await expect(run).resolves.toMatchObject({ kind: 'syncing' });
    await expect(scheduler.syncNow()).resolves.toMatchObject({
      kind: 'error',
      message: 'Database has been closed',
    });
  });
});
