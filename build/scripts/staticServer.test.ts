import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './staticServer.mjs';

let root: string;
let outside: string;
let server: { url: string; close: () => Promise<void> };

/** A raw GET, so the path is sent as written (fetch would normalise the dots away). */
function get(
  rawPath: string,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const base = await mkdtemp(path.join(tmpdir(), 'daftar-static-'));
  root = path.join(base, 'site');
  outside = path.join(base, 'secret.txt');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><p>app</p>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(outside, 'secret');
  await symlink(outside, path.join(root, 'escape.txt'));
  server = await serveStatic({ root });
});

afterAll(async () => {
  await server.close();
  await rm(path.dirname(root), { recursive: true, force: true });
});

describe('serveStatic', () => {
  it('serves the app on 127.0.0.1 with types and nosniff', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('app');
    const script = await get('/assets/app.js');
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/escape.txt',
    '/%00',
    '/missing.js',
  ])('refuses %s', async (rawPath) => {
    const response = await get(rawPath);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('secret');
  });
});
