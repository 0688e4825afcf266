/**
 * The session's network gate: no request leaves the app unless its origin was explicitly allowed.
 * The app's own protocol, in-memory `blob:`/`data:` URLs and the DevTools front-end pass;
 * everything else (http, https, ws, file, ftp…) is cancelled. `allowedOrigins` is where a
 * user-configured sync hub will be admitted later; today it is empty.
 */
import { APP_HOST, APP_SCHEME } from './appProtocol.ts';

/** Schemes that never touch the network or the disk outside the app. */
const LOCAL_SCHEMES = new Set(['blob:', 'data:', 'devtools:']);

/** `scheme://host[:port]` of a URL, lower-cased; `undefined` when the URL has no such origin. */
export function originOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.host === '') return undefined;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** Whether a request to `url` may proceed. Pure. */
export function isRequestAllowed(url: string, allowedOrigins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(parsed.protocol)) return true;
  if (parsed.protocol === `${APP_SCHEME}:`) {
    return parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  const origin = originOf(url);
  return origin !== undefined && allowedOrigins.some((allowed) => originOf(allowed) === origin);
}

/** A `webRequest.onBeforeRequest` listener applying `isRequestAllowed`. */
export function createRequestFilter(
  allowedOrigins: () => readonly string[],
  onBlocked: (url: string) => void = () => undefined,
): (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void {
  return (details, callback) => {
    const allowed = isRequestAllowed(details.url, allowedOrigins());
    if (!allowed) onBlocked(details.url);
    callback({ cancel: !allowed });
  };
}
