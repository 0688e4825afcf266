/**
 * Checks of the team page's forms before anything is sent: each problem an i18n key (with the
 * offending value where it helps) under the field it belongs to. Pure, so tested without a DOM.
 */
import { ADMIN_TOKEN } from '../../../shared/teamSync/hubAdmin.ts';
import { checkHubUrl, parseInvite } from '../../../shared/teamSync/invite.ts';
import { isTeamSyncError } from '../../../shared/teamSync/teamSyncError.ts';
import type { Message } from './syncStatusText.ts';

export const MAX_DEVICE_NAME_CHARS = 100;
export const MAX_TEAM_NAME_CHARS = 200;
/** An invite passphrase is spoken or written down once: long enough to resist guessing offline. */
export const MIN_INVITE_PASSPHRASE_CHARS = 10;

export type FieldErrors<F extends string> = Partial<Record<F, Message>>;

const msg = (key: string, params: Record<string, string | number> = {}): Message => ({
  key,
  params,
});

function deviceNameError(name: string): Message | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return msg('teamSyncUi.check.deviceNameRequired');
  if (trimmed.length > MAX_DEVICE_NAME_CHARS)
    return msg('teamSyncUi.check.tooLong', { max: MAX_DEVICE_NAME_CHARS });
  return undefined;
}

export type JoinField = 'invite' | 'passphrase' | 'deviceName';

export function checkJoin(input: Record<JoinField, string>): FieldErrors<JoinField> {
  const errors: FieldErrors<JoinField> = {};
  if (input.invite.trim() === '') errors.invite = msg('teamSyncUi.check.inviteRequired');
  else {
    try {
      parseInvite(input.invite);
    } catch (error) {
      errors.invite = isTeamSyncError(error)
        ? msg(error.messageKey, error.params)
        : msg('teamSync.errors.notAnInvite');
    }
  }
  if (input.passphrase === '') errors.passphrase = msg('teamSync.errors.passphraseRequired');
  const device = deviceNameError(input.deviceName);
  if (device) errors.deviceName = device;
  return errors;
}

export type SetupField = 'hubUrl' | 'adminToken' | 'teamName' | 'deviceName';

export function checkSetup(input: Record<SetupField, string>): FieldErrors<SetupField> {
  const errors: FieldErrors<SetupField> = {};
  const url = input.hubUrl.trim();
  if (url === '') errors.hubUrl = msg('teamSyncUi.check.hubUrlRequired');
  else {
    try {
      checkHubUrl(url);
    } catch (error) {
      errors.hubUrl =
        isTeamSyncError(error) && error.code === 'insecureHubUrl'
          ? msg(error.messageKey, error.params)
          : msg('teamSyncUi.check.hubUrlInvalid', { url });
    }
  }
  const adminError = adminTokenError(input.adminToken);
  if (adminError) errors.adminToken = adminError;
  const team = input.teamName.trim();
  if (team === '') errors.teamName = msg('teamSyncUi.check.teamNameRequired');
  else if (team.length > MAX_TEAM_NAME_CHARS)
    errors.teamName = msg('teamSyncUi.check.tooLong', { max: MAX_TEAM_NAME_CHARS });
  const device = deviceNameError(input.deviceName);
  if (device) errors.deviceName = device;
  return errors;
}

/** The hub operator's admin token (setting a team up) or the team's own (invites). */
export function adminTokenError(token: string, whose: 'hub' | 'team' = 'hub'): Message | undefined {
  const trimmed = token.trim();
  if (trimmed === '') {
    return msg(
      whose === 'hub'
        ? 'teamSyncUi.check.adminTokenRequired'
        : 'teamSyncUi.check.teamAdminTokenRequired',
    );
  }
  if (!ADMIN_TOKEN.test(trimmed)) return msg('teamSyncUi.check.adminTokenShape');
  return undefined;
}

export type InviteField = 'adminToken' | 'passphrase' | 'confirm';

export function checkInvite(
  input: Record<InviteField, string>,
  needsAdminToken: boolean,
): FieldErrors<InviteField> {
  const errors: FieldErrors<InviteField> = {};
  if (needsAdminToken) {
    const adminError = adminTokenError(input.adminToken, 'team');
    if (adminError) errors.adminToken = adminError;
  }
  if ([...input.passphrase].length < MIN_INVITE_PASSPHRASE_CHARS)
    errors.passphrase = msg('teamSyncUi.check.passphraseShort', {
      min: MIN_INVITE_PASSPHRASE_CHARS,
    });
  else if (input.confirm !== input.passphrase)
    errors.confirm = msg('teamSyncUi.check.passphraseMismatch');
  return errors;
}

export const hasErrors = (errors: object): boolean => Object.keys(errors).length > 0;
