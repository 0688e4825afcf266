// Test helpers: a hub on a temporary data folder (SQLite unless a store is given), a known admin
// (operator) token, and short-hands for the admin, join and upload steps the tests repeat.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { newToken, sha256Hex } from '../src/ids.ts';
import type { HubLimits } from '../src/limits.ts';
import { createHub, type Hub, type HubOptions } from '../src/server.ts';
import type { HubStore } from '../src/store/hubStore.ts';
import { openSqliteStore } from '../src/store/sqliteStore.ts';

export const sha256 = (bytes: Buffer | string): string =>
  createHash('sha256').update(bytes).digest('hex');

export async function tempDir(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'daftar-hub-test-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export interface TestHub {
  hub: Hub;
  adminToken: string;
  dataDir: string;
  admin(method: 'GET' | 'POST', url: string, payload?: object): Promise<LightMyRequestResponse>;
  member(
    token: string,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object | Buffer,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  /**
   * Creates a team and joins `names` to it; answers the team id, its team admin token and each
   * member's token.
   */
  team(
    name: string,
    names: string[],
  ): Promise<{ id: string; adminToken: string; members: { id: string; token: string }[] }>;
  /** Uploads `bytes` in one chunk and completes; answers the bundle JSON. */
  upload(token: string, teamId: string, bytes: Buffer): Promise<{ seq: number; sha256: string }>;
}

export interface TestHubOptions {
  dataDir?: string;
  store?: HubStore;
  limits?: Partial<HubLimits>;
  now?: () => Date;
  logger?: HubOptions['logger'];
}

export async function openTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const ownDir = options.dataDir === undefined ? await tempDir() : null;
  const dataDir = options.dataDir ?? ownDir?.path ?? '';
  const store = options.store ?? openSqliteStore(dataDir);
  const adminToken = newToken();
  await store.setAdminTokenHash(sha256Hex(adminToken));
  const created = await createHub({
    store,
    dataDir,
    limits: options.limits,
    now: options.now,
    logger: options.logger,
    sweepTimer: false,
  });
  // A folder the harness made goes when the hub closes; a given one belongs to the test.
  const hub: Hub = {
    ...created,
    async close() {
      await created.close();
      await ownDir?.remove();
    },
  };
  const inject = (
    token: string | null,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object | Buffer,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> =>
    hub.app.inject({
      method,
      url,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(payload === undefined
          ? {}
          : {
              'content-type': Buffer.isBuffer(payload)
                ? 'application/offset+octet-stream'
                : 'application/json',
            }),
        ...headers,
      },
      ...(payload === undefined
        ? {}
        : { payload: Buffer.isBuffer(payload) ? payload : JSON.stringify(payload) }),
    });
  const testHub: TestHub = {
    hub,
    adminToken,
    dataDir,
    admin: (method, url, payload) => inject(adminToken, method, url, payload),
    member: (token, method, url, payload, headers) => inject(token, method, url, payload, headers),
    async team(name, names) {
      const created = await testHub.admin('POST', '/v1/admin/teams', { name });
      const { team, adminToken } = created.json() as { team: { id: string }; adminToken: string };
      const id = team.id;
      const members = [];
      for (const memberName of names) {
        const invite = await testHub.admin('POST', `/v1/admin/teams/${id}/invites`, {});
        const code = (invite.json() as { invite: { code: string } }).invite.code;
        const joined = await inject(null, 'POST', '/v1/join', { code, name: memberName });
        const body = joined.json() as { member: { id: string }; token: string };
        members.push({ id: body.member.id, token: body.token });
      }
      return { id, adminToken, members };
    },
    async upload(token, teamId, bytes) {
      const started = await inject(token, 'POST', `/v1/teams/${teamId}/uploads`, {
        size: bytes.length,
        sha256: sha256(bytes),
      });
      if (started.statusCode === 200)
        return (started.json() as { bundle: { seq: number; sha256: string } }).bundle;
      const uploadId = (started.json() as { upload: { id: string } }).upload.id;
      const url = `/v1/teams/${teamId}/uploads/${uploadId}`;
      const patched = await inject(token, 'PATCH', url, bytes, { 'upload-offset': '0' });
      if (patched.statusCode !== 204)
        throw new Error(`PATCH answered ${patched.statusCode}: ${patched.body}`);
      const completed = await inject(token, 'POST', `${url}/complete`);
      if (completed.statusCode !== 201)
        throw new Error(`complete answered ${completed.statusCode}: ${completed.body}`);
      return (completed.json() as { bundle: { seq: number; sha256: string } }).bundle;
    },
  };
  return testHub;
}
