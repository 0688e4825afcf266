import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IPC_INVOKE,
  IPC_INVOKE_CHANNELS,
  isAllowedExternalUrl,
  isInvokeChannel,
  MAX_DEVICE_SIGN_BYTES,
} from './contract.ts';

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

describe('device key channels', () => {
  it('are allow-listed invoke channels', () => {
    expect(IPC_INVOKE_CHANNELS).toEqual(
      expect.arrayContaining(['daftar:device-public-key', 'daftar:device-sign']),
    );
    expect(isInvokeChannel('daftar:device-sign')).toBe(true);
    expect(isInvokeChannel('daftar:open-bundle')).toBe(false);
  });

  it('asks for the public key with no argument', () => {
    expect(IPC_INVOKE['daftar:device-public-key'].safeParse(undefined).success).toBe(true);
    expect(IPC_INVOKE['daftar:device-public-key'].safeParse('key').success).toBe(false);
  });

  it('signs bytes up to 16 MiB and nothing else', () => {
    const schema = IPC_INVOKE['daftar:device-sign'];
    expect(schema.safeParse(new Uint8Array(0)).success).toBe(true);
    expect(schema.safeParse(new Uint8Array(MAX_DEVICE_SIGN_BYTES)).success).toBe(true);
    const tooLarge = schema.safeParse(new Uint8Array(MAX_DEVICE_SIGN_BYTES + 1));
    expect(tooLarge.success).toBe(false);
    expect(tooLarge.error?.issues[0]?.message).toMatch(/16 MiB/);
    for (const other of ['text', [1, 2], new ArrayBuffer(4), new Uint16Array(2), undefined]) {
      expect(schema.safeParse(other).success).toBe(false);
    }
  });
});
