// One behaviour, two stores: the same suite runs on SQLite (always) and PostgreSQL (when
// DAFTAR_TEST_POSTGRES_URL is set; see hub/scripts/testPostgres.sh). A second PostgreSQL block
// drives a whole hub over that store: concurrent completes, restart, and what the tables hold.
import { afterAll, describe, expect, it } from 'vitest';
import { openTestHub, sha256, tempDir } from '../../test/hubHarness.ts';
import {
  POSTGRES_URL,
  dropTestSchema,
  dumpTestSchema,
  newTestSchema,
  openTestPostgresStore,
} from '../../test/postgres.ts';
import type { HubStore, UploadRecord } from './hubStore.ts';
import { openSqliteStore } from './sqliteStore.ts';

if (POSTGRES_URL === '') {
  console.warn(
    'Skipping the PostgreSQL hub tests: DAFTAR_TEST_POSTGRES_URL is not set (start a throwaway database with hub/scripts/testPostgres.sh).',
  );
}

interface Opened {
  store: HubStore;
  /** Closes the store and opens a new one on the same data. */
  reopen(): Promise<HubStore>;
}
type Opener = () => Promise<Opened>;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const openSqlite: Opener = async () => {
  const dir = await tempDir();
  let store = openSqliteStore(dir.path);
  cleanups.push(async () => {
    await store.close();
    await dir.remove();
  });
  return {
    store,
    async reopen() {
      await store.close();
      store = openSqliteStore(dir.path);
      return store;
    },
  };
};

const openPostgres: Opener = async () => {
  const schema = newTestSchema();
  let store = await openTestPostgresStore(schema);
  cleanups.push(async () => {
    await store.close().catch(() => undefined);
    await dropTestSchema(schema);
  });
  return {
    store,
    async reopen() {
      await store.close();
      store = await openTestPostgresStore(schema);
      return store;
    },
  };
};

const T0 = '2026-01-01T00:00:00.000Z';
let counter = 0;
const id = (prefix: string): string =>
  `${prefix}${String((counter += 1)).padStart(22 - prefix.length, '0')}`;

async function seedTeam(store: HubStore, name = 'Team'): Promise<string> {
  const teamId = id('t');
  await store.createTeam({ id: teamId, name, createdAt: T0 });
  return teamId;
}

async function seedUpload(
  store: HubStore,
  teamId: string,
  sha: string,
  size = 10,
): Promise<UploadRecord> {
  return store.createUpload({
    id: id('u'),
    teamId,
    memberId: 'm1',
    size,
    sha256: sha,
    createdAt: T0,
  });
}

