import { basemapEntry } from '../../test/helpers/basemapEntry.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FOLDER_FILE_BYTES, MAX_FOLDER_PIECE } from '../folderSync/syncFolder.ts';
import { MAX_BASEMAP_BYTES, MAX_BASEMAP_PIECE } from '../maps/basemapFiles.ts';
import {
  IPC_INVOKE,
  IPC_INVOKE_CHANNELS,
  isAllowedExternalUrl,
  isHubRequestUrl,
  isInvokeChannel,
  MAX_DEVICE_SIGN_BYTES,
} from './contract.ts';

const seed = Number(process.env.FC_SEED ?? 42);
console.log(`contract.test.ts: fast-check seed ${seed} (set FC_SEED to change)`);

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://example.org',
    'https://example.org/a/b?c=d#e',
    'HTTPS://EXAMPLE.ORG/',
    'https://acleddata.com/data-export-tool/',
    'https://خبر.af/1',
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
    ['plain http', 'http://example.org/a'],
    ['a mailto', 'mailto:editor@example.org'],
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
        fc.webUrl({ validSchemes: ['https'] }),
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

describe('basemap channels', () => {
  const id = '0b6f2f2e-5b8c-4d53-9a3e-6a1d2c0e9f10';
  const entry = basemapEntry({
    id,
    info: {
      kind: 'vector',
      tileSize: 512,
      maxZoom: 14,
      vectorLayers: ['roads'],
      tiles: 3,
      bytes: 1024,
    },
  });
  const notIds = ['../x', '', 'x.pmtiles', `${id}/..`, `${id}.json`, 42, null, undefined, [id]];

  it('are allow-listed invoke channels', () => {
    for (const name of ['list', 'create', 'write', 'seal', 'read', 'keep', 'remove']) {
      expect(isInvokeChannel(`daftar:basemap-${name}`)).toBe(true);
    }
  });

  it('list and create take no argument', () => {
    for (const channel of ['daftar:basemap-list', 'daftar:basemap-create'] as const) {
      expect(IPC_INVOKE[channel].safeParse(undefined).success).toBe(true);
      expect(IPC_INVOKE[channel].safeParse(id).success).toBe(false);
    }
  });

  it('seal and remove take a basemap id, never a path', () => {
    for (const channel of ['daftar:basemap-seal', 'daftar:basemap-remove'] as const) {
      expect(IPC_INVOKE[channel].safeParse(id).success).toBe(true);
      for (const other of notIds) expect(IPC_INVOKE[channel].safeParse(other).success).toBe(false);
    }
  });

  it('writes pieces of at most 16 MiB at whole positions within 64 GiB', () => {
    const schema = IPC_INVOKE['daftar:basemap-write'];
    const piece = (offset: unknown, data: unknown) =>
      schema.safeParse({ id, offset, data }).success;
    expect(piece(0, new Uint8Array(0))).toBe(true);
    expect(piece(5, new Uint8Array(MAX_BASEMAP_PIECE))).toBe(true);
    expect(piece(MAX_BASEMAP_BYTES - 1, new Uint8Array(1))).toBe(true);
    expect(piece(MAX_BASEMAP_BYTES, new Uint8Array(1))).toBe(false);
    expect(piece(0, new Uint8Array(MAX_BASEMAP_PIECE + 1))).toBe(false);
    for (const offset of [-1, 0.5, Number.NaN, Infinity, '0', 2 ** 53, undefined]) {
      expect(piece(offset, new Uint8Array(1))).toBe(false);
    }
    for (const data of ['bytes', [1, 2], new ArrayBuffer(2), new Uint16Array(1), null]) {
      expect(piece(0, data)).toBe(false);
    }
    for (const other of notIds) {
      expect(schema.safeParse({ id: other, offset: 0, data: new Uint8Array(1) }).success).toBe(
        false,
      );
    }
  });

  it('reads pieces of at most 16 MiB at whole positions within 64 GiB', () => {
    const schema = IPC_INVOKE['daftar:basemap-read'];
    const piece = (offset: unknown, length: unknown) =>
      schema.safeParse({ id, offset, length }).success;
    expect(piece(0, 0)).toBe(true);
    expect(piece(7, MAX_BASEMAP_PIECE)).toBe(true);
    expect(piece(MAX_BASEMAP_BYTES - 4, 4)).toBe(true);
    expect(piece(MAX_BASEMAP_BYTES - 4, 5)).toBe(false);
    expect(piece(0, MAX_BASEMAP_PIECE + 1)).toBe(false);
    for (const bad of [-1, 0.5, Number.NaN, '1', undefined]) {
      expect(piece(bad, 1)).toBe(false);
      expect(piece(0, bad)).toBe(false);
    }
    for (const other of notIds) {
      expect(schema.safeParse({ id: other, offset: 0, length: 1 }).success).toBe(false);
    }
  });

  it('keeps only a valid description', () => {
    const schema = IPC_INVOKE['daftar:basemap-keep'];
    expect(schema.safeParse(entry).success).toBe(true);
    expect(schema.safeParse({ ...entry, id: '../x' }).success).toBe(false);
    expect(schema.safeParse({ ...entry, addedAt: 'today' }).success).toBe(false);
    expect(schema.safeParse({ ...entry, info: { ...entry.info, bytes: -1 } }).success).toBe(false);
    expect(
      schema.safeParse({ ...entry, info: { ...entry.info, bytes: MAX_BASEMAP_BYTES + 1 } }).success,
    ).toBe(false);
    expect(schema.safeParse(undefined).success).toBe(false);
  });
});

