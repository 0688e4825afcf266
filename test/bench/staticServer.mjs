// A static file server for the benchmarks on 127.0.0.1 (random free port). It sends COOP/COEP,
// which makes the pages cross-origin isolated and gives performance.now() 5 µs resolution, and
// `no-store`, so every page load reads its files again and repeated loads are comparable.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_TYPES as TYPES } from '../../build/scripts/staticServer.mjs';

/**
 * @typedef {{ prefix: string, dir: string }} Mount  URL prefix (ending in '/') served from `dir`.
 * @typedef {{ url: string, close: () => Promise<void> }} RunningServer
 */

/**
 * Serve `mounts`, longest prefix first; an extension-less path without a file gets the mount's
 * index.html (client-side routes).
 * @param {Mount[]} mounts
 * @returns {Promise<RunningServer>}
 */
export async function serveStatic(mounts) {
  const ordered = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  const server = createServer((req, res) => {
    void respond(ordered, req.url ?? '/').then(({ status, type, body }) => {
      res.writeHead(status, {
        'Content-Type': type,
        'Cache-Control': 'no-store',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('Server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * @param {Mount[]} mounts
 * @param {string} rawUrl
 * @returns {Promise<{ status: number, type: string, body: Buffer | string }>}
 */
async function respond(mounts, rawUrl) {
  const pathname = decodeURIComponent(new URL(rawUrl, 'http://localhost').pathname);
  const mount = mounts.find((m) => pathname.startsWith(m.prefix));
  if (!mount) return { status: 404, type: 'text/plain', body: 'Not found' };
  const root = path.resolve(mount.dir);
  const file = path.resolve(root, `.${pathname.slice(mount.prefix.length - 1)}`);
  if (file !== root && !file.startsWith(root + path.sep))
    return { status: 403, type: 'text/plain', body: 'Forbidden' };
  const candidates = [file, path.join(file, 'index.html')];
  if (path.extname(file) === '') candidates.push(path.join(root, 'index.html'));
  for (const candidate of candidates) {
    try {
      if ((await stat(candidate)).isFile()) {
        const type =
          TYPES[/** @type {keyof typeof TYPES} */ (path.extname(candidate))] ??
          'application/octet-stream';
        return { status: 200, type, body: await readFile(candidate) };
      }
    } catch {
      // try the next candidate
    }
  }
  return { status: 404, type: 'text/plain', body: 'Not found' };
}
