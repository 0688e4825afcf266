/**
 * A hub restored from an older backup that has since taken new bundles past this device's seq:
 * recognised from the SHA-256 and sender kept with the seq, so its renumbered bundles are not
 * skipped for good; state kept before the hash was is checked from its second run on.
 */
import { describe, expect, it } from 'vitest';
import { replicasClosedAfterEach } from '../../test/helpers/replica.ts';
import { incident, syncTeam, type Member } from './testing/syncTeam.ts';

const replica = replicasClosedAfterEach();

describe('a hub restored from an older backup', () => {
  it('stops the run when the hub lists another bundle under the seq handled last', async () => {
    const { hub, teamId, members } = await syncTeam(replica, ['a', 'b', 'c']);
    const [a, b, c] = members as [Member, Member, Member];
    await a.r.data.create('incident', incident('First'));
    await a.sync.run();
    await c.sync.run();
    await a.r.data.create('incident', incident('Second'));
    await a.sync.run();
    await b.sync.run();
    expect(await b.sync.store.appliedSeq()).toBe(2);
    expect(await b.sync.store.appliedBundle()).toEqual({
      seq: 2,
      sha256: hub.bundlesOf(teamId)[1]!.sha256,
      member: (await a.sync.store.config())!.member.id,
    });

    // Restored to bundle 1; C's work since is numbered 2 and 3.
    hub.restore(teamId, 1);
    const { id } = await c.r.data.create('incident', incident('Sent after the restore'));
    await c.sync.run();
    await c.r.data.create('incident', incident('And one more'));
    await c.sync.run();
    expect(hub.bundlesOf(teamId).map((x) => x.seq)).toEqual([1, 2, 3]);

    const stopped = await b.sync.run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(stopped).toMatchObject({
      code: 'hubWentBack',
      messageKey: 'teamSync.errors.hubWentBackRenumbered',
      params: { head: 3, applied: 2 },
    });
    expect(await b.sync.store.appliedSeq()).toBe(2);
    expect(await b.r.data.get('incident', id)).toBeUndefined();
  });

  it('checks from the second run on when the stored state has no hash yet', async () => {
    const { hub, teamId, members } = await syncTeam(replica, ['a', 'b', 'c']);
    const [a, b, c] = members as [Member, Member, Member];
    await a.r.data.create('incident', incident('First'));
    await a.sync.run();
    await b.sync.run();
    // As an earlier version kept it: the seq alone.
    await b.sync.store.setAppliedSeq(1);
    expect(await b.sync.store.appliedBundle()).toBeNull();
    await b.sync.run();
    expect(await b.sync.store.appliedBundle()).toMatchObject({
      seq: 1,
      sha256: hub.bundlesOf(teamId)[0]!.sha256,
    });

    hub.restore(teamId, 0);
    await c.r.data.create('incident', incident('Numbered 1 again'));
    await c.sync.run();
    await expect(b.sync.run()).rejects.toMatchObject({ code: 'hubWentBack' });
  });
});
