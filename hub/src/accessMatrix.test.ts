// Every endpoint against every kind of caller: own team, another team's member, no token, a
// revoked token, the wrong kind of token, the operator's admin token, and the team admin tokens
// of the own and of another team. Another team's resources must answer exactly what a resource
// that does not exist answers, and no byte of the other team's data may leak.
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, newToken } from './ids.ts';
import { openTestHub, sha256, type TestHub } from '../test/hubHarness.ts';

type Method = 'GET' | 'POST' | 'PATCH';
interface Resources {
  team: string;
  upload: string;
  /** An unused invite of the team (its id, not its code). */
  invite: string;
  seq: number;
  member: string;
  /** Bytes the upload expects (its SHA-256 was given when it started). */
  chunk: Buffer;
}
interface Endpoint {
  name: string;
  method: Method;
  path: (r: Resources) => string;
  body?: (r: Resources) => object | Buffer;
  headers?: Record<string, string>;
  ownStatus: number;
  /** Replaces the team's admin token: run with a team of its own, not the matrix's teams. */
  rotates?: boolean;
}

const CHUNK = Buffer.from('0123456789abcdef');

const memberEndpoints: Endpoint[] = [
  { name: 'team', method: 'GET', path: (r) => `/v1/teams/${r.team}`, ownStatus: 200 },
  {
    name: 'start upload',
    method: 'POST',
    path: (r) => `/v1/teams/${r.team}/uploads`,
    body: () => ({ size: 16, sha256: sha256(`fresh ${Math.random()}`) }),
    ownStatus: 201,
  },
  {
    name: 'get upload',
    method: 'GET',
    path: (r) => `/v1/teams/${r.team}/uploads/${r.upload}`,
    ownStatus: 200,
  },
  {
    name: 'patch upload',
    method: 'PATCH',
    path: (r) => `/v1/teams/${r.team}/uploads/${r.upload}`,
    body: (r) => r.chunk,
    headers: { 'upload-offset': '0' },
    ownStatus: 204,
  },
  {
    name: 'complete upload',
    method: 'POST',
    path: (r) => `/v1/teams/${r.team}/uploads/${r.upload}/complete`,
    ownStatus: 201,
  },
  {
    name: 'list bundles',
    method: 'GET',
    path: (r) => `/v1/teams/${r.team}/bundles?after=0`,
    ownStatus: 200,
  },
  {
    name: 'download bundle',
    method: 'GET',
    path: (r) => `/v1/teams/${r.team}/bundles/${r.seq}`,
    ownStatus: 200,
  },
  {
    name: 'resume download',
    method: 'GET',
    path: (r) => `/v1/teams/${r.team}/bundles/${r.seq}`,
    headers: { range: 'bytes=3-' },
    ownStatus: 206,
  },
];

/** Hub-wide: the operator's admin token only. */
const operatorEndpoints: Endpoint[] = [
  {
    name: 'create team',
    method: 'POST',
    path: () => '/v1/admin/teams',
    body: () => ({ name: 'New' }),
    ownStatus: 201,
  },
  { name: 'list teams', method: 'GET', path: () => '/v1/admin/teams', ownStatus: 200 },
  {
    name: 'issue team admin token',
    method: 'POST',
    path: (r) => `/v1/admin/teams/${r.team}/admin-token`,
    ownStatus: 201,
    rotates: true,
  },
];

/** Team-scoped: the operator's admin token, or the team's own admin token. */
const teamAdminEndpoints: Endpoint[] = [
  {
    name: 'create invite',
    method: 'POST',
    path: (r) => `/v1/admin/teams/${r.team}/invites`,
    body: () => ({ maxUses: 2 }),
    ownStatus: 201,
  },
  {
    name: 'list invites',
    method: 'GET',
    path: (r) => `/v1/admin/teams/${r.team}/invites`,
    ownStatus: 200,
  },
  {
    name: 'withdraw invite',
    method: 'POST',
    path: (r) => `/v1/admin/teams/${r.team}/invites/${r.invite}/withdraw`,
    ownStatus: 200,
  },
  {
    name: 'list members',
    method: 'GET',
    path: (r) => `/v1/admin/teams/${r.team}/members`,
    ownStatus: 200,
  },
  {
    name: 'revoke member',
    method: 'POST',
    path: (r) => `/v1/admin/teams/${r.team}/members/${r.member}/revoke`,
    ownStatus: 200,
  },
];

