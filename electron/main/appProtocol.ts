/**
 * The `daftar://app/…` protocol: the only place the renderer's files come from. Owns the rule
 * that no URL — however encoded — can read a file outside the built renderer folder: the raw URL
 * is refused on sight if it carries traversal, encoded separators, NUL bytes or another host, and
 * whatever remains is resolved with realpath and checked to be still inside the (realpath'd) root,
 * so a symlink cannot lead out either. Every response carries the CSP and nosniff headers.
 */
import { open, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { cspHeader } from '../../shared/security/csp.ts';
import { parseByteRange } from './byteRange.ts';
import { readAt } from './readAt.ts';

export const APP_SCHEME = 'daftar';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export type RefusalStatus = 400 | 403 | 404 | 405 | 416;

export interface Refusal {
  ok: false;
  status: RefusalStatus;
  reason: string;
}

export type AppPathDecision = { ok: true; segments: string[] } | Refusal;
export type AppFileDecision = { ok: true; filePath: string; size: number } | Refusal;

const refuse = (status: RefusalStatus, reason: string): Refusal => ({ ok: false, status, reason });

/** scheme://authority/path — parsed by hand, because URL parsers silently normalise `..`. */
const RAW_URL = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i;
/** Percent-encoded dot, slash, backslash, NUL, and percent itself (double encoding). */
const ENCODED_HOSTILE = /%(2e|2f|5c|00|25)/i;

/**
 * Decide, from the raw URL alone, which file below the root a request names. Pure: refuses
 * anything that is not a plain relative path of ordinary segments on our host.
 */
export function parseAppUrl(rawUrl: string): AppPathDecision {
  if (rawUrl.includes('\0')) return refuse(403, 'NUL byte in URL');
  const match = RAW_URL.exec(rawUrl);
  if (!match) return refuse(400, 'not an absolute URL');
  const [, scheme = '', authority = '', rawPath = ''] = match;
  if (scheme.toLowerCase() !== APP_SCHEME) return refuse(403, 'scheme not served');
  if (authority.toLowerCase() !== APP_HOST) return refuse(403, 'host not served');
  if (rawPath.includes('\\')) return refuse(403, 'backslash in path');
  if (ENCODED_HOSTILE.test(rawPath)) return refuse(403, 'encoded dot, separator or NUL in path');
  if (rawPath === '' || rawPath === '/') return { ok: true, segments: ['index.html'] };

  const segments: string[] = [];
  for (const encoded of rawPath.slice(1).split('/')) {
    if (encoded === '') return refuse(403, 'empty path segment (absolute path?)');
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return refuse(400, 'malformed percent-encoding');
    }
    if (segment === '.' || segment === '..') return refuse(403, 'dot segment in path');
    // ':' would be a drive letter or an NTFS stream; the others can never be in a segment.
    if (/[/\\:\0]/.test(segment)) return refuse(403, 'forbidden character in path segment');
    segments.push(segment);
  }
  return { ok: true, segments };
}

/** Whether `candidate` lies strictly inside `root` (both absolute, already real paths). */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  );
}

/** The file-system calls the protocol needs; injected so tests can count or break them. */
export interface AppFileSystem {
  realpath(p: string): Promise<string>;
  stat(p: string): Promise<{ isFile(): boolean; size: number }>;
  readFile(p: string): Promise<Uint8Array<ArrayBuffer>>;
  readRange(p: string, start: number, length: number): Promise<Uint8Array<ArrayBuffer>>;
}

export const nodeAppFileSystem: AppFileSystem = {
  realpath: (p) => realpath(p),
  stat: (p) => stat(p),
  readFile: (p) => readFile(p),
  async readRange(p, start, length) {
    const handle = await open(p, 'r');
    try {
      const buffer = new Uint8Array(length);
      const filled = await readAt(handle, buffer, start);
      return buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  },
};

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Resolve a request URL to a real file inside `root`, or say why not. */
export async function locateAppFile(
  rawUrl: string,
  root: string,
  fs: AppFileSystem = nodeAppFileSystem,
): Promise<AppFileDecision> {
  const decision = parseAppUrl(rawUrl);
  if (!decision.ok) return decision;
  let realRoot: string;
  try {
    realRoot = await fs.realpath(root);
  } catch {
    return refuse(404, 'the renderer has not been built');
  }
  const candidate = path.join(realRoot, ...decision.segments);
  if (!isInside(realRoot, candidate)) return refuse(403, 'path leaves the app folder');
  let real: string;
  try {
    real = await fs.realpath(candidate);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return refuse(404, 'no such file');
    return refuse(403, `cannot resolve path (${code ?? 'unknown error'})`);
  }
  // After realpath: a symlink inside the folder must not point outside it.
  if (!isInside(realRoot, real)) return refuse(403, 'path leaves the app folder');
  const stats = await fs.stat(real);
  if (!stats.isFile()) return refuse(404, 'not a file');
  return { ok: true, filePath: real, size: stats.size };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pbf': 'application/x-protobuf',
  '.pmtiles': 'application/vnd.pmtiles',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers every app-protocol response carries, errors included. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': cspHeader(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** The parts of a fetch `Request` the handler reads (a real `Request` satisfies it). */
export interface AppRequestLike {
  readonly url: string;
  readonly method: string;
  readonly headers: { get(name: string): string | null };
}

export interface AppProtocolOptions {
  /** Folder holding the built renderer (index.html + assets/). */
  root: string;
  fs?: AppFileSystem;
}

function refusalResponse(refusal: Refusal, extra: Record<string, string> = {}): Response {
  return new Response(`${refusal.status} ${refusal.reason}\n`, {
    status: refusal.status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}

/** The `protocol.handle` callback: GET/HEAD of files below `root`, with single byte ranges. */
export function createAppProtocolHandler(
  options: AppProtocolOptions,
): (request: AppRequestLike) => Promise<Response> {
  const fs = options.fs ?? nodeAppFileSystem;
  return async (request) => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      return refusalResponse(refuse(405, 'method not allowed'), { Allow: 'GET, HEAD' });
    }
    const found = await locateAppFile(request.url, options.root, fs);
    if (!found.ok) return refusalResponse(found);

    const headers: Record<string, string> = {
      ...securityHeaders(),
      'Content-Type': contentTypeFor(found.filePath),
      'Accept-Ranges': 'bytes',
    };
    const range = parseByteRange(request.headers.get('Range'), found.size);
    if (range === 'unsatisfiable') {
      return refusalResponse(refuse(416, 'range not satisfiable'), {
        'Content-Range': `bytes */${found.size}`,
      });
    }
    if (range) {
      const length = range.end - range.start + 1;
      const body =
        method === 'HEAD' ? null : await fs.readRange(found.filePath, range.start, length);
      return new Response(body, {
        status: 206,
        headers: {
          ...headers,
          'Content-Range': `bytes ${range.start}-${range.end}/${found.size}`,
          'Content-Length': String(length),
        },
      });
    }
    const body = method === 'HEAD' ? null : await fs.readFile(found.filePath);
    return new Response(body, {
      status: 200,
      headers: { ...headers, 'Content-Length': String(found.size) },
    });
  };
}
