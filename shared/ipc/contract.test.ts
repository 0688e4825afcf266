import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './contract.ts';

const seed = Number(process.env.FC_SEED ?? 42);
console.log(`contract.test.ts: fast-check seed ${seed} (set FC_SEED to change)`);

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://example.org',
    'http://example.org/a/b?c=d#e',
    'HTTPS://EXAMPLE.ORG/',
    'https://acleddata.com/data-export-tool/',
    'http://192.168.1.10:8080/',
    'https://خبر.af/1',
    'mailto:editor@example.org',
    'MAILTO:editor@example.org',
  ])('allows %j', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['file:', 'file:///etc/passwd'],
    ['ftp:', 'ftp://example.org/file'],
    ['a custom scheme', 'daftar://open?id=1'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['a URL without host', 'http://'],
    ['a URL without slashes', 'https:example.org'],
    ['a relative URL', '/incidents/1'],
    ['a bare domain', 'example.org'],
    ['an empty string', ''],
    ['a user name', 'https://user@example.org'],
    ['credentials', 'https://user:secret@example.org/'],
    ['a disguised host', 'https://trusted.org@evil.example/'],
    ['credentials in upper case', 'HTTP://trusted.org@evil.example/'],
    ['a mailto with a path', 'mailto:a@b/c'],
    ['a mailto without address', 'mailto:'],
    ['a mailto without domain', 'mailto:editor'],
    ['a mailto with spaces', 'mailto:ed itor@example.org'],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('refuses any web URL that carries a user name or password', () => {
    fc.assert(
      fc.property(
        fc.webUrl(),
        fc.stringMatching(/^[a-z0-9.]{1,10}$/),
        fc.option(fc.stringMatching(/^[a-z0-9]{1,10}$/), { nil: '' }),
        (web, user, password) => {
          const url = new URL(web);
          url.username = user;
          url.password = password;
          expect(isAllowedExternalUrl(url.href)).toBe(false);
          url.username = '';
          url.password = '';
          expect(isAllowedExternalUrl(url.href)).toBe(true);
        },
      ),
      { seed, numRuns: 200 },
    );
  });

  it.each([
    ' http://user@evil.example',
    '\thttp://u@evil.example',
    'https://example.org ',
    'http://exa mple.org',
  ])('refuses %j: blanks around or inside a link can hide credentials from a check', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
