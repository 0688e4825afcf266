// HubStore on SQLite (better-sqlite3) in `<data>/hub.sqlite`: WAL journal with synchronous=FULL,
// so a committed write is on disk before the hub answers. better-sqlite3 is synchronous, and every
// multi-step change runs in one IMMEDIATE transaction, which is what keeps sequence numbers
// gap-free and invites from being over-used.
// Why two writes use synchronous=NORMAL: starting an upload and recording its offset happen for
// every chunk, and an fsync here blocks the whole event loop. Losing one of them to a power cut is
// harmless — the client asks for the offset and resends (the bytes themselves are fsynced first,
// and a chunk is always written at the recorded offset) — and the next FULL commit makes them
// durable too, since the WAL is synced in order.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { prepareSqliteSchema } from './sqliteSchema.ts';
import type {
  BundleRecord,
  HubStore,
  InviteRecord,
  MemberRecord,
  MemberWithToken,
  NewInvite,
  NewMember,
  NewUpload,
  TeamRecord,
  TeamSummary,
  UploadRecord,
} from './hubStore.ts';

interface TeamRow {
  id: string;
  name: string;
  created_at: string;
}
interface MemberRow {
  id: string;
  team_id: string;
  name: string;
  token_hash: string;
  joined_at: string;
  revoked_at: string | null;
}
interface UploadRow {
  id: string;
  team_id: string;
  member_id: string;
  size: number;
  sha256: string;
  byte_offset: number;
  created_at: string;
  bundle_seq: number | null;
}
interface BundleRow {
  team_id: string;
  seq: number;
  sha256: string;
  size: number;
  member_id: string;
  received_at: string;
}
interface InviteRow {
  id: string;
  team_id: string;
  max_uses: number;
  uses: number;
  expires_at: string;
  created_at: string;
  withdrawn_at: string | null;
}

const team = (row: TeamRow): TeamRecord => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
});
const member = (row: MemberRow): MemberRecord => ({
  id: row.id,
  teamId: row.team_id,
  name: row.name,
  joinedAt: row.joined_at,
  revokedAt: row.revoked_at,
});
const invite = (row: InviteRow): InviteRecord => ({
  id: row.id,
  teamId: row.team_id,
  maxUses: row.max_uses,
  uses: row.uses,
  expiresAt: row.expires_at,
  createdAt: row.created_at,
  withdrawnAt: row.withdrawn_at,
});
const upload = (row: UploadRow): UploadRecord => ({
  id: row.id,
  teamId: row.team_id,
  memberId: row.member_id,
  size: row.size,
  sha256: row.sha256,
  offset: row.byte_offset,
  createdAt: row.created_at,
  bundleSeq: row.bundle_seq,
});
const bundle = (row: BundleRow): BundleRecord => ({
  teamId: row.team_id,
  seq: row.seq,
  sha256: row.sha256,
  size: row.size,
  memberId: row.member_id,
  receivedAt: row.received_at,
});

export function sqliteFile(dataDir: string): string {
  return join(dataDir, 'hub.sqlite');
}

