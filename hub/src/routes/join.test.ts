import { afterEach, describe, expect, it } from 'vitest';
import { openTestHub, type TestHub } from '../../test/hubHarness.ts';

const open: TestHub[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.hub.close();
});

async function hubWith(options: Parameters<typeof openTestHub>[0] = {}): Promise<TestHub> {
  const testHub = await openTestHub(options);
  open.push(testHub);
  return testHub;
}

async function invite(t: TestHub, teamId: string, body: object): Promise<string> {
  const response = await t.admin('POST', `/v1/admin/teams/${teamId}/invites`, body);
  expect(response.statusCode).toBe(201);
  return (response.json() as { invite: { code: string } }).invite.code;
}

const join = (t: TestHub, code: string, name: string): ReturnType<TestHub['member']> =>
  t.member('', 'POST', '/v1/join', { code, name }, { authorization: '' });

describe('invites and joining', () => {
  it('lets an invite be used maxUses times, then answers the same 403 as any bad code', async () => {
    let clock = new Date('2026-03-01T00:00:00Z');
    const t = await hubWith({ now: () => clock });
    const created = await t.admin('POST', '/v1/admin/teams', { name: 'Herat team' });
    const teamId = (created.json() as { team: { id: string } }).team.id;
    const twice = await invite(t, teamId, { maxUses: 2, expiresInHours: 1 });
    const first = await join(t, twice, 'Laila');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      team: { id: teamId, name: 'Herat team' },
      member: { name: 'Laila' },
    });
    expect((first.json() as { token: string }).token).toMatch(/^dft_[A-Za-z0-9_-]{43}$/);
    expect((await join(t, twice, 'Omid')).statusCode).toBe(201);
    const usedUp = await join(t, twice, 'Third');

    const expiring = await invite(t, teamId, { expiresInHours: 1 });
    clock = new Date('2026-03-01T01:00:00Z');
    const expired = await join(t, expiring, 'Late');
    const unknown = await join(t, 'no-such-code', 'Guess');
    for (const refused of [usedUp, expired, unknown]) {
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toBe(usedUp.body);
    }
    expect(usedUp.json()).toMatchObject({ error: { code: 'invite_invalid' } });
    const members = await t.admin('GET', `/v1/admin/teams/${teamId}/members`);
    expect(
      (members.json() as { members: { name: string }[] }).members.map((m) => m.name).sort(),
    ).toEqual(['Laila', 'Omid']);
  });

  it('never lets concurrent joins use an invite more than maxUses times', async () => {
    const t = await hubWith({ limits: { joinsPerMinute: 100 } });
    const created = await t.admin('POST', '/v1/admin/teams', { name: 'T' });
    const teamId = (created.json() as { team: { id: string } }).team.id;
    const code = await invite(t, teamId, { maxUses: 3 });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => join(t, code, `m${i}`)));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.statusCode === 403)).toHaveLength(7);
  });

  it('checks the join body field by field', async () => {
    const t = await hubWith();
    const response = await t.member('', 'POST', '/v1/join', { code: 'x' }, { authorization: '' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'bad_request' } });
    expect((response.json() as { error: { message: string } }).error.message).toContain('"name"');
    const notJson = await t.member('', 'POST', '/v1/join', undefined, {
      authorization: '',
      'content-type': 'application/json',
    });
    expect(notJson.statusCode).toBe(400);
  });

  it('limits joins per address (429 with Retry-After)', async () => {
    const t = await hubWith({ limits: { joinsPerMinute: 3 } });
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await join(t, 'guess', 'x'));
    expect(answers.slice(0, 3).map((a) => a.statusCode)).toEqual([403, 403, 403]);
    expect(answers[3]!.statusCode).toBe(429);
    expect(answers[3]!.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(answers[3]!.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('tokens', () => {
  it('stops a revoked member at once, leaving the others working', async () => {
    const t = await hubWith();
    const team = await t.team('T', ['keeps', 'loses']);
    const url = `/v1/teams/${team.id}`;
    expect((await t.member(team.members[1]!.token, 'GET', url)).statusCode).toBe(200);
    const revoked = await t.admin(
      'POST',
      `/v1/admin/teams/${team.id}/members/${team.members[1]!.id}/revoke`,
    );
    expect(revoked.statusCode).toBe(200);
    expect(
      (revoked.json() as { member: { revokedAt: string | null } }).member.revokedAt,
    ).not.toBeNull();
    const after = await t.member(team.members[1]!.token, 'GET', url);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: { code: 'token_revoked' } });
    expect((await t.member(team.members[0]!.token, 'GET', url)).statusCode).toBe(200);
    const listed = await t.admin('GET', '/v1/admin/teams');
    expect(listed.json()).toMatchObject({
      teams: [{ id: team.id, members: 1, bundles: 0, bytes: 0 }],
    });
  });

  it('limits requests per token (429 with Retry-After), each token on its own', async () => {
    const t = await hubWith({ limits: { requestsPerMinute: 5 } });
    const team = await t.team('T', ['a', 'b']);
    const url = `/v1/teams/${team.id}`;
    const statuses = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push((await t.member(team.members[0]!.token, 'GET', url)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await t.member(team.members[0]!.token, 'GET', url);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await t.member(team.members[1]!.token, 'GET', url)).statusCode).toBe(200);
  });

  it('refuses JSON bodies over the limit (413)', async () => {
    const t = await hubWith({ limits: { maxJsonBytes: 1024 } });
    const response = await t.admin('POST', '/v1/admin/teams', { name: 'x'.repeat(2000) });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: 'too_large' } });
  });

  it('refuses uploads once the team is over its space (507)', async () => {
    const t = await hubWith({ limits: { maxTeamBytes: 1000 } });
    const team = await t.team('T', ['a']);
    await t.upload(team.members[0]!.token, team.id, Buffer.alloc(900, 1));
    const more = await t.member(team.members[0]!.token, 'POST', `/v1/teams/${team.id}/uploads`, {
      size: 200,
      sha256: 'a'.repeat(64),
    });
    expect(more.statusCode).toBe(507);
    expect(more.json()).toMatchObject({ error: { code: 'storage_full' } });
  });
});