describe('print-pdf channel', () => {
  const schema = IPC_INVOKE['daftar:print-pdf'];

  it('is an allow-listed invoke channel', () => {
    expect(isInvokeChannel('daftar:print-pdf')).toBe(true);
  });

  it('takes a PDF file name, in any script, and nothing else', () => {
    for (const name of ['dossier.pdf', 'DOSSIER.PDF', 'پرونده - حمله در کابل.pdf']) {
      expect(schema.safeParse({ suggestedName: name }).success).toBe(true);
    }
    for (const name of ['dossier', 'dossier.pdf.exe', '../x.pdf', 'a/b.pdf', 'a\nb.pdf', '']) {
      expect(schema.safeParse({ suggestedName: name }).success).toBe(false);
    }
    // Page size, margins and the like are main's to choose, not the page's.
    expect(schema.safeParse({ suggestedName: 'a.pdf', landscape: true }).success).toBe(false);
    expect(schema.safeParse('a.pdf').success).toBe(false);
  });
});

describe('hub request channel', () => {
  const schema = IPC_INVOKE['daftar:hub-request'];
  const request = (overrides: Record<string, unknown> = {}) => ({
    url: 'https://hub.example.org/v1/teams/abc/bundles?after=3',
    method: 'GET',
    headers: { authorization: 'Bearer dft_x' },
    ...overrides,
  });

  it('is an allow-listed invoke channel', () => {
    expect(isInvokeChannel('daftar:hub-request')).toBe(true);
  });

  it('takes a protocol request to an https hub, or an http hub on this machine', () => {
    expect(schema.safeParse(request()).success).toBe(true);
    for (const url of [
      'http://127.0.0.1:8787/v1/health',
      'http://localhost:8787/v1/join',
      'https://hub.example.org:8443/v1/teams/t/uploads/u',
    ]) {
      expect(schema.safeParse(request({ url })).success, url).toBe(true);
    }
    const body = new Uint8Array(8 * 1024 ** 2);
    expect(schema.safeParse(request({ method: 'PATCH', body })).success).toBe(true);
  });

  it('refuses plain http over a network, other paths, credentials, odd methods and headers', () => {
    for (const url of [
      'http://hub.example.org/v1/health', // a token in clear over a network
      'http://192.168.1.10:8787/v1/health',
      'https://hub.example.org/v2/health',
      'https://hub.example.org/admin',
      'https://hub.example.org/v1/../admin',
      'https://hub.example.org/v1/teams/%2e%2e/x/../y',
      'https://hub.example.org/v1/%2E%2e/admin',
      'https://hub.example.org/v1/./health',
      'http://127.0.0.1:9200/v1/..\\..\\_shutdown', // backslashes read as slashes: /_shutdown
      'http://127.0.0.1:9200/v1\\..\\admin',
      'HTTPS://hub.example.org/v1/health',
      'https://hub.example.org:443/v1/health',
      'https://user:pass@hub.example.org/v1/health',
      'file:///etc/passwd',
      'https://hub.example.org/v1/health#x',
      ' https://hub.example.org/v1/health',
    ]) {
      expect(schema.safeParse(request({ url })).success, url).toBe(false);
    }
    expect(schema.safeParse(request({ method: 'DELETE' })).success).toBe(false);
    expect(schema.safeParse(request({ headers: { cookie: 'a=b' } })).success).toBe(false);
    expect(schema.safeParse(request({ headers: { host: 'elsewhere' } })).success).toBe(false);
    const tooBig = new Uint8Array(8 * 1024 ** 2 + 1);
    expect(schema.safeParse(request({ method: 'PATCH', body: tooBig })).success).toBe(false);
    expect(schema.safeParse(request({ extra: 1 })).success).toBe(false);
  });

  it('isHubRequestUrl agrees with the schema on the address', () => {
    expect(isHubRequestUrl('https://hub.example.org/v1/health')).toBe(true);
    expect(isHubRequestUrl('http://hub.example.org/v1/health')).toBe(false);
  });

  it('accepts only what the URL parser would send to the same /v1/ path (fuzzed)', () => {
    // Whatever text passes, the request it makes goes to a /v1/ path of a hub origin.
    const piece = fc.constantFrom(
      'v1',
      '..',
      '.',
      '%2e',
      '%2E%2e',
      '\\',
      '/',
      'a',
      '%2f',
      '?',
      '#',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = `https://hub.example.org/v1/${pieces.join('')}`;
        if (!isHubRequestUrl(text)) return;
        const url = new URL(text);
        expect(url.origin).toBe('https://hub.example.org');
        expect(url.pathname.startsWith('/v1/')).toBe(true);
        expect(url.href).toBe(text);
      }),
      { seed, numRuns: 2_000 },
    );
  });
});

