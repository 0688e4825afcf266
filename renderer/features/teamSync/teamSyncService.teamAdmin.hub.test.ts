/**
 * The lead's tokens in the team service, against the real hub over HTTP on 127.0.0.1: the hub's
 * admin token (the operator's) is sent once, to create the team, and never kept; the team admin
 * token the hub answers makes the invites, is shown once, and is asked for again after a
 * restart; an invite withdrawn from here no longer lets anyone join. Skipped, with the reason
 * printed, when the hub's module or its native dependencies are not there.
 */
import { describe, expect, it } from 'vitest';
import {
  fetchTransport,
  type FetchLike,
  type HubTransport,
} from '../../../shared/teamSync/hubTransport.ts';
import { listeningHubs, onDemandEnv } from '../../../test/helpers/listeningHub.ts';
import { replicasClosedAfterEach } from '../../../test/helpers/replica.ts';
import { explainRefusedToken } from './adminTokenRefusal.ts';
import { errorMessage } from './syncStatusText.ts';
import { TeamSyncService } from './teamSyncService.ts';

const startHub = await listeningHubs('the team admin token test');

const replica = replicasClosedAfterEach();
async function fail(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('no error'),
    (e: unknown) => e,
  );
}

describe.skipIf(startHub === null)('the team admin token in the team service', () => {
  it('uses the hub token only to create the team, then invites and withdraws with the team token', async () => {
    const { t, base } = await startHub!();
    const sent: { path: string; authorization: string | undefined }[] = [];
    const transportFor = (url: string): HubTransport => {
      const inner = fetchTransport(url, fetch as unknown as FetchLike);
      return (request) => {
        sent.push({ path: request.path, authorization: request.headers['authorization'] });
        return inner(request);
      };
    };

    const a = await replica('a', 'Mariam');
    const b = await replica('b', 'Bashir');
    const lead = new TeamSyncService(a.data, transportFor, onDemandEnv);
    const member = new TeamSyncService(b.data, transportFor, onDemandEnv);
    expect(lead.newTeamAdminToken).toBeNull();
    const config = await lead.setUpTeam({
      hubUrl: base,
      adminToken: t.adminToken,
      teamName: 'Team 3',
      deviceName: 'Laptop M',
    });
    const teamToken = lead.newTeamAdminToken;
    expect(teamToken).toMatch(/^dft_[A-Za-z0-9_-]{43}$/);
    expect(teamToken).not.toBe(t.adminToken);
    expect(lead.hasAdminToken).toBe(true);

    const invite = await lead.createMemberInvite('four spoken words');
    expect(invite.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const withOperator = sent.filter((r) => r.authorization === `Bearer ${t.adminToken}`);
    expect(withOperator.map((r) => r.path)).toEqual(['/v1/admin/token', '/v1/admin/teams']);
    expect(sent.filter((r) => r.authorization === `Bearer ${teamToken}`).length).toBe(2);

    // Saved: not shown again, still at hand for invites.
    lead.dismissNewTeamAdminToken();
    expect(lead.newTeamAdminToken).toBeNull();
    expect(lead.hasAdminToken).toBe(true);

    // Withdrawn: the member's join is refused like an expired invite, and nothing joins.
    await lead.withdrawMemberInvite(invite.id!);
    const refused = await fail(member.joinWithInvite(invite.text, 'four spoken words', 'B'));
    expect(refused).toMatchObject({ code: 'invite_invalid' });
    expect(await member.sync.joined()).toBe(false);

    // After a restart the team admin token is typed again; another team's is refused plainly.
    const restarted = new TeamSyncService(a.data, transportFor, onDemandEnv);
    expect(restarted.hasAdminToken).toBe(false);
    expect(restarted.newTeamAdminToken).toBeNull();
    const other = await t.team('Other', []);
    const wrong = await fail(restarted.createMemberInvite('four spoken words', other.adminToken));
    expect(errorMessage(explainRefusedToken(wrong, 'team')).key).toBe(
      'teamSync.errors.teamAdminTokenRefused',
    );
    expect(restarted.hasAdminToken).toBe(false);
    const again = await restarted.createMemberInvite('four spoken words', teamToken!);
    await member.joinWithInvite(again.text, 'four spoken words', 'Laptop B');
    expect((await member.sync.store.config())?.team.id).toBe(config.team.id);
    restarted.stop();
    member.stop();
    lead.stop();
  });

  it('uses the team it created again when set-up failed after creating it', async () => {
    const { t, base } = await startHub!();
    const paths: string[] = [];
    let joinFails = true;
    const transportFor = (url: string): HubTransport => {
      const inner = fetchTransport(url, fetch as unknown as FetchLike);
      return (request) => {
        paths.push(request.path);
        if (request.path === '/v1/join' && joinFails) {
          joinFails = false;
          return Promise.reject(new Error('The connection dropped.'));
        }
        return inner(request);
      };
    };
    const a = await replica('a', 'Mariam');
    const lead = new TeamSyncService(a.data, transportFor, onDemandEnv);
    const input = { hubUrl: base, adminToken: t.adminToken, teamName: 'Team 3', deviceName: 'M' };
    expect(await fail(lead.setUpTeam(input))).toMatchObject({ code: 'offline' });
    const config = await lead.setUpTeam(input);
    expect(paths.filter((p) => p === '/v1/admin/teams')).toHaveLength(1);
    expect(lead.newTeamAdminToken).toMatch(/^dft_/);
    expect(config.team.name).toBe('Team 3');
    lead.stop();
  });

  it('sets up with a team admin token the operator handed over, never holding the operator token', async () => {
    const { t, base } = await startHub!();
    const handed = await t.team('Made by the operator', []);
    const paths: string[] = [];
    const transportFor = (url: string): HubTransport => {
      const inner = fetchTransport(url, fetch as unknown as FetchLike);
      return (request) => {
        paths.push(`${request.method} ${request.path}`);
        return inner(request);
      };
    };
    const a = await replica('a', 'Mariam');
    const lead = new TeamSyncService(a.data, transportFor, onDemandEnv);
    const config = await lead.setUpTeam({
      hubUrl: base,
      adminToken: handed.adminToken,
      teamName: 'Ignored',
      deviceName: 'M',
    });
    expect(config.team).toEqual({ id: handed.id, name: 'Made by the operator' });
    expect(paths).not.toContain('POST /v1/admin/teams');
    // Already in the lead's hands: nothing to show once; invites work with it.
    expect(lead.newTeamAdminToken).toBeNull();
    expect((await lead.createMemberInvite('four spoken words')).text).toMatch(/^daftar-invite:1:/);
    lead.stop();
  });
});
