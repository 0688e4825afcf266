// A hub upgraded in place: a version 1 database (from before team admin tokens and invite ids),
// on SQLite and on PostgreSQL (when DAFTAR_TEST_POSTGRES_URL is set), opened by this hub. Its
// teams, members and unused invites must keep working; its teams have no team admin token until
// the operator issues one.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { newToken, sha256Hex } from '../ids.ts';
import { openTestHub, tempDir, type TestHub } from '../../test/hubHarness.ts';
import {
  POSTGRES_URL,
  dropTestSchema,
  newTestSchema,
  openTestPostgresStore,
} from '../../test/postgres.ts';
import { postgresSchemaV1 } from './postgresStore.ts';
import { SCHEMA_V1 } from './sqliteSchema.ts';
import { sqliteFile } from './sqliteStore.ts';

const TEAM = 'OldTeam000000000000000';
const MEMBER = 'OldMember0000000000000';
const CODE = 'old-invite-code-0123456789';
const MEMBER_TOKEN = newToken();
const T0 = '2026-01-01T00:00:00.000Z';

/** The rows a version 1 hub would have written, as [sql, params] (PostgreSQL placeholders). */
const V1_ROWS: [string, unknown[]][] = [
  ['INSERT INTO teams (id, name, created_at) VALUES ($1, $2, $3)', [TEAM, 'Old team', T0]],
  [
    'INSERT INTO members (id, team_id, name, token_hash, joined_at) VALUES ($1, $2, $3, $4, $5)',
    [MEMBER, TEAM, 'Old laptop', sha256Hex(MEMBER_TOKEN), T0],
  ],
  [
    'INSERT INTO invites (code_hash, team_id, max_uses, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)',
    [sha256Hex(CODE), TEAM, 2, '2099-01-01T00:00:00.000Z', T0],
  ],
];

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function checkUpgraded(t: TestHub): Promise<void> {
  const teams = await t.admin('GET', '/v1/admin/teams');
  expect(teams.json()).toMatchObject({ teams: [{ id: TEAM, name: 'Old team', members: 1 }] });
  const asMember = await t.member(MEMBER_TOKEN, 'GET', `/v1/teams/${TEAM}`);
  expect(asMember.json()).toMatchObject({ member: { id: MEMBER, name: 'Old laptop' } });
  const invites = await t.admin('GET', `/v1/admin/teams/${TEAM}/invites`);
  const oldInvite = { id: sha256Hex(CODE).slice(0, 22), uses: 0, maxUses: 2, withdrawnAt: null };
  expect(invites.json()).toEqual({ invites: [expect.objectContaining(oldInvite)] });
  const joined = await t.member(
    '',
    'POST',
    '/v1/join',
    { code: CODE, name: 'New laptop' },
    {
      authorization: '',
    },
  );
  expect(joined.statusCode).toBe(201);

  // No team admin token yet: the operator issues one, which then reaches this team.
  const issued = await t.admin('POST', `/v1/admin/teams/${TEAM}/admin-token`);
  expect(issued.statusCode).toBe(201);
  const teamAdmin = (issued.json() as { adminToken: string }).adminToken;
  const members = await t.member(teamAdmin, 'GET', `/v1/admin/teams/${TEAM}/members`);
  expect(members.statusCode).toBe(200);
  const withdrawn = await t.member(
    teamAdmin,
    'POST',
    `/v1/admin/teams/${TEAM}/invites/${oldInvite.id}/withdraw`,
  );
  expect(withdrawn.statusCode).toBe(200);
  const late = await t.member(
    '',
    'POST',
    '/v1/join',
    { code: CODE, name: 'Late' },
    {
      authorization: '',
    },
  );
  expect(late.json()).toMatchObject({ error: { code: 'invite_invalid' } });
}

describe('upgrading a version 1 hub database in place', () => {
  it('on SQLite', async () => {
    const dir = await tempDir();
    cleanups.push(dir.remove);
    const old = new Database(sqliteFile(dir.path));
    old.exec(SCHEMA_V1);
    for (const [sql, params] of V1_ROWS) old.prepare(sql.replace(/\$\d/g, '?')).run(...params);
    old.pragma('user_version = 1');
    old.close();

    const t = await openTestHub({ dataDir: dir.path });
    await checkUpgraded(t);
    await t.hub.close();
    const again = new Database(sqliteFile(dir.path), { readonly: true });
    expect(again.pragma('user_version', { simple: true })).toBe(2);
    again.close();
  });

  it.skipIf(POSTGRES_URL === '')('on PostgreSQL', async () => {
    const schema = newTestSchema();
    const dir = await tempDir();
    cleanups.push(async () => {
      await dropTestSchema(schema);
      await dir.remove();
    });
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await client.query(postgresSchemaV1(schema));
      await client.query(`SET search_path = ${schema}`);
      await client.query("INSERT INTO settings (key, value) VALUES ('schema_version', '1')");
      for (const [sql, params] of V1_ROWS) await client.query(sql, params);
    } finally {
      await client.end();
    }
    const t = await openTestHub({ dataDir: dir.path, store: await openTestPostgresStore(schema) });
    await checkUpgraded(t);
    await t.hub.close();
    // Opening once more finds version 2 and changes nothing.
    const reopened = await openTestPostgresStore(schema);
    expect((await reopened.listTeams()).map((team) => team.id)).toEqual([TEAM]);
    await reopened.close();
  });
});
