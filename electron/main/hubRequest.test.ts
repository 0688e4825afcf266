import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubRequester, HubUnreachableError } from './hubRequest.ts';

/** A stand-in hub on loopback: echoes what it got, redirects, or answers too much. */
let server: Server;
let base: string;
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }[] =
  [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url === '/v1/slow' || req.url === '/v1/stall') {
        // Ten pieces, 150 ms apart (1.5 s in all); the stalled one stops after two.
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        let sent = 0;
        const tick = setInterval(() => {
          if (req.url === '/v1/stall' && sent === 2) return clearInterval(tick);
          res.write(Buffer.alloc(10, sent));
          if (++sent === 10) {
            clearInterval(tick);
            res.end();
          }
        }, 150);
        res.on('close', () => clearInterval(tick));
      } else if (req.url === '/v1/redirect') {
        res.writeHead(302, { location: 'http://127.0.0.1:1/v1/stolen' }).end();
      } else if (req.url === '/v1/huge') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(Buffer.alloc(2048, 7)); // over the 1 KiB limit set below, no content-length lie
      } else {
        res.writeHead(201, {
          'content-type': 'application/json',
          'upload-offset': String(body.length),
          'set-cookie': 'tracking=1',
          'x-internal': 'secret',
        });
        res.end(JSON.stringify({ got: body.length }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('hub requests made by main', () => {
  const hubRequest = createHubRequester({ maxResponseBytes: 1024, idleMs: 5_000 });

  it('sends the method, headers and body, and passes back status, protocol headers and body', async () => {
    const body = new Uint8Array([1, 2, 3, 4, 5]);
    const response = await hubRequest({
      url: `${base}/v1/teams/t/uploads/u`,
      method: 'PATCH',
      headers: { authorization: 'Bearer dft_abc', 'upload-offset': '0' },
      body,
    });
    expect(response.status).toBe(201);
    expect(JSON.parse(new TextDecoder().decode(response.body))).toEqual({ got: 5 });
    // Only the protocol's headers come back: no cookies, nothing else the server says.
    expect(response.headers).toEqual({ 'content-type': 'application/json', 'upload-offset': '5' });
    const request = seen.at(-1)!;
    expect(request.method).toBe('PATCH');
    expect(request.headers.authorization).toBe('Bearer dft_abc');
    expect([...request.body]).toEqual([1, 2, 3, 4, 5]);
  });

  it('does not follow a redirect (the token would go elsewhere)', async () => {
    const before = seen.length;
    await expect(
      hubRequest({ url: `${base}/v1/redirect`, method: 'GET', headers: {} }),
    ).rejects.toBeInstanceOf(HubUnreachableError);
    expect(seen.slice(before).map((r) => r.url)).toEqual(['/v1/redirect']);
  });

  it('stops reading an answer larger than the limit', async () => {
    await expect(
      hubRequest({ url: `${base}/v1/huge`, method: 'GET', headers: {} }),
    ).rejects.toThrow(/larger than 1024 bytes/);
  });

  it('lets a slow answer finish as long as bytes keep coming, and ends a stalled one', async () => {
    // Silence of 0.5 s ends a request; the slow answer takes 1.5 s but never pauses that long.
    const patient = createHubRequester({ idleMs: 500 });
    const slow = await patient({ url: `${base}/v1/slow`, method: 'GET', headers: {} });
    expect(slow.body.byteLength).toBe(100);
    const started = Date.now();
    await expect(patient({ url: `${base}/v1/stall`, method: 'GET', headers: {} })).rejects.toThrow(
      /cut off: no answer from the hub for 1 s|no answer from the hub/,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('asks whether the origin is allowed before sending anything, and sends nothing if not', async () => {
    const asked: [string, number][] = [];
    const guarded = createHubRequester({
      allowOrigin: async (url, senderId) => {
        asked.push([url, senderId]);
        if (url.includes('/v1/refused')) throw new Error('You did not allow Daftar to connect.');
      },
    });
    const before = seen.length;
    await expect(
      guarded(
        { url: `${base}/v1/refused`, method: 'POST', headers: {}, body: new Uint8Array(3) },
        5,
      ),
    ).rejects.toThrow('You did not allow Daftar to connect.');
    expect(seen.length).toBe(before);
    await expect(
      guarded({ url: `${base}/v1/allowed`, method: 'GET', headers: {} }, 5),
    ).resolves.toMatchObject({ status: 201 });
    expect(seen.slice(before).map((r) => r.url)).toEqual(['/v1/allowed']);
    expect(asked).toEqual([
      [`${base}/v1/refused`, 5],
      [`${base}/v1/allowed`, 5],
    ]);
  });

  it('says the hub could not be reached when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(
      hubRequest({ url: `http://127.0.0.1:${port}/v1/health`, method: 'GET', headers: {} }),
    ).rejects.toThrow(/could not be reached/);
  });
});