/** Opens (creating if needed) the hub database in `dataDir`, which must exist. */
export function openSqliteStore(dataDir: string): HubStore {
  const db = new Database(sqliteFile(dataDir));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  prepareSqliteSchema(db);

  const relaxed = <T>(write: () => T): T => {
    db.pragma('synchronous = NORMAL');
    try {
      return write();
    } finally {
      db.pragma('synchronous = FULL');
    }
  };

  const findBundleBySha = (teamId: string, sha256: string): BundleRecord | null => {
    const row = db
      .prepare<[string, string], BundleRow>(
        'SELECT * FROM bundles WHERE team_id = ? AND sha256 = ?',
      )
      .get(teamId, sha256);
    return row ? bundle(row) : null;
  };

  const redeem = db.transaction(
    (
      codeHash: string,
      now: string,
      added: NewMember,
    ): { team: TeamRecord; member: MemberRecord } | null => {
      const found = db
        .prepare<[string], InviteRow>('SELECT * FROM invites WHERE code_hash = ?')
        .get(codeHash);
      if (
        !found ||
        found.withdrawn_at !== null ||
        found.uses >= found.max_uses ||
        found.expires_at <= now
      ) {
        return null;
      }
      db.prepare('UPDATE invites SET uses = uses + 1 WHERE code_hash = ?').run(codeHash);
      db.prepare(
        'INSERT INTO members (id, team_id, name, token_hash, joined_at) VALUES (?, ?, ?, ?, ?)',
      ).run(added.id, found.team_id, added.name, added.tokenHash, added.joinedAt);
      const teamRow = db
        .prepare<[string], TeamRow>('SELECT * FROM teams WHERE id = ?')
        .get(found.team_id);
      if (!teamRow) throw new Error('An invite points at a missing team.');
      return {
        team: team(teamRow),
        member: {
          id: added.id,
          teamId: found.team_id,
          name: added.name,
          joinedAt: added.joinedAt,
          revokedAt: null,
        },
      };
    },
  );

  const commit = db.transaction((done: UploadRecord, receivedAt: string): BundleRecord => {
    const existing = findBundleBySha(done.teamId, done.sha256);
    const result: BundleRecord = existing ?? {
      teamId: done.teamId,
      seq: 0,
      sha256: done.sha256,
      size: done.size,
      memberId: done.memberId,
      receivedAt,
    };
    if (!existing) {
      db.prepare('UPDATE teams SET head = head + 1 WHERE id = ?').run(done.teamId);
      const head = db
        .prepare<[string], { head: number }>('SELECT head FROM teams WHERE id = ?')
        .get(done.teamId);
      if (!head) throw new Error('A bundle was completed for a missing team.');
      result.seq = head.head;
      db.prepare(
        'INSERT INTO bundles (team_id, seq, sha256, size, member_id, received_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(
        result.teamId,
        result.seq,
        result.sha256,
        result.size,
        result.memberId,
        result.receivedAt,
      );
    }
    db.prepare('UPDATE uploads SET bundle_seq = ?, byte_offset = size WHERE id = ?').run(
      result.seq,
      done.id,
    );
    return result;
  });

  return {
    async getAdminTokenHash() {
      const row = db
        .prepare<[], { value: string }>(
          "SELECT value FROM settings WHERE key = 'admin_token_sha256'",
        )
        .get();
      return row?.value ?? null;
    },
    async setAdminTokenHash(hash) {
      db.prepare(
        "INSERT INTO settings (key, value) VALUES ('admin_token_sha256', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ).run(hash);
    },
    async createTeam(record, adminTokenHash) {
      db.prepare(
        'INSERT INTO teams (id, name, created_at, admin_token_hash) VALUES (?, ?, ?, ?)',
      ).run(record.id, record.name, record.createdAt, adminTokenHash ?? null);
      return { id: record.id, name: record.name, createdAt: record.createdAt };
    },
    async setTeamAdminTokenHash(teamId, hash) {
      return (
        db.prepare('UPDATE teams SET admin_token_hash = ? WHERE id = ?').run(hash, teamId).changes >
        0
      );
    },
    async findTeamByAdminTokenHash(hash) {
      const row = db
        .prepare<[string], TeamRow & { admin_token_hash: string }>(
          'SELECT * FROM teams WHERE admin_token_hash = ?',
        )
        .get(hash);
      return row ? { ...team(row), adminTokenHash: row.admin_token_hash } : null;
    },
    async getTeam(teamId) {
      const row = db.prepare<[string], TeamRow>('SELECT * FROM teams WHERE id = ?').get(teamId);
      return row ? team(row) : null;
    },
    async listTeams() {
      const rows = db
        .prepare<[], TeamRow & { members: number; bundles: number; bytes: number }>(
          `SELECT t.id, t.name, t.created_at,
             (SELECT COUNT(*) FROM members m WHERE m.team_id = t.id AND m.revoked_at IS NULL) AS members,
             (SELECT COUNT(*) FROM bundles b WHERE b.team_id = t.id) AS bundles,
             (SELECT COALESCE(SUM(size), 0) FROM bundles b WHERE b.team_id = t.id) AS bytes
           FROM teams t ORDER BY t.created_at, t.id`,
        )
        .all();
      return rows.map((row): TeamSummary => ({
        ...team(row),
        members: row.members,
        bundles: row.bundles,
        bytes: row.bytes,
      }));
    },
    async createInvite(added: NewInvite) {
      db.prepare(
        'INSERT INTO invites (id, code_hash, team_id, max_uses, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(
        added.id,
        added.codeHash,
        added.teamId,
        added.maxUses,
        added.expiresAt,
        added.createdAt,
      );
    },
    async listInvites(teamId) {
      return db
        .prepare<[string], InviteRow>(
          'SELECT * FROM invites WHERE team_id = ? ORDER BY created_at, id',
        )
        .all(teamId)
        .map(invite);
    },
    async withdrawInvite(teamId, inviteId, now) {
      db.prepare(
        'UPDATE invites SET withdrawn_at = COALESCE(withdrawn_at, ?) WHERE id = ? AND team_id = ?',
      ).run(now, inviteId, teamId);
      const row = db
        .prepare<[string, string], InviteRow>('SELECT * FROM invites WHERE id = ? AND team_id = ?')
        .get(inviteId, teamId);
      return row ? invite(row) : null;
    },
    async redeemInvite(codeHash, now, added) {
      return redeem.immediate(codeHash, now, added);
    },
    async listMembers(teamId) {
      return db
        .prepare<[string], MemberRow>(
          'SELECT * FROM members WHERE team_id = ? ORDER BY joined_at, id',
        )
        .all(teamId)
        .map(member);
    },
    async findMemberByTokenHash(tokenHash): Promise<MemberWithToken | null> {
      const row = db
        .prepare<[string], MemberRow>('SELECT * FROM members WHERE token_hash = ?')
        .get(tokenHash);
      return row ? { ...member(row), tokenHash: row.token_hash } : null;
    },
    async revokeMember(teamId, memberId, now) {
      db.prepare(
        'UPDATE members SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND team_id = ?',
      ).run(now, memberId, teamId);
      const row = db
        .prepare<[string, string], MemberRow>('SELECT * FROM members WHERE id = ? AND team_id = ?')
        .get(memberId, teamId);
      return row ? member(row) : null;
    },
    async createUpload(record: NewUpload) {
      relaxed(() =>
        db
          .prepare(
            'INSERT INTO uploads (id, team_id, member_id, size, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(
            record.id,
            record.teamId,
            record.memberId,
            record.size,
            record.sha256,
            record.createdAt,
          ),
      );
      return { ...record, offset: 0, bundleSeq: null };
    },
    async getUpload(teamId, uploadId) {
      const row = db
        .prepare<[string, string], UploadRow>('SELECT * FROM uploads WHERE id = ? AND team_id = ?')
        .get(uploadId, teamId);
      return row ? upload(row) : null;
    },
    async setUploadOffset(uploadId, offset) {
      relaxed(() =>
        db.prepare('UPDATE uploads SET byte_offset = ? WHERE id = ?').run(offset, uploadId),
      );
    },
    async deleteUpload(uploadId) {
      db.prepare('DELETE FROM uploads WHERE id = ?').run(uploadId);
    },
    async hasUpload(uploadId) {
      return db.prepare('SELECT 1 FROM uploads WHERE id = ?').get(uploadId) !== undefined;
    },
    async listOpenUploads(teamId) {
      return db
        .prepare<[string], UploadRow>(
          'SELECT * FROM uploads WHERE team_id = ? AND bundle_seq IS NULL ORDER BY created_at, id',
        )
        .all(teamId)
        .map(upload);
    },
    async listUploadsCreatedBefore(before) {
      return db
        .prepare<[string], UploadRow>('SELECT * FROM uploads WHERE created_at < ?')
        .all(before)
        .map(upload);
    },
    async teamHead(teamId) {
      const row = db
        .prepare<[string], { head: number }>('SELECT head FROM teams WHERE id = ?')
        .get(teamId);
      return row?.head ?? 0;
    },
    async teamBytes(teamId) {
      const row = db
        .prepare<[string], { bytes: number }>(
          'SELECT COALESCE(SUM(size), 0) AS bytes FROM bundles WHERE team_id = ?',
        )
        .get(teamId);
      return row?.bytes ?? 0;
    },
    async findBundleBySha(teamId, sha256) {
      return findBundleBySha(teamId, sha256);
    },
    async commitBundle(done, receivedAt) {
      return commit.immediate(done, receivedAt);
    },
    async listBundles(teamId, after, limit) {
      return db
        .prepare<[string, number, number], BundleRow>(
          'SELECT * FROM bundles WHERE team_id = ? AND seq > ? ORDER BY seq LIMIT ?',
        )
        .all(teamId, after, limit)
        .map(bundle);
    },
    async getBundle(teamId, seq) {
      const row = db
        .prepare<[string, number], BundleRow>('SELECT * FROM bundles WHERE team_id = ? AND seq = ?')
        .get(teamId, seq);
      return row ? bundle(row) : null;
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
