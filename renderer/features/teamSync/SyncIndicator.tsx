/**
 * The team sync status in a slim bar at the foot of the window (the top bar is full), always
 * visible once a team is joined, at a fixed height so nothing moves as it changes: up to date, N
 * changes waiting, offline, syncing (with progress) or stopped and why; a live region, so
 * screen readers hear changes. The status opens the team page; "Sync now" (or "Cancel sync"
 * during a run) sits beside it. Nothing is shown before joining a team.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/teamSync/syncStatus.ts';
import { useLive } from '../../app/appContext.ts';
import { statusText } from './syncStatusText.ts';
import { useSyncStatus, useTeamSyncService } from './teamSyncService.ts';
import './teamSync.css';

/** Waits this long after the last saved change before counting what is waiting to be sent. */
const PENDING_RECOUNT_MS = 1_500;

export function SyncIndicator({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const service = useTeamSyncService();
  const status = useSyncStatus();
  const joined = service !== null && status.kind !== 'notJoined';
  // A cheap trigger (the count of saved change sets); the count of those not on the hub is
  // recounted a moment after the last change, not on every keystroke's save.
  const commits = useLive((d) => (joined ? d.db.commits.count() : Promise.resolve(0)), [joined]);
  // Counted for one status: a finished run's own count is newer than an older recount.
  const [recount, setRecount] = useState<{ status: SyncStatus; changes: number } | null>(null);
  const idle = status.kind === 'upToDate' || status.kind === 'pending';
  useEffect(() => {
    if (!joined || !idle || !service) return;
    let current = true;
    const timer = setTimeout(() => {
      void service.sync.pendingChanges().then(
        (changes) => current && setRecount({ status, changes }),
        () => current && setRecount(null),
      );
    }, PENDING_RECOUNT_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [joined, idle, service, commits, status]);
  const pendingNow = recount?.status === status ? recount.changes : null;

  if (!joined || !service) return null;
  const text = statusText(status, idle ? pendingNow : null);
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
