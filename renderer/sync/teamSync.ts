/**
 * Team sync for one profile: joining a team from an invite, and one sync run that joins the
 * hub client and the sync cycle (shared/teamSync) to this profile's Exchange. A pulled bundle
 * goes through exactly what a file import does (applySyncedBundle.ts, shared with folder sync),
 * and what is pushed is an ordinary signed bundle of the `notHeld` scope (by the hub), sealed
 * with the team key. The scheduler (syncScheduler.ts) decides when runs happen.
 */
import type { PassphraseOptions } from '../../shared/bundle/crypto.ts';
import { HubClient } from '../../shared/teamSync/hubClient.ts';
import { HubError } from '../../shared/teamSync/hubError.ts';
import {
  cancelError,
  untilAborted,
  type AbortSignalLike,
  type HubTransport,
} from '../../shared/teamSync/hubTransport.ts';
import { checkHubUrl, parseInvite, unwrapTeamKey } from '../../shared/teamSync/invite.ts';
import {
  runSyncCycle,
  type ExportCut,
  type ExportedPending,
  type NotSent,
  type SyncResult,
} from '../../shared/teamSync/syncCycle.ts';
import type { SyncProgress } from '../../shared/teamSync/syncStatus.ts';
import { TEAM_KEY_BYTES } from '../../shared/teamSync/teamCipher.ts';
import { TeamSyncError } from '../../shared/teamSync/teamSyncError.ts';
import {
  heldAfterPush,
  holdingCoverage,
  notHeldChanges,
  pendingFor,
  recentPendingFor,
  type HeldCoverage,
} from '../data/heldCoverage.ts';
import type { DaftarData } from '../data/daftarData.ts';
import { applySyncedBundle, isSyncRefusal } from './applySyncedBundle.ts';
import { TeamSyncStore, type TeamSyncConfig } from './teamSyncStore.ts';

/** A transport to the hub at `baseUrl` (the platform's hubRequest, fetch, or a test's fake). */
export type TransportFor = (baseUrl: string) => HubTransport;

/**
 * The host's hub request (Platform.hubRequest) as a transport to one hub. A cancelled run stops
 * waiting at once: the answer is rejected with the run's cancel error the moment its signal
 * aborts, not when the request ends (a chunk of 4 MiB on a slow link takes minutes). The web
 * build's fetch is aborted with it; Electron's main cannot abort an invoke (an AbortSignal
 * cannot cross IPC), so there the request may still finish, and its late answer is ignored. That
 * is safe: the hub may or may not have taken a chunk whose answer was dropped, and the next run
 * asks it for the upload's offset before going on.
 */
export function platformTransport(
  baseUrl: string,
  hubRequest: (
    request: {
      url: string;
      method: 'GET' | 'POST' | 'PATCH';
      headers: Record<string, string>;
      body?: Uint8Array;
    },
    signal?: AbortSignalLike,
  ) => Promise<{ status: number; headers: Record<string, string>; body: Uint8Array }>,
): HubTransport {
  const base = baseUrl.replace(/\/+$/, '');
  return ({ method, path, headers, body, signal }) => {
    if (signal?.aborted) return Promise.reject(cancelError(signal));
    const request = { url: base + path, method, headers, ...(body ? { body } : {}) };
    const answer = hubRequest(request, signal).catch((error: unknown) => {
      // The desktop app asked the user before connecting to this hub, and they declined.
      if ((error as { code?: unknown } | null)?.code === 'hub_not_allowed') {
        throw new HubError('not_allowed', (error as Error).message);
      }
      throw error;
    });
    return signal ? untilAborted(answer, signal) : answer;
  };
}

export interface TeamSyncOptions {
  transportFor: TransportFor;
  now?: () => number;
  /** Upload and download chunk size (tests use small ones). */
  chunkBytes?: number;
  /** The largest bundle the hub takes: the protocol's 256 MiB (tests use small ones). */
  maxBundleBytes?: number;
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
   * history only once the hub holds this device's earlier work (recentPendingFor), in full
   * before that.
   */
  async pendingChanges(): Promise<number> {
    const onHub = await this.store.onHub();
    const recent = await recentPendingFor(this.data.db, onHub, this.data.deviceId);
    return recent ?? (await pendingFor(this.data.db, onHub)).changes;
  }

