/**
 * Team sync for one profile: joining a team from an invite, and one sync run that joins the
 * hub client and the sync cycle (shared/teamSync) to this profile's Exchange. A pulled bundle
 * goes through exactly what a file import does — `openBundle` (every check) then `applyBundle`
 * (the merge; conflicts land in the Conflicts view) — and what is pushed is an ordinary signed
 * bundle of the `notOnHub` scope, sealed with the team key. The scheduler (syncScheduler.ts)
 * decides when runs happen.
 */
import { isBundleError } from '../../shared/bundle/bundleError.ts';
import type { PassphraseOptions } from '../../shared/bundle/crypto.ts';
import { HubClient } from '../../shared/teamSync/hubClient.ts';
import type { HubTransport } from '../../shared/teamSync/hubTransport.ts';
import { checkHubUrl, parseInvite, unwrapTeamKey } from '../../shared/teamSync/invite.ts';
import {
  runSyncCycle,
  type ExportedPending,
  type SyncResult,
} from '../../shared/teamSync/syncCycle.ts';
import type { SyncProgress } from '../../shared/teamSync/syncStatus.ts';
import { TEAM_KEY_BYTES } from '../../shared/teamSync/teamCipher.ts';
import { TeamSyncError, isTeamSyncError } from '../../shared/teamSync/teamSyncError.ts';
import {
  coverageAfterPull,
  holdingCoverage,
  joinCoverage,
  pendingForHub,
  recentPendingForHub,
  type HubCoverage,
} from '../data/bundleExport.ts';
import type { DaftarData } from '../data/daftarData.ts';
import { TeamSyncStore, type TeamSyncConfig } from './teamSyncStore.ts';

/** A transport to the hub at `baseUrl` (the platform's hubRequest, fetch, or a test's fake). */
export type TransportFor = (baseUrl: string) => HubTransport;

/** The host's hub request (Platform.hubRequest) as a transport to one hub. */
export function platformTransport(
  baseUrl: string,
  hubRequest: (request: {
    url: string;
    method: 'GET' | 'POST' | 'PATCH';
    headers: Record<string, string>;
    body?: Uint8Array;
  }) => Promise<{ status: number; headers: Record<string, string>; body: Uint8Array }>,
): HubTransport {
  const base = baseUrl.replace(/\/+$/, '');
  return ({ method, path, headers, body }) =>
    hubRequest({ url: base + path, method, headers, ...(body ? { body } : {}) });
}

export interface TeamSyncOptions {
  transportFor: TransportFor;
  now?: () => number;
  /** Upload and download chunk size (tests use small ones). */
  chunkBytes?: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
}

export class TeamSync {
  readonly store: TeamSyncStore;
  private readonly now: () => number;

  constructor(
    private readonly data: DaftarData,
    private readonly options: TeamSyncOptions,
  ) {
    this.store = new TeamSyncStore(data);
    this.now = options.now ?? (() => Date.now());
  }

  /**
   * Join the team an invite names: unwrap the team key with the passphrase (before anything is
   * sent, so a wrong passphrase does not use up the invite), join the hub with the invite's code,
   * and remember the membership.
   */
  async joinWithInvite(
    inviteText: string,
    passphrase: string,
    deviceName: string,
    options: PassphraseOptions = {},
  ): Promise<TeamSyncConfig> {
    const invite = parseInvite(inviteText);
    const teamKey = await unwrapTeamKey(invite, passphrase, options);
    return this.join({
      hubUrl: invite.hubUrl,
      teamId: invite.team.id,
      code: invite.code,
      teamKey,
      deviceName,
    });
  }

