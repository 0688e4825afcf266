/**
 * "Cancel sync" through the host's hub request (platformTransport): the run stops at once, not
 * when the request in flight ends, and the upload goes on correctly next time whether the hub
 * took the chunk whose answer was dropped, never got it, or gets it late.
 */
import { describe, expect, it } from 'vitest';
import { HubClient } from '../../shared/teamSync/hubClient.ts';
import { HubError } from '../../shared/teamSync/hubError.ts';
import type { HubRequest } from '../../shared/teamSync/hubTransport.ts';
import { FakeHub } from '../../shared/teamSync/testing/fakeHub.ts';
import { replicasClosedAfterEach } from '../../test/helpers/replica.ts';
import { HUB_URL, incident, noise, syncTeam, type Member } from './testing/syncTeam.ts';
import { platformTransport } from './teamSync.ts';

const replica = replicasClosedAfterEach();

type HostRequest = Parameters<Parameters<typeof platformTransport>[1]>[0];

function toHub(request: HostRequest): HubRequest {
  return {
    method: request.method,
    path: request.url.slice(HUB_URL.length),
    headers: request.headers,
    ...(request.body ? { body: request.body } : {}),
  };
}

/** What `promise` did within `ms`: settled (and how), or still waiting. */
async function within(promise: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([
    promise.then(
      () => 'resolved',
      (error: unknown) => error,
    ),
    new Promise((resolve) => setTimeout(() => resolve('still waiting'), ms)),
  ]);
}

describe('the host transport', () => {
  it('hands the signal beside the request, for a host that can abort (the web build’s fetch)', async () => {
    const signals: unknown[] = [];
    const transport = platformTransport(HUB_URL, (_request, signal) => {
      signals.push(signal);
      return Promise.resolve({ status: 200, headers: {}, body: new Uint8Array() });
    });
    const controller = new AbortController();
    await transport({ method: 'GET', path: '/v1/health', headers: {}, signal: controller.signal });
    await transport({ method: 'GET', path: '/v1/health', headers: {} });
    expect(signals).toEqual([controller.signal, undefined]);
  });

  it('tells a hub the user declined to connect to (desktop) from one that is offline', async () => {
    const declined = platformTransport(HUB_URL, () =>
      Promise.reject(
        Object.assign(
          new Error('You did not allow Daftar to connect to https://hub.example.org.'),
          {
            code: 'hub_not_allowed',
          },
        ),
      ),
    );
    const unreachable = platformTransport(HUB_URL, () =>
      Promise.reject(new Error('The hub could not be reached: ECONNREFUSED')),
    );
    const request = { method: 'GET', path: '/v1/health', headers: {} } as const;
    await expect(new HubClient(declined).health()).rejects.toMatchObject({ code: 'not_allowed' });
    await expect(new HubClient(unreachable).health()).rejects.toMatchObject({ code: 'offline' });
    await expect(declined(request)).rejects.toBeInstanceOf(HubError);
  });

  it('rejects at once with the cancel reason, the request’s data going to the host alone', async () => {
    const seen: object[] = [];
    let answer: (value: {
      status: number;
      headers: Record<string, string>;
      body: Uint8Array;
    }) => void = () => {};
    const transport = platformTransport(`${HUB_URL}/`, (request) => {
      seen.push(request);
      return new Promise((resolve) => (answer = resolve));
    });
    const controller = new AbortController();
    const reason = new Error('Sync cancelled.');
    const pending = transport({
      method: 'GET',
      path: '/v1/health',
      headers: {},
      signal: controller.signal,
    });
    controller.abort(reason);
    expect(await within(pending, 50)).toBe(reason);
    // An AbortSignal cannot cross IPC: the request's data is all that goes there.
    expect(seen).toEqual([{ url: `${HUB_URL}/v1/health`, method: 'GET', headers: {} }]);
    answer({ status: 200, headers: {}, body: new Uint8Array() }); // late, and ignored
    await expect(
      transport({ method: 'GET', path: '/v1/health', headers: {}, signal: controller.signal }),
    ).rejects.toBe(reason);
    expect(seen).toHaveLength(1);
    // Without a signal, or before an abort, the answer is passed on as it is.
    const ok = transport({ method: 'GET', path: '/v1/health', headers: {} });
    answer({ status: 204, headers: { a: 'b' }, body: new Uint8Array([1]) });
    expect(await ok).toEqual({ status: 204, headers: { a: 'b' }, body: new Uint8Array([1]) });
  });
});

type Case = 'took the chunk' | 'never got the chunk' | 'gets the chunk late';

describe('cancelling a push mid-chunk', () => {
  it.each<Case>(['took the chunk', 'never got the chunk', 'gets the chunk late'])(
    'stops at once; the next run asks the hub for its offset and finishes (the hub %s)',
    async (which) => {
      const hub = new FakeHub();
      let host: (request: HostRequest) => Promise<Awaited<ReturnType<typeof hub.transport>>> = (
        request,
      ) => hub.transport(toHub(request));
      const { teamId, members } = await syncTeam(replica, ['a', 'b'], {
        hub,
        transportFor: (url) => platformTransport(url, (request) => host(request)),
      });
      const [a, b] = members as [Member, Member];
      for (let i = 0; i < 10; i++) {
        await a.r.data.create('incident', incident(`Incident ${i}`, { notes: noise(1_000) }));
      }

      // The second chunk: the hub takes it, or not, and its answer does not come.
      const controller = new AbortController();
      const reason = new Error('Sync cancelled.');
      let patches = 0;
      let late: HubRequest | null = null;
      host = async (request) => {
        if (request.method !== 'PATCH' || ++patches !== 2) return hub.transport(toHub(request));
        if (which === 'took the chunk') await hub.transport(toHub(request));
        if (which === 'gets the chunk late') late = toHub(request);
        setTimeout(() => controller.abort(reason), 0); // "Cancel sync" pressed meanwhile
        return new Promise(() => {}); // the host never answers (Electron: main still waiting)
      };
      const run = a.sync.run({ signal: controller.signal });
      expect(await within(run, 200)).toBe(reason);
      const pending = (await a.sync.store.pendingPush())!;
      expect(pending.uploadId).toMatch(/^[A-Za-z0-9_-]{22}$/);
      const upload = hub.uploads.get(pending.uploadId!)!;
      expect(upload.offset).toBe(which === 'took the chunk' ? 4_096 : 2_048);

      // The next run: the late chunk (if any) reaches the hub just after the run asked for the
      // offset, so the run's own chunk meets a 409 and goes on from the hub's new offset.
      const before = hub.log.length;
      host = async (request) => {
        if (late && request.method === 'PATCH') {
          await hub.transport(late);
          late = null;
        }
        return hub.transport(toHub(request));
      };
      expect((await a.sync.run()).pushed).toBe(10);
      expect(late).toBeNull();
      const uploads = hub.log.slice(before).filter((l) => l.includes('/uploads'));
      expect(uploads[0]).toBe(`GET /v1/teams/${teamId}/uploads/${pending.uploadId}`);
      expect(uploads.some((l) => l.endsWith('/uploads'))).toBe(false);
      expect(hub.bundlesOf(teamId)).toHaveLength(1);
      expect(hub.bundlesOf(teamId)[0]!.bytes).toEqual(pending.envelope);
      expect(await a.sync.store.pendingPush()).toBeNull();
      await b.sync.run();
      expect(await b.r.data.exchange.canonicalExport()).toBe(
        await a.r.data.exchange.canonicalExport(),
      );
    },
  );
});
