/**
 * The Content Security Policy of the renderer, one definition for both hosts: Electron sends it
 * as a header from its app protocol, the web build carries it in a meta tag. Nothing remote is
 * allowed: scripts, styles, fonts, images and connections are the app's own.
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

/** Directives a meta tag cannot carry (browsers ignore them there). */
const HEADER_ONLY = new Set(['frame-ancestors']);

export function cspHeader(): string {
  return Object.entries(CSP_DIRECTIVES)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

export function cspMeta(): string {
  return Object.entries(CSP_DIRECTIVES)
    .filter(([name]) => !HEADER_ONLY.has(name))
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
