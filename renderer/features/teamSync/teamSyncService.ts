/**
 * Team sync for the open profile, for the whole window's life: the TeamSync (join, runs) and,
 * once a team is joined, its SyncScheduler. Started by main.tsx; nothing reaches any hub until
 * this device has joined a team (or the lead sets one up). Components read the status through
 * `useSyncStatus` and act through the service (Sync now, Cancel, join, set up, invite, leave).
 *
 * The hub admin token a lead types is kept in memory only, for the invites made in this
 * session; it is never written to the profile.
 */
import { useSyncExternalStore } from 'react';
import type { Platform } from '../../../shared/ipc/contract.ts';
import { HubAdmin } from '../../../shared/teamSync/hubAdmin.ts';
import { createInvite } from '../../../shared/teamSync/invite.ts';
import type { SyncStatus } from '../../../shared/teamSync/syncStatus.ts';
import { generateTeamKey } from '../../../shared/teamSync/teamCipher.ts';
import { TeamSyncError } from '../../../shared/teamSync/teamSyncError.ts';
import type { DaftarData } from '../../data/daftarData.ts';
import {
  SyncScheduler,
  browserEnv,
  teamSyncTarget,
  type SchedulerEnv,
} from '../../sync/syncScheduler.ts';
import { TeamSync, platformTransport, type TransportFor } from '../../sync/teamSync.ts';
import type { TeamSyncConfig } from '../../sync/teamSyncStore.ts';

export interface NewInvite {
  text: string;
  expiresAt: string;
}

export class TeamSyncService {
  readonly sync: TeamSync;
  private scheduler: SyncScheduler | null = null;
  private unsubscribe: (() => void) | null = null;
  private statusValue: SyncStatus = { kind: 'notJoined' };
  private readonly listeners = new Set<() => void>();
  private adminToken: string | null = null;

  constructor(
    data: DaftarData,
    private readonly transportFor: TransportFor,
    private readonly env: SchedulerEnv = browserEnv(),
  ) {
    this.sync = new TeamSync(data, { transportFor });
  }

  static forPlatform(data: DaftarData, platform: Platform): TeamSyncService {
    return new TeamSyncService(data, (url) => platformTransport(url, platform.hubRequest));
  }

  /** At start-up: begin syncing when this profile has joined a team; otherwise do nothing. */
  async start(): Promise<void> {
    if (await this.sync.joined()) this.startScheduler();
  }

  get status(): SyncStatus {
    return this.statusValue;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  syncNow(): Promise<SyncStatus> {
    return this.scheduler?.syncNow() ?? Promise.resolve(this.statusValue);
  }

  cancel(): void {
    this.scheduler?.cancel();
  }

  /** Whether the lead's admin token is at hand (typed in this session). */
  get hasAdminToken(): boolean {
    return this.adminToken !== null;
  }

  /** Join the team an invite names; sync starts at once. */
  async joinWithInvite(invite: string, passphrase: string, deviceName: string): Promise<void> {
    await this.sync.joinWithInvite(invite.trim(), passphrase, deviceName.trim());
    this.startScheduler();
  }

  /**
   * The team lead: create the team on the hub, make its key, and join this device as the first
   * member (with an invite code of its own). The admin token stays in memory for invites.
   */
  async setUpTeam(input: {
    hubUrl: string;
    adminToken: string;
    teamName: string;
    deviceName: string;
  }): Promise<TeamSyncConfig> {
    const adminToken = input.adminToken.trim();
    const admin = new HubAdmin(this.transportFor(input.hubUrl.trim()), adminToken);
    const team = await admin.createTeam(input.teamName.trim());
    const own = await admin.createInviteCode(team.id, { maxUses: 1, expiresInHours: 1 });
    const config = await this.sync.join({
      hubUrl: input.hubUrl.trim(),
      teamId: team.id,
      code: own.code,
      teamKey: generateTeamKey(),
      deviceName: input.deviceName.trim(),
    });
    this.adminToken = adminToken;
    this.startScheduler();
    return config;
  }

  /** An invite for one more member: a hub code, and the team key wrapped with `passphrase`. */
  async createMemberInvite(passphrase: string, adminToken?: string): Promise<NewInvite> {
    const config = await this.sync.store.config();
    if (!config) throw new TeamSyncError('notJoined', 'This device has not joined a team yet.');
    const token = adminToken?.trim() || this.adminToken;
    if (!token) throw new Error('The hub admin token is needed to make an invite.');
    const admin = new HubAdmin(this.transportFor(config.hubUrl), token);
    const code = await admin.createInviteCode(config.team.id);
    this.adminToken = token;
    const text = await createInvite({
      hubUrl: config.hubUrl,
      team: config.team,
      code: code.code,
      teamKey: config.teamKey,
      passphrase,
    });
    return { text, expiresAt: code.expiresAt };
  }

  /** Leave the team: stop syncing, forget the hub, token, key and sync state (records stay). */
  async leave(): Promise<void> {
    this.stopScheduler();
    this.adminToken = null;
    await this.sync.store.forget();
    this.setStatus({ kind: 'notJoined' });
  }

  stop(): void {
    this.stopScheduler();
  }

  private startScheduler(): void {
    this.stopScheduler();
    const scheduler = new SyncScheduler(teamSyncTarget(this.sync), this.env);
    this.unsubscribe = scheduler.subscribe((status) => this.setStatus(status));
    this.scheduler = scheduler;
    scheduler.start();
  }

  private stopScheduler(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.scheduler?.stop();
    this.scheduler = null;
  }

  private setStatus(status: SyncStatus): void {
    this.statusValue = status;
    for (const listener of this.listeners) listener();
  }
}

let current: TeamSyncService | null = null;

/** main.tsx: start team sync for the opened profile (syncs only once a team is joined). */
export function startTeamSync(service: TeamSyncService): () => void {
  current = service;
  service.start().catch((error: unknown) => console.error('Team sync could not start', error));
  return () => {
    service.stop();
    if (current === service) current = null;
  };
}

export function useTeamSyncService(): TeamSyncService | null {
  return current;
}

const NOT_STARTED: SyncStatus = { kind: 'notJoined' };
const noSubscription = () => () => {};

/** The current sync status, kept current. */
export function useSyncStatus(): SyncStatus {
  const service = current;
  return useSyncExternalStore(
    service ? service.subscribe : noSubscription,
    () => service?.status ?? NOT_STARTED,
  );
}
