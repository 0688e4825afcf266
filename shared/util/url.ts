/**
 * URL checks for text that came from a person or a file. The platform's WHATWG URL parser is
 * used (present in browsers, Electron and Node); shared/ has no DOM or Node types, so the little
 * it needs is declared here. Text with surrounding blanks or control characters is refused
 * outright: parsers quietly trim them, which lets a disguised link slip past a check.
 */
declare const URL: {
  new (input: string): {
    protocol: string;
    hostname: string;
    username: string;
    password: string;
    href: string;
    origin: string;
    pathname: string;
  };
  canParse(input: string): boolean;
};

export interface ParsedUrl {
  protocol: string;
  hostname: string;
  hasCredentials: boolean;
}

export function parseUrl(text: string): ParsedUrl | null {
  if (/\s/.test(text) || [...text].some((c) => c < ' ' || c === '\u007f') || !URL.canParse(text)) {
    return null;
  }
  const url = new URL(text);
  return {
    protocol: url.protocol,
    hostname: url.hostname,
    hasCredentials: url.username !== '' || url.password !== '',
  };
}

/** An http(s) address written out in full (scheme://host), with no user name or password. */
export function isPlainWebUrl(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  const url = parseUrl(text);
  return (
    url !== null &&
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.hostname !== '' &&
    !url.hasCredentials
  );
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * A team hub's address: https, or plain http only to this machine (a hub on loopback, for trying
 * one out and for tests) — a hub's traffic carries member tokens, so it never goes over a network
 * in clear. No user name or password (the path is the caller's to check).
 */
export function isHubUrl(text: string): boolean {
  if (!isPlainWebUrl(text)) return false;
  const url = parseUrl(text)!;
  return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname.toLowerCase());
}

/**
 * The origin and path of a URL written in its canonical form — exactly as the URL parser would
 * write it back — or null. A URL that the parser would rewrite (dot segments, written or
 * percent-encoded, backslashes read as slashes, an upper-case scheme, a default port) is refused:
 * a check on the text would otherwise pass a request that goes somewhere else.
 */
export function canonicalUrl(text: string): { origin: string; pathname: string } | null {
  if (parseUrl(text) === null) return null;
  const url = new URL(text);
  return url.href === text ? { origin: url.origin, pathname: url.pathname } : null;
}