function conformance(open: Opener): void {
  it('keeps the admin token digest, across a reopen', async () => {
    const opened = await open();
    expect(await opened.store.getAdminTokenHash()).toBeNull();
    await opened.store.setAdminTokenHash('a'.repeat(64));
    await opened.store.setAdminTokenHash('b'.repeat(64));
    const again = await opened.reopen();
    expect(await again.getAdminTokenHash()).toBe('b'.repeat(64));
  });

  it('creates, finds and lists teams with their counts', async () => {
    const { store } = await open();
    const a = await seedTeam(store, 'Alpha');
    const b = await seedTeam(store, 'Bravo');
    expect(await store.getTeam(a)).toEqual({ id: a, name: 'Alpha', createdAt: T0 });
    expect(await store.getTeam('nope')).toBeNull();
    const upload = await seedUpload(store, b, 'c'.repeat(64), 1234);
    await store.commitBundle(upload, T0);
    await store.redeemInvite('none', T0, { id: id('m'), name: 'x', tokenHash: 'h0', joinedAt: T0 });
    const listed = await store.listTeams();
    expect(listed).toEqual([
      { id: a, name: 'Alpha', createdAt: T0, members: 0, bundles: 0, bytes: 0 },
      { id: b, name: 'Bravo', createdAt: T0, members: 0, bundles: 1, bytes: 1234 },
    ]);
  });

  it('redeems invites within their uses and time, atomically', async () => {
    const { store } = await open();
    const teamId = await seedTeam(store, 'Alpha');
    await store.createInvite({
      id: id('i'),
      codeHash: 'code1',
      teamId,
      maxUses: 5,
      expiresAt: '2026-01-02T00:00:00.000Z',
      createdAt: T0,
    });
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        store.redeemInvite('code1', T0, {
          id: id('m'),
          name: `n${i}`,
          tokenHash: `tok${i}-${counter}`,
          joinedAt: T0,
        }),
      ),
    );
    const joined = attempts.filter((a) => a !== null);
    expect(joined).toHaveLength(5);
    expect(joined[0]).toMatchObject({
      team: { id: teamId, name: 'Alpha' },
      member: { teamId, revokedAt: null },
    });
    expect((await store.listMembers(teamId)).map((m) => m.name).sort()).toEqual(
      joined.map((j) => j?.member.name).sort(),
    );
    await store.createInvite({
      id: id('i'),
      codeHash: 'code2',
      teamId,
      maxUses: 1,
      expiresAt: '2026-01-02T00:00:00.000Z',
      createdAt: T0,
    });
    const late = await store.redeemInvite('code2', '2026-01-02T00:00:00.000Z', {
      id: id('m'),
      name: 'late',
      tokenHash: 'late',
      joinedAt: T0,
    });
    expect(late).toBeNull();
    expect(
      await store.redeemInvite('unknown', T0, {
        id: id('m'),
        name: 'u',
        tokenHash: 'u',
        joinedAt: T0,
      }),
    ).toBeNull();
  });

  it('finds members by token digest and revokes them once, in their team only', async () => {
    const { store } = await open();
    const teamId = await seedTeam(store);
    const other = await seedTeam(store);
    await store.createInvite({
      id: id('i'),
      codeHash: 'c',
      teamId,
      maxUses: 1,
      expiresAt: '2027-01-01T00:00:00.000Z',
      createdAt: T0,
    });
    const joined = await store.redeemInvite('c', T0, {
      id: id('m'),
      name: 'Laila',
      tokenHash: 'digest-1',
      joinedAt: T0,
    });
    const memberId = joined?.member.id ?? '';
    expect(await store.findMemberByTokenHash('digest-1')).toMatchObject({
      id: memberId,
      teamId,
      name: 'Laila',
      tokenHash: 'digest-1',
    });
    expect(await store.findMemberByTokenHash('digest-2')).toBeNull();
    expect(await store.revokeMember(other, memberId, '2026-02-01T00:00:00.000Z')).toBeNull();
    expect(
      (await store.revokeMember(teamId, memberId, '2026-02-01T00:00:00.000Z'))?.revokedAt,
    ).toBe('2026-02-01T00:00:00.000Z');
    expect(
      (await store.revokeMember(teamId, memberId, '2026-03-01T00:00:00.000Z'))?.revokedAt,
    ).toBe('2026-02-01T00:00:00.000Z');
    expect((await store.findMemberByTokenHash('digest-1'))?.revokedAt).toBe(
      '2026-02-01T00:00:00.000Z',
    );
  });

  it('keeps a team admin token digest per team, replaced when a new one is issued', async () => {
    const opened = await open();
    const alpha = id('t');
    await opened.store.createTeam({ id: alpha, name: 'Alpha', createdAt: T0 }, '1'.repeat(64));
    const bravo = await seedTeam(opened.store, 'Bravo');
    expect(await opened.store.findTeamByAdminTokenHash('1'.repeat(64))).toEqual({
      id: alpha,
      name: 'Alpha',
      createdAt: T0,
      adminTokenHash: '1'.repeat(64),
    });
    // A team made without one has none until it is set.
    expect(await opened.store.findTeamByAdminTokenHash('2'.repeat(64))).toBeNull();
    expect(await opened.store.setTeamAdminTokenHash(bravo, '2'.repeat(64))).toBe(true);
    expect(await opened.store.setTeamAdminTokenHash(alpha, '3'.repeat(64))).toBe(true);
    expect(await opened.store.setTeamAdminTokenHash('missing', '4'.repeat(64))).toBe(false);
    const store = await opened.reopen();
    expect(await store.findTeamByAdminTokenHash('1'.repeat(64))).toBeNull();
    expect((await store.findTeamByAdminTokenHash('3'.repeat(64)))?.id).toBe(alpha);
    expect((await store.findTeamByAdminTokenHash('2'.repeat(64)))?.id).toBe(bravo);
    expect(await store.getTeam(alpha)).toEqual({ id: alpha, name: 'Alpha', createdAt: T0 });
    expect((await store.listTeams()).map((t) => Object.keys(t).sort())).toEqual([
      ['bundles', 'bytes', 'createdAt', 'id', 'members', 'name'],
      ['bundles', 'bytes', 'createdAt', 'id', 'members', 'name'],
    ]);
  });

  it('lists and withdraws invites in their team only; a withdrawn invite is never redeemed', async () => {
    const opened = await open();
    const teamId = await seedTeam(opened.store);
    const other = await seedTeam(opened.store);
    const expiresAt = '2027-01-01T00:00:00.000Z';
    const first = id('i');
    const second = id('i');
    await opened.store.createInvite({
      id: first,
      codeHash: `w1-${first}`,
      teamId,
      maxUses: 2,
      expiresAt,
      createdAt: T0,
    });
    await opened.store.createInvite({
      id: second,
      codeHash: `w2-${second}`,
      teamId,
      maxUses: 1,
      expiresAt,
      createdAt: '2026-01-01T00:00:01.000Z',
    });
    const newMember = (name: string) => ({
      id: id('m'),
      name,
      tokenHash: `h-${name}-${counter}`,
      joinedAt: T0,
    });
    expect(await opened.store.redeemInvite(`w1-${first}`, T0, newMember('a'))).not.toBeNull();
    expect(await opened.store.withdrawInvite(other, first, T0)).toBeNull();
    expect(await opened.store.withdrawInvite(teamId, 'missing', T0)).toBeNull();
    const withdrawn = await opened.store.withdrawInvite(teamId, first, '2026-01-05T00:00:00.000Z');
    expect(withdrawn).toEqual({
      id: first,
      teamId,
      maxUses: 2,
      uses: 1,
      expiresAt,
      createdAt: T0,
      withdrawnAt: '2026-01-05T00:00:00.000Z',
    });
    // Withdrawing again keeps the first time.
    expect(
      (await opened.store.withdrawInvite(teamId, first, '2026-02-01T00:00:00.000Z'))?.withdrawnAt,
    ).toBe('2026-01-05T00:00:00.000Z');
    expect(await opened.store.redeemInvite(`w1-${first}`, T0, newMember('b'))).toBeNull();
    const store = await opened.reopen();
    expect(await store.redeemInvite(`w1-${first}`, T0, newMember('c'))).toBeNull();
    expect((await store.listInvites(teamId)).map((i) => [i.id, i.uses, i.withdrawnAt])).toEqual([
      [first, 1, '2026-01-05T00:00:00.000Z'],
      [second, 0, null],
    ]);
    expect(await store.listInvites(other)).toEqual([]);
    expect(await store.redeemInvite(`w2-${second}`, T0, newMember('d'))).not.toBeNull();
    expect((await store.listMembers(teamId)).map((m) => m.name).sort()).toEqual(['a', 'd']);
  });

  it('records uploads and their offsets, scoped to their team, across a reopen', async () => {
    const opened = await open();
    const teamId = await seedTeam(opened.store);
    const other = await seedTeam(opened.store);
    const upload = await seedUpload(opened.store, teamId, 'd'.repeat(64), 500);
    expect(upload.offset).toBe(0);
    await opened.store.setUploadOffset(upload.id, 321);
    const store = await opened.reopen();
    expect(await store.getUpload(teamId, upload.id)).toEqual({
      ...upload,
      offset: 321,
      bundleSeq: null,
    });
    expect(await store.getUpload(other, upload.id)).toBeNull();
    expect(await store.hasUpload(upload.id)).toBe(true);
    expect(
      (await store.listUploadsCreatedBefore('2026-01-01T00:00:00.001Z')).map((u) => u.id),
    ).toContain(upload.id);
    expect(await store.listUploadsCreatedBefore(T0)).toEqual([]);
    await store.deleteUpload(upload.id);
    expect(await store.hasUpload(upload.id)).toBe(false);
  });

  it("lists a team's unfinished uploads only, oldest first", async () => {
    const { store } = await open();
    const teamId = await seedTeam(store);
    const other = await seedTeam(store);
    const first = await seedUpload(store, teamId, 'e'.repeat(64), 100);
    const second = await seedUpload(store, teamId, 'f'.repeat(64), 200);
    await seedUpload(store, other, 'e'.repeat(64), 300);
    await store.setUploadOffset(second.id, 50);
    expect(await store.listOpenUploads(teamId)).toEqual([first, { ...second, offset: 50 }]);
    await store.commitBundle(first, T0);
    expect((await store.listOpenUploads(teamId)).map((u) => u.id)).toEqual([second.id]);
    await store.deleteUpload(second.id);
    expect(await store.listOpenUploads(teamId)).toEqual([]);
  });

  it('assigns gap-free sequence numbers per team under concurrent commits', async () => {
    const { store } = await open();
    const teams = [await seedTeam(store), await seedTeam(store)];
    const uploads = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        seedUpload(store, teams[i % 2]!, sha256(`bundle ${i}`), i + 1),
      ),
    );
    const bundles = await Promise.all(uploads.map((u) => store.commitBundle(u, T0)));
    for (const teamId of teams) {
      const seqs = bundles
        .filter((b) => b.teamId === teamId)
        .map((b) => b.seq)
        .sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await store.teamHead(teamId)).toBe(20);
      const listed = await store.listBundles(teamId, 5, 3);
      expect(listed.map((b) => b.seq)).toEqual([6, 7, 8]);
    }
    expect(await store.teamBytes(teams[0]!)).toBe(
      Array.from({ length: 20 }, (_, i) => 2 * i + 1).reduce((a, b) => a + b),
    );
    const first = uploads[0]!;
    expect((await store.getUpload(first.teamId, first.id))?.bundleSeq).toBe(
      bundles.find((b) => b.sha256 === first.sha256)?.seq,
    );
  });

  it('answers the existing bundle when the same bytes are committed again, even concurrently', async () => {
    const opened = await open();
    const teamId = await seedTeam(opened.store);
    const sha = sha256('same bytes');
    const uploads = await Promise.all(
      Array.from({ length: 6 }, () => seedUpload(opened.store, teamId, sha, 10)),
    );
    const bundles = await Promise.all(uploads.map((u) => opened.store.commitBundle(u, T0)));
    expect(new Set(bundles.map((b) => b.seq))).toEqual(new Set([1]));
    expect(await opened.store.teamHead(teamId)).toBe(1);
    expect(await opened.store.findBundleBySha(teamId, sha)).toEqual(bundles[0]);
    const store = await opened.reopen();
    expect(await store.getBundle(teamId, 1)).toEqual({
      teamId,
      seq: 1,
      sha256: sha,
      size: 10,
      memberId: 'm1',
      receivedAt: T0,
    });
    expect(await store.getBundle(teamId, 2)).toBeNull();
    expect(await store.findBundleBySha(await seedTeam(store), sha)).toBeNull();
  });
}

