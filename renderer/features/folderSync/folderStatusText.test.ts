import { describe, expect, it } from 'vitest';
import { statusOfError } from '../../../shared/teamSync/syncStatus.ts';
import { folderStatusText } from './folderStatusText.ts';

describe('the folder sync status line', () => {
  it('speaks of the folder while a run reads and writes', () => {
    expect(
      folderStatusText({
        kind: 'syncing',
        progress: { phase: 'pulling', bundle: 2, bundles: 5, done: 10, total: 40 },
      }),
    ).toMatchObject({
      key: 'folderSync.status.reading',
      params: { bundle: 2, bundles: 5 },
      fraction: 0.25,
    });
    expect(folderStatusText({ kind: 'syncing', progress: null }).key).toBe(
      'folderSync.status.checking',
    );
    expect(
      folderStatusText({ kind: 'syncing', progress: { phase: 'pushing', done: 0, total: 9 } }).key,
    ).toBe('folderSync.status.writing');
  });

  it('keeps the team wording for up to date and changes waiting', () => {
    expect(folderStatusText({ kind: 'pending', changes: 3 })).toMatchObject({
      key: 'teamSync.status.pending',
      params: { count: 3 },
    });
    expect(folderStatusText({ kind: 'upToDate', at: 0 }).key).toBe('teamSync.status.upToDate');
  });

  it('shows the host’s own message when the folder cannot be used', () => {
    const text = folderStatusText(
      statusOfError(new Error('The sync folder Team cannot be found.'), null),
    );
    expect(text.key).toBe('folderSync.status.error');
    expect(text.reason).toEqual({
      key: 'folderSync.errors.host',
      params: { detail: 'The sync folder Team cannot be found.' },
    });
  });

  it('asks to be run where nothing ran yet', () => {
    expect(folderStatusText({ kind: 'notJoined' }).key).toBe('folderSync.status.onDemand');
  });
});
