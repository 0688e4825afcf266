/**
 * What the sync indicator says for a SyncStatus, as i18n keys and parameters (pure, so tested
 * without a DOM). Changes counted live while idle win over the last run's count, so a record
 * saved after a sync shows as waiting at once. Errors carry their own translated reason.
 */
import { isFolderSyncError } from '../../../shared/folderSync/folderSyncError.ts';
import { isHubError } from '../../../shared/teamSync/hubError.ts';
import type { SyncStatus } from '../../../shared/teamSync/syncStatus.ts';
import { isTeamSyncError } from '../../../shared/teamSync/teamSyncError.ts';

export interface Message {
  key: string;
  params: Record<string, string | number>;
}

export type StatusTone = 'none' | 'ok' | 'pending' | 'offline' | 'busy' | 'error';

export interface StatusText extends Message {
  tone: StatusTone;
  /** The reason of an error, to be translated and put in the `message` parameter. */
  reason?: Message;
  /** 0–1 while a transfer of known size runs. */
  fraction?: number;
}

export function statusText(status: SyncStatus, pendingNow: number | null = null): StatusText {
  switch (status.kind) {
    case 'notJoined':
      return { key: 'teamSync.status.notJoined', params: {}, tone: 'none' };
    case 'upToDate':
    case 'pending': {
      const changes = pendingNow ?? (status.kind === 'pending' ? status.changes : 0);
      return changes > 0
        ? { key: 'teamSync.status.pending', params: { count: changes }, tone: 'pending' }
        : { key: 'teamSync.status.upToDate', params: {}, tone: 'ok' };
    }
    case 'offline':
      return { key: 'teamSync.status.offline', params: {}, tone: 'offline' };
    case 'syncing': {
      const progress = status.progress;
      const fraction =
        progress && progress.total > 0 ? Math.min(1, progress.done / progress.total) : undefined;
      const base = { tone: 'busy' as const, ...(fraction !== undefined ? { fraction } : {}) };
      if (progress?.phase === 'pulling' && progress.bundle && progress.bundles) {
        return {
          key: 'teamSync.status.pulling',
          params: { bundle: progress.bundle, bundles: progress.bundles },
          ...base,
        };
      }
      if (progress?.phase === 'pushing')
        return { key: 'teamSync.status.pushing', params: {}, ...base };
      return { key: 'teamSync.status.checking', params: {}, ...base };
    }
    case 'error':
      return {
        key: 'teamSync.status.error',
        params: {},
        tone: 'error',
        reason: { key: status.messageKey, params: status.params },
      };
  }
}

/** The translated message of anything team sync, folder sync, the hub or the admin client threw. */
export function errorMessage(error: unknown): Message {
  if (isHubError(error)) return { key: error.messageKey, params: { detail: error.detail } };
  if (isTeamSyncError(error) || isFolderSyncError(error)) {
    return { key: error.messageKey, params: error.params };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { key: 'teamSync.errors.unexpected', params: { detail } };
}
