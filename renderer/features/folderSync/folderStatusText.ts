/**
 * What the folder panel says for a sync status: the team sync wording where it fits (up to date,
 * changes waiting), folder words for the rest (looking at the folder, reading bundle i of n,
 * writing), and a host's own message (the folder is gone, the browser needs permission) shown
 * as it is rather than as an "unexpected error".
 */
import type { SyncStatus } from '../../../shared/teamSync/syncStatus.ts';
import { statusText, type StatusText } from '../teamSync/syncStatusText.ts';

const PHASE_KEYS: Record<string, string> = {
  'teamSync.status.checking': 'folderSync.status.checking',
  'teamSync.status.pulling': 'folderSync.status.reading',
  'teamSync.status.pushing': 'folderSync.status.writing',
};

export function folderStatusText(status: SyncStatus, pendingNow: number | null = null): StatusText {
  // Before the first run in this window (the web build runs when asked).
  if (status.kind === 'notJoined') {
    return { key: 'folderSync.status.onDemand', params: {}, tone: 'none' };
  }
  const text = statusText(status, pendingNow);
  if (status.kind === 'error') {
    const reason =
      status.code === 'unexpected'
        ? { key: 'folderSync.errors.host', params: status.params }
        : { key: status.messageKey, params: status.params };
    return { ...text, key: 'folderSync.status.error', reason };
  }
  return { ...text, key: PHASE_KEYS[text.key] ?? text.key };
}
