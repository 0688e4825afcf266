/**
 * A token the hub refused, said in the terms of the token the lead typed. The hub client's own
 * message for `unauthorized` speaks of this device's membership ("join again"), which is wrong
 * advice when the lead typed the hub's admin token or the team admin token. Pure.
 */
import { isHubError } from '../../../shared/teamSync/hubError.ts';
import { TeamSyncError } from '../../../shared/teamSync/teamSyncError.ts';

/**
 * `which`: the hub's admin token (set-up) or the team admin token (invites). For the latter,
 * `not_found` means the same — the hub answers a token of another team as if this team did not
 * exist. Any other error is answered unchanged.
 */
export function explainRefusedToken(error: unknown, which: 'hub' | 'team'): unknown {
  if (!isHubError(error)) return error;
  const refused =
    error.code === 'unauthorized' ||
    error.code === 'token_revoked' ||
    (which === 'team' && error.code === 'not_found');
  if (!refused) return error;
  return new TeamSyncError(
    'unexpected',
    `The hub refused the ${which === 'hub' ? "hub's" : 'team'} admin token (${error.code}).`,
    {},
    which === 'hub' ? 'hubAdminTokenRefused' : 'teamAdminTokenRefused',
  );
}
