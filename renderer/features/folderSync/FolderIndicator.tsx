/**
 * Folder sync's status at the foot of the window (SyncBar.tsx), beside or instead of the hub's:
 * shown once this profile syncs through a folder — up to date, N changes waiting, reading or
 * writing with progress, or stopped and why — with "Sync folder now" (or "Cancel sync").
 */
import { useTranslation } from 'react-i18next';
import { useLive } from '../../app/appContext.ts';
import { SyncBar } from '../teamSync/SyncBar.tsx';
import { usePendingNow } from '../teamSync/usePendingNow.ts';
import { folderStatusText } from './folderStatusText.ts';
import { useFolderSyncService, useFolderSyncStatus } from './folderSyncService.ts';

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
  return (
    <SyncBar
      label={t('folderSync.bar')}
      prefix={{ text: t('folderSync.barPrefix'), visible: true }}
      status={status}
      text={folderStatusText(status, pendingNow)}
      progressLabel={t('folderSync.progress')}
      syncLabel={t('folderSync.syncNow')}
      onOpen={onOpen}
      onSync={() => void service.syncNow()}
      onCancel={() => service.cancel()}
    />
  );
}
