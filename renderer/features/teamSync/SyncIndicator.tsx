/**
 * The team sync status in a slim bar at the foot of the window (the top bar is full), always
 * visible once a team is joined, at a fixed height so nothing moves as it changes: up to date, N
 * changes waiting, offline, syncing (with progress) or stopped and why; a live region, so
 * screen readers hear changes. The status opens the team page; "Sync now" (or "Cancel sync"
 * during a run) sits beside it. Nothing is shown before joining a team.
 */
import { useTranslation } from 'react-i18next';
import { statusText } from './syncStatusText.ts';
import { useSyncStatus, useTeamSyncService } from './teamSyncService.ts';
import { usePendingNow } from './usePendingNow.ts';
import './teamSync.css';

export function SyncIndicator({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const service = useTeamSyncService();
  const status = useSyncStatus();
  const joined = service !== null && status.kind !== 'notJoined';
  const pendingNow = usePendingNow(joined, status, service?.sync ?? null);

  if (!joined || !service) return null;
  const text = statusText(status, pendingNow);
  const message = text.reason
    ? t(text.key, { message: t(text.reason.key, text.reason.params) })
    : t(text.key, text.params);
  const busy = status.kind === 'syncing';
  return (
    <footer
      className="sync-indicator"
      data-tone={text.tone}
      aria-label={t('teamSyncUi.indicator.bar')}
    >
      <a
        href="#/team"
        className="sync-state"
        onClick={(e) => {
          e.preventDefault();
          onOpen();
        }}
      >
        <span className="visually-hidden">{t('teamSyncUi.indicator.label')} </span>
        <span className="sync-dot" aria-hidden="true" />
        <span role="status" aria-live="polite" className="sync-text" title={message}>
          {message}
        </span>
      </a>
      {busy ? (
        <>
          <progress
            className="sync-progress"
            aria-label={t('teamSyncUi.indicator.progress')}
            {...(text.fraction !== undefined ? { value: text.fraction, max: 1 } : {})}
          />
          <button type="button" onClick={() => service.cancel()}>
            {t('teamSync.status.cancel')}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => void service.syncNow()}>
          {t('teamSync.status.syncNow')}
        </button>
      )}
    </footer>
  );
}
