/**
 * What the hub benchmark measures the hub against, with no hub in the way:
 *
 * - the disk floor for push and pull: the same bytes written to files in a folder, each file
 *   fsynced and the folder fsynced after it (as the hub must before it answers), then read back;
 * - the network floor for the change latency: one upload and one download of the same bundle
 *   bytes to a bare loopback server;
 * - the transfer anchors (where the time goes, not a floor): the client's 4 MiB requests to a
 *   bare loopback server, each way, and the client's SHA-256 of every bundle.
 */
import { createServer } from 'node:http';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_CHUNK_BYTES } from '../../../shared/teamSync/hubClient.ts';
import { fetchTransport } from '../../../shared/teamSync/hubTransport.ts';
import { sha256Hex as sha256Web } from '../../../shared/teamSync/webCrypto.ts';
import { nodeFetch } from './hubProcess.ts';
import { MiB, now } from './report.ts';

/** The client's chunk and range size (hubClient.ts DEFAULT_CHUNK_BYTES). */
const CHUNK = DEFAULT_CHUNK_BYTES;

export interface EchoServer {
  base: string;
  close(): Promise<void>;
}

/**
 * A bare loopback server: what is PUT is kept and answered on GET (the latency floor); a PATCH
 * is read and dropped, and `GET /bytes?n=<n>` answers n bytes from memory (the transfer anchors).
 */
export async function echoServer(): Promise<EchoServer> {
  let kept = Buffer.alloc(0);
  const pool = Buffer.alloc(8 * MiB, 7);
  const server = createServer((request, response) => {
    if (request.method === 'PATCH') {
      request.on('data', () => undefined);
      request.on('end', () => response.writeHead(204).end());
    } else if (request.url?.startsWith('/bytes?n=')) {
      const n = Number(request.url.slice('/bytes?n='.length));
      response
        .writeHead(200, { 'content-type': 'application/octet-stream' })
        .end(pool.subarray(0, n));
    } else if (request.method === 'PUT') {
      const parts: Buffer[] = [];
      request.on('data', (part: Buffer) => parts.push(part));
      request.on('end', () => {
        kept = Buffer.concat(parts);
        response.writeHead(204).end();
      });
    } else {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(kept);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    base: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function fsyncFolder(path: string): Promise<void> {
  const folder = await open(path, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/** The push floor: each envelope to `bundle-<i>` in `folder`, fsynced, then the folder; seconds. */
export async function writeFloor(folder: string, envelopes: Uint8Array[]): Promise<number> {
  const started = now();
  for (const [i, envelope] of envelopes.entries()) {
    const file = await open(join(folder, `bundle-${i}`), 'w');
    try {
      await file.writeFile(envelope);
      await file.sync();
    } finally {
      await file.close();
    }
    await fsyncFolder(folder);
  }
  return (now() - started) / 1000;
}

/** The pull floor: the `count` files writeFloor wrote, read back (`bytes` in all); seconds. */
export async function readFloor(folder: string, count: number, bytes: number): Promise<number> {
  const started = now();
  let read = 0;
  for (let i = 0; i < count; i++) read += (await readFile(join(folder, `bundle-${i}`))).length;
  const seconds = (now() - started) / 1000;
  if (read !== bytes) throw new Error('The floor read back other bytes.');
  return seconds;
}

/** The latency floor: `envelope` PUT to the echo server and downloaded again; milliseconds. */
export async function roundTripFloor(
  echo: EchoServer,
  envelope: Uint8Array<ArrayBuffer>,
): Promise<number> {
  const started = now();
  const put = await fetch(`${echo.base}/bundle`, { method: 'PUT', body: envelope });
  if (put.status !== 204) throw new Error(`The echo server answered ${put.status}.`);
  const got = new Uint8Array(await (await fetch(`${echo.base}/bundle`)).arrayBuffer());
  if (got.length !== envelope.length) throw new Error('The echo server answered other bytes.');
  return now() - started;
}

export interface TransferAnchors {
  /** The envelopes sent in 4 MiB requests over the client's transport, nothing kept. */
  loopbackPutSeconds: number;
  /** As many bytes received in 4 MiB answers from memory. */
  loopbackGetSeconds: number;
  /** The client's SHA-256 of every envelope. */
  hashSeconds: number;
}

/** The same transfers as push and pull over loopback HTTP only, and the client's hashing. */
export async function transferAnchors(envelopes: Uint8Array[]): Promise<TransferAnchors> {
  const echo = await echoServer();
  const transport = fetchTransport(echo.base, nodeFetch);
  let started = now();
  for (const envelope of envelopes) {
    for (let at = 0; at < envelope.length; at += CHUNK) {
      const body = envelope.subarray(at, Math.min(envelope.length, at + CHUNK));
      await transport({ method: 'PATCH', path: '/sink', headers: {}, body });
    }
  }
  const loopbackPutSeconds = (now() - started) / 1000;
  started = now();
  for (const envelope of envelopes) {
    for (let at = 0; at < envelope.length; at += CHUNK) {
      const n = Math.min(CHUNK, envelope.length - at);
      const answer = await transport({ method: 'GET', path: `/bytes?n=${n}`, headers: {} });
      if (answer.body.length !== n) throw new Error('The loopback server answered other bytes.');
    }
  }
  const loopbackGetSeconds = (now() - started) / 1000;
  await echo.close();
  started = now();
  for (const envelope of envelopes) await sha256Web(envelope);
  const hashSeconds = (now() - started) / 1000;
  return { loopbackPutSeconds, loopbackGetSeconds, hashSeconds };
}
