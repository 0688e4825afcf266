/**
 * The team sync status at the foot of the window (SyncBar.tsx), always visible once a team is
 * joined: up to date, N changes waiting, offline, syncing (with progress) or stopped and why,
 * with "Sync now" (or "Cancel sync" during a run). Nothing is shown before joining a team.
 */
import { useTranslation } from 'react-i18next';
import { statusText } from './syncStatusText.ts';
import { useSyncStatus, useTeamSyncService } from './teamSyncService.ts';
import { usePendingNow } from './usePendingNow.ts';
import { SyncBar } from './SyncBar.tsx';

export function SyncIndicator({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const service = useTeamSyncService();
  const status = useSyncStatus();
  const joined = service !== null && status.kind !== 'notJoined';
  const pendingNow = usePendingNow(joined, status, service?.sync ?? null);

  if (!joined || !service) return null;
  return (
    <SyncBar
      label={t('teamSyncUi.indicator.bar')}
      prefix={{ text: t('teamSyncUi.indicator.label'), visible: false }}
      status={status}
      text={statusText(status, pendingNow)}
      progressLabel={t('teamSyncUi.indicator.progress')}
      syncLabel={t('teamSync.status.syncNow')}
      onOpen={onOpen}
      onSync={() => void service.syncNow()}
      onCancel={() => service.cancel()}
    />
  );
}