const adminEndpoints = [...operatorEndpoints, ...teamAdminEndpoints];

const SECRET_TEAM = 'Bravo-Team-SECRET-name';
const SECRET_MEMBER = 'bravo-member-SECRET-name';
const SECRET_BYTES = Buffer.from('BRAVO-BUNDLE-BYTES-do-not-leak-'.repeat(8));

let t: TestHub;
let alpha: { id: string; adminToken: string; members: { id: string; token: string }[] };
let bravo: Resources;
let bravoAdminToken: string;
let revokedToken: string;
const leakChecked: LightMyRequestResponse[] = [];

async function ownResources(): Promise<Resources> {
  const token = alpha.members[0]!.token;
  const chunk = randomBytes(16);
  const started = await t.member(token, 'POST', `/v1/teams/${alpha.id}/uploads`, {
    size: chunk.length,
    sha256: sha256(chunk),
  });
  const upload = (started.json() as { upload: { id: string } }).upload.id;
  return {
    team: alpha.id,
    upload,
    invite: await newInvite(alpha.id),
    seq: 1,
    member: alpha.members[1]!.id,
    chunk,
  };
}

async function newInvite(team: string): Promise<string> {
  const created = await t.admin('POST', `/v1/admin/teams/${team}/invites`, {});
  return (created.json() as { invite: { id: string } }).invite.id;
}

/** What a caller would name for a team, upload, invite and member that do not exist. */
const missing = (): Resources => ({
  team: newId(),
  upload: newId(),
  invite: newId(),
  seq: 99,
  member: newId(),
  chunk: CHUNK,
});

async function call(
  token: string | null,
  endpoint: Endpoint,
  r: Resources,
): Promise<LightMyRequestResponse> {
  const response = await t.member(
    token ?? '',
    endpoint.method,
    endpoint.path(r),
    endpoint.body?.(r),
    { ...(token === null ? { authorization: '' } : {}), ...endpoint.headers },
  );
  return response;
}

beforeAll(async () => {
  // Every case starts its own upload as the same member; the open-upload cap is tested elsewhere.
  t = await openTestHub({ limits: { maxOpenUploadsPerMember: 1000 } });
  alpha = await t.team('Alpha', ['alpha one', 'alpha revoked']);
  await t.upload(alpha.members[0]!.token, alpha.id, Buffer.from('alpha bundle bytes'));
  const b = await t.team(SECRET_TEAM, [SECRET_MEMBER]);
  const bToken = b.members[0]!.token;
  await t.upload(bToken, b.id, SECRET_BYTES);
  const started = await t.member(bToken, 'POST', `/v1/teams/${b.id}/uploads`, {
    size: CHUNK.length,
    sha256: sha256(CHUNK),
  });
  const upload = (started.json() as { upload: { id: string } }).upload.id;
  bravo = {
    team: b.id,
    upload,
    invite: await newInvite(b.id),
    seq: 1,
    member: b.members[0]!.id,
    chunk: CHUNK,
  };
  bravoAdminToken = b.adminToken;
  revokedToken = alpha.members[1]!.token;
  await t.admin('POST', `/v1/admin/teams/${alpha.id}/members/${alpha.members[1]!.id}/revoke`);
});

