/**
 * The app protocol against path traversal, judged by what it serves: a real renderer folder on
 * disk with secrets beside it and symlinks inside it that lead out, and well over a hundred
 * request URLs built from every known way of spelling "go up", "start at the root" and "end the
 * string here". Whatever comes back must be a refusal or a file from inside the folder — never a
 * byte of anything else.
 */
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from './appProtocol.ts';

const SECRET = 'SECRET-BESIDE-THE-APP';
const SIBLING = 'SIBLING-FOLDER-CONTENT';
const INSIDE = {
  'index.html': '<!doctype html><title>Daftar</title>',
  'assets/app.js': 'console.log("daftar")',
};

/** Ways to write one step up, as a raw path segment plus its separator. */
const UP = [
  '../',
  '..%2f',
  '..%2F',
  '%2e%2e/',
  '%2E%2E/',
  '%2e%2e%2f',
  '.%2e/',
  '%2e./',
  '..\\',
  '..%5c',
  '..%5C',
  '%2e%2e%5c',
  '%252e%252e%252f',
  '..%252f',
  '%c0%ae%c0%ae/',
  '%c0%ae%c0%ae%c0%af',
  '..%c0%af',
  '..%c1%9c',
  '%e0%80%ae%e0%80%ae/',
  '%uff0e%uff0e/',
  '%ef%bc%8e%ef%bc%8e%ef%bc%8f',
  '....//',
  '..././',
  '..;/',
  '..%00/',
  '..%01/',
];

/** Each attempt as a whole-file and as a byte-range read (the range path reads differently). */
const WITH_AND_WITHOUT_RANGE: Record<string, string>[] = [{}, { Range: 'bytes=0-' }];

/** Files outside the folder, relative to its parent. */
const TARGETS = ['secret.txt', 'renderer-evil/index.html'];

function traversals(): string[] {
  const urls: string[] = [];
  for (const up of UP) {
    for (const target of TARGETS) urls.push(`daftar://app/${up}${target}`);
    urls.push(`daftar://app/assets/${up}${up}secret.txt`);
    urls.push(`daftar://app/${up}${up}${up}${up}etc/passwd`);
  }
  return urls;
}

function absoluteAndOdd(base: string): string[] {
  const secret = path.join(base, 'secret.txt');
  return [
    'daftar://app//etc/passwd',
    'daftar://app///etc/passwd',
    'daftar://app/%2fetc%2fpasswd',
    'daftar://app/%2Fetc/passwd',
    `daftar://app/${secret}`,
    `daftar://app/${encodeURIComponent(secret)}`,
    `daftar://app${secret}`,
    `daftar://app/.${secret}`,
    'daftar://app/C:/Windows/win.ini',
    'daftar://app/c:/windows/win.ini',
    'daftar://app/C:%5cWindows%5cwin.ini',
    'daftar://app/C%3A/Windows/win.ini',
    'daftar://app/c%3a%5cwindows%5cwin.ini',
    'daftar://app/cC:/Windows/win.ini',
    'daftar://app/\\\\server\\share\\secret.txt',
    'daftar://app/%5c%5cserver%5cshare%5csecret.txt',
    'daftar://app//server/share/secret.txt',
    'daftar://app/\\\\?\\C:\\Windows\\win.ini',
    'daftar://app/index.html::$DATA',
    'daftar://app/index.html%00../../secret.txt',
    'daftar://app/index.html\u0000../../secret.txt',
    'daftar://app/assets/leak.txt',
    'daftar://app/assets/leak.txt%00.js',
    'daftar://app/up/secret.txt',
    'daftar://app/up/renderer-evil/index.html',
    'daftar://app/up/up/secret.txt',
    'daftar://app/outside/passwd',
    'daftar://app/up/',
    'daftar://app/assets/../../secret.txt',
    'daftar://app/./../secret.txt',
    'daftar://APP/../secret.txt',
    'daftar://app@evil/../secret.txt',
    'daftar://evil/secret.txt',
    'daftar://app.evil/secret.txt',
    'daftar://app:443/../secret.txt',
    'daftar://%61pp/../secret.txt',
    'daftar:///../secret.txt',
    'daftar:../secret.txt',
    'file:///etc/passwd',
    `file://${secret}`,
    '/etc/passwd',
    '../secret.txt',
  ];
}

describe('app protocol against path traversal', () => {
  let base: string;
  let root: string;
  let outside: string[];

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'daftar-traversal-'));
    root = path.join(base, 'renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    for (const [name, text] of Object.entries(INSIDE)) await writeFile(path.join(root, name), text);
    await writeFile(path.join(base, 'secret.txt'), SECRET);
    await mkdir(path.join(base, 'renderer-evil'));
    await writeFile(path.join(base, 'renderer-evil', 'index.html'), SIBLING);
    // Symlinks inside the folder that lead out of it: a file, the parent, a system folder.
    await symlink(path.join(base, 'secret.txt'), path.join(root, 'assets', 'leak.txt'));
    await symlink(base, path.join(root, 'up'), 'dir');
    await symlink('/etc', path.join(root, 'outside'), 'dir');
    const passwd = await readFile('/etc/passwd', 'utf8').catch(() => '');
    outside = [SECRET, SIBLING, ...(passwd ? [passwd.split('\n')[0]!] : [])];
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  const serve = async (url: string, headers: Record<string, string> = {}) => {
    const response = await createAppProtocolHandler({ root })({
      url,
      method: 'GET',
      headers: new Headers(headers),
    });
    return { status: response.status, body: await response.text() };
  };

  it('serves the folder itself (so a refusal below means something)', async () => {
    expect(await serve('daftar://app/')).toEqual({ status: 200, body: INSIDE['index.html'] });
    expect(await serve('daftar://app/assets/app.js')).toEqual({
      status: 200,
      body: INSIDE['assets/app.js'],
    });
    expect((await serve('daftar://app/up/secret.txt')).body).not.toContain(SECRET);
  });

  it('serves nothing from outside the folder for any of 100+ attempts', async () => {
    const attempts = [...new Set([...traversals(), ...absoluteAndOdd(base)])];
    expect(attempts.length).toBeGreaterThanOrEqual(100);
    console.log(`appProtocolTraversal: ${attempts.length} distinct attempts`);
    const leaks: string[] = [];
    for (const url of attempts) {
      for (const headers of WITH_AND_WITHOUT_RANGE) {
        const { status, body } = await serve(url, headers);
        const served = status >= 200 && status < 300;
        const insideFile = Object.values(INSIDE).includes(body);
        if (outside.some((text) => body.includes(text)) || (served && !insideFile)) {
          leaks.push(`${url} ${JSON.stringify(headers)} → ${status} ${body.slice(0, 60)}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});
