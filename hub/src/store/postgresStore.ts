// HubStore on PostgreSQL (pg Pool), for hubs with many teams. Same behaviour as the SQLite store;
// bundle bytes stay on disk in the data folder (BlobFiles), not in `bytea` — PostgreSQL holds
// only metadata, so a 256 MiB bundle never passes through a query. Tables live in one schema
// (default `daftar_hub`) so tests can use a throwaway schema. Sequence numbers are assigned after
// locking the team row (SELECT … FOR UPDATE), which serialises completions per team: no gaps, and
// commit order is sequence order.
// Schema versions (settings.schema_version): 1 the first hub; 2 adds team admin tokens and invite
// ids and withdrawal. The upgrade runs at start-up, under the same lock as the creation, and is
// idempotent; teams made before version 2 have no team admin token until the operator issues one.
import pg from 'pg';
import type {
  BundleRecord,
  HubStore,
  InviteRecord,
  MemberRecord,
  NewMember,
  TeamRecord,
  UploadRecord,
} from './hubStore.ts';

const SCHEMA_VERSION = 2;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The version 1 tables. */
export const postgresSchemaV1 = (schema: string): string => `
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${schema}.settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ${schema}.teams (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL, head BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS ${schema}.invites (
  code_hash TEXT PRIMARY KEY, team_id TEXT NOT NULL REFERENCES ${schema}.teams(id),
  max_uses INTEGER NOT NULL, uses INTEGER NOT NULL DEFAULT 0,
  expires_at TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${schema}.members (
  id TEXT PRIMARY KEY, team_id TEXT NOT NULL REFERENCES ${schema}.teams(id), name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE, joined_at TEXT NOT NULL, revoked_at TEXT
);
CREATE INDEX IF NOT EXISTS members_by_team ON ${schema}.members(team_id);
CREATE TABLE IF NOT EXISTS ${schema}.uploads (
  id TEXT PRIMARY KEY, team_id TEXT NOT NULL REFERENCES ${schema}.teams(id), member_id TEXT NOT NULL,
  size BIGINT NOT NULL, sha256 TEXT NOT NULL, byte_offset BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL, bundle_seq BIGINT
);
CREATE INDEX IF NOT EXISTS uploads_by_age ON ${schema}.uploads(created_at);
CREATE INDEX IF NOT EXISTS uploads_by_team ON ${schema}.uploads(team_id);
CREATE TABLE IF NOT EXISTS ${schema}.bundles (
  team_id TEXT NOT NULL REFERENCES ${schema}.teams(id), seq BIGINT NOT NULL, sha256 TEXT NOT NULL,
  size BIGINT NOT NULL, member_id TEXT NOT NULL, received_at TEXT NOT NULL,
  PRIMARY KEY (team_id, seq), UNIQUE (team_id, sha256)
);
`;

/** Version 1 → 2 (idempotent). Older invites get the first 22 hex digits of their digest as id. */
const upgradeTo2 = (schema: string): string => `
ALTER TABLE ${schema}.teams ADD COLUMN IF NOT EXISTS admin_token_hash TEXT;
CREATE UNIQUE INDEX IF NOT EXISTS teams_by_admin_token ON ${schema}.teams(admin_token_hash);
ALTER TABLE ${schema}.invites ADD COLUMN IF NOT EXISTS id TEXT;
ALTER TABLE ${schema}.invites ADD COLUMN IF NOT EXISTS withdrawn_at TEXT;
UPDATE ${schema}.invites SET id = substr(code_hash, 1, 22) WHERE id IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS invites_by_id ON ${schema}.invites(id);
CREATE INDEX IF NOT EXISTS invites_by_team ON ${schema}.invites(team_id);
`;

type Row = Record<string, unknown>;

const text = (row: Row, key: string): string => String(row[key]);
const num = (row: Row, key: string): number => Number(row[key]);
const nullableText = (row: Row, key: string): string | null =>
  row[key] === null || row[key] === undefined ? null : String(row[key]);

