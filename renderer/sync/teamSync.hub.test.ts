/**
 * Two profiles syncing through the real hub (hub/src/server.ts) over HTTP on 127.0.0.1, with the
 * same client as the app (fetch transport). Skipped, with the reason printed, when the hub's
 * module or its native dependencies are not there.
 */
import { describe, expect, it } from 'vitest';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { fetchTransport, type FetchLike } from '../../shared/teamSync/hubTransport.ts';
import { createInvite } from '../../shared/teamSync/invite.ts';
import { generateTeamKey } from '../../shared/teamSync/teamCipher.ts';
import { listeningHubs } from '../../test/helpers/listeningHub.ts';
import { replicasClosedAfterEach } from '../../test/helpers/replica.ts';
import { TeamSync } from './teamSync.ts';

const startHub = await listeningHubs('the real-hub sync test');

const replica = replicasClosedAfterEach();
describe.skipIf(startHub === null)('team sync through the real hub over HTTP', () => {
  it('brings an edit from one profile to the other, conflicts included, and then sends nothing', async () => {
    const { t, base } = await startHub!();
    const created = (await t.admin('POST', '/v1/admin/teams', { name: 'Mazar team' })).json() as {
      team: { id: string };
    };
    const teamId = created.team.id;
    const code = async () =>
      (
        (await t.admin('POST', `/v1/admin/teams/${teamId}/invites`, {})).json() as {
          invite: { code: string };
        }
      ).invite.code;
    const teamKey = generateTeamKey();
    const transportFor = (url: string) => fetchTransport(url, fetch as unknown as FetchLike);

    const a = await replica('a');
    const b = await replica('b');
    const syncA = new TeamSync(a.data, { transportFor, now: () => a.clock.now, chunkBytes: 4_096 });
    const syncB = new TeamSync(b.data, { transportFor, now: () => b.clock.now, chunkBytes: 4_096 });
    await syncA.join({ hubUrl: base, code: await code(), teamKey, deviceName: 'Laptop A' });
    const invite = await createInvite(
      {
        hubUrl: base,
        team: { id: teamId, name: 'Mazar team' },
        code: await code(),
        teamKey,
        passphrase: 'p',
      },
      { iterations: 1_000, testOnlyAllowWeakKdf: true },
    );
    await syncB.joinWithInvite(invite, 'p', 'Laptop B', { testOnlyAllowWeakKdf: true });

    const { id } = await a.data.create('incident', {
      ...emptyIncident('2024-05-01'),
      title: 'Road closed',
      notes: 'n'.repeat(20_000),
    });
    await syncA.run();
    await syncB.run();
    expect((await b.data.get('incident', id))?.title).toBe('Road closed');

    a.clock.now += 1_000;
    b.clock.now += 2_000;
    await a.data.update('incident', id, { title: 'Road closed at the bridge' });
    await b.data.update('incident', id, { title: 'Road open again' });
    for (let i = 0; i < 2; i++) for (const s of [syncA, syncB]) await s.run();
    expect((await b.data.exchange.conflicts()).map((c) => c.field)).toEqual(['title']);
    expect(await b.data.exchange.canonicalExport()).toBe(await a.data.exchange.canonicalExport());
    expect([(await syncA.run()).pushed, (await syncB.run()).pushed]).toEqual([0, 0]);
  });
});
