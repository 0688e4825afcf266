import { describe, expect, it } from 'vitest';
import { HubClient, MAX_BUNDLE_BYTES } from './hubClient.ts';
import { HubError } from './hubError.ts';
import { fetchTransport, type HubRequest, type HubResponse } from './hubTransport.ts';
import { FakeHub } from './testing/fakeHub.ts';
import { randomBytes, sha256Hex } from './webCrypto.ts';

async function joined(hub = new FakeHub()) {
  const team = hub.createTeam('Herat team');
  const anonymous = new HubClient(hub.transport);
  const answer = await anonymous.join(hub.createInvite(team), 'Laptop A');
  return { hub, team, answer, client: anonymous.withToken(answer.token) };
}

async function hubError(promise: Promise<unknown>): Promise<HubError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubError);
  return error as HubError;
}

const isPatch = (r: HubRequest) => r.method === 'PATCH';

describe('the hub client', () => {
  it('checks health, joins with an invite code once, and reads the team', async () => {
    const { hub, team, answer, client } = await joined();
    expect(await client.health()).toEqual({ protocol: 1 });
    expect(answer.team).toEqual({ id: team, name: 'Herat team' });
    expect(answer.token).toMatch(/^dft_/);
    expect(await client.teamInfo(team)).toEqual({
      team: answer.team,
      member: answer.member,
      head: 0,
    });
    const used = await hubError(
      new HubClient(hub.transport).join([...hub.invites.keys()][0]!, 'B'),
    );
    expect([used.code, used.status, used.messageKey]).toEqual([
      'invite_invalid',
      403,
      'teamSync.hubErrors.invite_invalid',
    ]);
    expect(used.message).toMatch(/Ask for a new invite/);
  });

  it('uploads in chunks, lists after a seq, and downloads the same bytes', async () => {
    const { hub, team, client } = await joined();
    const bytes = randomBytes(10_000);
    const progress: number[] = [];
    const started: string[] = [];
    const bundle = await client.upload(team, bytes, {
      chunkBytes: 4_096,
      onStarted: (id) => void started.push(id),
      onProgress: (done) => progress.push(done),
    });
    expect(bundle).toMatchObject({ seq: 1, size: 10_000, sha256: await sha256Hex(bytes) });
    expect(progress).toEqual([4_096, 8_192, 10_000]);
    expect(started).toHaveLength(1);
    expect(hub.log.filter((l) => l.startsWith('PATCH'))).toHaveLength(3);
    // The same bytes again: the hub answers the bundle it has, nothing is sent.
    expect(await client.upload(team, bytes)).toEqual(bundle);
    const second = await client.upload(team, randomBytes(100));
    expect(second.seq).toBe(2);
    expect((await client.listBundles(team, 0)).bundles.map((b) => b.seq)).toEqual([1, 2]);
    expect(await client.listBundles(team, 1)).toEqual({ bundles: [second], head: 2 });
    expect(await client.download(team, bundle)).toEqual(bytes);
    // In ranges when larger than a chunk.
    const before = hub.log.length;
    expect(await client.download(team, bundle, { chunkBytes: 4_000 })).toEqual(bytes);
    expect(hub.log.length - before).toBe(3);
  });

  it('goes on after a connection lost mid-upload, from the offset the hub holds', async () => {
    const { hub, team, client } = await joined();
    const bytes = randomBytes(20_000);
    let patches = 0;
    // The second chunk reaches the hub but its answer is lost; the third never arrives.
    hub.fault = (r) =>
      isPatch(r)
        ? ++patches === 2
          ? 'dropAnswer'
          : patches === 4
            ? 'dropRequest'
            : undefined
        : undefined;
    const bundle = await client.upload(team, bytes, { chunkBytes: 4_096 });
    expect(await client.download(team, bundle)).toEqual(bytes);
    expect(
      hub.log.filter((l) => l.startsWith('GET /v1/teams') && l.includes('/uploads/')),
    ).toHaveLength(2);
  });

  it('resumes an upload started by an earlier run, and re-reads the offset on a 409', async () => {
    const { hub, team, client } = await joined();
    const bytes = randomBytes(12_000);
    let id = '';
    hub.fault = (r) =>
      isPatch(r) && r.headers['upload-offset'] === '8192' ? 'dropRequest' : undefined;
    await expect(
      client.upload(team, bytes, { chunkBytes: 4_096, onStarted: (u) => void (id = u) }),
    ).rejects.toMatchObject({ code: 'offline' });
    hub.fault = () => undefined;
    // A later run, after a restart: only the missing chunk is sent.
    const before = hub.log.length;
    const bundle = await client.upload(team, bytes, { chunkBytes: 4_096, resumeId: id });
    expect(hub.log.slice(before).filter((l) => l.startsWith('PATCH'))).toHaveLength(1);
    expect(await client.download(team, bundle)).toEqual(bytes);

    // A stale offset (the hub's answer said less than it holds): the 409 tells where it is.
    let patches = 0;
    const statuses: number[] = [];
    const lying = new HubClient(
      async (r) => {
        const answer = await hub.transport(r);
        if (isPatch(r)) statuses.push(answer.status);
        return isPatch(r) && ++patches === 1
          ? { ...answer, headers: { 'upload-offset': '1' } }
          : answer;
      },
      [...hub.members.values()][0]!.token,
    );
    const other = randomBytes(9_000);
    const second = await lying.upload(team, other, { chunkBytes: 4_096 });
    expect(statuses).toEqual([204, 409, 204, 204]);
    expect(await client.download(team, second)).toEqual(other);
  });

  it('starts again when the hub no longer has the upload', async () => {
    const { hub, team, client } = await joined();
    const bytes = randomBytes(5_000);
    const bundle = await client.upload(team, bytes, { resumeId: 'AAAAAAAAAAAAAAAAAAAAAA' });
    expect(bundle.seq).toBe(1);
    expect(hub.log.some((l) => l === `POST /v1/teams/${team}/uploads`)).toBe(true);
  });

  it('goes on after a download cut mid-way, with a Range request', async () => {
    const { hub, team, client } = await joined();
    const bytes = randomBytes(30_000);
    const bundle = await client.upload(team, bytes);
    let gets = 0;
    hub.fault = (r) =>
      r.method === 'GET' && r.path.endsWith('/bundles/1') && ++gets <= 2 ? 'cutBody' : undefined;
    const progress: number[] = [];
    expect(await client.download(team, bundle, { onProgress: (d) => progress.push(d) })).toEqual(
      bytes,
    );
    expect(progress).toEqual([15_000, 22_500, 30_000]);
    expect(hub.log.filter((l) => l.endsWith('/bundles/1'))).toHaveLength(3);
  });

  it('refuses bytes that do not match the listed SHA-256, after one more try', async () => {
    const { hub, team, client } = await joined();
    const bundle = await client.upload(team, randomBytes(1_000));
    hub.bundlesOf(team)[0]!.bytes[10]! ^= 1;
    expect((await hubError(client.download(team, bundle))).code).toBe('hash_mismatch');
  });

  it('refuses a bundle listed larger than the protocol allows before asking for a byte of it', async () => {
    expect(MAX_BUNDLE_BYTES).toBe(256 * 1024 * 1024);
    let requests = 0;
    // A hostile hub that answers every range with a few bytes, for ever.
    const transport = async (): Promise<HubResponse> => {
      requests++;
      return { status: 206, headers: {}, body: new Uint8Array(4) };
    };
    const client = new HubClient(transport, 'dft_' + 'a'.repeat(43));
    const entry = { seq: 1, sha256: '0'.repeat(64), size: 2 ** 40, member: 'm', receivedAt: '' };
    const error = await hubError(client.download('A'.repeat(22), entry, { chunkBytes: 4 }));
    expect(error.code).toBe('too_large');
    expect(error.detail).toMatch(/listed at 1099511627776 bytes/);
    expect(requests).toBe(0);
    // One byte over the limit is refused too.
    const over = { ...entry, size: MAX_BUNDLE_BYTES + 1 };
    expect((await hubError(client.download('A'.repeat(22), over))).code).toBe('too_large');
    expect(requests).toBe(0);
  });

  it('never keeps more bytes than the bundle was listed at', async () => {
    const { hub, team, client, answer } = await joined();
    const bundle = await client.upload(team, randomBytes(1_000));
    // Listed smaller than what the hub sends: in one answer, and in ranges.
    const short = { ...bundle, size: 600 };
    const seen: number[] = [];
    const one = await hubError(client.download(team, short, { onProgress: (d) => seen.push(d) }));
    expect(one.code).toBe('bad_response');
    expect(one.detail).toMatch(/larger than listed/);
    expect(seen).toEqual([]);
    const ranged = await hubError(
      new HubClient(async (r) => {
        const answer = await hub.transport(r);
        // A hub that ignores the range and sends the whole bundle each time.
        return answer.status === 206 ? { ...answer, body: hub.bundlesOf(team)[0]!.bytes } : answer;
      }, answer.token).download(team, short, { chunkBytes: 100, onProgress: (d) => seen.push(d) }),
    );
    expect(ranged.code).toBe('bad_response');
    expect(seen).toEqual([]);
  });

  it('turns failures into HubErrors: offline, unauthorized, revoked, another team, a non-hub answer', async () => {
    const { hub, team, answer, client } = await joined();
    hub.fault = () => 'dropRequest';
    const offline = await hubError(client.teamInfo(team));
    expect([offline.code, offline.transient]).toEqual(['offline', true]);
    expect(offline.message).toMatch(/cannot be reached/);
    hub.fault = () => undefined;
    expect((await hubError(new HubClient(hub.transport, 'dft_x').teamInfo(team))).code).toBe(
      'unauthorized',
    );
    const otherTeam = hub.createTeam('Other');
    expect((await hubError(client.listBundles(otherTeam, 0))).code).toBe('not_found');
    hub.revoke(answer.member.id);
    const revoked = await hubError(client.teamInfo(team));
    expect([revoked.code, revoked.transient]).toEqual(['token_revoked', false]);
    const proxy = new HubClient(async () => ({
      status: 502,
      headers: {},
      body: new TextEncoder().encode('<html>'),
    }));
    expect((await hubError(proxy.health())).code).toBe('internal');
    const portal = new HubClient(async () => ({
      status: 200,
      headers: {},
      body: new TextEncoder().encode('<html>'),
    }));
    expect((await hubError(portal.health())).code).toBe('bad_response');
  });

  it('carries Retry-After of rate_limited and stops at once when cancelled', async () => {
    const limited = new HubClient(async () => ({
      status: 429,
      headers: { 'retry-after': '30' },
      body: new TextEncoder().encode('{"error":{"code":"rate_limited","message":"Slow down."}}'),
    }));
    const error = await hubError(limited.health());
    expect([error.code, error.extra.retryAfterMs, error.detail]).toEqual([
      'rate_limited',
      30_000,
      'Slow down.',
    ]);
    const controller = new AbortController();
    controller.abort(new Error('Cancelled by the user.'));
    const { team, client } = await joined();
    await expect(
      client.upload(team, randomBytes(10), { signal: controller.signal }),
    ).rejects.toThrow('Cancelled by the user.');
  });

  it('fetchTransport sends to the base URL, refuses redirects, and keeps the bytes of a cut download', async () => {
    const seen: { url: string; redirect: string; auth: string | undefined }[] = [];
    const transport = fetchTransport('https://hub.example.org/', async (url, init) => {
      seen.push({ url, redirect: init.redirect, auth: init.headers.authorization });
      let sent = false;
      return {
        status: 200,
        headers: new Headers({ 'Content-Type': 'application/octet-stream' }),
        body: {
          getReader: () => ({
            read: async () => {
              if (sent) throw new Error('reset');
              sent = true;
              return { done: false, value: new Uint8Array([1, 2, 3]) };
            },
          }),
        },
      };
    });
    const answer = await transport({ method: 'GET', path: '/v1/teams/x/bundles/1', headers: {} });
    expect(answer).toEqual({
      status: 200,
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array([1, 2, 3]),
      truncated: true,
    });
    expect(seen).toEqual([
      { url: 'https://hub.example.org/v1/teams/x/bundles/1', redirect: 'error', auth: undefined },
    ]);
  });
});
