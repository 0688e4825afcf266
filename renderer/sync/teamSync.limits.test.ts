/**
 * A push larger than the hub takes (its bundle limit, made small here): sent in parts, oldest
 * change sets first and every custody entry in the first; a change too large on its own (a
 * source with a big attachment) passed over for the hub and named, to travel by file.
 */
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../shared/bundle/readBundle.ts';
import { emptySource } from '../../shared/domain/source.ts';
import { openForTeam } from '../../shared/teamSync/teamCipher.ts';
import { FakeHub } from '../../shared/teamSync/testing/fakeHub.ts';
import { replicasClosedAfterEach, sendAll } from '../../test/helpers/replica.ts';
import { SyncScheduler, teamSyncTarget } from './syncScheduler.ts';
import { incident, noise, randomFile, syncTeam, type Member } from './testing/syncTeam.ts';

const replica = replicasClosedAfterEach();
const LIMIT = 24 * 1024;

async function limitedTeam(labels: string[]) {
  return syncTeam(replica, labels, {
    hub: new FakeHub({ maxBundleBytes: LIMIT }),
    maxBundleBytes: LIMIT,
  });
}

describe('a push larger than the hub takes', () => {
  it('goes in parts within the limit, oldest first, custody in the first, and arrives whole', async () => {
    const { hub, teamId, teamKey, members } = await limitedTeam(['a', 'b']);
    const [a, b] = members as [Member, Member];
    const { id: sourceId } = await a.r.data.create('source', {
      ...emptySource('2024-05-02'),
      title: 'Photos from the market',
    });
    await a.r.data.addAttachment(sourceId, {
      name: 'market.jpg',
      type: 'image/jpeg',
      bytes: randomFile(2_000),
    });
    for (let i = 0; i < 16; i++) {
      a.r.clock.now += 1_000;
      await a.r.data.create('incident', incident(`Incident ${i}`, { notes: noise(4_000) }));
    }
    expect(await a.r.data.db.custody.count()).toBeGreaterThan(0);
    const whole = await a.r.data.exchange.exportBundle({ kind: 'all' });
    expect(whole.bytes.length).toBeGreaterThan(2 * LIMIT);

    const result = await a.sync.run();
    expect(result.pushed).toBe(18);
    expect(result.parts).toBeGreaterThan(2);
    const parts = [];
    for (const stored of hub.bundlesOf(teamId)) {
      expect(stored.size).toBeLessThanOrEqual(LIMIT);
      const inside = await openForTeam(stored.bytes, teamKey, teamId);
      parts.push(await readBundle(inside, { now: a.r.clock.now + 86_400_000 }));
    }
    expect(parts).toHaveLength(result.parts);
    for (let i = 1; i < parts.length; i++) {
      const before = parts[i - 1]!.changes.map((c) => c.hlc).sort();
      const after = parts[i]!.changes.map((c) => c.hlc).sort();
      expect(before.at(-1)! < after[0]!).toBe(true);
    }
    expect(parts[0]!.custody.length).toBe(await a.r.data.db.custody.count());
    expect(parts.slice(1).every((p) => p.custody.length === 0)).toBe(true);
    expect(await a.sync.pendingChanges()).toBe(0);
    expect((await a.sync.run()).pushed).toBe(0);

    // B's import writes its own custody entries, which go back to A.
    await b.sync.run();
    await a.sync.run();
    expect(await b.r.data.exchange.canonicalExport()).toBe(
      await a.r.data.exchange.canonicalExport(),
    );
  });

  it('splits a resend of a teammate’s work whose older change set arrived by file, without looping', async () => {
    const { members } = await limitedTeam(['a']);
    const [a] = members as [Member];
    const x = await replica('x');
    await x.data.create('incident', incident('Older, by file later'));
    const newer: string[] = [];
    for (let i = 0; i < 8; i++) {
      x.clock.now += 1_000;
      const { id } = await x.data.create('incident', incident(`X ${i}`, { notes: noise(4_000) }));
      newer.push(id);
    }
    // A gets X's newer incidents first, and the hub gets them from A.
    const some = await x.data.exchange.exportBundle({ kind: 'incidents', ids: newer });
    await a.r.data.exchange.applyBundle(await a.r.data.exchange.openBundle(some.bytes));
    await a.sync.run();
    expect(await a.sync.pendingChanges()).toBe(0);
    // Then X's older one by file: the hub may lack some of X's work, so all of it goes again —
    // more than one bundle holds — in parts, each recorded, and then nothing is pending.
    await sendAll(x, a.r);
    expect(await a.sync.pendingChanges()).toBe(9);
    const again = await a.sync.run();
    expect(again.pushed).toBe(9);
    expect(again.parts).toBeGreaterThan(1);
    expect(again.parts).toBeLessThan(6);
    expect(await a.sync.pendingChanges()).toBe(0);
    expect((await a.sync.run()).pushed).toBe(0);
  });

  it('resumes a part cut off by a lost connection, then sends the rest', async () => {
    const { hub, teamId, members } = await limitedTeam(['a', 'b']);
    const [a, b] = members as [Member, Member];
    for (let i = 0; i < 16; i++) {
      a.r.clock.now += 1_000;
      await a.r.data.create('incident', incident(`Incident ${i}`, { notes: noise(4_000) }));
    }
    let created = 0;
    hub.fault = (r) => {
      if (r.method === 'POST' && r.path.endsWith('/uploads')) created++;
      return r.method === 'PATCH' && created === 2 ? 'dropRequest' : undefined;
    };
    await expect(a.sync.run()).rejects.toMatchObject({ code: 'offline' });
    const second = (await a.sync.store.pendingPush())!;
    expect(second.uploadId).toBeDefined();
    expect(hub.bundlesOf(teamId)).toHaveLength(1);
    hub.fault = () => undefined;
    expect((await a.sync.run()).parts).toBeGreaterThan(1);
    expect(hub.bundlesOf(teamId)[1]!.bytes).toEqual(second.envelope);
    expect(await a.sync.pendingChanges()).toBe(0);
    await b.sync.run();
    expect(await b.r.data.exchange.canonicalExport()).toBe(
      await a.r.data.exchange.canonicalExport(),
    );
  });
});

