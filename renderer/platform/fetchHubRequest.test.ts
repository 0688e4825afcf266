import { describe, expect, it, vi } from 'vitest';
import { fetchHubRequest } from './fetchHubRequest.ts';

const ok = () =>
  vi.fn(
    async (_url: string | URL | Request, _init?: RequestInit) =>
      new Response(new Uint8Array([9, 8]), {
        status: 206,
        headers: { 'content-range': 'bytes 0-1/10', 'set-cookie': 'a=b', 'x-other': '1' },
      }),
  );

describe('the web build’s hub requests', () => {
  it('fetch the hub without redirects, cookies or referrer, and keep only protocol headers', async () => {
    const fetchImpl = ok();
    const response = await fetchHubRequest(
      {
        url: 'https://hub.example.org/v1/teams/t/bundles/3',
        method: 'GET',
        headers: { authorization: 'Bearer dft_x', range: 'bytes=0-1' },
      },
      fetchImpl as unknown as typeof fetch,
    );
    expect(response).toEqual({
      status: 206,
      headers: { 'content-range': 'bytes 0-1/10' },
      body: new Uint8Array([9, 8]),
    });
    const init = fetchImpl.mock.calls[0]![1]!;
    expect(init).toMatchObject({
      redirect: 'error',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  });

  it('aborts the fetch itself when the run is cancelled, with the run’s reason', async () => {
    let seen: AbortSignal | undefined;
    const fetchImpl = vi.fn(
      (_url: string | URL | Request, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          seen = init!.signal!;
          seen.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const controller = new AbortController();
    const answer = fetchHubRequest(
      { url: 'https://hub.example.org/v1/health', method: 'GET', headers: {} },
      fetchImpl as unknown as typeof fetch,
      controller.signal,
    );
    controller.abort(new Error('Sync cancelled.'));
    await expect(answer).rejects.toThrow('Sync cancelled.');
    expect(seen?.aborted).toBe(true);
  });

  it('refuses anything but a hub request before any connection', async () => {
    const fetchImpl = ok();
    const f = fetchImpl as unknown as typeof fetch;
    await expect(
      fetchHubRequest(
        { url: 'https://elsewhere.example.org/track', method: 'GET', headers: {} },
        f,
      ),
    ).rejects.toThrow(/Not a hub address/);
    await expect(
      fetchHubRequest({ url: 'http://hub.example.org/v1/health', method: 'GET', headers: {} }, f),
    ).rejects.toThrow(/Not a hub address/);
    await expect(
      fetchHubRequest(
        { url: 'https://hub.example.org/v1/health', method: 'GET', headers: { cookie: 'x' } },
        f,
      ),
    ).rejects.toThrow(/Headers not sent to a hub: cookie/);
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('reports an unreachable hub as such', async () => {
    const failing = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(
      fetchHubRequest(
        { url: 'https://hub.example.org/v1/health', method: 'GET', headers: {} },
        failing as unknown as typeof fetch,
      ),
    ).rejects.toThrow(/could not be reached: Failed to fetch/);
  });
});