const team = (row: Row): TeamRecord => ({
  id: text(row, 'id'),
  name: text(row, 'name'),
  createdAt: text(row, 'created_at'),
});
const member = (row: Row): MemberRecord => ({
  id: text(row, 'id'),
  teamId: text(row, 'team_id'),
  name: text(row, 'name'),
  joinedAt: text(row, 'joined_at'),
  revokedAt: nullableText(row, 'revoked_at'),
});
const invite = (row: Row): InviteRecord => ({
  id: text(row, 'id'),
  teamId: text(row, 'team_id'),
  maxUses: num(row, 'max_uses'),
  uses: num(row, 'uses'),
  expiresAt: text(row, 'expires_at'),
  createdAt: text(row, 'created_at'),
  withdrawnAt: nullableText(row, 'withdrawn_at'),
});
const upload = (row: Row): UploadRecord => ({
  id: text(row, 'id'),
  teamId: text(row, 'team_id'),
  memberId: text(row, 'member_id'),
  size: num(row, 'size'),
  sha256: text(row, 'sha256'),
  offset: num(row, 'byte_offset'),
  createdAt: text(row, 'created_at'),
  bundleSeq: row['bundle_seq'] === null ? null : num(row, 'bundle_seq'),
});
const bundle = (row: Row): BundleRecord => ({
  teamId: text(row, 'team_id'),
  seq: num(row, 'seq'),
  sha256: text(row, 'sha256'),
  size: num(row, 'size'),
  memberId: text(row, 'member_id'),
  receivedAt: text(row, 'received_at'),
});

