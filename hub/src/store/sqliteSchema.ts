// The SQLite hub database's tables and their upgrades, kept apart from the queries in
// sqliteStore.ts.
// Schema versions (PRAGMA user_version): 1 the first hub; 2 adds team admin tokens
// (teams.admin_token_hash) and invite ids and withdrawal (invites.id, invites.withdrawn_at). A
// database is upgraded in place, in one transaction, when a newer hub opens it; teams made before
// version 2 have no team admin token until the operator issues one.
import type Database from 'better-sqlite3';

export const SQLITE_SCHEMA_VERSION = 2;

/** The version 1 tables; a new database is made as version 1, then upgraded like an old one. */
export const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS teams (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL, head INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS invites (
  code_hash TEXT PRIMARY KEY, team_id TEXT NOT NULL REFERENCES teams(id),
  max_uses INTEGER NOT NULL, uses INTEGER NOT NULL DEFAULT 0,
  expires_at TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS members (
  id TEXT PRIMARY KEY, team_id TEXT NOT NULL REFERENCES teams(id), name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE, joined_at TEXT NOT NULL, revoked_at TEXT
);
CREATE INDEX IF NOT EXISTS members_by_team ON members(team_id);
CREATE TABLE IF NOT EXISTS uploads (
  id TEXT PRIMARY KEY, team_id TEXT NOT NULL REFERENCES teams(id), member_id TEXT NOT NULL,
  size INTEGER NOT NULL, sha256 TEXT NOT NULL, byte_offset INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL, bundle_seq INTEGER
);
CREATE INDEX IF NOT EXISTS uploads_by_age ON uploads(created_at);
CREATE INDEX IF NOT EXISTS uploads_by_team ON uploads(team_id);
CREATE TABLE IF NOT EXISTS bundles (
  team_id TEXT NOT NULL REFERENCES teams(id), seq INTEGER NOT NULL, sha256 TEXT NOT NULL,
  size INTEGER NOT NULL, member_id TEXT NOT NULL, received_at TEXT NOT NULL,
  PRIMARY KEY (team_id, seq), UNIQUE (team_id, sha256)
);
`;

/**
 * Version 1 → 2. An invite made before has no id: it gets the first 22 hex digits of its code's
 * digest (unique in practice, and saying nothing usable about the code itself).
 */
const UPGRADE_TO_2 = `
ALTER TABLE teams ADD COLUMN admin_token_hash TEXT;
CREATE UNIQUE INDEX teams_by_admin_token ON teams(admin_token_hash);
ALTER TABLE invites ADD COLUMN id TEXT;
ALTER TABLE invites ADD COLUMN withdrawn_at TEXT;
UPDATE invites SET id = substr(code_hash, 1, 22) WHERE id IS NULL;
CREATE UNIQUE INDEX invites_by_id ON invites(id);
CREATE INDEX invites_by_team ON invites(team_id);
`;

/** Creates or upgrades the tables; refuses a database from a newer hub. */
export function prepareSqliteSchema(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true });
  const from = typeof version === 'number' ? version : 0;
  if (from > SQLITE_SCHEMA_VERSION) {
    throw new Error(
      `The hub database is from a newer hub (schema ${from}); this hub knows schema ${SQLITE_SCHEMA_VERSION}.`,
    );
  }
  db.transaction(() => {
    db.exec(SCHEMA_V1);
    if (from < 2) db.exec(UPGRADE_TO_2);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
  }).immediate();
}
