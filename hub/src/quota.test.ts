// Unfinished uploads and the team's space: their declared sizes count against the team quota at
// start, and a member may hold only a few of them at once — otherwise one member could start many
// large uploads that sit on disk for days and fill the hub for every team (security review).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestHub, sha256, type TestHub } from '../test/hubHarness.ts';
import { sha256Hex } from './ids.ts';
import type { HubLimits } from './limits.ts';

const open: TestHub[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.hub.close();
});

async function hubWith(limits: Partial<HubLimits>): Promise<TestHub> {
  const testHub = await openTestHub({ limits });
  open.push(testHub);
  return testHub;
}

const start = (t: TestHub, token: string, teamId: string, data: Buffer) =>
  t.member(token, 'POST', `/v1/teams/${teamId}/uploads`, {
    size: data.length,
    sha256: sha256(data),
  });

const uploadId = (response: { json(): unknown }): string =>
  (response.json() as { upload: { id: string } }).upload.id;

async function bytesOnDisk(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(join(dir, name))).size;
  return total;
}

describe('unfinished uploads and the team quota', () => {
  it('keeps bytes of unfinished uploads within the team quota', async () => {
    const t = await hubWith({
      maxTeamBytes: 10_000,
      maxBundleBytes: 10_000,
      maxOpenUploadsPerMember: 100,
    });
    const team = await t.team('T', ['A']);
    const token = team.members[0]!.token;
    const answers: number[] = [];
    for (let i = 0; i < 10; i++) {
      const data = Buffer.alloc(9_000, i);
      const started = await start(t, token, team.id, data);
      answers.push(started.statusCode);
      if (started.statusCode !== 201) continue;
      const url = `/v1/teams/${team.id}/uploads/${uploadId(started)}`;
      await t.member(token, 'PATCH', url, data, { 'upload-offset': '0' });
    }
    expect(answers).toEqual([201, ...Array<number>(9).fill(507)]);
    expect(await bytesOnDisk(join(t.dataDir, 'uploads'))).toBeLessThanOrEqual(10_000);
  });

  it("counts every member's unfinished uploads, and frees the space when one completes", async () => {
    const t = await hubWith({ maxTeamBytes: 1_000, maxBundleBytes: 1_000 });
    const team = await t.team('T', ['A', 'B']);
    const [a, b] = [team.members[0]!.token, team.members[1]!.token];
    const first = Buffer.alloc(600, 1);
    const started = await start(t, a, team.id, first);
    expect(started.statusCode).toBe(201);
    const refused = await start(t, b, team.id, Buffer.alloc(500, 2));
    expect(refused.statusCode).toBe(507);
    expect(refused.json()).toMatchObject({ error: { code: 'storage_full' } });
    // A start that still fits beside the open upload is taken.
    expect((await start(t, b, team.id, Buffer.alloc(400, 3))).statusCode).toBe(201);

    const url = `/v1/teams/${team.id}/uploads/${uploadId(started)}`;
    expect((await t.member(a, 'PATCH', url, first, { 'upload-offset': '0' })).statusCode).toBe(204);
    // Completing must not count the upload twice (as a bundle and as an open upload).
    expect((await t.member(a, 'POST', `${url}/complete`)).statusCode).toBe(201);
  });

  it('lets a member hold at most maxOpenUploadsPerMember unfinished uploads: the oldest goes', async () => {
    const t = await hubWith({ maxOpenUploadsPerMember: 2 });
    const team = await t.team('T', ['A', 'B']);
    const [a, b] = [team.members[0]!.token, team.members[1]!.token];
    const first = Buffer.alloc(100, 1);
    const started = await start(t, a, team.id, first);
    expect(started.statusCode).toBe(201);
    const firstUrl = `/v1/teams/${team.id}/uploads/${uploadId(started)}`;
    await t.member(a, 'PATCH', firstUrl, first.subarray(0, 50), { 'upload-offset': '0' });
    const second = await start(t, a, team.id, Buffer.alloc(100, 2));
    expect(second.statusCode).toBe(201);

    // A third start succeeds and drops the oldest, bytes and all: one device never holds more
    // than two (so never more than 2 × 256 MiB), and never gets stuck behind lost uploads.
    const third = await start(t, a, team.id, Buffer.alloc(100, 3));
    expect(third.statusCode).toBe(201);
    expect((await t.member(a, 'GET', firstUrl)).statusCode).toBe(404);
    expect(await bytesOnDisk(join(t.dataDir, 'uploads'))).toBe(0);
    const secondUrl = `/v1/teams/${team.id}/uploads/${uploadId(second)}`;
    expect((await t.member(a, 'GET', secondUrl)).statusCode).toBe(200);
    // The cap is per member: another member's uploads are untouched.
    const other = await start(t, b, team.id, Buffer.alloc(100, 4));
    expect(other.statusCode).toBe(201);
    expect((await start(t, a, team.id, Buffer.alloc(100, 5))).statusCode).toBe(201);
    const otherUrl = `/v1/teams/${team.id}/uploads/${uploadId(other)}`;
    expect((await t.member(b, 'GET', otherUrl)).statusCode).toBe(200);
  });

  it("answers the member's own unfinished upload of the same bytes instead of a new one", async () => {
    const t = await hubWith({ maxOpenUploadsPerMember: 1 });
    const team = await t.team('T', ['A', 'B']);
    const [a, b] = [team.members[0]!.token, team.members[1]!.token];
    const data = Buffer.alloc(300, 7);
    const started = await start(t, a, team.id, data);
    const url = `/v1/teams/${team.id}/uploads/${uploadId(started)}`;
    await t.member(a, 'PATCH', url, data.subarray(0, 120), { 'upload-offset': '0' });

    // A device that lost the upload id starts again: it gets the same upload, at its offset.
    const again = await start(t, a, team.id, data);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual({ upload: { id: uploadId(started), size: 300, offset: 120 } });
    // Another member never sees it: it gets its own upload.
    const other = await start(t, b, team.id, data);
    expect(other.statusCode).toBe(201);
    expect(uploadId(other)).not.toBe(uploadId(started));
  });

  it('cannot pass the quota with concurrent starts', async () => {
    const t = await hubWith({
      maxTeamBytes: 1_000,
      maxBundleBytes: 1_000,
      maxOpenUploadsPerMember: 100,
    });
    const team = await t.team('T', ['A']);
    const member = await t.hub.context.store.findMemberByTokenHash(
      sha256Hex(team.members[0]!.token),
    );
    // Called directly, the starts interleave at every await: without the per-team queue each
    // would see no open upload yet and all eight would be taken.
    const answers = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => {
        const data = Buffer.alloc(400, i);
        return t.hub.uploads.start(member!, data.length, sha256(data));
      }),
    );
    expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(2);
    for (const answer of answers) {
      if (answer.status === 'rejected')
        expect(answer.reason).toMatchObject({ code: 'storage_full' });
    }
  });
});