describe('sync folder channels', () => {
  const names = ['folder-choose', 'folder-current', 'folder-forget', 'folder-list'];
  const hostile = ['../x', 'a/b', 'a\\b', '.hidden', 'C:x', 'x\0y', 'a'.repeat(200), '', 42];
  const BUNDLE = 'daftar-a-20260101T000000Z-AAAAAAAA.daftarsync';

  it('are allow-listed invoke channels', () => {
    for (const name of [...names, 'folder-read', 'folder-write', 'folder-commit']) {
      expect(isInvokeChannel(`daftar:${name}`)).toBe(true);
    }
    expect(isInvokeChannel('daftar:sync-folder-changed')).toBe(false);
  });

  it('take no argument to choose, show, forget or list the folder', () => {
    for (const name of names) {
      const schema = IPC_INVOKE[`daftar:${name}` as 'daftar:folder-list'];
      expect(schema.safeParse(undefined).success).toBe(true);
      expect(schema.safeParse('/home/user').success).toBe(false);
    }
  });

  it('take plain file names only, never a path', () => {
    expect(IPC_INVOKE['daftar:folder-commit'].safeParse(BUNDLE).success).toBe(true);
    for (const name of hostile) {
      expect(IPC_INVOKE['daftar:folder-commit'].safeParse(name).success).toBe(false);
      const read = { name, offset: 0, length: 1 };
      expect(IPC_INVOKE['daftar:folder-read'].safeParse(read).success).toBe(false);
      const write = { name, offset: 0, data: new Uint8Array(1) };
      expect(IPC_INVOKE['daftar:folder-write'].safeParse(write).success).toBe(false);
    }
  });

  it('read and write pieces of at most 8 MiB within 2 GiB', () => {
    const read = IPC_INVOKE['daftar:folder-read'];
    const write = IPC_INVOKE['daftar:folder-write'];
    const name = BUNDLE;
    expect(read.safeParse({ name, offset: 0, length: MAX_FOLDER_PIECE }).success).toBe(true);
    expect(read.safeParse({ name, offset: 0, length: MAX_FOLDER_PIECE + 1 }).success).toBe(false);
    expect(read.safeParse({ name, offset: MAX_FOLDER_FILE_BYTES, length: 1 }).success).toBe(false);
    expect(read.safeParse({ name, offset: 0.5, length: 1 }).success).toBe(false);
    const piece = new Uint8Array(MAX_FOLDER_PIECE);
    expect(write.safeParse({ name, offset: 0, data: piece }).success).toBe(true);
    const tooLarge = write.safeParse({
      name,
      offset: 0,
      data: new Uint8Array(MAX_FOLDER_PIECE + 1),
    });
    expect(tooLarge.error?.issues[0]?.message).toMatch(/8 MiB/);
    const pastEnd = write.safeParse({
      name,
      offset: MAX_FOLDER_FILE_BYTES,
      data: new Uint8Array(1),
    });
    expect(pastEnd.error?.issues[0]?.message).toMatch(/2 GiB/);
    expect(write.safeParse({ name, offset: 0, data: [1, 2] }).success).toBe(false);
  });

  it('take only the names of Daftar’s own files, nothing a sync tool would spread', () => {
    const commit = IPC_INVOKE['daftar:folder-commit'];
    const read = IPC_INVOKE['daftar:folder-read'];
    const write = IPC_INVOKE['daftar:folder-write'];
    for (const name of [BUNDLE, 'daftar-folder.json']) {
      expect(commit.safeParse(name).success).toBe(true);
      expect(read.safeParse({ name, offset: 0, length: 1 }).success).toBe(true);
      expect(write.safeParse({ name, offset: 0, data: new Uint8Array(1) }).success).toBe(true);
    }
    for (const name of [
      'desktop.ini',
      'autorun.inf',
      'report.pdf.exe',
      'daftar-a.daftarsync.exe',
      'kabul-1.daftarsync',
      'notes.txt',
      'daftar-folder.json.lnk',
    ]) {
      expect(commit.safeParse(name).error?.issues[0]?.message).toMatch(/daftar-folder\.json/);
      expect(read.safeParse({ name, offset: 0, length: 1 }).success).toBe(false);
      expect(write.safeParse({ name, offset: 0, data: new Uint8Array(1) }).success).toBe(false);
    }
  });
});

