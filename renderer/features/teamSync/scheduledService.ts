/**
 * What the team and folder sync services share: a SyncScheduler they start and stop, the status
 * it reports (kept, with listeners, for `useSyncExternalStore`), "Sync now" and Cancel; and the
 * one service of each kind the window runs (`serviceSlot`: started by main.tsx, read by
 * components through hooks).
 */
import { useSyncExternalStore } from 'react';
import type { SyncStatus } from '../../../shared/teamSync/syncStatus.ts';
import { SyncScheduler, type SchedulerEnv, type SyncTarget } from '../../sync/syncScheduler.ts';

export abstract class ScheduledService {
  private scheduler: SyncScheduler | null = null;
  private unsubscribe: (() => void) | null = null;
  private statusValue: SyncStatus = { kind: 'notJoined' };
  private readonly listeners = new Set<() => void>();

  constructor(protected readonly env: SchedulerEnv) {}

  /** At start-up: resume syncing when this profile syncs this way; otherwise do nothing. */
  abstract start(): Promise<void>;

  get status(): SyncStatus {
    return this.statusValue;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  syncNow(): Promise<SyncStatus> {
    return this.scheduler?.syncNow() ?? Promise.resolve(this.statusValue);
  }

  cancel(): void {
    this.scheduler?.cancel();
  }

  stop(): void {
    this.stopScheduler();
  }

  /**
   * A new scheduler for `target`: `automatic` ones run at once and then on their own (timer,
   * connections); the others only when asked, and at once when `runNow`.
   */
  protected startScheduler(target: SyncTarget, automatic: boolean, runNow = true): void {
    this.stopScheduler();
    const scheduler = new SyncScheduler(target, this.env);
    this.unsubscribe = scheduler.subscribe((status) => this.setStatus(status));
    this.scheduler = scheduler;
    if (automatic) scheduler.start();
    else if (runNow) void scheduler.syncNow();
  }

  protected stopScheduler(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.scheduler?.stop();
    this.scheduler = null;
  }

  protected setStatus(status: SyncStatus): void {
    this.statusValue = status;
    for (const listener of this.listeners) listener();
  }
}

const NOT_STARTED: SyncStatus = { kind: 'notJoined' };
const noSubscription = () => () => {};

/** The one service of a kind this window runs, and the hooks that read it. */
export function serviceSlot<S extends ScheduledService>(what: string) {
  let current: S | null = null;
  return {
    /** main.tsx: start the service for the opened profile; returns how to stop it. */
    start(service: S): () => void {
      current = service;
      service.start().catch((error: unknown) => console.error(`${what} could not start`, error));
      return () => {
        service.stop();
        if (current === service) current = null;
      };
    },
    current: (): S | null => current,
    /** The status, kept current (for a component). */
    useStatus(): SyncStatus {
      const service = current;
      return useSyncExternalStore(
        service ? service.subscribe : noSubscription,
        () => service?.status ?? NOT_STARTED,
      );
    },
  };
}
