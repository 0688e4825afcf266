import { describe, expect, it } from 'vitest';
import { readBundle } from '../../shared/bundle/readBundle.ts';
import { emptyIncident, type IncidentFields } from '../../shared/domain/incident.ts';
import { emptySource } from '../../shared/domain/source.ts';
import { createInvite } from '../../shared/teamSync/invite.ts';
import { generateTeamKey, openForTeam, sealForTeam } from '../../shared/teamSync/teamCipher.ts';
import { FakeHub } from '../../shared/teamSync/testing/fakeHub.ts';
import { utf8 } from '../../shared/teamSync/webCrypto.ts';
import { replicasClosedAfterEach, type Replica } from '../../test/helpers/replica.ts';
import { pendingFor, recentPendingFor } from '../data/heldCoverage.ts';
import { SyncScheduler, teamSyncTarget } from './syncScheduler.ts';
import { TeamSync } from './teamSync.ts';

const replica = replicasClosedAfterEach();
const WEAK = { iterations: 1_000, testOnlyAllowWeakKdf: true } as const;
const HUB_URL = 'https://hub.example.org';

const incident = (title: string, patch: Partial<IncidentFields> = {}): IncidentFields => ({
  ...emptyIncident('2024-05-01'),
  title,
  ...patch,
});

interface Member {
  r: Replica;
  sync: TeamSync;
}

/** A hub, a team whose lead is the first profile, and the others joined by invite. */
async function team(labels: string[], authors: string[] = labels) {
  const hub = new FakeHub();
  const teamId = hub.createTeam('Herat team');
  const teamKey = generateTeamKey();
  const members: Member[] = [];
  for (const [i, label] of labels.entries()) {
    const r = await replica(label, authors[i]);
    const sync = new TeamSync(r.data, {
      transportFor: (url) => {
        expect(url).toBe(HUB_URL);
        return hub.transport;
      },
      now: () => r.clock.now,
      chunkBytes: 2_048,
    });
    if (i === 0) {
      await sync.join({
        hubUrl: HUB_URL,
        code: hub.createInvite(teamId),
        teamKey,
        deviceName: `Laptop ${label}`,
      });
    } else {
      const text = await createInvite(
        {
          hubUrl: HUB_URL,
          team: { id: teamId, name: 'Herat team' },
          code: hub.createInvite(teamId),
          teamKey,
          passphrase: 'spoken words',
        },
        WEAK,
      );
      await sync.joinWithInvite(text, 'spoken words', `Laptop ${label}`, WEAK);
    }
    members.push({ r, sync });
  }
  return { hub, teamId, teamKey, members };
}

/** Sync every member in turn, `rounds` times. */
async function rounds(members: Member[], n = 2) {
  const pushed: number[] = [];
  for (let i = 0; i < n; i++) for (const m of members) pushed.push((await m.sync.run()).pushed);
  return pushed;
}

const exported = (m: Member) => m.r.data.exchange.canonicalExport();

