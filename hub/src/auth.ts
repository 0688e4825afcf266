// Who is calling: the operator's admin token (hub-wide), a team admin token (one team's admin
// routes), a member token, or nobody. Tokens are never kept: the hub hashes the presented token
// (SHA-256) and compares digests in constant time. Digests are read from the store on every
// request, so `--rotate-admin-token`, a new team admin token and a member's revocation all take
// effect at once.
import { HubError, notFound } from './errors.ts';
import { TOKEN_PATTERN, sameDigest, sha256Hex } from './ids.ts';
import type { HubStore, MemberRecord, TeamRecord } from './store/hubStore.ts';

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'unknown' }
  | { kind: 'revoked' }
  /** The operator (the hub's admin token): every admin route, every team. */
  | { kind: 'admin' }
  /** A team admin token: the team-scoped admin routes of its own team only. */
  | { kind: 'teamAdmin'; team: TeamRecord }
  | { kind: 'member'; member: MemberRecord };

const BEARER = /^Bearer ([^\s]+)$/;

export async function identify(
  store: HubStore,
  authorization: string | undefined,
): Promise<Principal> {
  if (authorization === undefined || authorization === '') return { kind: 'anonymous' };
  const token = BEARER.exec(authorization)?.[1];
  if (token === undefined || !TOKEN_PATTERN.test(token)) return { kind: 'unknown' };
  const digest = sha256Hex(token);
  const adminDigest = await store.getAdminTokenHash();
  if (adminDigest !== null && sameDigest(digest, adminDigest)) return { kind: 'admin' };
  const found = await store.findMemberByTokenHash(digest);
  if (found === null) {
    const team = await store.findTeamByAdminTokenHash(digest);
    if (team === null || !sameDigest(digest, team.adminTokenHash)) return { kind: 'unknown' };
    return { kind: 'teamAdmin', team: { id: team.id, name: team.name, createdAt: team.createdAt } };
  }
  // The lookup is by digest; the comparison repeats it in constant time for the record's sake.
  if (!sameDigest(digest, found.tokenHash)) return { kind: 'unknown' };
  if (found.revokedAt !== null) return { kind: 'revoked' };
  const member: MemberRecord = {
    id: found.id,
    teamId: found.teamId,
    name: found.name,
    joinedAt: found.joinedAt,
    revokedAt: found.revokedAt,
  };
  return { kind: 'member', member };
}

/** A key for rate limiting: the caller's token when it has a valid one, else its address. */
export function rateLimitKey(principal: Principal | undefined, address: string): string {
  switch (principal?.kind) {
    case 'admin':
      return 'admin';
    case 'teamAdmin':
      return `teamAdmin:${principal.team.id}`;
    case 'member':
      return `member:${principal.member.id}`;
    case 'anonymous':
    case 'unknown':
    case 'revoked':
    case undefined:
      return `address:${address}`;
  }
}

function unauthorized(): HubError {
  return new HubError('unauthorized', 'A valid token is needed here (Authorization: Bearer …).');
}

/** Hub-wide admin routes (create or list teams, new team admin tokens): the operator only. */
export function requireOperator(principal: Principal): void {
  switch (principal.kind) {
    case 'admin':
      return;
    case 'revoked':
      throw new HubError('token_revoked', 'This token has been revoked.');
    case 'teamAdmin':
      throw new HubError(
        'unauthorized',
        "A team admin token reaches only its own team's admin routes; this needs the hub's admin token.",
      );
    case 'member':
    case 'anonymous':
    case 'unknown':
      throw unauthorized();
  }
}

/**
 * Team-scoped admin routes (invites, members): the operator, or the team admin token of
 * `teamId`. Another team's admin token gets `not_found`, as for a team that does not exist.
 */
export function requireTeamAdmin(principal: Principal, teamId: string): void {
  switch (principal.kind) {
    case 'admin':
      return;
    case 'teamAdmin':
      if (principal.team.id !== teamId) throw notFound();
      return;
    case 'revoked':
      throw new HubError('token_revoked', 'This token has been revoked.');
    case 'member':
    case 'anonymous':
    case 'unknown':
      throw unauthorized();
  }
}

/** The member, when the token belongs to `teamId`; another team's id is `not_found`. */
export function requireMember(principal: Principal, teamId: string): MemberRecord {
  switch (principal.kind) {
    case 'member':
      if (principal.member.teamId !== teamId) throw notFound();
      return principal.member;
    case 'revoked':
      throw new HubError('token_revoked', 'This token has been revoked.');
    case 'admin':
    case 'teamAdmin':
      throw new HubError(
        'unauthorized',
        'An admin token does not reach team routes; use a member token.',
      );
    case 'anonymous':
    case 'unknown':
      throw unauthorized();
  }
}
