/**
 * Links that must never reach the system browser, for the tests of the main process's guards:
 * other schemes, credentials that disguise the host, look-alike host names, hosts on the user's
 * own network, and spellings that URL parsers quietly rewrite. A fixed list for readable failures
 * and a fast-check arbitrary for everything in between.
 */
import fc from 'fast-check';

export const HOSTILE_URLS: readonly string[] = [
  'http://example.org/',
  'HTTP://EXAMPLE.ORG/',
  'file:///etc/passwd',
  'file://server/share/payload.exe',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.domain)',
  'data:text/html,<script>alert(1)</script>',
  'smb://attacker.example/share',
  'ftp://example.org/file',
  'vbscript:msgbox(1)',
  'ms-msdt:/id PCWDiagnostic',
  'search-ms:query=x&crumb=location:\\\\attacker.example\\share',
  'daftar://app/index.html',
  'chrome://settings',
  'about:blank',
  'mailto:editor@example.org',
  'tel:+93700000000',
  'https://user@example.org/',
  'https://user:secret@example.org/',
  'https://trusted.example@evil.example/',
  'https://аррӏе.com/',
  'https://xn--80ak6aa92e.com/',
  'https://exаmple.com/',
  'https://ρaypal.com/',
  'https://localhost/',
  'https://127.0.0.1/',
  'https://192.168.1.1/admin',
  'https://0x7f000001/',
  'https://[::1]/',
  'https://intranet/',
  'https:example.org',
  'https:/example.org',
  'https:\\\\example.org',
  '//example.org/',
  ' https://example.org/',
  'https://example.org/\n',
  '\u0000https://example.org/',
  'https://example.org\u0000.evil.example/',
  '',
];

/** Latin letters and a Cyrillic or Greek letter that looks the same. */
const LOOKALIKES: readonly (readonly [string, string])[] = [
  ['a', 'а'],
  ['e', 'е'],
  ['o', 'о'],
  ['p', 'р'],
  ['c', 'с'],
  ['x', 'х'],
  ['y', 'у'],
  ['i', 'і'],
  ['o', 'ο'],
  ['v', 'ν'],
];

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
const host = fc
  .tuple(label, fc.constantFrom('org', 'com', 'af', 'net'))
  .map(([l, t]) => `${l}.${t}`);
const path = fc.stringMatching(/^(\/[a-zA-Z0-9._~-]{0,8}){0,3}$/);

/** An https link to an ordinary public host: one the guards must let through. */
export const safeHttpsUrl = fc
  .tuple(fc.constantFrom('https://', 'HTTPS://', 'Https://'), host, path)
  .map(([scheme, h, p]) => `${scheme}${h}${p}`);

const otherScheme = fc
  .tuple(
    fc.oneof(
      fc.constantFrom('http', 'file', 'javascript', 'data', 'smb', 'ftp', 'ws', 'wss', 'blob'),
      fc.constantFrom('vbscript', 'mailto', 'tel', 'ms-settings', 'daftar', 'chrome', 'steam'),
      fc.stringMatching(/^[a-z][a-z0-9+.-]{0,10}$/).filter((s) => s !== 'https'),
    ),
    fc.constantFrom('://', ':', ':///', ':\\\\'),
    host,
    path,
  )
  .map(([scheme, sep, h, p]) => `${scheme}${sep}${h}${p}`);

const userInfo = fc
  .tuple(label, fc.option(label, { nil: undefined }), host, path)
  .map(([user, pass, h, p]) => `https://${user}${pass === undefined ? '' : `:${pass}`}@${h}${p}`);

const disguisedHost = fc
  .tuple(host, host, path)
  .map(([shown, real, p]) => `https://${shown}@${real}${p}`);

const lookalikeHost = fc
  .tuple(host, fc.integer({ min: 0, max: LOOKALIKES.length - 1 }), path)
  .map(([h, i, p]) => {
    const [latin, fake] = LOOKALIKES[i]!;
    const name = h.includes(latin) ? h.replace(latin, fake) : `${fake}${h}`;
    return `https://${name}${p}`;
  });

const ownNetwork = fc.oneof(
  fc.ipV4().map((ip) => `https://${ip}/`),
  fc.ipV6().map((ip) => `https://[${ip}]/`),
  label.map((name) => `https://${name}/`),
);

const rewritten = fc
  .tuple(
    fc.constantFrom(
      'https:',
      'https:/',
      'https:\\\\',
      '//',
      ' https://',
      '\thttps://',
      '\u0001https://',
    ),
    host,
    path,
  )
  .map(([prefix, h, p]) => `${prefix}${h}${p}`);

/** Any link the guards must refuse. */
export const hostileUrl = fc.oneof(
  fc.constantFrom(...HOSTILE_URLS),
  otherScheme,
  userInfo,
  disguisedHost,
  lookalikeHost,
  ownNetwork,
  rewritten,
);
