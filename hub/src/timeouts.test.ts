// Connection and request timeouts over a real socket: a client that stalls (or trickles) in the
// middle of a chunk is cut off, the bytes that arrived are kept, and the upload goes on — the
// stalled request no longer holds the upload's lock for ever.
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestHub, sha256, type TestHub } from '../test/hubHarness.ts';

const open: TestHub[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.hub.close();
});

/** Short timeouts so the test runs in well under a second per case. */
const SHORT = { connectionTimeoutMs: 300, requestTimeoutMs: 800, keepAliveTimeoutMs: 200 };

interface RawPatch {
  /** Resolves with the milliseconds from the first byte until the hub closed the socket. */
  closed: Promise<number>;
  /** Sends more body bytes. */
  send(bytes: Buffer): void;
}

/** Sends a PATCH's headers (promising `promised` bytes) and `part` of the body, then waits. */
function rawPatch(
  port: number,
  path: string,
  token: string,
  offset: number,
  part: Buffer,
  promised: number,
): RawPatch {
  const socket = connect({ host: '127.0.0.1', port });
  const began = Date.now();
  socket.write(
    [
      `PATCH ${path} HTTP/1.1`,
      'host: 127.0.0.1',
      `authorization: Bearer ${token}`,
      'content-type: application/offset+octet-stream',
      `content-length: ${promised}`,
      `upload-offset: ${offset}`,
      '',
      '',
    ].join('\r\n'),
  );
  socket.write(part);
  socket.on('error', () => undefined);
  socket.resume();
  const closed = new Promise<number>((resolve, reject) => {
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error('The hub kept the stalled connection open for 5 s.'));
    }, 5_000);
    socket.on('close', () => {
      clearTimeout(guard);
      resolve(Date.now() - began);
    });
  });
  return {
    closed,
    send: (bytes) => {
      if (!socket.destroyed) socket.write(bytes);
    },
  };
}

async function uploadOffset(t: TestHub, token: string, url: string, want: number): Promise<number> {
  let offset = -1;
  for (let i = 0; i < 50 && offset !== want; i += 1) {
    offset = ((await t.member(token, 'GET', url)).json() as { upload: { offset: number } }).upload
      .offset;
    if (offset !== want) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return offset;
}

async function setUp(): Promise<{
  t: TestHub;
  token: string;
  url: string;
  data: Buffer;
  port: number;
}> {
  const t = await openTestHub({ limits: SHORT });
  open.push(t);
  const team = await t.team('Field team', ['Laila']);
  const token = team.members[0]!.token;
  const data = Buffer.alloc(10_000, 9);
  const started = await t.member(token, 'POST', `/v1/teams/${team.id}/uploads`, {
    size: data.length,
    sha256: sha256(data),
  });
  const url = `/v1/teams/${team.id}/uploads/${(started.json() as { upload: { id: string } }).upload.id}`;
  await t.hub.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (t.hub.app.server.address() as AddressInfo).port;
  return { t, token, url, data, port };
}

async function finish(t: TestHub, token: string, url: string, data: Buffer, from: number) {
  const rest = await t.member(token, 'PATCH', url, data.subarray(from), {
    'upload-offset': String(from),
  });
  expect(rest.statusCode).toBe(204);
  const completed = await t.member(token, 'POST', `${url}/complete`);
  expect(completed.statusCode).toBe(201);
  expect(completed.json()).toMatchObject({ bundle: { seq: 1, sha256: sha256(data) } });
}

describe('hub timeouts', () => {
  it('cuts a PATCH that stalls mid-body, keeps what arrived, and lets the upload go on', async () => {
    const { t, token, url, data, port } = await setUp();
    const stalled = rawPatch(port, url, token, 0, data.subarray(0, 4_000), data.length);
    const after = await stalled.closed;
    expect(after).toBeLessThan(3_000);
    // The upload's lock is free again: the hub answers where it got to and takes the rest.
    expect(await uploadOffset(t, token, url, 4_000)).toBe(4_000);
    await finish(t, token, url, data, 4_000);
  });

  it('cuts a PATCH that trickles bytes for longer than the request timeout', async () => {
    const { t, token, url, data, port } = await setUp();
    const slow = rawPatch(port, url, token, 0, data.subarray(0, 1_000), data.length);
    // A few bytes every 100 ms: never idle long enough for the connection timeout.
    let sent = 1_000;
    const drip = setInterval(() => {
      slow.send(data.subarray(sent, sent + 10));
      sent += 10;
    }, 100);
    try {
      const after = await slow.closed;
      expect(after).toBeGreaterThanOrEqual(SHORT.requestTimeoutMs - 50);
      expect(after).toBeLessThan(3_000);
    } finally {
      clearInterval(drip);
    }
    // The cut request's handler records the offset a moment after the socket closes.
    let offset = 0;
    for (let i = 0; i < 50 && offset < 1_000; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      offset = ((await t.member(token, 'GET', url)).json() as { upload: { offset: number } }).upload
        .offset;
    }
    expect(offset).toBeGreaterThanOrEqual(1_000);
    expect(offset).toBeLessThan(data.length);
    await finish(t, token, url, data, offset);
  });
});
