// The hub's error vocabulary (docs/hub-protocol.md, "Errors"): one class carrying the HTTP status,
// the stable code a client switches on, and an English sentence. Nothing else leaves the hub on
// failure — an unexpected error becomes `internal` with no detail.

export type HubErrorCode =
  | 'unauthorized'
  | 'token_revoked'
  | 'not_found'
  | 'invite_invalid'
  | 'bad_request'
  | 'offset_mismatch'
  | 'hash_mismatch'
  | 'too_large'
  | 'range_not_satisfiable'
  | 'rate_limited'
  | 'storage_full'
  | 'internal';

const STATUS: Record<HubErrorCode, number> = {
  unauthorized: 401,
  token_revoked: 401,
  not_found: 404,
  invite_invalid: 403,
  bad_request: 400,
  offset_mismatch: 409,
  hash_mismatch: 422,
  too_large: 413,
  range_not_satisfiable: 416,
  rate_limited: 429,
  storage_full: 507,
  internal: 500,
};

export class HubError extends Error {
  readonly code: HubErrorCode;
  readonly statusCode: number;
  /** Extra fields placed beside `code` and `message` (e.g. `offset` for `offset_mismatch`). */
  readonly extra: Readonly<Record<string, number>>;
  /** Response headers that go with the error (e.g. `retry-after` for `rate_limited`). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: HubErrorCode,
    message: string,
    extra: Record<string, number> = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HubError';
    this.code = code;
    this.statusCode = STATUS[code];
    this.extra = extra;
    this.headers = headers;
  }
}

export interface ErrorBody {
  error: { code: HubErrorCode; message: string; offset?: number };
}

export function errorBody(error: HubError): ErrorBody {
  return { error: { code: error.code, message: error.message, ...error.extra } };
}

/** The one answer for any team, member, upload or bundle the caller may not see. */
export function notFound(): HubError {
  return new HubError('not_found', 'Nothing here.');
}

export function badRequest(field: string, problem: string): HubError {
  return new HubError('bad_request', `The field "${field}" ${problem}.`);
}
