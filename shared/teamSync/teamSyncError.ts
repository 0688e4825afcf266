/**
 * Why team sync refused something on this device: a team envelope that does not open, an invite
 * text that is malformed or whose passphrase is wrong. Each error carries a stable code, a plain
 * English message (logs, tests) and the parameters the UI's translated message
 * (`teamSync.errors.<code>`) fills in. Errors from the hub itself are `HubError`s (hubError.ts).
 */
export const TEAM_SYNC_ERROR_CODES = [
  // the team envelope (teamCipher.ts)
  'invalidTeamKey',
  'notAnEnvelope',
  'unsupportedEnvelope',
  'cannotDecrypt',
  // the invite (invite.ts)
  'notAnInvite',
  'unsupportedInvite',
  'invalidInvite',
  'insecureHubUrl',
  'passphraseRequired',
  'wrongInvitePassphrase',
  'teamMismatch',
  // sync runs
  'notJoined',
  'signerKeyChanged',
  'hubWentBack',
  'tooLargeForHub',
  'unexpected',
] as const;

export type TeamSyncErrorCode = (typeof TEAM_SYNC_ERROR_CODES)[number];

export class TeamSyncError extends Error {
  constructor(
    readonly code: TeamSyncErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
    /** A message other than the code's own, for one case of it (`teamSync.errors.<variant>`). */
    private readonly variant?: string,
  ) {
    super(message);
    this.name = 'TeamSyncError';
  }

  /** The i18n key of the translated message. */
  get messageKey(): string {
    return `teamSync.errors.${this.variant ?? this.code}`;
  }
}

export function isTeamSyncError(error: unknown): error is TeamSyncError {
  return error instanceof TeamSyncError;
}
