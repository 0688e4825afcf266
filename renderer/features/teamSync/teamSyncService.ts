/**
 * Team sync for the open profile, for the whole window's life: the TeamSync (join, runs) and,
 * once a team is joined, its SyncScheduler. Started by main.tsx; nothing reaches any hub until
 * this device has joined a team (or the lead sets one up). Components read the status through
 * `useSyncStatus` and act through the service (Sync now, Cancel, join, set up, invite, leave).
 *
 * Two tokens pass through here, neither ever written to the profile: the hub's admin token (the
 * operator's), used once to create the team and then dropped, and the team's own admin token the
 * hub answers with, kept in memory for the invites made in this session (the lead saves it in a
 * password manager and types it again after a restart).
 */
import type { Platform } from '../../../shared/ipc/contract.ts';
import { HubAdmin, type CreatedTeam } from '../../../shared/teamSync/hubAdmin.ts';
import { createInvite } from '../../../shared/teamSync/invite.ts';
import type { SyncStatus } from '../../../shared/teamSync/syncStatus.ts';
import { generateTeamKey } from '../../../shared/teamSync/teamCipher.ts';
import { TeamSyncError } from '../../../shared/teamSync/teamSyncError.ts';
import type { DaftarData } from '../../data/daftarData.ts';
import { browserEnv, teamSyncTarget, type SchedulerEnv } from '../../sync/syncScheduler.ts';
import { TeamSync, platformTransport, type TransportFor } from '../../sync/teamSync.ts';
import { ScheduledService, serviceSlot } from './scheduledService.ts';
import type { TeamSyncConfig } from '../../sync/teamSyncStore.ts';

export interface NewInvite {
  /** The hub's handle for withdrawing it (null from an older hub). */
  id: string | null;
  text: string;
  expiresAt: string;
}

export class TeamSyncService extends ScheduledService {
  readonly sync: TeamSync;
  /** The team admin token, in memory for this session's invites. */
  private teamAdminToken: string | null = null;
  /** The team admin token the hub just issued, until the lead says it is saved. */
  private unsavedTeamAdminToken: string | null = null;
  /** The team a set-up created on a hub, until this device has joined it. */
  private createdTeam: (CreatedTeam & { hubUrl: string }) | null = null;

  constructor(
    data: DaftarData,
    private readonly transportFor: TransportFor,
    env: SchedulerEnv = browserEnv(),
  ) {
    super(env);
    this.sync = new TeamSync(data, { transportFor });
  }

  static forPlatform(data: DaftarData, platform: Platform): TeamSyncService {
    return new TeamSyncService(data, (url) => platformTransport(url, platform.hubRequest));
  }

  /** At start-up: begin syncing when this profile has joined a team; otherwise do nothing. */
  async start(): Promise<void> {
    if (await this.sync.joined()) this.startSyncing();
  }

  /** Whether the team admin token is at hand (issued or typed in this session). */
  get hasAdminToken(): boolean {
    return this.teamAdminToken !== null;
  }

  /** The team admin token the hub issued at set-up, to show once; null once saved or never. */
  get newTeamAdminToken(): string | null {
    return this.unsavedTeamAdminToken;
  }

  /** The lead has saved the team admin token: it is not shown again (it stays in memory). */
  dismissNewTeamAdminToken(): void {
    this.unsavedTeamAdminToken = null;
  }

  /** Join the team an invite names; sync starts at once. */
  async joinWithInvite(invite: string, passphrase: string, deviceName: string): Promise<void> {
    await this.sync.joinWithInvite(invite.trim(), passphrase, deviceName.trim());
    this.startSyncing();
  }