  /** Join with a hub invite code and a team key at hand (the team lead, who made the key). */
  async join(input: {
    hubUrl: string;
    teamId?: string;
    code: string;
    teamKey: Uint8Array;
    deviceName: string;
  }): Promise<TeamSyncConfig> {
    if (input.teamKey.length !== TEAM_KEY_BYTES) {
      throw new TeamSyncError('invalidTeamKey', 'A team key is 32 bytes.');
    }
    const hubUrl = checkHubUrl(input.hubUrl);
    const client = new HubClient(this.options.transportFor(hubUrl));
    await client.health();
    const answer = await client.join(input.code, input.deviceName);
    if (input.teamId !== undefined && answer.team.id !== input.teamId) {
      throw new TeamSyncError(
        'teamMismatch',
        `The hub put this device in team ${answer.team.id}, not ${input.teamId} as the invite says.`,
        { expected: input.teamId, actual: answer.team.id },
      );
    }
    const config: TeamSyncConfig = {
      hubUrl,
      team: answer.team,
      member: answer.member,
      token: answer.token,
      teamKey: input.teamKey,
      joinedAt: new Date(this.now()).toISOString(),
    };
    await this.store.saveConfig(config);
    return config;
  }

  async joined(): Promise<boolean> {
    return (await this.store.config()) !== null;
  }

  /** A client for the joined hub, or null before joining. */
  async client(): Promise<HubClient | null> {
    const config = await this.store.config();
    return config ? new HubClient(this.options.transportFor(config.hubUrl), config.token) : null;
  }

  /**
   * How many change sets the hub is not known to hold yet, for the status: read from the recent
   * history only once the hub holds this device's earlier work (recentPendingForHub), in full
   * before that.
   */
  async pendingChanges(): Promise<number> {
    const onHub = await this.store.onHub();
    const recent = await recentPendingForHub(this.data.db, onHub, this.data.deviceId);
    return recent ?? (await pendingForHub(this.data.db, onHub)).changes;
  }

  /** One sync run: pull, then push. Throws when not joined, or when the run stopped. */
  async run(options: RunOptions = {}): Promise<SyncResult> {
    const config = await this.store.config();
    if (!config) throw new TeamSyncError('notJoined', 'This device has not joined a team yet.');
    const exchange = this.data.exchange;
    const result = await runSyncCycle({
      client: new HubClient(this.options.transportFor(config.hubUrl), config.token),
      teamId: config.team.id,
      teamKey: config.teamKey,
      memberId: config.member.id,
      state: this.store,
      now: this.now,
      ...(this.options.chunkBytes !== undefined ? { chunkBytes: this.options.chunkBytes } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      importBundle: async (bytes) => {
        const plan = await exchange.openBundle(
          bytes,
          options.signal ? { signal: options.signal } : {},
        );
        if (plan.signer.status === 'keyChanged') {
          throw new TeamSyncError(
            'signerKeyChanged',
            `The bundle from ${plan.signer.device} (${plan.signer.author}) is signed with a key other than the one this device knows for it. Confirm the key with its owner, then import a bundle from them by file.`,
            { device: plan.signer.device, author: plan.signer.author },
          );
        }
        const applied = plan.importedBefore === null;
        if (applied)
          await exchange.applyBundle(plan, options.signal ? { signal: options.signal } : {});
        // Again if applied before: the run that applied it may have stopped before this.
        const onHub = await coverageAfterPull(this.data.db, await this.store.onHub(), plan.bundle);
        await this.store.setOnHub(onHub);
        return { applied };
      },
      isRefusal: (error) =>
        (isBundleError(error) && error.code !== 'cancelled') || isTeamSyncError(error),
      exportPending: async (): Promise<ExportedPending | null> => {
        const onHub = await this.store.onHub();
        const pending = await pendingForHub(this.data.db, onHub);
        if (pending.changes === 0 && pending.custody === 0) return null;
        // Taken before the bundle is made, so it claims nothing the bundle might lack.
        const marker: HubCoverage = await holdingCoverage(this.data.db);
        const bundle = await exchange.exportBundle(
          { kind: 'notOnHub', onHub },
          options.signal ? { signal: options.signal } : {},
        );
        return { bytes: bundle.bytes, marker, changeSets: bundle.changeSets };
      },
      markPushed: async (marker) => {
        await this.store.setOnHub(joinCoverage(await this.store.onHub(), marker as HubCoverage));
      },
    });
    await this.store.setLastSuccess(this.now());
    return result;
  }
}