describe('keychain and wipe channels', () => {
  const save = IPC_INVOKE['daftar:keychain-save'];
  const entry = {
    database: 'daftar-0b6f2f2e-5b8c-4d53-9a3e-6a1d2c0e9f10',
    rowKey: new Uint8Array(32),
  };

  it('takes a Daftar database name and a 32-byte key, nothing else', () => {
    expect(save.safeParse(entry).success).toBe(true);
    expect(save.safeParse({ ...entry, database: 'daftar-abcdefgh' }).success).toBe(true);
    for (const database of [
      'daftar-short',
      'daftar-ABCDEFGH',
      '../daftar-abcdefgh',
      'daftar-abcdefgh/..',
      'daftar-abcdefgh\n',
      'daftar-abcdefgh ',
      'other-abcdefgh',
      `daftar-${'a'.repeat(65)}`,
    ]) {
      expect(save.safeParse({ ...entry, database }).success, database).toBe(false);
    }
    for (const rowKey of [new Uint8Array(31), new Uint8Array(33), new Uint16Array(16), [1, 2]]) {
      expect(save.safeParse({ ...entry, rowKey }).success).toBe(false);
    }
    expect(save.safeParse({ ...entry, passphrase: 'x' }).success).toBe(false);
    expect(save.safeParse({ database: entry.database }).success).toBe(false);
  });

  it('takes no argument on the others', () => {
    for (const channel of [
      'daftar:keychain-available',
      'daftar:keychain-load',
      'daftar:keychain-forget',
      'daftar:wipe-host',
    ] as const) {
      expect(IPC_INVOKE[channel].safeParse(undefined).success).toBe(true);
      expect(IPC_INVOKE[channel].safeParse({}).success).toBe(false);
    }
  });
});
