import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspHeader } from '../../shared/security/csp.ts';
import {
  contentTypeFor,
  createAppProtocolHandler,
  isInside,
  locateAppFile,
  parseAppUrl,
  type AppRequestLike,
} from './appProtocol.ts';

const HOSTILE_URLS = [
  'daftar://app/../etc/passwd',
  'daftar://app/assets/../../secret.txt',
  'daftar://app/./index.html',
  'daftar://app/%2e%2e/secret.txt',
  'daftar://app/%2E%2E/secret.txt',
  'daftar://app/.%2e/secret.txt',
  'daftar://app/assets%2f..%2f..%2fsecret.txt',
  'daftar://app/assets%2F..%2Fsecret.txt',
  'daftar://app/..%5c..%5csecret.txt',
  'daftar://app/..\\..\\secret.txt',
  'daftar://app/assets\\..\\..\\secret.txt',
  'daftar://app/%252e%252e/secret.txt',
  'daftar://app/%c0%ae%c0%ae/secret.txt',
  'daftar://app//etc/passwd',
  'daftar://app///etc/passwd',
  'daftar://app/C:/Windows/win.ini',
  'daftar://app/C%3A/Windows/win.ini',
  'daftar://app/index.html%00.png',
  'daftar://app/index.html\0.png',
  'daftar://evil/index.html',
  'daftar://app.evil/index.html',
  'daftar://user@app/index.html',
  'daftar://app:8080/index.html',
  'daftar:///index.html',
  'file:///etc/passwd',
  'https://app/index.html',
  'daftar:app/index.html',
  '/etc/passwd',
];

describe('parseAppUrl', () => {
  it.each(HOSTILE_URLS)('refuses %j', (url) => {
    const decision = parseAppUrl(url);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect([400, 403]).toContain(decision.status);
  });

  it.each([
    ['daftar://app', ['index.html']],
    ['daftar://app/', ['index.html']],
    ['daftar://app/index.html', ['index.html']],
    ['daftar://app/index.html?incident=42#top', ['index.html']],
    ['daftar://app/assets/app-1a2B.js', ['assets', 'app-1a2B.js']],
    ['daftar://app/fonts/Noto%20Naskh.woff2', ['fonts', 'Noto Naskh.woff2']],
    ['daftar://app/tiles/kabul.v1.pmtiles', ['tiles', 'kabul.v1.pmtiles']],
  ])('resolves %j', (url, segments) => {
    expect(parseAppUrl(url)).toEqual({ ok: true, segments });
  });
});

describe('isInside', () => {
  it('accepts descendants only', () => {
    const root = path.resolve('/srv/renderer');
    expect(isInside(root, path.join(root, 'index.html'))).toBe(true);
    expect(isInside(root, path.join(root, '..folder', 'x'))).toBe(true);
    expect(isInside(root, root)).toBe(false);
    expect(isInside(root, path.resolve('/srv/renderer-evil/index.html'))).toBe(false);
    expect(isInside(root, path.resolve('/srv/secret.txt'))).toBe(false);
  });
});