describe('a change too large for the hub on its own', () => {
  it('is passed over and named in the status until dismissed; the rest goes; a file carries it', async () => {
    const { hub, teamId, members } = await limitedTeam(['a', 'b']);
    const [a, b] = members as [Member, Member];
    await a.r.data.create('incident', incident('Before the photo'));
    const { id: sourceId } = await a.r.data.create('source', {
      ...emptySource('2024-05-02'),
      title: 'Video of the attack',
    });
    await a.r.data.addAttachment(sourceId, {
      name: 'attack.mp4',
      type: 'video/mp4',
      bytes: randomFile(2 * LIMIT),
    });
    const { id: after } = await a.r.data.create('incident', incident('After the photo'));

    const env = {
      isOnline: () => true,
      onOnline: () => () => {},
      setTimer: () => 0,
      clearTimer: () => {},
      now: () => a.r.clock.now,
    };
    const scheduler = new SyncScheduler(teamSyncTarget(a.sync), env);
    const status = await scheduler.syncNow();
    expect(status).toMatchObject({
      kind: 'error',
      code: 'tooLargeForHub',
      messageKey: 'teamSync.errors.tooLargeForHub',
      params: { count: 1, name: 'Video of the attack', kind: 'source', recordId: sourceId },
    });
    expect(status.kind === 'error' && status.message).toMatch(
      /Video of the attack.*more than the hub takes.*by file \(Exchange\)/,
    );
    expect(await a.sync.notSentToHub()).toEqual([
      expect.objectContaining({ kind: 'source', recordId: sourceId, title: 'Video of the attack' }),
    ]);
    expect(await a.sync.store.lastSuccess()).toBe(a.r.clock.now);
    for (const stored of hub.bundlesOf(teamId)) expect(stored.size).toBeLessThanOrEqual(LIMIT);

    // Everything else reached the team: the source itself, the incidents on both sides of it.
    await b.sync.run();
    expect((await b.r.data.get('incident', after))?.title).toBe('After the photo');
    expect((await b.r.data.get('source', sourceId))?.attachments).toEqual([]);

    // The status keeps saying so, and nothing is sent again for it.
    const bundles = hub.bundlesOf(teamId).length;
    expect(await scheduler.syncNow()).toMatchObject({ kind: 'error', code: 'tooLargeForHub' });
    expect(hub.bundlesOf(teamId)).toHaveLength(bundles);

    // It travels by file; dismissed, the runs are up to date again.
    await sendAll(a.r, b.r);
    expect((await b.r.data.get('source', sourceId))?.attachments).toHaveLength(1);
    await a.sync.dismissNotSent();
    expect(await scheduler.syncNow()).toMatchObject({ kind: 'upToDate' });
  });
});
