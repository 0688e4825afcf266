/**
 * The one door from the app to the system browser. Whatever asks — a link the page tried to open
 * in a new window, or the page's own `openExternal` request — only an `https` link to a public
 * host name gets through: no other scheme (http, file, javascript, smb, custom handlers), no user
 * name or password (`https://bank.example@evil.example` hides where a link leads), no IP address
 * or single-label host (the user's router, an intranet), and host names in the scripts our users
 * read only — plain ASCII, or Arabic script for Afghan and other Dari/Pashto sites — each label in
 * one script, so a Cyrillic `аррӏе.com` or a mixed `exаmple.com` never looks like the real thing.
 * The links a source carries come from whoever wrote the bundle, so they are treated as hostile.
 *
 * The browser is handed the URL as the parser wrote it back, so what was checked is what opens.
 */
import { domainToUnicode } from 'node:url';
import { parseUrl } from '../../shared/util/url.ts';

/** An ASCII host-name label: letters, digits and inner hyphens (never punycode: see below). */
const ASCII_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** An internationalised label, read back from punycode: Arabic script and ASCII digits only. */
const ARABIC_LABEL = /^[\p{Script=Arabic}0-9](?:[\p{Script=Arabic}0-9-]*[\p{Script=Arabic}0-9])?$/u;
/** A top-level label is letters only, which rules out IPv4 addresses however they are written. */
const TOP_LABEL = /^(?:[a-z]{2,63}|\p{Script=Arabic}+)$/u;

function isAllowedLabel(asciiLabel: string): boolean {
  if (!asciiLabel.startsWith('xn--')) return ASCII_LABEL.test(asciiLabel);
  return ARABIC_LABEL.test(domainToUnicode(asciiLabel));
}

/** The URL to give the system browser, or null when `text` may not leave the app. */
export function browserSafeUrl(text: string): string | null {
  // The scheme written out in full: parsers rewrite `https:host` and `https:\\host` silently.
  if (!/^https:\/\/[^/\\]/i.test(text) || parseUrl(text) === null) return null;
  const url = new URL(text);
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return null;
  const labels = url.hostname.split('.');
  if (labels.length < 2 || !labels.every(isAllowedLabel)) return null;
  if (!TOP_LABEL.test(domainToUnicode(labels.at(-1) ?? ''))) return null;
  return url.href;
}

/**
 * Wraps the shell's `openExternal` so that nothing but a browser-safe link reaches it; anything
 * else is refused with an error the page can show.
 */
export function createExternalOpener(
  openExternal: (url: string) => Promise<void>,
): (url: string) => Promise<void> {
  return async (text) => {
    const url = browserSafeUrl(text);
    if (url === null)
      throw new Error('Only https links to a web site can be opened outside Daftar.');
    await openExternal(url);
  };
}