describe('app files on disk', () => {
  let base: string;
  let root: string;

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'daftar-protocol-'));
    root = path.join(base, 'renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Daftar</title>');
    await writeFile(path.join(root, 'assets', 'app.js'), 'console.log("daftar")');
    await writeFile(path.join(root, 'assets', 'tiles.pmtiles'), 'PMTiles0123456789');
    await writeFile(path.join(base, 'secret.txt'), 'outside the root');
    await mkdir(path.join(base, 'renderer-evil'));
    await writeFile(path.join(base, 'renderer-evil', 'index.html'), 'EVIL CONTENT');
    // Symlinks that live inside the root but lead out of it.
    await symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'leak.txt'));
    await symlink(base, path.join(root, 'up'), 'dir');
    // A symlink that stays inside is fine.
    await symlink(path.join(root, 'index.html'), path.join(root, 'alias.html'));
    // The root itself may be reached through a symlink (e.g. a linked build folder).
    await symlink(root, path.join(base, 'linked-root'), 'dir');
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('finds files inside the root', async () => {
    const found = await locateAppFile('daftar://app/assets/app.js', root);
    expect(found).toMatchObject({ ok: true, filePath: path.join(root, 'assets', 'app.js') });
    const index = await locateAppFile('daftar://app/', path.join(base, 'linked-root'));
    expect(index).toMatchObject({ ok: true, filePath: path.join(root, 'index.html') });
    expect(await locateAppFile('daftar://app/alias.html', root)).toMatchObject({ ok: true });
  });

  it('refuses symlinks that escape the root', async () => {
    expect(await locateAppFile('daftar://app/assets/leak.txt', root)).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await locateAppFile('daftar://app/up/secret.txt', root)).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await locateAppFile('daftar://app/up/renderer-evil/index.html', root)).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it('answers 404 for missing files, folders and a missing build', async () => {
    expect(await locateAppFile('daftar://app/nope.js', root)).toMatchObject({ status: 404 });
    expect(await locateAppFile('daftar://app/index.html/x', root)).toMatchObject({ status: 404 });
    expect(await locateAppFile('daftar://app/assets', root)).toMatchObject({ status: 404 });
    expect(await locateAppFile('daftar://app/', path.join(base, 'none'))).toMatchObject({
      status: 404,
    });
  });

  it.each(HOSTILE_URLS)('never serves %j', async (url) => {
    const handler = createAppProtocolHandler({ root });
    const response = await handler(request(url));
    expect(response.status).toBeGreaterThanOrEqual(400);
    const body = await response.text();
    expect(body).not.toContain('outside the root');
    expect(body).not.toContain('EVIL CONTENT');
  });

  it('serves index.html with the security headers', async () => {
    const handler = createAppProtocolHandler({ root });
    const response = await handler(new Request('daftar://app/'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('Content-Security-Policy')).toBe(cspHeader());
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Daftar</title>');
  });

  it('puts the security headers on refusals too', async () => {
    const handler = createAppProtocolHandler({ root });
    for (const url of ['daftar://app/missing.js', 'daftar://app/%2e%2e/secret.txt']) {
      const response = await handler(request(url));
      expect(response.headers.get('Content-Security-Policy')).toBe(cspHeader());
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
    expect((await handler(request('daftar://app/missing.js'))).status).toBe(404);
    expect((await handler(request('daftar://app/%2e%2e/secret.txt'))).status).toBe(403);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const handler = createAppProtocolHandler({ root });
    const head = await handler(request('daftar://app/assets/app.js', 'HEAD'));
    expect(head.status).toBe(200);
    expect(head.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(await head.text()).toBe('');
    const post = await handler(request('daftar://app/index.html', 'POST'));
    expect(post.status).toBe(405);
  });

  it('serves byte ranges (PMTiles reads its archive piecewise)', async () => {
    const handler = createAppProtocolHandler({ root });
    const partial = await handler(
      request('daftar://app/assets/tiles.pmtiles', 'GET', 'bytes=7-10'),
    );
    expect(partial.status).toBe(206);
    expect(partial.headers.get('Content-Range')).toBe('bytes 7-10/17');
    expect(partial.headers.get('Content-Type')).toBe('application/vnd.pmtiles');
    expect(await partial.text()).toBe('0123');
    const tail = await handler(request('daftar://app/assets/tiles.pmtiles', 'GET', 'bytes=-3'));
    expect(await tail.text()).toBe('789');
    const beyond = await handler(request('daftar://app/assets/tiles.pmtiles', 'GET', 'bytes=99-'));
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('Content-Range')).toBe('bytes */17');
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['style.json', 'application/json; charset=utf-8'],
    ['icon.svg', 'image/svg+xml'],
    ['icon.PNG', 'image/png'],
    ['font.woff2', 'font/woff2'],
    ['font.ttf', 'font/ttf'],
    ['sql.wasm', 'application/wasm'],
    ['0.pbf', 'application/x-protobuf'],
    ['world.pmtiles', 'application/vnd.pmtiles'],
    ['unknown.bin', 'application/octet-stream'],
    ['no-extension', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

/** A request with the URL exactly as given (a real Request would normalise hostile paths). */
function request(url: string, method = 'GET', range?: string): AppRequestLike {
  const headers = new Headers(range === undefined ? {} : { Range: range });
  return { url, method, headers };
}
