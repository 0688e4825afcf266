// Who is calling: the admin token, a member token, or nobody. Tokens are never kept: the hub
// hashes the presented token (SHA-256) and compares digests in constant time. The admin token's
// digest is read from the store on every request, so `--rotate-admin-token` takes effect at once,
// and so does a member's revocation.
import { HubError, notFound } from './errors.ts';
import { TOKEN_PATTERN, sameDigest, sha256Hex } from './ids.ts';
import type { HubStore, MemberRecord } from './store/hubStore.ts';

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'unknown' }
  | { kind: 'revoked' }
  | { kind: 'admin' }
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
  // The lookup is by digest; the comparison repeats it in constant time for the record's sake.
  if (found === null || !sameDigest(digest, found.tokenHash)) return { kind: 'unknown' };
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

export function requireAdmin(principal: Principal): void {
  if (principal.kind === 'revoked') {
    throw new HubError('token_revoked', 'This token has been revoked.');
  }
  if (principal.kind !== 'admin') throw unauthorized();
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
      throw new HubError(
        'unauthorized',
        'The admin token does not reach team routes; use a member token.',
      );
    case 'anonymous':
    case 'unknown':
      throw unauthorized();
  }
}
