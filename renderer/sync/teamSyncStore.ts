/**
 * Where team sync keeps its state on this device: in the profile's settings (through DaftarData,
 * so only renderer/data touches Dexie), under `teamSync.*` keys — the team's hub and this
 * device's membership (hub URL, team, member, token, team key), the seq of the last hub bundle
 * handled (and that bundle's SHA-256 and sender, to recognise a hub restored from a backup), the
 * upload in progress, what the hub is known to hold (heldCoverage.ts), the bundles refused, the
 * change sets too large for the hub (not sent), and when the last run succeeded.
 *
 * The member token and the team key are stored as they are, like the rest of the profile until
 * issue 8 puts it behind the app lock: both must get encryption at rest there.
 */
import type { DaftarData } from '../data/daftarData.ts';
import { NOTHING_HELD, type HeldCoverage } from '../data/heldCoverage.ts';
import type {
  HandledBundle,
  NotSent,
  PendingPush,
  Refusal,
  SyncStateStore,
} from '../../shared/teamSync/syncCycle.ts';
import { fromBase64Url, toBase64Url } from '../../shared/teamSync/webCrypto.ts';

export interface TeamSyncConfig {
  hubUrl: string;
  team: { id: string; name: string };
  member: { id: string; name: string };
  token: string;
  teamKey: Uint8Array;
  joinedAt: string;
}

interface StoredConfig extends Omit<TeamSyncConfig, 'teamKey'> {
  teamKey: string;
}

const KEY = {
  config: 'teamSync.config',
  appliedSeq: 'teamSync.appliedSeq',
  appliedBundle: 'teamSync.appliedBundle',
  pendingPush: 'teamSync.pendingPush',
  onHub: 'teamSync.onHub',
  refusals: 'teamSync.refusals',
  lastSuccess: 'teamSync.lastSuccess',
  notSent: 'teamSync.notSent',
} as const;

/** The most recent refusals kept for the UI; older ones are dropped. */
export const MAX_REFUSALS_KEPT = 200;

export class TeamSyncStore implements SyncStateStore {
  constructor(private readonly data: DaftarData) {}

  async config(): Promise<TeamSyncConfig | null> {
    const stored = await this.data.getSetting<StoredConfig>(KEY.config);
    if (!stored) return null;
    return { ...stored, teamKey: fromBase64Url(stored.teamKey) };
  }

  /** Join a team: remember it, and start its sync state afresh. */
  async saveConfig(config: TeamSyncConfig): Promise<void> {
    const stored: StoredConfig = { ...config, teamKey: toBase64Url(config.teamKey) };
    await this.data.setSetting(KEY.appliedSeq, 0);
    await this.data.setSetting(KEY.appliedBundle, null);
    await this.data.setSetting(KEY.pendingPush, null);
    await this.data.setSetting(KEY.notSent, []);
    await this.data.setSetting(KEY.onHub, NOTHING_HELD);
    await this.data.setSetting(KEY.refusals, []);
    await this.data.setSetting(KEY.config, stored);
  }

  /** Leave the team: forget the hub, token and key (the records stay). */
  async forget(): Promise<void> {
    for (const key of Object.values(KEY)) await this.data.setSetting(key, null);
  }

  async appliedSeq(): Promise<number> {
    return (await this.data.getSetting<number>(KEY.appliedSeq)) ?? 0;
  }

  /**
   * The bundle is written first: a stop between the two leaves a bundle of another seq, which
   * the next run takes as none (not checked once, then kept), never a wrong one checked.
   */
  async setAppliedSeq(seq: number, bundle?: HandledBundle): Promise<void> {
    await this.data.setSetting(KEY.appliedBundle, bundle ?? null);
    await this.data.setSetting(KEY.appliedSeq, seq);
  }

  async appliedBundle(): Promise<HandledBundle | null> {
    return (await this.data.getSetting<HandledBundle>(KEY.appliedBundle)) ?? null;
  }

  async pendingPush(): Promise<PendingPush | null> {
    return (await this.data.getSetting<PendingPush>(KEY.pendingPush)) ?? null;
  }

  async setPendingPush(push: PendingPush | null): Promise<void> {
    await this.data.setSetting(KEY.pendingPush, push);
  }

  async onHub(): Promise<HeldCoverage> {
    return (await this.data.getSetting<HeldCoverage>(KEY.onHub)) ?? NOTHING_HELD;
  }

  async setOnHub(coverage: HeldCoverage): Promise<void> {
    await this.data.setSetting(KEY.onHub, coverage);
  }

  async refusals(): Promise<Refusal[]> {
    return (await this.data.getSetting<Refusal[]>(KEY.refusals)) ?? [];
  }

  async recordRefusal(refusal: Refusal): Promise<void> {
    const list = [...(await this.refusals()), refusal].slice(-MAX_REFUSALS_KEPT);
    await this.data.setSetting(KEY.refusals, list);
  }

  /** Change sets passed over as too large for the hub, until a person dismisses them. */
  async notSent(): Promise<NotSent[]> {
    return (await this.data.getSetting<NotSent[]>(KEY.notSent)) ?? [];
  }

  async recordNotSent(item: NotSent): Promise<void> {
    const list = (await this.notSent()).filter((kept) => kept.hlc !== item.hlc);
    await this.data.setSetting(KEY.notSent, [...list, item].slice(-MAX_REFUSALS_KEPT));
  }

  async dismissNotSent(): Promise<void> {
    await this.data.setSetting(KEY.notSent, []);
  }

  async lastSuccess(): Promise<number | null> {
    return (await this.data.getSetting<number>(KEY.lastSuccess)) ?? null;
  }

  async setLastSuccess(at: number): Promise<void> {
    await this.data.setSetting(KEY.lastSuccess, at);
  }
}
