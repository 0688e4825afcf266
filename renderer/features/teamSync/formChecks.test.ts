import { describe, expect, it } from 'vitest';
import { createInvite } from '../../../shared/teamSync/invite.ts';
import { parseRoute, routeHash } from '../../state/route.ts';
import { generateTeamKey } from '../../../shared/teamSync/teamCipher.ts';
import { checkInvite, checkJoin, checkSetup, hasErrors } from './formChecks.ts';

const TOKEN = `dft_${'A'.repeat(43)}`;

describe('the team page forms', () => {
  it('refuses a join with no invite, text that is no invite, no passphrase or no device name', () => {
    expect(checkJoin({ invite: ' ', passphrase: '', deviceName: '' })).toEqual({
      invite: { key: 'teamSyncUi.check.inviteRequired', params: {} },
      passphrase: { key: 'teamSync.errors.passphraseRequired', params: {} },
      deviceName: { key: 'teamSyncUi.check.deviceNameRequired', params: {} },
    });
    expect(
      checkJoin({ invite: 'hello, join us', passphrase: 'x', deviceName: 'Laptop' }).invite?.key,
    ).toBe('teamSync.errors.notAnInvite');
    expect(
      checkJoin({ invite: 'daftar-invite:1:bm90IGpzb24', passphrase: 'x', deviceName: 'L' }).invite
        ?.key,
    ).toBe('teamSync.errors.notAnInvite');
    expect(
      checkJoin({ invite: 'x', passphrase: 'x', deviceName: 'L'.repeat(101) }).deviceName,
    ).toEqual({ key: 'teamSyncUi.check.tooLong', params: { max: 100 } });
  });

  it('accepts a real invite (with blanks around it, as pasted)', async () => {
    const invite = await createInvite(
      {
        hubUrl: 'https://hub.example.org',
        team: { id: 'T'.repeat(22), name: 'Team 3' },
        code: 'c'.repeat(32),
        teamKey: generateTeamKey(),
        passphrase: 'correct horse',
      },
      { iterations: 1_000, testOnlyAllowWeakKdf: true },
    );
    expect(
      hasErrors(checkJoin({ invite: `\n ${invite} \n`, passphrase: 'p', deviceName: 'Laptop 3' })),
    ).toBe(false);
  });

  it('checks the hub address, admin token and team name of a new team', () => {
    const ok = {
      hubUrl: 'https://hub.example.org',
      adminToken: TOKEN,
      teamName: 'T',
      deviceName: 'D',
    };
    expect(checkSetup(ok)).toEqual({});
    expect(checkSetup({ ...ok, hubUrl: 'http://hub.example.org' }).hubUrl).toEqual({
      key: 'teamSync.errors.insecureHubUrl',
      params: { url: 'http://hub.example.org' },
    });
    expect(checkSetup({ ...ok, hubUrl: 'http://127.0.0.1:8787' })).toEqual({});
    expect(checkSetup({ ...ok, hubUrl: 'hub example' }).hubUrl).toEqual({
      key: 'teamSyncUi.check.hubUrlInvalid',
      params: { url: 'hub example' },
    });
    expect(checkSetup({ ...ok, adminToken: 'dft_short' }).adminToken?.key).toBe(
      'teamSyncUi.check.adminTokenShape',
    );
    expect(checkSetup({ ...ok, teamName: '  ' }).teamName?.key).toBe(
      'teamSyncUi.check.teamNameRequired',
    );
  });

  it('wants an invite passphrase long enough and typed twice alike, and the token only when missing', () => {
    expect(checkInvite({ adminToken: '', passphrase: 'short', confirm: 'short' }, false)).toEqual({
      passphrase: { key: 'teamSyncUi.check.passphraseShort', params: { min: 10 } },
    });
    expect(
      checkInvite(
        { adminToken: '', passphrase: 'long enough one', confirm: 'long enough 1' },
        false,
      ),
    ).toEqual({ confirm: { key: 'teamSyncUi.check.passphraseMismatch', params: {} } });
    const same = { adminToken: '', passphrase: 'long enough one', confirm: 'long enough one' };
    expect(checkInvite(same, false)).toEqual({});
    expect(checkInvite(same, true).adminToken?.key).toBe('teamSyncUi.check.teamAdminTokenRequired');
    expect(checkInvite({ ...same, adminToken: TOKEN }, true)).toEqual({});
  });
});

describe('the team page route', () => {
  it('is #/team and survives a reload', () => {
    expect(routeHash({ view: 'team' })).toBe('#/team');
    expect(['#/team', '#team', '#/team/'].map((h) => parseRoute(h).view)).toEqual([
      'team',
      'team',
      'team',
    ]);
    expect(parseRoute('#/teams').view).toBe('incidents');
  });
});