  /**
   * The team lead: with the hub's admin token (`adminToken`, the operator's) create the team on
   * the hub — or, with a team admin token the operator handed over, take that team — make its
   * key, and join this device as the first member (with an invite code of its own, made with the
   * team admin token). Only the team admin token stays in memory, for invites; a hub older than
   * team admin tokens issues none, and then the hub's token stays.
   */
  async setUpTeam(input: {
    hubUrl: string;
    adminToken: string;
    teamName: string;
    deviceName: string;
  }): Promise<TeamSyncConfig> {
    const hubUrl = input.hubUrl.trim();
    const transport = this.transportFor(hubUrl);
    const typedToken = input.adminToken.trim();
    // A team created by an attempt that failed after it (joining, say) is used again: its admin
    // token, shown by the hub once, is not lost, and the hub gets no second team.
    const earlier = this.createdTeam?.hubUrl === hubUrl ? this.createdTeam : null;
    const { team, teamAdminToken } =
      earlier ?? (await this.teamFor(new HubAdmin(transport, typedToken), input.teamName));
    this.createdTeam = { hubUrl, team, teamAdminToken };
    const token = teamAdminToken ?? typedToken;
    const own = await new HubAdmin(transport, token).createInviteCode(team.id, {
      maxUses: 1,
      expiresInHours: 1,
    });
    const config = await this.sync.join({
      hubUrl: input.hubUrl.trim(),
      teamId: team.id,
      code: own.code,
      teamKey: generateTeamKey(),
      deviceName: input.deviceName.trim(),
    });
    this.createdTeam = null;
    this.teamAdminToken = token;
    this.unsavedTeamAdminToken = teamAdminToken;
    this.startSyncing();
    return config;
  }

  /**
   * The team to set up: the one a team admin token belongs to (the hub's operator created it and
   * handed its token over — the lead never holds the operator's token), or a new one made with
   * the operator's token. The new team's admin token is shown once; a handed-over one is not.
   */
  private async teamFor(admin: HubAdmin, teamName: string): Promise<CreatedTeam> {
    const who = await admin.whoAmI();
    if (who.kind === 'team') return { team: who.team, teamAdminToken: null };
    return admin.createTeam(teamName.trim());
  }

  /**
   * An invite for one more member: a hub code, and the team key wrapped with `passphrase`. Made
   * with the team admin token at hand, or `teamAdminToken` typed after a restart (kept then).
   */
  async createMemberInvite(passphrase: string, teamAdminToken?: string): Promise<NewInvite> {
    const config = await this.sync.store.config();
    if (!config) throw new TeamSyncError('notJoined', 'This device has not joined a team yet.');
    const token = teamAdminToken?.trim() || this.teamAdminToken;
    if (!token) throw new Error('The team admin token is needed to make an invite.');
    const admin = new HubAdmin(this.transportFor(config.hubUrl), token);
    const code = await admin.createInviteCode(config.team.id);
    this.teamAdminToken = token;
    const text = await createInvite({
      hubUrl: config.hubUrl,
      team: config.team,
      code: code.code,
      teamKey: config.teamKey,
      passphrase,
    });
    return { id: code.id, text, expiresAt: code.expiresAt };
  }

  /** Withdraw an invite made in this session: its code no longer lets anyone join. */
  async withdrawMemberInvite(inviteId: string): Promise<void> {
    const config = await this.sync.store.config();
    if (!config) throw new TeamSyncError('notJoined', 'This device has not joined a team yet.');
    if (!this.teamAdminToken)
      throw new Error('The team admin token is needed to withdraw an invite.');
    await new HubAdmin(this.transportFor(config.hubUrl), this.teamAdminToken).withdrawInvite(
      config.team.id,
      inviteId,
    );
  }

  /** Leave the team: stop syncing, forget the hub, token, key and sync state (records stay). */
  async leave(): Promise<void> {
    this.stopScheduler();
    this.teamAdminToken = null;
    this.unsavedTeamAdminToken = null;
    await this.sync.store.forget();
    this.setStatus({ kind: 'notJoined' });
  }

  private startSyncing(): void {
    this.startScheduler(teamSyncTarget(this.sync), true);
  }
}

const slot = serviceSlot<TeamSyncService>('Team sync');

/** main.tsx: start team sync for the opened profile (syncs only once a team is joined). */
export const startTeamSync = slot.start;

export function useTeamSyncService(): TeamSyncService | null {
  return slot.current();
}

/** The current sync status, kept current. */
export function useSyncStatus(): SyncStatus {
  return slot.useStatus();
}
