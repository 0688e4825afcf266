import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestHub, sha256, tempDir, type TestHub } from '../test/hubHarness.ts';

const open: TestHub[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.hub.close();
});

async function hubWith(options: Parameters<typeof openTestHub>[0] = {}): Promise<TestHub> {
  const testHub = await openTestHub(options);
  open.push(testHub);
  return testHub;
}

function bytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) out[i] = (i * 31 + seed * 7) % 251;
  return out;
}

async function startUpload(
  t: TestHub,
  token: string,
  teamId: string,
  data: Buffer,
): Promise<string> {
  const started = await t.member(token, 'POST', `/v1/teams/${teamId}/uploads`, {
    size: data.length,
    sha256: sha256(data),
  });
  expect(started.statusCode).toBe(201);
  expect(started.json()).toMatchObject({ upload: { size: data.length, offset: 0 } });
  return (started.json() as { upload: { id: string } }).upload.id;
}

/** Sends `part` as a PATCH whose Content-Length promises `promised` bytes, then drops the line. */
async function interruptedPatch(
  port: number,
  path: string,
  token: string,
  offset: number,
  part: Buffer,
  promised: number,
): Promise<void> {
  await new Promise<void>((resolve) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/offset+octet-stream',
        'content-length': String(promised),
        'upload-offset': String(offset),
      },
    });
    req.on('error', () => resolve());
    req.write(part, () => {
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 150);
    });
  });
}

