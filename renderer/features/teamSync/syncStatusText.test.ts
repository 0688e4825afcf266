import { describe, expect, it } from 'vitest';
import { HubError } from '../../../shared/teamSync/hubError.ts';
import { statusOfError } from '../../../shared/teamSync/syncStatus.ts';
import { TeamSyncError } from '../../../shared/teamSync/teamSyncError.ts';
import { errorMessage, statusText } from './syncStatusText.ts';

describe('the sync status text', () => {
  it('says up to date, or how many changes wait, preferring a live count while idle', () => {
    expect(statusText({ kind: 'upToDate', at: 1 })).toMatchObject({
      key: 'teamSync.status.upToDate',
      tone: 'ok',
    });
    expect(statusText({ kind: 'pending', changes: 3 })).toMatchObject({
      key: 'teamSync.status.pending',
      params: { count: 3 },
      tone: 'pending',
    });
    // An incident saved after the run: the live count says it is waiting.
    expect(statusText({ kind: 'upToDate', at: 1 }, 1)).toMatchObject({
      key: 'teamSync.status.pending',
      params: { count: 1 },
    });
    // Everything sent since: the live count wins over the run's.
    expect(statusText({ kind: 'pending', changes: 3 }, 0).key).toBe('teamSync.status.upToDate');
  });

  it('shows which bundle is arriving and how far a transfer is', () => {
    const pulling = statusText({
      kind: 'syncing',
      progress: { phase: 'pulling', bundle: 2, bundles: 5, done: 250, total: 1000 },
    });
    expect(pulling).toMatchObject({
      key: 'teamSync.status.pulling',
      params: { bundle: 2, bundles: 5 },
      tone: 'busy',
      fraction: 0.25,
    });
    expect(statusText({ kind: 'syncing', progress: null })).toMatchObject({
      key: 'teamSync.status.checking',
    });
    expect(
      statusText({ kind: 'syncing', progress: { phase: 'pushing', done: 0, total: 0 } }),
    ).not.toHaveProperty('fraction');
  });

  it('tells offline (normal) apart from an error, which carries its reason', () => {
    expect(statusText(statusOfError(new HubError('offline', 'ECONNREFUSED'), 5))).toMatchObject({
      key: 'teamSync.status.offline',
      tone: 'offline',
    });
    const revoked = statusText(statusOfError(new HubError('token_revoked', 'gone', 401), null));
    expect(revoked).toMatchObject({
      key: 'teamSync.status.error',
      tone: 'error',
      reason: { key: 'teamSync.hubErrors.token_revoked', params: { detail: 'gone' } },
    });
    expect(statusText({ kind: 'notJoined' }).tone).toBe('none');
  });

  it('gives a case of an error its own message, with the parameters to fill it', () => {
    const renumbered = new TeamSyncError(
      'hubWentBack',
      'x',
      { head: 3, applied: 2 },
      'hubWentBackRenumbered',
    );
    expect(statusText(statusOfError(renumbered, 9))).toMatchObject({
      key: 'teamSync.status.error',
      reason: { key: 'teamSync.errors.hubWentBackRenumbered', params: { head: 3, applied: 2 } },
    });
    expect(errorMessage(renumbered).key).toBe('teamSync.errors.hubWentBackRenumbered');
    const notSent = new TeamSyncError('tooLargeForHub', 'x', {
      count: 2,
      name: 'Video',
      size: 300,
      limit: 256,
    });
    expect(statusText(statusOfError(notSent, 9)).reason).toEqual({
      key: 'teamSync.errors.tooLargeForHub',
      params: { count: 2, name: 'Video', size: 300, limit: 256 },
    });
  });

  it('turns any failure into a translatable message with its detail', () => {
    expect(errorMessage(new TeamSyncError('wrongInvitePassphrase', 'x'))).toEqual({
      key: 'teamSync.errors.wrongInvitePassphrase',
      params: {},
    });
    expect(errorMessage(new HubError('invite_invalid', 'Used up.', 403))).toEqual({
      key: 'teamSync.hubErrors.invite_invalid',
      params: { detail: 'Used up.' },
    });
    expect(errorMessage(new Error('disk full'))).toEqual({
      key: 'teamSync.errors.unexpected',
      params: { detail: 'disk full' },
    });
  });
});
