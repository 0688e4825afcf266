// Every endpoint against every kind of caller: own team, another team's member, no token, a
// revoked token, the wrong kind of token. Another team's resources must answer exactly what a
// resource that does not exist answers, and no byte of the other team's data may leak.
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, newToken } from './ids.ts';
import { openTestHub, sha256, type TestHub } from '../test/hubHarness.ts';

type Method = 'GET' | 'POST' | 'PATCH';
interface Resources {
  team: string;
  upload: string;
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

const adminEndpoints: Endpoint[] = [
  {
    name: 'create team',
    method: 'POST',
    path: () => '/v1/admin/teams',
    body: () => ({ name: 'New' }),
    ownStatus: 201,
  },
  { name: 'list teams', method: 'GET', path: () => '/v1/admin/teams', ownStatus: 200 },
  {
    name: 'create invite',
    method: 'POST',
    path: (r) => `/v1/admin/teams/${r.team}/invites`,
    body: () => ({ maxUses: 2 }),
    ownStatus: 201,
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

const SECRET_TEAM = 'Bravo-Team-SECRET-name';
const SECRET_MEMBER = 'bravo-member-SECRET-name';
const SECRET_BYTES = Buffer.from('BRAVO-BUNDLE-BYTES-do-not-leak-'.repeat(8));

let t: TestHub;
let alpha: { id: string; members: { id: string; token: string }[] };
let bravo: Resources;
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
  return { team: alpha.id, upload, seq: 1, member: alpha.members[1]!.id, chunk };
}

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
  bravo = { team: b.id, upload, seq: 1, member: b.members[0]!.id, chunk: CHUNK };
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
    const missing = await call(alpha.members[0]!.token, endpoint, {
      team: newId(),
      upload: newId(),
      seq: 99,
      member: newId(),
      chunk: CHUNK,
    });
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(other.body).toBe(missing.body);
    leakChecked.push(other, missing);
  });

  it.each([
    ['no token', null, 'unauthorized'],
    ['an unknown token', newToken(), 'unauthorized'],
    ['a malformed token', 'not-a-token', 'unauthorized'],
    ['a revoked token', 'revoked', 'token_revoked'],
    ['the admin token', 'admin', 'unauthorized'],
  ] as const)('refuses %s', async (_label, token, code) => {
    const resolved = token === 'revoked' ? revokedToken : token === 'admin' ? t.adminToken : token;
    for (const r of [bravo, await ownResources()]) {
      const response = await call(resolved, endpoint, r);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: { code } });
      leakChecked.push(response);
    }
  });
});

describe.each(adminEndpoints)('admin route: $name', (endpoint) => {
  it('works with the admin token', async () => {
    const response = await t.admin(
      endpoint.method === 'PATCH' ? 'POST' : endpoint.method,
      endpoint.path(await ownResources()),
      endpoint.body?.(bravo),
    );
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

describe('admin routes on a team that does not exist', () => {
  it('answer not_found', async () => {
    for (const endpoint of adminEndpoints.slice(2)) {
      const response = await t.admin(
        endpoint.method === 'GET' ? 'GET' : 'POST',
        endpoint.path({ team: newId(), upload: '', seq: 1, member: newId(), chunk: CHUNK }),
        {},
      );
      expect(response.statusCode).toBe(404);
    }
  });
});

describe('health', () => {
  it('answers anyone', async () => {
    const response = await t.member('', 'GET', '/v1/health', undefined, { authorization: '' });
    expect(response.json()).toEqual({ ok: true, protocol: 1 });
  });
});