  /**
   * Change sets too large for the hub, passed over (listed until dismissed; each run ends with
   * `tooLargeForHub` while one is listed). They reach the team by file (Exchange).
   */
  async notSentToHub(): Promise<NotSent[]> {
    return this.store.notSent();
  }

  /** A person saw to the change sets not sent (sent them by file): the runs stop saying so. */
  async dismissNotSent(): Promise<void> {
    await this.store.dismissNotSent();
  }

  /**
   * One sync run: pull, then push (in parts when larger than the hub takes). Throws when not
   * joined, when the run stopped, or after it while change sets too large for the hub are listed.
   */
  async run(options: RunOptions = {}): Promise<SyncResult> {
    const config = await this.store.config();
    if (!config) throw new TeamSyncError('notJoined', 'This device has not joined a team yet.');
    const onHub = {
      held: () => this.store.onHub(),
      setHeld: (coverage: HeldCoverage) => this.store.setOnHub(coverage),
    };
    const result = await runSyncCycle({
      client: new HubClient(this.options.transportFor(config.hubUrl), config.token),
      teamId: config.team.id,
      teamKey: config.teamKey,
      memberId: config.member.id,
      state: this.store,
      now: this.now,
      ...(this.options.chunkBytes !== undefined ? { chunkBytes: this.options.chunkBytes } : {}),
      ...(this.options.maxBundleBytes !== undefined
        ? { maxBundleBytes: this.options.maxBundleBytes }
        : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      importBundle: (bytes) => applySyncedBundle(this.data, bytes, onHub, options.signal),
      isRefusal: isSyncRefusal,
      exportPending: (_signal, cut) => this.exportPending(cut, options.signal),
      markPushed: async (marker) => {
        const onHub = await this.store.onHub();
        await this.store.setOnHub(await heldAfterPush(this.data.db, onHub, marker as HeldCoverage));
      },
      onFinished: () => this.store.setLastSuccess(this.now()),
    });
    return result;
  }

  /**
   * A bundle of what the hub is not known to hold; with `cut`, of the oldest `cut.changeSets`
   * pending change sets only (clock order) and every pending custody entry.
   */
  private async exportPending(
    cut: ExportCut | undefined,
    signal: AbortSignal | undefined,
  ): Promise<ExportedPending | null> {
    const db = this.data.db;
    const onHub = await this.store.onHub();
    const pending = await pendingFor(db, onHub);
    if (pending.changes === 0 && pending.custody === 0) return null;
    const oldest = cut || pending.changes === 1 ? await notHeldChanges(db, onHub) : [];
    const upTo = cut ? oldest[Math.max(0, cut.changeSets - 1)]?.hlc : undefined;
    // Taken before the bundle is made, so they claim nothing the bundle might lack: the marker,
    // and for a bundle of one change set, what passing it over would claim.
    const marker: HeldCoverage = await holdingCoverage(db, upTo);
    const first = oldest[0];
    const alone = first && (cut ? cut.changeSets === 1 : pending.changes === 1);
    const passOver = alone ? (await holdingCoverage(db, first.hlc)).changes : null;
    const bundle = await this.data.exchange.exportBundle(
      { kind: 'notHeld', by: 'hub', held: onHub, ...(upTo !== undefined ? { upTo } : {}) },
      signal ? { signal } : {},
    );
    const exported: ExportedPending = {
      bytes: bundle.bytes,
      marker,
      changeSets: bundle.changeSets,
    };
    if (bundle.changeSets === 1 && first && passOver) {
      const record = (await this.data.get(first.kind, first.recordId)) as
        { title?: unknown; name?: unknown } | undefined;
      const title = record?.title ?? record?.name;
      exported.single = {
        item: {
          hlc: first.hlc,
          kind: first.kind,
          recordId: first.recordId,
          title: typeof title === 'string' ? title : '',
        },
        // Its change set alone, as on the hub; the custody entries stay pending.
        passOver: { changes: passOver, custody: {} },
      };
    }
    return exported;
  }
}
