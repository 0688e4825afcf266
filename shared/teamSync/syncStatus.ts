/**
 * What the sync indicator shows: up to date; changes waiting to be sent; offline (the hub cannot
 * be reached — the normal state in the field, not an error); syncing with progress; or an error
 * a person must act on (removed from the team, hub full, a refused invite…). Pure: the scheduler
 * derives it from what happened.
 */
import { isFolderSyncError } from '../folderSync/folderSyncError.ts';
import { isHubError } from './hubError.ts';
import { isTeamSyncError } from './teamSyncError.ts';

export type SyncPhase = 'checking' | 'pulling' | 'pushing';

export interface SyncProgress {
  phase: SyncPhase;
  /** Pulling: which bundle of how many in this run (1-based). */
  bundle?: number;
  bundles?: number;
  /** Bytes of the current transfer. */
  done: number;
  total: number;
}

export type SyncStatus =
  | { kind: 'notJoined' }
  | { kind: 'upToDate'; at: number }
  | { kind: 'pending'; changes: number }
  | { kind: 'offline'; retryAt: number | null }
  | { kind: 'syncing'; progress: SyncProgress | null }
  | {
      kind: 'error';
      code: string;
      message: string;
      messageKey: string;
      params: Record<string, string | number>;
      retryAt: number | null;
    };

/** The status after a failed run, given when the scheduler will try again. */
export function statusOfError(error: unknown, retryAt: number | null): SyncStatus {
  if (isHubError(error)) {
    if (error.code === 'offline') return { kind: 'offline', retryAt };
    return {
      kind: 'error',
      code: error.code,
      message: error.message,
      messageKey: error.messageKey,
      params: { detail: error.detail },
      retryAt,
    };
  }
  if (isTeamSyncError(error) || isFolderSyncError(error)) {
    return {
      kind: 'error',
      code: error.code,
      message: error.message,
      messageKey: error.messageKey,
      params: error.params,
      retryAt,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: 'error',
    code: 'unexpected',
    message,
    messageKey: 'teamSync.errors.unexpected',
    params: { detail: message },
    retryAt,
  };
}

/** The status after a successful run. */
export function statusOfSuccess(pendingChanges: number, at: number): SyncStatus {
  return pendingChanges > 0
    ? { kind: 'pending', changes: pendingChanges }
    : { kind: 'upToDate', at };
}
