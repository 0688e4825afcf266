/**
 * The team page's service against the real hub (hub/src/server.ts) over HTTP on 127.0.0.1: the
 * lead's set-up through the admin API, an invite, a member joining (a wrong passphrase first),
 * "Sync now" bringing an incident across, leaving, and no request at all before joining.
 * Skipped, with the reason printed, when the hub's module or its native dependencies are not
 * there.
 */
import { describe, expect, it } from 'vitest';
import { emptyIncident } from '../../../shared/domain/incident.ts';
import {
  fetchTransport,
  type FetchLike,
  type HubTransport,
} from '../../../shared/teamSync/hubTransport.ts';
import { listeningHubs, onDemandEnv } from '../../../test/helpers/listeningHub.ts';
import { replicasClosedAfterEach } from '../../../test/helpers/replica.ts';
import { TeamSyncService } from './teamSyncService.ts';

const startHub = await listeningHubs('the team service test');

const replica = replicasClosedAfterEach();
async function fail(promise: Promise<unknown>): Promise<{ code?: string }> {
  return promise.then(
    () => ({ code: 'no error' }),
    (e: unknown) => e as { code?: string },
  );
}

describe.skipIf(startHub === null)('the team sync service with a real hub', () => {
  it('sets up a team, invites, joins, syncs and leaves — and sends nothing before joining', async () => {
    const { t, base } = await startHub!();
    const requests: string[] = [];
    const transportFor = (url: string): HubTransport => {
      const inner = fetchTransport(url, fetch as unknown as FetchLike);
      return (request) => {
        requests.push(`${request.method} ${request.path.split('?')[0]}`);
        return inner(request);
      };
    };

    const a = await replica('a', 'Mariam');
    const b = await replica('b', 'Bashir');
    const lead = new TeamSyncService(a.data, transportFor, onDemandEnv);
    const member = new TeamSyncService(b.data, transportFor, onDemandEnv);
    await lead.start();
    await member.start();
    expect(await lead.syncNow()).toEqual({ kind: 'notJoined' });
    expect(requests).toEqual([]);

    // A wrong admin token creates nothing and joins nothing.
    const wrong = `dft_${'x'.repeat(43)}`;
    const refused = await fail(
      lead.setUpTeam({ hubUrl: base, adminToken: wrong, teamName: 'Team 3', deviceName: 'M' }),
    );
    expect(refused.code).toBe('unauthorized');
    expect(await lead.sync.joined()).toBe(false);
    expect(lead.hasAdminToken).toBe(false);

    const config = await lead.setUpTeam({
      hubUrl: `${base}/`,
      adminToken: ` ${t.adminToken} `,
      teamName: ' Team 3 ',
      deviceName: 'Laptop M',
    });
    expect([config.team.name, config.member.name, config.hubUrl]).toEqual([
      'Team 3',
      'Laptop M',
      base,
    ]);
    expect(lead.hasAdminToken).toBe(true);
    expect((await lead.syncNow()).kind).toBe('upToDate');

    const invite = await lead.createMemberInvite('four spoken words');
    expect(invite.text).toMatch(/^daftar-invite:1:/);
    expect(await fail(member.joinWithInvite(invite.text, 'wrong words', 'Laptop B'))).toMatchObject(
      { code: 'wrongInvitePassphrase' },
    );
    await member.joinWithInvite(` ${invite.text}\n`, 'four spoken words', ' Laptop B ');
    expect((await member.sync.store.config())?.member.name).toBe('Laptop B');

    const { id } = await a.data.create('incident', {
      ...emptyIncident('2024-05-01'),
      title: 'Raid',
    });
    expect(await lead.sync.pendingChanges()).toBe(1);
    expect((await lead.syncNow()).kind).toBe('upToDate');
    expect((await member.syncNow()).kind).toBe('upToDate');
    expect((await b.data.get('incident', id))?.title).toBe('Raid');
    expect(member.status.kind).toBe('upToDate');

    // Leaving forgets the membership, keeps the records, and sends nothing more.
    await member.leave();
    expect(member.status).toEqual({ kind: 'notJoined' });
    expect(await member.sync.store.config()).toBeNull();
    expect((await b.data.get('incident', id))?.title).toBe('Raid');
    const before = requests.length;
    expect(await member.syncNow()).toEqual({ kind: 'notJoined' });
    expect(requests.length).toBe(before);

    // After a restart the admin token is gone: an invite needs it typed again.
    const restarted = new TeamSyncService(a.data, transportFor, onDemandEnv);
    await restarted.start();
    expect(restarted.hasAdminToken).toBe(false);
    await expect(restarted.createMemberInvite('four spoken words')).rejects.toThrow(
      /admin token is needed/,
    );
    expect((await restarted.createMemberInvite('four spoken words', t.adminToken)).text).toMatch(
      /^daftar-invite:1:/,
    );
    restarted.stop();
    lead.stop();
  });
});