describe('team sync through a hub', () => {
  it('brings edits on one laptop to the others, and then sends nothing more', async () => {
    const { hub, teamId, members } = await team(['a', 'b', 'c']);
    const [a, b, c] = members as [Member, Member, Member];
    const { id } = await a.r.data.create('incident', incident('Attack on a checkpoint'));
    const { id: sourceId } = await a.r.data.create('source', {
      ...emptySource('2024-05-02'),
      title: 'Pajhwok report',
    });
    await a.r.data.link(id, sourceId, ['date']);
    await a.r.data.addAttachment(sourceId, {
      name: 'photo.jpg',
      type: 'image/jpeg',
      bytes: new Uint8Array([1, 2, 3]),
    });
    expect(await a.sync.pendingChanges()).toBeGreaterThan(0);

    expect((await a.sync.run()).pushed).toBeGreaterThan(0);
    expect(await a.sync.pendingChanges()).toBe(0);
    // B sends none of what it pulled back: only the custody entries its import wrote.
    expect(await b.sync.run()).toMatchObject({ pulled: 1, pushed: 0 });
    expect(hub.bundlesOf(teamId)).toHaveLength(2);
    expect((await b.r.data.get('incident', id))?.title).toBe('Attack on a checkpoint');
    await c.sync.run();
    expect(
      await c.r.data.attachmentBytes(
        (await c.r.data.get('source', sourceId))!.attachments[0]!.sha256,
      ),
    ).toEqual(new Uint8Array([1, 2, 3]));

    // B and C send back only their own "imported" custody entries; then everyone is level.
    await rounds(members, 2);
    const bundles = hub.bundlesOf(teamId).length;
    expect(await rounds(members, 2)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(hub.bundlesOf(teamId)).toHaveLength(bundles);
    expect(await exported(b)).toBe(await exported(a));
    expect(await exported(c)).toBe(await exported(a));
    // Each bundle applied once: the bundle log has one row per bundle of the others.
    for (const m of members) {
      const log = await m.r.data.db.bundleLog.toArray();
      expect(new Set(log.map((l) => l.id)).size).toBe(log.length);
      expect(log.every((l) => l.device !== m.r.data.deviceId)).toBe(true);
    }
  });

  it('keeps concurrent edits of one field as a conflict in the Conflicts view', async () => {
    const { members } = await team(['a', 'b']);
    const [a, b] = members as [Member, Member];
    const { id } = await a.r.data.create('incident', incident('Explosion in Kabul'));
    await rounds(members, 1);
    a.r.clock.now += 1_000;
    b.r.clock.now += 2_000;
    await a.r.data.update('incident', id, { title: 'Explosion in Kabul, 3 killed' });
    await b.r.data.update('incident', id, { title: 'Explosion near Kabul airport' });
    await rounds(members, 2);
    for (const m of [a, b]) {
      const conflicts = await m.r.data.exchange.conflicts();
      expect(conflicts.map((x) => [x.field, x.versions.map((v) => v.value).sort()])).toEqual([
        ['title', ['Explosion in Kabul, 3 killed', 'Explosion near Kabul airport']],
      ]);
    }
  });

  it('sends teammates’ change sets that came by USB, since the hub may not have them', async () => {
    const { teamId, hub, members } = await team(['a', 'b']);
    const [a, b] = members as [Member, Member];
    const outsider = await replica('x', 'Field researcher without a hub');
    const { id } = await outsider.data.create('incident', incident('Reported by USB'));
    const usb = await outsider.data.exchange.exportBundle({ kind: 'all' });
    await a.r.data.exchange.applyBundle(await a.r.data.exchange.openBundle(usb.bytes));
    await a.sync.run();
    await b.sync.run();
    expect((await b.r.data.get('incident', id))?.title).toBe('Reported by USB');
    expect(hub.bundlesOf(teamId)).toHaveLength(1);
  });

  it('refuses a bundle that is corrupt or sealed with another key, says why, and applies the next', async () => {
    const { hub, teamId, teamKey, members } = await team(['a', 'b']);
    const [a, b] = members as [Member, Member];
    const memberA = (await a.sync.store.config())!.member.id;
    await hub.plant(
      teamId,
      memberA,
      await sealForTeam(utf8('PK not really a zip'), teamKey, teamId),
    );
    await hub.plant(teamId, memberA, await sealForTeam(utf8('x'), generateTeamKey(), teamId));
    const { id } = await a.r.data.create('incident', incident('Arrived after the junk'));
    // A's own uploads are passed over by A: plant them as another member's for B's sake.
    await a.sync.run();
    const result = await b.sync.run();
    expect(result.refused.map((r) => [r.seq, r.code])).toEqual([
      [1, 'notAZip'],
      [2, 'cannotDecrypt'],
    ]);
    expect(await b.sync.store.refusals()).toEqual(result.refused);
    expect(result.refused[1]!.message).toMatch(/does not open with this team’s key/);
    expect((await b.r.data.get('incident', id))?.title).toBe('Arrived after the junk');
    expect((await b.sync.run()).refused).toEqual([]);
  });

  it('refuses a bundle whose signer’s key changed, and goes on', async () => {
    const { hub, teamId, teamKey, members } = await team(['a', 'b']);
    const [a, b] = members as [Member, Member];
    await a.r.data.create('incident', incident('First'));
    await rounds(members, 1);
    // Someone else signs with A's device id (a forged or reinstalled device): B knows A's key.
    const impostor = await replica('impostor');
    Object.defineProperty(impostor.data.store, 'device', { value: a.r.data.deviceId });
    await impostor.data.create('incident', incident('Forged'));
    const forged = await impostor.data.exchange.exportBundle({ kind: 'all' });
    await hub.plant(teamId, 'someone', await sealForTeam(forged.bytes, teamKey, teamId));
    const result = await b.sync.run();
    expect(result.refused.map((r) => r.code)).toEqual(['signerKeyChanged']);
  });

  it('resumes a push and a pull interrupted by lost connections and restarts, and converges', async () => {
    const { hub, teamId, members } = await team(['a', 'b']);
    const [a, b] = members as [Member, Member];
    for (let i = 0; i < 30; i++) {
      await a.r.data.create(
        'incident',
        incident(`Incident ${i}`, { notes: `Long notes ${'x'.repeat(200)} ${i}` }),
      );
    }
    let patches = 0;
    hub.fault = (r) => (r.method === 'PATCH' && ++patches >= 2 ? 'dropRequest' : undefined);
    await expect(a.sync.run()).rejects.toMatchObject({ code: 'offline' });
    const pending = await a.sync.store.pendingPush();
    expect(pending?.uploadId).toBeDefined();
    // A restart: a new TeamSync over the same profile goes on with the same upload.
    hub.fault = () => undefined;
    const restarted = new TeamSync(a.r.data, {
      transportFor: () => hub.transport,
      now: () => a.r.clock.now,
      chunkBytes: 2_048,
    });
    const before = hub.log.length;
    expect((await restarted.run()).pushed).toBe(30);
    expect(hub.log.slice(before).some((l) => l.endsWith('/uploads'))).toBe(false);
    expect(hub.bundlesOf(teamId)).toHaveLength(1);

    await a.r.data.create('incident', incident('Second bundle'));
    await restarted.run();
    let cut = 0;
    hub.fault = (r) =>
      /\/bundles\/2$/.test(r.path)
        ? 'dropRequest'
        : /\/bundles\/1$/.test(r.path) && ++cut <= 2
          ? 'cutBody'
          : undefined;
    await expect(b.sync.run()).rejects.toMatchObject({ code: 'offline' });
    expect(await b.sync.store.appliedSeq()).toBe(1);
    hub.fault = () => undefined;
    await rounds(members, 2);
    expect(await exported(b)).toBe(await exported(a));
    expect(await b.r.data.db.bundleLog.count()).toBe(2);
  });

  it('never lets a word typed into a record reach the hub readable', async () => {
    const CANARY = 'CANARY-q7Zt3 کنری';
    const { hub, teamId, teamKey, members } = await team(['a', 'b'], [`Author ${CANARY}`, 'b']);
    const [a, b] = members as [Member, Member];
    const { id } = await a.r.data.create(
      'incident',
      incident(`Title ${CANARY}`, { notes: CANARY.repeat(50) }),
    );
    const { id: sourceId } = await a.r.data.create('source', {
      ...emptySource('2024-05-02'),
      title: CANARY,
    });
    await a.r.data.addAttachment(sourceId, {
      name: `${CANARY}.txt`,
      type: 'text/plain',
      bytes: utf8(CANARY.repeat(20)),
    });
    await rounds(members, 2);
    expect((await b.r.data.get('incident', id))?.title).toBe(`Title ${CANARY}`);

    const needles = [CANARY, 'CANARY', 'q7Zt3', 'کنری'].map((s) => Buffer.from(utf8(s)));
    for (const stored of hub.everythingStored()) {
      for (const needle of needles) expect(Buffer.from(stored).includes(needle)).toBe(false);
    }
    // The test can fail: the canary is inside what the hub holds, behind the team key only.
    const inside = await openForTeam(hub.bundlesOf(teamId)[0]!.bytes, teamKey, teamId);
    const opened = await readBundle(inside, { now: Date.now() + 86_400_000 });
    expect(JSON.stringify(opened.changes)).toContain(CANARY);
    await expect(
      readBundle(hub.bundlesOf(teamId)[0]!.bytes, { now: Date.now() }),
    ).rejects.toMatchObject({
      code: 'notAZip',
    });
  });

  it('joins from an invite only with the right passphrase, before using up the invite', async () => {
    const hub = new FakeHub();
    const teamId = hub.createTeam('Herat team');
    const code = hub.createInvite(teamId);
    const r = await replica('n');
    const sync = new TeamSync(r.data, { transportFor: () => hub.transport });
    const text = await createInvite(
      {
        hubUrl: HUB_URL,
        team: { id: teamId, name: 'Herat team' },
        code,
        teamKey: generateTeamKey(),
        passphrase: 'right',
      },
      WEAK,
    );
    await expect(sync.joinWithInvite(text, 'wrong', 'Laptop', WEAK)).rejects.toMatchObject({
      code: 'wrongInvitePassphrase',
    });
    expect(hub.log).toEqual([]);
    expect(await sync.joined()).toBe(false);
    await sync.joinWithInvite(text, 'right', 'Laptop', WEAK);
    expect((await sync.store.config())?.team).toEqual({ id: teamId, name: 'Herat team' });
    await expect(
      new TeamSync(r.data, { transportFor: () => hub.transport }).joinWithInvite(
        text,
        'right',
        'L',
        WEAK,
      ),
    ).rejects.toMatchObject({
      code: 'invite_invalid',
    });
  });

  it('counts what waits after a push from the recent history, as the full check does', async () => {
    const { members } = await team(['a']);
    const [a] = members as [Member];
    const { id } = await a.r.data.create('incident', incident('Before the push'));
    expect(
      await recentPendingFor(a.r.data.db, await a.sync.store.onHub(), a.r.data.deviceId),
    ).toBeNull(); // nothing of this device on the hub yet: counted in full
    expect(await a.sync.pendingChanges()).toBe(1);
    await a.sync.run();
    expect(await a.sync.pendingChanges()).toBe(0);
    await a.r.data.update('incident', id, { title: 'After the push' });
    await a.r.data.create('incident', incident('Another'));
    const onHub = await a.sync.store.onHub();
    expect(await recentPendingFor(a.r.data.db, onHub, a.r.data.deviceId)).toBe(2);
    expect((await pendingFor(a.r.data.db, onHub)).changes).toBe(2);
    expect(await a.sync.pendingChanges()).toBe(2);
  });

  it('drives a real profile from the scheduler: pending, syncing, then up to date', async () => {
    const { hub, members } = await team(['a']);
    const [a] = members as [Member];
    await a.r.data.create('incident', incident('Waiting to be sent'));
    expect(await a.sync.pendingChanges()).toBe(1);
    const env = {
      isOnline: () => true,
      onOnline: () => () => {},
      setTimer: () => 0,
      clearTimer: () => {},
      now: () => a.r.clock.now,
    };
    const scheduler = new SyncScheduler(teamSyncTarget(a.sync), env);
    const phases: string[] = [];
    scheduler.subscribe((s) =>
      phases.push(s.kind === 'syncing' ? (s.progress?.phase ?? '') : s.kind),
    );
    expect(await scheduler.syncNow()).toEqual({ kind: 'upToDate', at: a.r.clock.now });
    expect(phases[0]).toBe('checking');
    expect(phases).toContain('pushing');
    expect(hub.log[hub.log.length - 1]).toMatch(/complete$/);
    hub.fault = () => 'dropRequest';
    expect(await scheduler.syncNow()).toMatchObject({ kind: 'offline' });
  });
});
