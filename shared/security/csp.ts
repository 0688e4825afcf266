/**
 * The Content Security Policy of the renderer, one definition for both hosts: Electron sends it
 * as a header from its app protocol, the web build carries it in a meta tag. Nothing remote is
 * allowed: scripts, styles, fonts, images and connections are the app's own — but for the web
 * build's connections to a team hub (below).
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'", 'blob:', 'data:'],
  'worker-src': ["'self'", 'blob:'],
  'manifest-src': ["'self'"],
  'media-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
} as const;

/**
 * Where the web build's page may connect besides its own origin: a team hub (https anywhere, or
 * http on this machine). The app code connects only to the hub the user joined
 * (shared/ipc/contract.ts isHubRequestUrl). Electron's page needs none of this: main makes the
 * hub's requests.
 */
const WEB_HUB_SOURCES = ['https:', 'http://127.0.0.1:*', 'http://localhost:*'];

/** Directives a meta tag cannot carry (browsers ignore them there). */
const HEADER_ONLY = new Set(['frame-ancestors']);

export function cspHeader(): string {
  return Object.entries(CSP_DIRECTIVES)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** The web build's policy, in its meta tag: Electron's, plus connections to a team hub. */
export function cspMeta(): string {
  return Object.entries(CSP_DIRECTIVES)
    .filter(([name]) => !HEADER_ONLY.has(name))
    .map(([name, values]) =>
      name === 'connect-src'
        ? `${name} ${[...values, ...WEB_HUB_SOURCES].join(' ')}`
        : `${name} ${values.join(' ')}`,
    )
    .join('; ');
}