export interface PostgresStoreOptions {
  connectionString: string;
  /** Schema holding the hub's tables; created if missing. */
  schema?: string;
  poolSize?: number;
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<HubStore> {
  const schema = options.schema ?? 'daftar_hub';
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `The PostgreSQL schema name "${schema}" must be lower-case letters, digits and _.`,
    );
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    options: `-c search_path=${schema}`,
  });
  // An idle client's network error must not crash the hub; the next query reconnects.
  pool.on('error', () => undefined);

  const query = async (sql: string, params: unknown[] = []): Promise<Row[]> =>
    (await pool.query<Row>(sql, params)).rows;

  const transaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };

  await transaction(async (client) => {
    // Two hubs starting at once on an empty database must not race on CREATE TABLE.
    await client.query('SELECT pg_advisory_xact_lock(7007)');
    await client.query(postgresSchemaV1(schema));
    const found = await client.query<Row>(
      "SELECT value FROM settings WHERE key = 'schema_version'",
    );
    const version = found.rows[0] ? Number(found.rows[0]['value']) : 0;
    if (version > SCHEMA_VERSION) {
      throw new Error(
        `The hub database is from a newer hub (schema ${version}); this hub knows schema ${SCHEMA_VERSION}.`,
      );
    }
    await client.query(upgradeTo2(schema));
    await client.query(
      "INSERT INTO settings (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [String(SCHEMA_VERSION)],
    );
  });

  const findBundleBySha = async (
    run: (sql: string, params: unknown[]) => Promise<Row[]>,
    teamId: string,
    sha256: string,
  ): Promise<BundleRecord | null> => {
    const rows = await run('SELECT * FROM bundles WHERE team_id = $1 AND sha256 = $2', [
      teamId,
      sha256,
    ]);
    return rows[0] ? bundle(rows[0]) : null;
  };

  return {
    async getAdminTokenHash() {
      const rows = await query("SELECT value FROM settings WHERE key = 'admin_token_sha256'");
      return rows[0] ? text(rows[0], 'value') : null;
    },
    async setAdminTokenHash(hash) {
      await query(
        "INSERT INTO settings (key, value) VALUES ('admin_token_sha256', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [hash],
      );
    },
    async createTeam(record, adminTokenHash) {
      await query(
        'INSERT INTO teams (id, name, created_at, admin_token_hash) VALUES ($1, $2, $3, $4)',
        [record.id, record.name, record.createdAt, adminTokenHash ?? null],
      );
      return { id: record.id, name: record.name, createdAt: record.createdAt };
    },
    async setTeamAdminTokenHash(teamId, hash) {
      const rows = await query(
        'UPDATE teams SET admin_token_hash = $1 WHERE id = $2 RETURNING id',
        [hash, teamId],
      );
      return rows.length > 0;
    },
    async findTeamByAdminTokenHash(hash) {
      const rows = await query('SELECT * FROM teams WHERE admin_token_hash = $1', [hash]);
      return rows[0]
        ? { ...team(rows[0]), adminTokenHash: text(rows[0], 'admin_token_hash') }
        : null;
    },
    async getTeam(teamId) {
      const rows = await query('SELECT * FROM teams WHERE id = $1', [teamId]);
      return rows[0] ? team(rows[0]) : null;
    },
    async listTeams() {
      const rows = await query(
        `SELECT t.id, t.name, t.created_at,
           (SELECT COUNT(*) FROM members m WHERE m.team_id = t.id AND m.revoked_at IS NULL) AS members,
           (SELECT COUNT(*) FROM bundles b WHERE b.team_id = t.id) AS bundles,
           (SELECT COALESCE(SUM(size), 0) FROM bundles b WHERE b.team_id = t.id) AS bytes
         FROM teams t ORDER BY t.created_at, t.id`,
      );
      return rows.map((row) => ({
        ...team(row),
        members: num(row, 'members'),
        bundles: num(row, 'bundles'),
        bytes: num(row, 'bytes'),
      }));
    },
    async createInvite(added) {
      await query(
        'INSERT INTO invites (id, code_hash, team_id, max_uses, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [added.id, added.codeHash, added.teamId, added.maxUses, added.expiresAt, added.createdAt],
      );
    },
    async listInvites(teamId) {
      const rows = await query('SELECT * FROM invites WHERE team_id = $1 ORDER BY created_at, id', [
        teamId,
      ]);
      return rows.map(invite);
    },
    async withdrawInvite(teamId, inviteId, now) {
      const rows = await query(
        'UPDATE invites SET withdrawn_at = COALESCE(withdrawn_at, $1) WHERE id = $2 AND team_id = $3 RETURNING *',
        [now, inviteId, teamId],
      );
      return rows[0] ? invite(rows[0]) : null;
    },
    async redeemInvite(codeHash, now, added: NewMember) {
      return transaction(async (client) => {
        // The row lock makes concurrent joins on one invite count their uses one at a time.
        const found = await client.query<Row>(
          'SELECT * FROM invites WHERE code_hash = $1 FOR UPDATE',
          [codeHash],
        );
        const row = found.rows[0];
        if (!row) return null;
        if (
          row['withdrawn_at'] !== null ||
          num(row, 'uses') >= num(row, 'max_uses') ||
          text(row, 'expires_at') <= now
        ) {
          return null;
        }
        const teamId = text(row, 'team_id');
        await client.query('UPDATE invites SET uses = uses + 1 WHERE code_hash = $1', [codeHash]);
        await client.query(
          'INSERT INTO members (id, team_id, name, token_hash, joined_at) VALUES ($1, $2, $3, $4, $5)',
          [added.id, teamId, added.name, added.tokenHash, added.joinedAt],
        );
        const teams = await client.query<Row>('SELECT * FROM teams WHERE id = $1', [teamId]);
        if (!teams.rows[0]) throw new Error('An invite points at a missing team.');
        return {
          team: team(teams.rows[0]),
          member: {
            id: added.id,
            teamId,
            name: added.name,
            joinedAt: added.joinedAt,
            revokedAt: null,
          },
        };
      });
    },
    async listMembers(teamId) {
      const rows = await query('SELECT * FROM members WHERE team_id = $1 ORDER BY joined_at, id', [
        teamId,
      ]);
      return rows.map(member);
    },
    async findMemberByTokenHash(tokenHash) {
      const rows = await query('SELECT * FROM members WHERE token_hash = $1', [tokenHash]);
      return rows[0] ? { ...member(rows[0]), tokenHash: text(rows[0], 'token_hash') } : null;
    },
    async revokeMember(teamId, memberId, now) {
      const rows = await query(
        'UPDATE members SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 AND team_id = $3 RETURNING *',
        [now, memberId, teamId],
      );
      return rows[0] ? member(rows[0]) : null;
    },
    async createUpload(record) {
      await query(
        'INSERT INTO uploads (id, team_id, member_id, size, sha256, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [record.id, record.teamId, record.memberId, record.size, record.sha256, record.createdAt],
      );
      return { ...record, offset: 0, bundleSeq: null };
    },
    async getUpload(teamId, uploadId) {
      const rows = await query('SELECT * FROM uploads WHERE id = $1 AND team_id = $2', [
        uploadId,
        teamId,
      ]);
      return rows[0] ? upload(rows[0]) : null;
    },
    async setUploadOffset(uploadId, offset) {
      await query('UPDATE uploads SET byte_offset = $1 WHERE id = $2', [offset, uploadId]);
    },
    async deleteUpload(uploadId) {
      await query('DELETE FROM uploads WHERE id = $1', [uploadId]);
    },
    async hasUpload(uploadId) {
      return (await query('SELECT 1 FROM uploads WHERE id = $1', [uploadId])).length > 0;
    },
    async listOpenUploads(teamId) {
      const rows = await query(
        'SELECT * FROM uploads WHERE team_id = $1 AND bundle_seq IS NULL ORDER BY created_at, id',
        [teamId],
      );
      return rows.map(upload);
    },
    async listUploadsCreatedBefore(before) {
      const rows = await query('SELECT * FROM uploads WHERE created_at < $1', [before]);
      return rows.map(upload);
    },
    async teamHead(teamId) {
      const rows = await query('SELECT head FROM teams WHERE id = $1', [teamId]);
      return rows[0] ? num(rows[0], 'head') : 0;
    },
    async teamBytes(teamId) {
      const rows = await query(
        'SELECT COALESCE(SUM(size), 0) AS bytes FROM bundles WHERE team_id = $1',
        [teamId],
      );
      return rows[0] ? num(rows[0], 'bytes') : 0;
    },
    async findBundleBySha(teamId, sha256) {
      return findBundleBySha(query, teamId, sha256);
    },
    async commitBundle(done, receivedAt) {
      return transaction(async (client) => {
        const run = async (sql: string, params: unknown[]): Promise<Row[]> =>
          (await client.query<Row>(sql, params)).rows;
        const locked = await run('SELECT head FROM teams WHERE id = $1 FOR UPDATE', [done.teamId]);
        if (!locked[0]) throw new Error('A bundle was completed for a missing team.');
        // Read after taking the lock: a concurrent commit of the same bytes is visible now.
        const existing = await findBundleBySha(run, done.teamId, done.sha256);
        let result = existing;
        if (!result) {
          result = {
            teamId: done.teamId,
            seq: num(locked[0], 'head') + 1,
            sha256: done.sha256,
            size: done.size,
            memberId: done.memberId,
            receivedAt,
          };
          await run('UPDATE teams SET head = $1 WHERE id = $2', [result.seq, done.teamId]);
          await run(
            'INSERT INTO bundles (team_id, seq, sha256, size, member_id, received_at) VALUES ($1, $2, $3, $4, $5, $6)',
            [
              result.teamId,
              result.seq,
              result.sha256,
              result.size,
              result.memberId,
              result.receivedAt,
            ],
          );
        }
        await run('UPDATE uploads SET bundle_seq = $1, byte_offset = size WHERE id = $2', [
          result.seq,
          done.id,
        ]);
        return result;
      });
    },
    async listBundles(teamId, after, limit) {
      const rows = await query(
        'SELECT * FROM bundles WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        [teamId, after, limit],
      );
      return rows.map(bundle);
    },
    async getBundle(teamId, seq) {
      const rows = await query('SELECT * FROM bundles WHERE team_id = $1 AND seq = $2', [
        teamId,
        seq,
      ]);
      return rows[0] ? bundle(rows[0]) : null;
    },
    async close() {
      await pool.end();
    },
  };
}
