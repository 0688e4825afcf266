/**
 * The team page (`#/team`): before joining, "Join a team" (with an invite) and "Set up a team on
 * a hub" (the lead); once joined, the team, its sync state, refused bundles, invites for more
 * members and leaving. Below, for teams without a hub (or beside one), sync through a folder.
 */
import { useTranslation } from 'react-i18next';
import { useLive } from '../../app/appContext.ts';
import { FolderSyncPanel } from '../folderSync/FolderSyncPanel.tsx';
import { useFolderSyncService } from '../folderSync/folderSyncService.ts';
import { InvitePanel } from './InvitePanel.tsx';
import { JoinedPanel } from './JoinedPanel.tsx';
import { JoinForm } from './JoinForm.tsx';
import { NotSentPanel } from './NotSentPanel.tsx';
import { SetupForm } from './SetupForm.tsx';
import { useSyncStatus, useTeamSyncService } from './teamSyncService.ts';
import './teamSync.css';

export function TeamView() {
  const { t } = useTranslation();
  const service = useTeamSyncService();
  const folderService = useFolderSyncService();
  const status = useSyncStatus();
  // Re-read on every status change: joining and leaving both change it.
  const joined = useLive(
    () => service?.sync.joined() ?? Promise.resolve(false),
    [service, status.kind === 'notJoined'],
  );
  return (
    <section className="team-view" aria-labelledby="team-title">
      <h1 id="team-title">{t('teamSyncUi.title')}</h1>
      <p className="hint">{t('teamSyncUi.intro')}</p>
      {service === null || joined === undefined ? (
        <p>{t('common.loading')}</p>
      ) : joined ? (
        <div className="team-grid">
          <JoinedPanel service={service} />
          <NotSentPanel service={service} />
          <InvitePanel service={service} />
        </div>
      ) : (
        <div className="team-grid">
          <JoinForm service={service} />
          <SetupForm service={service} />
        </div>
      )}
      {folderService ? (
        <div className="team-grid">
          <FolderSyncPanel service={folderService} />
        </div>
      ) : null}
    </section>
  );
}