describe('resumable uploads', () => {
  it('keeps the bytes of a broken chunk across a hub restart and completes after resuming', async () => {
    const folder = await tempDir();
    const first = await openTestHub({ dataDir: folder.path });
    const team = await first.team('Field team', ['Laila']);
    const token = team.members[0]!.token;
    const data = bytes(200_000, 1);
    const uploadId = await startUpload(first, token, team.id, data);
    const url = `/v1/teams/${team.id}/uploads/${uploadId}`;
    expect(
      (await first.member(token, 'PATCH', url, data.subarray(0, 80_000), { 'upload-offset': '0' }))
        .statusCode,
    ).toBe(204);

    const address = await first.hub.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (first.hub.app.server.address() as AddressInfo).port;
    expect(address).toContain('127.0.0.1');
    await interruptedPatch(port, url, token, 80_000, data.subarray(80_000, 130_000), 120_000);
    let offset = 0;
    for (let i = 0; i < 50 && offset !== 130_000; i += 1) {
      offset = ((await first.member(token, 'GET', url)).json() as { upload: { offset: number } })
        .upload.offset;
      if (offset !== 130_000) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(offset).toBe(130_000);
    await first.hub.close();

    const second = await hubWith({ dataDir: folder.path });
    // A new hub on the same folder: the admin token was replaced by the harness, members stay.
    const resumed = await second.member(token, 'GET', url);
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toEqual({
      upload: { id: uploadId, size: data.length, offset: 130_000 },
    });
    const wrong = await second.member(token, 'PATCH', url, data.subarray(0, 10), {
      'upload-offset': '0',
    });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json()).toMatchObject({ error: { code: 'offset_mismatch', offset: 130_000 } });
    const rest = await second.member(token, 'PATCH', url, data.subarray(130_000), {
      'upload-offset': '130000',
    });
    expect(rest.statusCode).toBe(204);
    expect(rest.headers['upload-offset']).toBe(String(data.length));
    const done = await second.member(token, 'POST', `${url}/complete`);
    expect(done.statusCode).toBe(201);
    expect(done.json()).toMatchObject({
      bundle: { seq: 1, sha256: sha256(data), size: data.length, member: team.members[0]!.id },
    });
    const again = await second.member(token, 'POST', `${url}/complete`);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(done.json());
    const download = await second.member(token, 'GET', `/v1/teams/${team.id}/bundles/1`);
    expect(download.rawPayload.equals(data)).toBe(true);
    await folder.remove();
  });

  it('restarts an upload from 0 when its file was lost, saying so with the offset', async () => {
    const t = await hubWith();
    const team = await t.team('T', ['A']);
    const token = team.members[0]!.token;
    const data = bytes(1000, 12);
    const id = await startUpload(t, token, team.id, data);
    const url = `/v1/teams/${team.id}/uploads/${id}`;
    await t.member(token, 'PATCH', url, data.subarray(0, 600), { 'upload-offset': '0' });
    await rm(join(t.dataDir, 'uploads', id));
    const lost = await t.member(token, 'PATCH', url, data.subarray(600), {
      'upload-offset': '600',
    });
    expect(lost.statusCode).toBe(409);
    expect(lost.json()).toMatchObject({ error: { code: 'offset_mismatch', offset: 0 } });
    expect((await t.member(token, 'PATCH', url, data, { 'upload-offset': '0' })).statusCode).toBe(
      204,
    );
    expect((await t.member(token, 'POST', `${url}/complete`)).statusCode).toBe(201);
  });

  it('refuses completing before every byte is in, with the offset', async () => {
    const t = await hubWith();
    const team = await t.team('T', ['A']);
    const token = team.members[0]!.token;
    const data = bytes(1000, 2);
    const id = await startUpload(t, token, team.id, data);
    const url = `/v1/teams/${team.id}/uploads/${id}`;
    await t.member(token, 'PATCH', url, data.subarray(0, 400), { 'upload-offset': '0' });
    const early = await t.member(token, 'POST', `${url}/complete`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: 'offset_mismatch', offset: 400 } });
  });

  it('drops an upload whose bytes do not match its SHA-256 (422)', async () => {
    const t = await hubWith();
    const team = await t.team('T', ['A']);
    const token = team.members[0]!.token;
    const data = bytes(5000, 3);
    const started = await t.member(token, 'POST', `/v1/teams/${team.id}/uploads`, {
      size: data.length,
      sha256: sha256('something else'),
    });
    const id = (started.json() as { upload: { id: string } }).upload.id;
    const url = `/v1/teams/${team.id}/uploads/${id}`;
    await t.member(token, 'PATCH', url, data, { 'upload-offset': '0' });
    const done = await t.member(token, 'POST', `${url}/complete`);
    expect(done.statusCode).toBe(422);
    expect(done.json()).toMatchObject({ error: { code: 'hash_mismatch' } });
    expect((await t.member(token, 'GET', url)).statusCode).toBe(404);
    expect(await readdir(join(t.dataDir, 'uploads'))).toEqual([]);
    expect((await t.member(token, 'GET', `/v1/teams/${team.id}`)).json()).toMatchObject({
      head: 0,
    });
  });

  it('refuses a chunk past the declared size or the chunk limit (413) and keeps the offset', async () => {
    const t = await hubWith({ limits: { maxChunkBytes: 1024 } });
    const team = await t.team('T', ['A']);
    const token = team.members[0]!.token;
    const data = bytes(3000, 4);
    const id = await startUpload(t, token, team.id, data);
    const url = `/v1/teams/${team.id}/uploads/${id}`;
    const big = await t.member(token, 'PATCH', url, data.subarray(0, 2000), {
      'upload-offset': '0',
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: 'too_large' } });
    expect((await t.member(token, 'GET', url)).json()).toMatchObject({ upload: { offset: 0 } });
    const asJson = await t.member(token, 'PATCH', url, { bytes: 'abc' }, { 'upload-offset': '0' });
    expect(asJson.statusCode).toBe(400);
    expect(asJson.json()).toMatchObject({ error: { code: 'bad_request' } });
    const noOffset = await t.member(token, 'PATCH', url, data.subarray(0, 10));
    expect(noOffset.statusCode).toBe(400);
    const tooBigBundle = await t.member(token, 'POST', `/v1/teams/${team.id}/uploads`, {
      size: 300 * 1024 * 1024,
      sha256: sha256('x'),
    });
    expect(tooBigBundle.statusCode).toBe(413);
  });

  it('answers the existing bundle for the same bytes and stores them once', async () => {
    const t = await hubWith();
    const team = await t.team('T', ['A', 'B']);
    const data = bytes(4096, 5);
    const first = await t.upload(team.members[0]!.token, team.id, data);
    const again = await t.member(team.members[1]!.token, 'POST', `/v1/teams/${team.id}/uploads`, {
      size: data.length,
      sha256: sha256(data),
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ bundle: { seq: first.seq, sha256: sha256(data) } });
    // Two uploads of the same bytes racing to complete still make one bundle.
    const other = bytes(4096, 6);
    const ids = await Promise.all(team.members.map((m) => startUpload(t, m.token, team.id, other)));
    const completes = await Promise.all(
      ids.map(async (id, i) => {
        const token = team.members[i]!.token;
        const url = `/v1/teams/${team.id}/uploads/${id}`;
        await t.member(token, 'PATCH', url, other, { 'upload-offset': '0' });
        return t.member(token, 'POST', `${url}/complete`);
      }),
    );
    const seqs = completes.map((r) => (r.json() as { bundle: { seq: number } }).bundle.seq);
    expect(seqs).toEqual([2, 2]);
    const list = await t.member(team.members[0]!.token, 'GET', `/v1/teams/${team.id}/bundles`);
    expect((list.json() as { bundles: unknown[]; head: number }).head).toBe(2);
    expect(await readdir(join(t.dataDir, 'blobs', team.id))).toHaveLength(2);
  });

  it('gives gap-free sequence numbers to many concurrent completes', async () => {
    const t = await hubWith({ limits: { maxOpenUploadsPerMember: 20 } });
    const team = await t.team('T', ['A', 'B', 'C']);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        t.upload(team.members[i % 3]!.token, team.id, bytes(512 + i, 100 + i)),
      ),
    );
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
    const page = await t.member(
      team.members[0]!.token,
      'GET',
      `/v1/teams/${team.id}/bundles?after=10&limit=5`,
    );
    expect((page.json() as { bundles: { seq: number }[] }).bundles.map((b) => b.seq)).toEqual([
      11, 12, 13, 14, 15,
    ]);
    expect((page.json() as { head: number }).head).toBe(60);
  });

  it("keeps another member's upload out of reach (not_found)", async () => {
    const t = await hubWith();
    const team = await t.team('T', ['A', 'B']);
    const data = bytes(100, 7);
    const id = await startUpload(t, team.members[0]!.token, team.id, data);
    const url = `/v1/teams/${team.id}/uploads/${id}`;
    const other = team.members[1]!.token;
    expect((await t.member(other, 'GET', url)).statusCode).toBe(404);
    expect((await t.member(other, 'PATCH', url, data, { 'upload-offset': '0' })).statusCode).toBe(
      404,
    );
    expect((await t.member(other, 'POST', `${url}/complete`)).statusCode).toBe(404);
  });

  it('drops unfinished uploads older than 7 days in the sweep, and only those', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    const t = await hubWith({ now: () => clock });
    const team = await t.team('T', ['A']);
    const token = team.members[0]!.token;
    const patchSome = async (id: string): Promise<void> => {
      const patched = await t.member(
        token,
        'PATCH',
        `/v1/teams/${team.id}/uploads/${id}`,
        bytes(5, 1),
        {
          'upload-offset': '0',
        },
      );
      expect(patched.statusCode).toBe(204);
    };
    const old = await startUpload(t, token, team.id, bytes(10, 8));
    await patchSome(old);
    clock = new Date('2026-01-06T00:00:00Z');
    const fresh = await startUpload(t, token, team.id, bytes(10, 9));
    await patchSome(fresh);
    expect((await readdir(join(t.dataDir, 'uploads'))).sort()).toEqual([old, fresh].sort());
    expect(await t.hub.sweepStaleUploads()).toBe(0);
    clock = new Date('2026-01-08T00:00:01Z');
    expect(await t.hub.sweepStaleUploads()).toBe(1);
    expect((await t.member(token, 'GET', `/v1/teams/${team.id}/uploads/${old}`)).statusCode).toBe(
      404,
    );
    expect((await t.member(token, 'GET', `/v1/teams/${team.id}/uploads/${fresh}`)).statusCode).toBe(
      200,
    );
    expect(await readdir(join(t.dataDir, 'uploads'))).toEqual([fresh]);
  });
});

describe('downloads', () => {
  it('resumes a download with Range: bytes=n- (206) and refuses a range past the end (416)', async () => {
    const t = await hubWith();
    const team = await t.team('T', ['A']);
    const token = team.members[0]!.token;
    const data = bytes(70_000, 10);
    await t.upload(token, team.id, data);
    const url = `/v1/teams/${team.id}/bundles/1`;
    const whole = await t.member(token, 'GET', url);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-length']).toBe('70000');
    const part = await t.member(token, 'GET', url, undefined, { range: 'bytes=65000-' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 65000-69999/70000');
    expect(
      Buffer.concat([whole.rawPayload.subarray(0, 65_000), part.rawPayload]).equals(data),
    ).toBe(true);
    const past = await t.member(token, 'GET', url, undefined, { range: 'bytes=70000-' });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe('bytes */70000');
    expect((await t.member(token, 'GET', `/v1/teams/${team.id}/bundles/2`)).statusCode).toBe(404);
    expect((await t.member(token, 'GET', `/v1/teams/${team.id}/bundles/abc`)).statusCode).toBe(404);
  });
});
