import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestHub, tempDir, type TestHub } from '../../test/hubHarness.ts';

const open: TestHub[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.hub.close();
});

async function hubWith(options: Parameters<typeof openTestHub>[0] = {}): Promise<TestHub> {
  const testHub = await openTestHub(options);
  open.push(testHub);
  return testHub;
}

const join_ = (t: TestHub, code: string, name: string): ReturnType<TestHub['member']> =>
  t.member('', 'POST', '/v1/join', { code, name }, { authorization: '' });

async function everyFileBytes(dir: string): Promise<Buffer> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  const parts = await Promise.all(
    names.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name))),
  );
  return Buffer.concat(parts);
}

describe('team admin tokens', () => {
  it('are returned once when the operator creates a team, and only their digest is kept', async () => {
    const dir = await tempDir();
    const t = await hubWith({ dataDir: dir.path });
    const created = await t.admin('POST', '/v1/admin/teams', { name: 'Herat team' });
    expect(created.statusCode).toBe(201);
    const body = created.json() as { team: { id: string; name: string }; adminToken: string };
    expect(body.team.name).toBe('Herat team');
    expect(body.adminToken).toMatch(/^dft_[A-Za-z0-9_-]{43}$/);
    const listed = await t.admin('GET', '/v1/admin/teams');
    expect(listed.body).not.toContain(body.adminToken);
    await t.hub.close();
    open.pop();
    const bytes = await everyFileBytes(dir.path);
    await dir.remove();
    expect(bytes.includes('Herat team')).toBe(true);
    expect(bytes.includes(body.adminToken)).toBe(false);
  });

  it('reach their own team only; the hub-wide routes stay the operator’s', async () => {
    const t = await hubWith();
    const team = await t.team('Alpha', ['Laila']);
    const members = await t.member(team.adminToken, 'GET', `/v1/admin/teams/${team.id}/members`);
    expect((members.json() as { members: { name: string }[] }).members[0]?.name).toBe('Laila');
    const createTeam = await t.member(team.adminToken, 'POST', '/v1/admin/teams', { name: 'X' });
    expect(createTeam.statusCode).toBe(401);
    expect(createTeam.json()).toMatchObject({
      error: { code: 'unauthorized', message: expect.stringContaining('team admin token') },
    });
  });

  it('can be replaced by the operator: the old one stops working at once', async () => {
    const t = await hubWith();
    const team = await t.team('Alpha', []);
    const url = `/v1/admin/teams/${team.id}/invites`;
    const issued = await t.admin('POST', `/v1/admin/teams/${team.id}/admin-token`);
    expect(issued.statusCode).toBe(201);
    const body = issued.json() as { team: { id: string; name: string }; adminToken: string };
    expect(body.team).toMatchObject({ id: team.id, name: 'Alpha' });
    expect(body.adminToken).not.toBe(team.adminToken);
    const old = await t.member(team.adminToken, 'GET', url);
    expect(old.statusCode).toBe(401);
    expect(old.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await t.member(body.adminToken, 'GET', url)).statusCode).toBe(200);
    // A team admin cannot issue one for itself.
    const self = await t.member(body.adminToken, 'POST', `/v1/admin/teams/${team.id}/admin-token`);
    expect(self.statusCode).toBe(401);
    expect((await t.member(body.adminToken, 'GET', url)).statusCode).toBe(200);
  });
});

describe('withdrawing an invite', () => {
  it('makes it fail to join exactly like an expired invite, and lists invites without codes', async () => {
    let clock = new Date('2026-03-01T00:00:00Z');
    const t = await hubWith({ now: () => clock });
    const team = await t.team('Alpha', []);
    const base = `/v1/admin/teams/${team.id}/invites`;
    const make = async (body: object) =>
      (await t.member(team.adminToken, 'POST', base, body)).json() as {
        invite: { id: string; code: string };
      };
    const { invite } = await make({ maxUses: 3 });
    const expiring = (await make({ expiresInHours: 1 })).invite;
    expect(invite.id).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const withdrawn = await t.member(team.adminToken, 'POST', `${base}/${invite.id}/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toEqual({
      invite: {
        id: invite.id,
        maxUses: 3,
        uses: 0,
        expiresAt: '2026-03-04T00:00:00.000Z',
        createdAt: '2026-03-01T00:00:00.000Z',
        withdrawnAt: '2026-03-01T00:00:00.000Z',
      },
    });
    clock = new Date('2026-03-01T02:00:00Z');
    const refused = await join_(t, invite.code, 'Laila');
    const expired = await join_(t, expiring.code, 'Omid');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'invite_invalid' } });
    expect(refused.body).toBe(expired.body);

    // Again: the same answer, the first time kept; the operator may withdraw too.
    const again = await t.admin('POST', `${base}/${invite.id}/withdraw`);
    expect(again.json()).toMatchObject({ invite: { withdrawnAt: '2026-03-01T00:00:00.000Z' } });
    const listed = await t.member(team.adminToken, 'GET', base);
    expect(listed.body).not.toContain(invite.code);
    expect(listed.body).not.toContain(expiring.code);
    expect(
      (listed.json() as { invites: { id: string; withdrawnAt: string | null }[] }).invites.map(
        (i) => [i.id, i.withdrawnAt],
      ),
    ).toEqual(
      expect.arrayContaining([
        [invite.id, '2026-03-01T00:00:00.000Z'],
        [expiring.id, null],
      ]),
    );
    expect((listed.json() as { invites: unknown[] }).invites).toHaveLength(2);
    const unknown = await t.admin('POST', `${base}/${'x'.repeat(22)}/withdraw`);
    expect(unknown.statusCode).toBe(404);
  });

  it("leaves the team's other invites and members alone", async () => {
    const t = await hubWith();
    const team = await t.team('Alpha', ['Laila']);
    const base = `/v1/admin/teams/${team.id}/invites`;
    const first = (await t.admin('POST', base, {})).json() as { invite: { id: string } };
    const second = (await t.admin('POST', base, {})).json() as { invite: { code: string } };
    await t.admin('POST', `${base}/${first.invite.id}/withdraw`);
    expect((await join_(t, second.invite.code, 'Omid')).statusCode).toBe(201);
    const member = await t.member(team.members[0]!.token, 'GET', `/v1/teams/${team.id}`);
    expect(member.statusCode).toBe(200);
  });
});
