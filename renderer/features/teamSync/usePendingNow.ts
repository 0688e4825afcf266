/**
 * How many changes wait to be sent, recounted a moment after records are saved while sync is
 * idle — so a record saved after a run shows as waiting at once, without recounting on every
 * keystroke's save. Null until counted for the current status (a finished run's own count is
 * newer than an older recount).
 */
import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../shared/teamSync/syncStatus.ts';
import { useLive } from '../../app/appContext.ts';

/** Waits this long after the last saved change before counting what is waiting to be sent. */
const PENDING_RECOUNT_MS = 1_500;

export function usePendingNow(
  active: boolean,
  status: SyncStatus,
  sync: { pendingChanges(): Promise<number> } | null,
): number | null {
  // A cheap trigger (the count of saved change sets).
  const commits = useLive((d) => (active ? d.db.commits.count() : Promise.resolve(0)), [active]);
  const [recount, setRecount] = useState<{ status: SyncStatus; changes: number } | null>(null);
  const idle = status.kind === 'upToDate' || status.kind === 'pending';
  useEffect(() => {
    if (!active || !idle || !sync) return;
    let current = true;
    const timer = setTimeout(() => {
      void sync.pendingChanges().then(
        (changes) => current && setRecount({ status, changes }),
        () => current && setRecount(null),
      );
    }, PENDING_RECOUNT_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [active, idle, sync, commits, status]);
  return idle && recount?.status === status ? recount.changes : null;
}
