/**
 * Three profiles of one team on a LiveHub, for the team-sync convergence test: each a replica
 * (test/helpers/replica.ts) with the app's TeamSync over a faulty transport of its own, joined
 * with an invite code; the bundles each applied are recorded, in order. Also one sync run that
 * tolerates an outage, and syncing in turn until nothing moves.
 */
import { expect } from 'vitest';
import { TeamSync } from '../../../renderer/sync/teamSync.ts';
import { isHubError } from '../../../shared/teamSync/hubError.ts';
import { generateTeamKey } from '../../../shared/teamSync/teamCipher.ts';
import { applyEditStep, type EditStep } from '../../helpers/editSteps.ts';
import { openReplica, type Replica } from '../../helpers/replica.ts';
import { faultyTransport, type CutCounts, type Faults, type PatchLog } from './faultyTransport.ts';
import type { LiveHub } from './liveHub.ts';

/** The upload chunk size: small, so a bundle with big notes takes several chunks. */
const CHUNK = 2_048;

export interface Stats extends CutCounts {
  restartsHalfDone: number;
  /** Runs that ended with at least one conflict (identical on every profile). */
  runsWithConflicts: number;
  offlineRuns: number;
  syncRuns: number;
}

export function newStats(): Stats {
  return {
    uploadCuts: 0,
    downloadCuts: 0,
    restartsHalfDone: 0,
    runsWithConflicts: 0,
    offlineRuns: 0,
    syncRuns: 0,
  };
}

export interface Member {
  r: Replica;
  sync: TeamSync;
  faults: Faults;
  /** Bundles applied from the hub, as the runs that finished counted them. */
  pulled: number;
  /** The id of every bundle applyBundle was called with and finished, in order. */
  applied: string[];
  memberId: string;
  token: string;
}

/**
 * A new team on `hub` and profiles a, b and c joined to it, pushed to `members` as they open
 * (so the caller closes every one, should a later one fail); answers the team's id.
 */
export async function joinTeam(
  hub: LiveHub,
  members: Member[],
  patches: PatchLog[],
  stats: Stats,
): Promise<string> {
  const { team } = (await hub.call(hub.adminToken, 'POST', '/v1/admin/teams', {
    name: 'Balkh team',
  })) as {
    team: { id: string };
  };
  const teamKey = generateTeamKey();
  for (const label of ['a', 'b', 'c']) {
    const r = await openReplica(label);
    const faults: Faults = { offline: false, cutUpload: null, cutDownloadAfter: null };
    const sync = new TeamSync(r.data, {
      transportFor: (url) => {
        expect(url).toBe(hub.base);
        return faultyTransport(faults, patches, hub, stats);
      },
      now: () => r.clock.now,
      chunkBytes: CHUNK,
    });
    const applied: string[] = [];
    const exchange = r.data.exchange;
    const apply = exchange.applyBundle.bind(exchange);
    exchange.applyBundle = async (plan, options) => {
      const report = await apply(plan, options);
      applied.push(plan.bundle.manifest.bundleId);
      return report;
    };
    const { invite } = (await hub.call(
      hub.adminToken,
      'POST',
      `/v1/admin/teams/${team.id}/invites`,
      {},
    )) as {
      invite: { code: string };
    };
    const config = await sync.join({
      hubUrl: hub.base,
      code: invite.code,
      teamKey,
      deviceName: `Laptop ${label}`,
    });
    members.push({
      r,
      sync,
      faults,
      pulled: 0,
      applied,
      memberId: config.member.id,
      token: config.token,
    });
  }
  return team.id;
}

/** An edit on a profile, a second after its last one (a clash: on both profiles). */
export function editOn(members: readonly Member[], step: EditStep): Promise<void> {
  return applyEditStep(
    members.map((m) => m.r),
    step,
    1_000,
  );
}

/** One sync run; an outage (the transport failing) is expected, anything else fails the test. */
export async function syncOnce(m: Member, stats: Stats): Promise<boolean> {
  stats.syncRuns++;
  try {
    const result = await m.sync.run();
    m.pulled += result.pulled;
    expect(result.refused).toEqual([]);
    return true;
  } catch (error) {
    if (isHubError(error) && error.code === 'offline') {
      stats.offlineRuns++;
      return false;
    }
    throw error;
  }
}

/**
 * Every fault cleared; the profiles sync in turn until a whole round moves nothing (or `rounds`
 * rounds have passed); answers whether it went quiet. A bundle refused fails the test.
 */
export async function syncUntilQuiet(members: readonly Member[], rounds = 8): Promise<boolean> {
  for (const { faults } of members) {
    faults.offline = false;
    faults.cutUpload = null;
    faults.cutDownloadAfter = null;
  }
  let quiet = false;
  for (let round = 0; round < rounds && !quiet; round++) {
    quiet = true;
    for (const m of members) {
      const before = m.pulled;
      const result = await m.sync.run();
      m.pulled += result.pulled;
      expect(result.refused).toEqual([]);
      if (result.pushed > 0 || m.pulled > before) quiet = false;
    }
  }
  return quiet;
}
