import { describe, expect, it } from 'vitest';
import { HubAdmin } from './hubAdmin.ts';
import { HubError } from './hubError.ts';
import type { HubRequest, HubResponse } from './hubTransport.ts';
import { fromUtf8, utf8 } from './webCrypto.ts';

const TOKEN = `dft_${'a'.repeat(43)}`;
const TEAM_TOKEN = `dft_${'b'.repeat(43)}`;
const TEAM = 'T'.repeat(22);
const INVITE = 'I'.repeat(22);

/** A transport answering from a script, remembering what was asked. */
function scripted(answer: (request: HubRequest) => HubResponse | Error) {
  const seen: HubRequest[] = [];
  const transport = async (request: HubRequest): Promise<HubResponse> => {
    seen.push(request);
    const out = answer(request);
    if (out instanceof Error) throw out;
    return out;
  };
  return { seen, transport };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers,
  body: utf8(JSON.stringify(body)),
});

async function failure(promise: Promise<unknown>): Promise<HubError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubError);
  return error as HubError;
}

describe('the hub admin client', () => {
  it('creates a team and an invite code with the admin token as bearer', async () => {
    const { seen, transport } = scripted((r) =>
      r.path === '/v1/admin/teams'
        ? json(201, {
            team: { id: TEAM, name: 'Herat team', createdAt: '2026-01-01T00:00:00Z' },
            adminToken: TEAM_TOKEN,
          })
        : json(201, {
            invite: {
              id: INVITE,
              code: 'c'.repeat(32),
              expiresAt: '2026-01-04T00:00:00Z',
              maxUses: 1,
            },
          }),
    );
    const admin = new HubAdmin(transport, TOKEN);
    const created = await admin.createTeam('Herat team');
    expect(created).toEqual({
      team: { id: TEAM, name: 'Herat team', createdAt: '2026-01-01T00:00:00Z' },
      teamAdminToken: TEAM_TOKEN,
    });
    const invite = await admin.createInviteCode(created.team.id, { expiresInHours: 24 });
    expect([invite.id, invite.code]).toEqual([INVITE, 'c'.repeat(32)]);
    expect(seen.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/v1/admin/teams'],
      ['POST', `/v1/admin/teams/${TEAM}/invites`],
    ]);
    expect(seen.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(JSON.parse(fromUtf8(seen[1]!.body!))).toEqual({ maxUses: 1, expiresInHours: 24 });
  });

  it('answers no team admin token from an older hub, and refuses a malformed one', async () => {
    const team = { id: TEAM, name: 'T', createdAt: '2026-01-01T00:00:00Z' };
    const older = scripted(() => json(201, { team }));
    expect(await new HubAdmin(older.transport, TOKEN).createTeam('T')).toEqual({
      team,
      teamAdminToken: null,
    });
    const broken = scripted(() => json(201, { team, adminToken: 'dft_short' }));
    expect((await failure(new HubAdmin(broken.transport, TOKEN).createTeam('T'))).code).toBe(
      'bad_response',
    );
  });

  it('withdraws and lists invites, and issues a new team admin token', async () => {
    const state = {
      id: INVITE,
      maxUses: 1,
      uses: 0,
      expiresAt: '2026-01-04T00:00:00Z',
      createdAt: '2026-01-01T00:00:00Z',
      withdrawnAt: '2026-01-02T00:00:00Z',
    };
    const { seen, transport } = scripted((r) =>
      r.path.endsWith('/withdraw')
        ? json(200, { invite: state })
        : r.path.endsWith('/admin-token')
          ? json(201, {
              team: { id: TEAM, name: 'T', createdAt: '2026-01-01T00:00:00Z' },
              adminToken: TEAM_TOKEN,
            })
          : json(200, { invites: [{ ...state, withdrawnAt: null }] }),
    );
    const admin = new HubAdmin(transport, TEAM_TOKEN);
    expect(await admin.withdrawInvite(TEAM, INVITE)).toEqual(state);
    expect((await admin.listInvites(TEAM)).map((i) => [i.id, i.withdrawnAt])).toEqual([
      [INVITE, null],
    ]);
    expect((await admin.issueTeamAdminToken(TEAM)).teamAdminToken).toBe(TEAM_TOKEN);
    expect(seen.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
      ['POST', `/v1/admin/teams/${TEAM}/invites/${INVITE}/withdraw`, `Bearer ${TEAM_TOKEN}`],
      ['GET', `/v1/admin/teams/${TEAM}/invites`, `Bearer ${TEAM_TOKEN}`],
      ['POST', `/v1/admin/teams/${TEAM}/admin-token`, `Bearer ${TEAM_TOKEN}`],
    ]);
    const unused = scripted(() => json(200, {}));
    const malformed = await failure(
      new HubAdmin(unused.transport, TOKEN).withdrawInvite(TEAM, '../x'),
    );
    expect([malformed.code, unused.seen]).toEqual(['bad_request', []]);
  });

  it('reports an invite the hub no longer knows as not_found', async () => {
    const { transport } = scripted(() =>
      json(404, { error: { code: 'not_found', message: 'Nothing here.' } }),
    );
    const error = await failure(new HubAdmin(transport, TEAM_TOKEN).withdrawInvite(TEAM, INVITE));
    expect([error.code, error.status]).toEqual(['not_found', 404]);
  });

  it('turns a refused admin token into `unauthorized`, with what the hub said', async () => {
    const { transport } = scripted(() =>
      json(401, { error: { code: 'unauthorized', message: 'Unknown token.' } }),
    );
    const error = await failure(new HubAdmin(transport, TOKEN).listTeams());
    expect([error.code, error.status, error.detail]).toEqual([
      'unauthorized',
      401,
      'Unknown token.',
    ]);
  });

  it('reports an unreachable hub as offline and a non-hub answer as bad_response', async () => {
    const down = scripted(() => new Error('connect ECONNREFUSED 127.0.0.1:9'));
    expect((await failure(new HubAdmin(down.transport, TOKEN).createTeam('X'))).code).toBe(
      'offline',
    );
    const page = scripted(() => ({ status: 200, headers: {}, body: utf8('<html>hi</html>') }));
    expect((await failure(new HubAdmin(page.transport, TOKEN).createTeam('X'))).code).toBe(
      'bad_response',
    );
    const wrongShape = scripted(() => json(201, { team: { id: 'short', name: 'X' } }));
    expect((await failure(new HubAdmin(wrongShape.transport, TOKEN).createTeam('X'))).code).toBe(
      'bad_response',
    );
  });

  it('keeps Retry-After of a rate limit, and refuses a malformed team id before sending', async () => {
    const limited = scripted(() =>
      json(429, { error: { code: 'rate_limited', message: 'Slow down.' } }, { 'retry-after': '7' }),
    );
    const error = await failure(new HubAdmin(limited.transport, TOKEN).listMembers(TEAM));
    expect([error.code, error.extra.retryAfterMs]).toEqual(['rate_limited', 7_000]);
    const unused = scripted(() => json(200, {}));
    const malformed = await failure(
      new HubAdmin(unused.transport, TOKEN).createInviteCode('../teams'),
    );
    expect(malformed.code).toBe('bad_request');
    expect(unused.seen).toEqual([]);
  });

  it('lists members with their revocation times', async () => {
    const { transport } = scripted(() =>
      json(200, {
        members: [
          { id: 'M'.repeat(22), name: 'Laptop A', joinedAt: '2026-01-01', revokedAt: null },
          { id: 'N'.repeat(22), name: 'Laptop B', joinedAt: '2026-01-01', revokedAt: '2026-01-02' },
        ],
      }),
    );
    const members = await new HubAdmin(transport, TOKEN).listMembers(TEAM);
    expect(members.map((m) => [m.name, m.revokedAt])).toEqual([
      ['Laptop A', null],
      ['Laptop B', '2026-01-02'],
    ]);
  });
});
