import { describe, expect, it } from 'vitest';
import { HubError } from '../../../shared/teamSync/hubError.ts';
import { explainRefusedToken } from './adminTokenRefusal.ts';
import { errorMessage } from './syncStatusText.ts';

const keyOf = (error: unknown, which: 'hub' | 'team') =>
  errorMessage(explainRefusedToken(error, which)).key;

describe('a refused admin token', () => {
  it("is said in terms of the token typed, not of this device's membership", () => {
    expect(keyOf(new HubError('unauthorized', 'Unknown token.', 401), 'hub')).toBe(
      'teamSync.errors.hubAdminTokenRefused',
    );
    expect(keyOf(new HubError('unauthorized', '', 401), 'team')).toBe(
      'teamSync.errors.teamAdminTokenRefused',
    );
    expect(keyOf(new HubError('token_revoked', '', 401), 'team')).toBe(
      'teamSync.errors.teamAdminTokenRefused',
    );
  });

  it("counts another team's token (not_found) as refused only for the team admin token", () => {
    expect(keyOf(new HubError('not_found', '', 404), 'team')).toBe(
      'teamSync.errors.teamAdminTokenRefused',
    );
    expect(keyOf(new HubError('not_found', '', 404), 'hub')).toBe('teamSync.hubErrors.not_found');
  });

  it('leaves every other failure as it was', () => {
    const offline = new HubError('offline', 'ECONNREFUSED');
    expect(explainRefusedToken(offline, 'team')).toBe(offline);
    const plain = new Error('boom');
    expect(explainRefusedToken(plain, 'hub')).toBe(plain);
  });
});