afterAll(async () => {
  const secrets = [
    SECRET_TEAM,
    SECRET_MEMBER,
    sha256(SECRET_BYTES),
    bravo.team,
    bravo.upload,
    bravo.member,
    bravo.invite,
    bravoAdminToken,
  ];
  expect(leakChecked.length).toBeGreaterThan(40);
  for (const response of leakChecked) {
    const text = response.rawPayload.toString('latin1') + JSON.stringify(response.headers);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(response.rawPayload.includes(SECRET_BYTES.subarray(0, 24))).toBe(false);
  }
  await t.hub.close();
});

describe.each(memberEndpoints)('member route: $name', (endpoint) => {
  it('works for its own team', async () => {
    const own = await ownResources();
    if (endpoint.name === 'complete upload') {
      await t.member(
        alpha.members[0]!.token,
        'PATCH',
        `/v1/teams/${own.team}/uploads/${own.upload}`,
        own.chunk,
        {
          'upload-offset': '0',
        },
      );
    }
    const response = await call(alpha.members[0]!.token, endpoint, own);
    expect(response.statusCode, response.body).toBe(endpoint.ownStatus);
    leakChecked.push(response);
  });

  it("answers another team's resources exactly like missing ones", async () => {
    const other = await call(alpha.members[0]!.token, endpoint, bravo);
    const absent = await call(alpha.members[0]!.token, endpoint, missing());
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(other.body).toBe(absent.body);
    leakChecked.push(other, absent);
  });

  it.each([
    ['no token', null, 'unauthorized'],
    ['an unknown token', newToken(), 'unauthorized'],
    ['a malformed token', 'not-a-token', 'unauthorized'],
    ['a revoked token', 'revoked', 'token_revoked'],
    ['the admin token', 'admin', 'unauthorized'],
    ["the own team's admin token", 'ownTeamAdmin', 'unauthorized'],
    ["another team's admin token", 'otherTeamAdmin', 'unauthorized'],
  ] as const)('refuses %s', async (_label, token, code) => {
    const resolved =
      token === 'revoked'
        ? revokedToken
        : token === 'admin'
          ? t.adminToken
          : token === 'ownTeamAdmin'
            ? alpha.adminToken
            : token === 'otherTeamAdmin'
              ? bravoAdminToken
              : token;
    for (const r of [bravo, await ownResources()]) {
      const response = await call(resolved, endpoint, r);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: { code } });
      leakChecked.push(response);
    }
  });
});

/** Resources for an admin endpoint run with the operator's token. */
async function operatorResources(endpoint: Endpoint): Promise<Resources> {
  const own = await ownResources();
  if (!endpoint.rotates) return own;
  const spare = await t.admin('POST', '/v1/admin/teams', { name: 'Spare' });
  return { ...own, team: (spare.json() as { team: { id: string } }).team.id };
}

describe.each(adminEndpoints)('admin route: $name', (endpoint) => {
  it("works with the operator's admin token", async () => {
    const response = await call(t.adminToken, endpoint, await operatorResources(endpoint));
    expect(response.statusCode, response.body).toBe(endpoint.ownStatus);
  });

  it.each([
    ['a member token', 'member', 'unauthorized'],
    ['no token', null, 'unauthorized'],
    ['an unknown token', newToken(), 'unauthorized'],
    ['a revoked token', 'revoked', 'token_revoked'],
  ] as const)('refuses %s', async (_label, token, code) => {
    const resolved =
      token === 'revoked' ? revokedToken : token === 'member' ? alpha.members[0]!.token : token;
    const response = await call(resolved, endpoint, bravo);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code } });
    leakChecked.push(response);
  });
});

