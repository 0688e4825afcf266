/**
 * What went wrong talking to the hub: the contract's error codes (docs/hub-protocol.md,
 * "Errors"), plus `offline` (the request never got an answer: no network, hub down, DNS, TLS),
 * `bad_response` (an answer that does not follow the protocol) and `not_allowed` (the desktop
 * app asked the user before connecting to the hub's address, and they declined). Each has a plain English
 * message for logs and an i18n key (`teamSync.hubErrors.<code>`) for the UI; what the hub said
 * is kept as `detail`.
 */
export const HUB_ERROR_CODES = [
  'unauthorized',
  'token_revoked',
  'not_found',
  'invite_invalid',
  'bad_request',
  'offset_mismatch',
  'hash_mismatch',
  'too_large',
  'range_not_satisfiable',
  'rate_limited',
  'storage_full',
  'internal',
  'offline',
  'bad_response',
  'not_allowed',
] as const;

export type HubErrorCode = (typeof HUB_ERROR_CODES)[number];

const MESSAGES: Record<HubErrorCode, string> = {
  unauthorized: 'The hub does not know this device. Join the team again with a new invite.',
  token_revoked:
    'This device was removed from the team on the hub. Ask the team lead for a new invite.',
  not_found: 'The hub has no such team, upload or bundle for this device.',
  invite_invalid:
    'The invite code is unknown, expired, used up or withdrawn. Ask for a new invite.',
  bad_request: 'The hub refused a malformed request.',
  offset_mismatch: 'The hub holds a different part of the upload than this device sent.',
  hash_mismatch: 'The bytes that arrived do not match their SHA-256.',
  too_large: 'The bundle is larger than the hub accepts.',
  range_not_satisfiable: 'The hub cannot send the requested part of a bundle.',
  rate_limited: 'The hub asked this device to slow down; sync will try again shortly.',
  storage_full: 'The hub is full. Tell the person who runs it.',
  internal: 'The hub had an internal error; sync will try again later.',
  offline: 'The hub cannot be reached. Sync will try again when a connection appears.',
  bad_response: 'The hub answered in a way this app does not understand.',
  not_allowed:
    'You did not allow Daftar to connect to this hub. Restart Daftar to be asked again, or leave the team.',
};

/** Failures worth trying again later as they are; the others need a person to act. */
const TRANSIENT: ReadonlySet<HubErrorCode> = new Set([
  'offline',
  'rate_limited',
  'internal',
  'offset_mismatch',
  'bad_response',
  'range_not_satisfiable',
  'hash_mismatch',
]);

export class HubError extends Error {
  constructor(
    readonly code: HubErrorCode,
    /** What the hub said (its message), or why the request failed; for logs and details. */
    readonly detail = '',
    readonly status = 0,
    /** `offset` of an offset_mismatch; `retryAfterMs` of rate_limited. */
    readonly extra: { offset?: number; retryAfterMs?: number } = {},
  ) {
    super(detail ? `${MESSAGES[code]} (${detail})` : MESSAGES[code]);
    this.name = 'HubError';
  }

  get messageKey(): string {
    return `teamSync.hubErrors.${this.code}`;
  }

  get transient(): boolean {
    return TRANSIENT.has(this.code);
  }
}

export function isHubError(error: unknown): error is HubError {
  return error instanceof HubError;
}

export function isHubErrorCode(value: unknown): value is HubErrorCode {
  return typeof value === 'string' && (HUB_ERROR_CODES as readonly string[]).includes(value);
}
