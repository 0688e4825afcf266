/**
 * Folder sync's status at the foot of the window, beside (or instead of) the hub's: shown once
 * this profile syncs through a folder — up to date, N changes waiting, reading or writing with
 * progress, or stopped and why — as a live region, with "Sync folder now" (or "Cancel sync"
 * during a run). The status opens the team page, where the folder panel is.
 */
import { useTranslation } from 'react-i18next';
import { useLive } from '../../app/appContext.ts';
import { usePendingNow } from '../teamSync/usePendingNow.ts';
import { folderStatusText } from './folderStatusText.ts';
import { useFolderSyncService, useFolderSyncStatus } from './folderSyncService.ts';
import '../teamSync/teamSync.css';

export function FolderIndicator({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const service = useFolderSyncService();
  const status = useFolderSyncStatus();
  const joined = useLive(
    () => service?.sync.joined() ?? Promise.resolve(false),
    [service, status.kind === 'notJoined'],
  );
  const pendingNow = usePendingNow(joined === true, status, service?.sync ?? null);
  if (!service || !joined) return null;
  const text = folderStatusText(status, pendingNow);
  const message = text.reason
    ? t(text.key, { message: t(text.reason.key, text.reason.params) })
    : t(text.key, text.params);
  const busy = status.kind === 'syncing';
  return (
    <footer className="sync-indicator" data-tone={text.tone} aria-label={t('folderSync.bar')}>
      <a
        href="#/team"
        className="sync-state"
        onClick={(e) => {
          e.preventDefault();
          onOpen();
        }}
      >
        <span className="sync-dot" aria-hidden="true" />
        <span role="status" aria-live="polite" className="sync-text" title={message}>
          {t('folderSync.barPrefix')} {message}
        </span>
      </a>
      {busy ? (
        <>
          <progress
            className="sync-progress"
            aria-label={t('folderSync.progress')}
            {...(text.fraction !== undefined ? { value: text.fraction, max: 1 } : {})}
          />
          <button type="button" onClick={() => service.cancel()}>
            {t('teamSync.status.cancel')}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => void service.syncNow()}>
          {t('folderSync.syncNow')}
        </button>
      )}
    </footer>
  );
}