describe.each(operatorEndpoints)('hub-wide admin route: $name', (endpoint) => {
  it.each([
    ["the own team's admin token", 'own'],
    ["another team's admin token", 'other'],
  ] as const)('refuses %s as unauthorized', async (_label, which) => {
    const token = which === 'own' ? alpha.adminToken : bravoAdminToken;
    const teamCount = async () =>
      ((await t.admin('GET', '/v1/admin/teams')).json() as { teams: unknown[] }).teams.length;
    const before = await teamCount();
    for (const r of [await ownResources(), bravo]) {
      const response = await call(token, endpoint, r);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 'unauthorized' } });
      leakChecked.push(response);
    }
    // Nothing happened: no team was made, and the token was not replaced.
    expect(await teamCount()).toBe(before);
    const stillWorks = await t.member(
      token,
      'GET',
      `/v1/admin/teams/${which === 'own' ? alpha.id : bravo.team}/members`,
    );
    expect(stillWorks.statusCode).toBe(200);
  });
});

describe.each(teamAdminEndpoints)('team admin route: $name', (endpoint) => {
  it("works with the own team's admin token", async () => {
    const response = await call(alpha.adminToken, endpoint, await ownResources());
    expect(response.statusCode, response.body).toBe(endpoint.ownStatus);
    leakChecked.push(response);
  });

  it("answers another team's admin token exactly like a missing team", async () => {
    // Alpha's admin token on Bravo's team, and Bravo's on Alpha's: both as if nothing were there.
    const other = await call(alpha.adminToken, endpoint, bravo);
    const absent = await call(alpha.adminToken, endpoint, missing());
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(other.body).toBe(absent.body);
    const reverse = await call(bravoAdminToken, endpoint, await ownResources());
    expect(reverse.body).toBe(absent.body);
    expect(reverse.statusCode).toBe(404);
    leakChecked.push(other, absent, reverse);
  });

  it('answers a missing invite or member of the own team like a missing team', async () => {
    const absentTeam = await call(alpha.adminToken, endpoint, missing());
    const own = await ownResources();
    const absentInside = await call(alpha.adminToken, endpoint, {
      ...missing(),
      team: own.team,
    });
    if (endpoint.path(own).includes(own.invite) || endpoint.path(own).includes(own.member)) {
      expect(absentInside.body).toBe(absentTeam.body);
    }
    leakChecked.push(absentTeam, absentInside);
  });
});

describe('admin routes on a team that does not exist', () => {
  it('answer not_found', async () => {
    for (const endpoint of adminEndpoints.filter((e) => e.path(missing()).includes('/teams/'))) {
      const response = await call(t.adminToken, endpoint, missing());
      expect(response.statusCode, endpoint.name).toBe(404);
    }
  });
});

describe('health', () => {
  it('answers anyone', async () => {
    const response = await t.member('', 'GET', '/v1/health', undefined, { authorization: '' });
    expect(response.json()).toEqual({ ok: true, protocol: 1 });
  });
});

describe('which admin token (GET /v1/admin/token)', () => {
  const whoami: Endpoint = {
    name: 'which admin token',
    method: 'GET',
    path: () => '/v1/admin/token',
    ownStatus: 200,
  };

  it("names the operator's token, and a team's token with its own team only", async () => {
    const r = await ownResources();
    const operator = await call(t.adminToken, whoami, r);
    expect(operator.json()).toEqual({ kind: 'operator' });
    const own = await call(alpha.adminToken, whoami, r);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ kind: 'team', team: { id: alpha.id, name: 'Alpha' } });
    // Bravo's token is answered with Bravo's own team: the leak check is for Alpha's callers.
    const other = await call(bravoAdminToken, whoami, r);
    expect(other.json()).toMatchObject({ kind: 'team', team: { id: bravo.team } });
    expect(other.body).not.toContain(alpha.id);
    leakChecked.push(operator, own);
  });

  it.each([
    ['no token', null, 'unauthorized'],
    ['an unknown token', newToken(), 'unauthorized'],
    ['a member token', 'member', 'unauthorized'],
    ['a revoked token', 'revoked', 'token_revoked'],
  ] as const)('refuses %s', async (_label, token, code) => {
    const resolved =
      token === 'member' ? alpha.members[0]!.token : token === 'revoked' ? revokedToken : token;
    const response = await call(resolved, whoami, await ownResources());
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code } });
    leakChecked.push(response);
  });
});