describe('store conformance: SQLite', () => {
  conformance(openSqlite);
});

describe.skipIf(POSTGRES_URL === '')('store conformance: PostgreSQL', () => {
  conformance(openPostgres);
});

describe.skipIf(POSTGRES_URL === '')('a hub on PostgreSQL', () => {
  it('gives gap-free sequence numbers over HTTP, survives a restart, and keeps only metadata', async () => {
    const schema = newTestSchema();
    const dir = await tempDir();
    cleanups.push(async () => {
      await dropTestSchema(schema);
      await dir.remove();
    });
    const first = await openTestHub({
      dataDir: dir.path,
      store: await openTestPostgresStore(schema),
      // Fifteen concurrent uploads per member below; the open-upload cap is tested elsewhere.
      limits: { maxOpenUploadsPerMember: 15 },
    });
    const canary = 'CANARY-plaintext-incident-7f3a';
    const team = await first.team('Kabul team', ['Laila', 'Omid']);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        first.upload(team.members[i % 2]!.token, team.id, Buffer.from(`${canary} bundle ${i}`)),
      ),
    );
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    const data = Buffer.from(`${canary} resumed`.repeat(100));
    const started = await first.member(
      team.members[0]!.token,
      'POST',
      `/v1/teams/${team.id}/uploads`,
      {
        size: data.length,
        sha256: sha256(data),
        note: canary,
      },
    );
    const uploadId = (started.json() as { upload: { id: string } }).upload.id;
    const url = `/v1/teams/${team.id}/uploads/${uploadId}`;
    await first.member(team.members[0]!.token, 'PATCH', url, data.subarray(0, 700), {
      'upload-offset': '0',
    });
    await first.hub.close();

    const second = await openTestHub({
      dataDir: dir.path,
      store: await openTestPostgresStore(schema),
    });
    const token = team.members[0]!.token;
    expect((await second.member(token, 'GET', url)).json()).toMatchObject({
      upload: { offset: 700 },
    });
    await second.member(token, 'PATCH', url, data.subarray(700), { 'upload-offset': '700' });
    const done = await second.member(token, 'POST', `${url}/complete`);
    expect(done.json()).toMatchObject({ bundle: { seq: 31 } });
    const download = await second.member(
      token,
      'GET',
      `/v1/teams/${team.id}/bundles/31`,
      undefined,
      { range: 'bytes=10-' },
    );
    expect(download.rawPayload.equals(data.subarray(10))).toBe(true);
    const dump = await dumpTestSchema(schema);
    expect(dump).toContain('Laila');
    expect(dump).not.toContain(canary);
    expect(dump).not.toContain(token);
    await second.hub.close();
  });
});
