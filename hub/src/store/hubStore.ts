// The hub's one storage interface: teams, invites, members, uploads and bundles (metadata only;
// the bytes live in BlobFiles). Two implementations keep the same behaviour — SQLite for a small
// hub, PostgreSQL for a larger one — and one conformance suite (storeConformance.test.ts) holds
// them to it. Invariants every implementation keeps:
// - sequence numbers per team start at 1 and are assigned inside the transaction that inserts the
//   bundle, so they have no gaps and follow commit order;
// - a team never holds two bundles with the same SHA-256;
// - only hashes of tokens (operator, team admin, member) and invite codes are stored;
// - a withdrawn invite, like an expired or used-up one, is never redeemed.

export interface TeamRecord {
  id: string;
  name: string;
  createdAt: string;
}

export interface TeamSummary extends TeamRecord {
  members: number;
  bundles: number;
  bytes: number;
}

export interface MemberRecord {
  id: string;
  teamId: string;
  name: string;
  joinedAt: string;
  revokedAt: string | null;
}

export interface NewMember {
  id: string;
  name: string;
  tokenHash: string;
  joinedAt: string;
}

export interface NewInvite {
  /** A public handle (22 characters) for listing and withdrawing; not the secret code. */
  id: string;
  codeHash: string;
  teamId: string;
  maxUses: number;
  expiresAt: string;
  createdAt: string;
}

export interface InviteRecord {
  id: string;
  teamId: string;
  maxUses: number;
  uses: number;
  expiresAt: string;
  createdAt: string;
  withdrawnAt: string | null;
}

export interface UploadRecord {
  id: string;
  teamId: string;
  memberId: string;
  size: number;
  sha256: string;
  /** Bytes received and made durable so far. */
  offset: number;
  createdAt: string;
  /** The bundle this upload became, once completed (completing again answers it). */
  bundleSeq: number | null;
}

export type NewUpload = Omit<UploadRecord, 'offset' | 'bundleSeq'>;

export interface BundleRecord {
  teamId: string;
  seq: number;
  sha256: string;
  size: number;
  memberId: string;
  receivedAt: string;
}

export interface MemberWithToken extends MemberRecord {
  tokenHash: string;
}

export interface HubStore {
  getAdminTokenHash(): Promise<string | null>;
  setAdminTokenHash(hash: string): Promise<void>;

  /** Creates the team, with the digest of its team admin token when given (else none yet). */
  createTeam(team: TeamRecord, adminTokenHash?: string): Promise<TeamRecord>;
  getTeam(teamId: string): Promise<TeamRecord | null>;
  listTeams(): Promise<TeamSummary[]>;
  /** Sets (replaces) the team's admin token digest; false when there is no such team. */
  setTeamAdminTokenHash(teamId: string, hash: string): Promise<boolean>;
  /** The team whose admin token has this digest, with the digest (for the constant-time check). */
  findTeamByAdminTokenHash(hash: string): Promise<(TeamRecord & { adminTokenHash: string }) | null>;

  createInvite(invite: NewInvite): Promise<void>;
  /** The team's invites (never their codes), oldest first. */
  listInvites(teamId: string): Promise<InviteRecord[]>;
  /**
   * Marks the invite withdrawn (the first withdrawal time is kept), so it can no longer be
   * redeemed. Null when the team has no invite with that id.
   */
  withdrawInvite(teamId: string, inviteId: string, now: string): Promise<InviteRecord | null>;
  /**
   * Atomically checks the invite (known, not withdrawn, not expired at `now`, uses left), counts
   * one use and adds the member. Null when the invite cannot be used, whatever the reason.
   */
  redeemInvite(
    codeHash: string,
    now: string,
    member: NewMember,
  ): Promise<{ team: TeamRecord; member: MemberRecord } | null>;

  listMembers(teamId: string): Promise<MemberRecord[]>;
  findMemberByTokenHash(tokenHash: string): Promise<MemberWithToken | null>;
  /** Marks the member revoked (the first revocation time is kept). Null when not in that team. */
  revokeMember(teamId: string, memberId: string, now: string): Promise<MemberRecord | null>;

  createUpload(upload: NewUpload): Promise<UploadRecord>;
  getUpload(teamId: string, uploadId: string): Promise<UploadRecord | null>;
  setUploadOffset(uploadId: string, offset: number): Promise<void>;
  deleteUpload(uploadId: string): Promise<void>;
  hasUpload(uploadId: string): Promise<boolean>;
  /** The team's unfinished uploads (not yet completed), any member's. */
  listOpenUploads(teamId: string): Promise<UploadRecord[]>;
  /** Ids of uploads created before `before` (unfinished ones, and the records of finished ones). */
  listUploadsCreatedBefore(before: string): Promise<UploadRecord[]>;

  teamHead(teamId: string): Promise<number>;
  teamBytes(teamId: string): Promise<number>;
  findBundleBySha(teamId: string, sha256: string): Promise<BundleRecord | null>;
  /**
   * In one transaction: answers the team's bundle with the upload's hash if there is one, else
   * inserts a bundle with the next sequence number; marks the upload completed with that seq.
   */
  commitBundle(upload: UploadRecord, receivedAt: string): Promise<BundleRecord>;
  listBundles(teamId: string, after: number, limit: number): Promise<BundleRecord[]>;
  getBundle(teamId: string, seq: number): Promise<BundleRecord | null>;

  close(): Promise<void>;
}
