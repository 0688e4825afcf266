/**
 * How the sync client reaches a hub: one function from a request to a response, so Electron's
 * main process, the browser's fetch and tests each provide their own. A transport throws only
 * when no answer came (no network, refused, aborted); every HTTP status is an answer.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  /** An AbortSignal's: lets a transport stop waiting the moment it aborts (`untilAborted`). */
  addEventListener?(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener?(type: 'abort', listener: () => void): void;
}

/** What a cancelled run throws: the reason given to `abort()`, else a plain "Cancelled.". */
export function cancelError(signal: AbortSignalLike): unknown {
  return signal.reason ?? new Error('Cancelled.');
}

/**
 * `answer`, unless `signal` aborts first: then a rejection at once with the cancel error, and
 * whatever `answer` later brings is ignored. For hosts that cannot stop a request they started
 * (an IPC call to Electron's main process): the request may still reach the hub, which the
 * protocol allows for (an upload asks the hub for its offset before going on).
 */
export function untilAborted<T>(answer: Promise<T>, signal: AbortSignalLike): Promise<T> {
  if (signal.aborted) {
    answer.catch(() => {}); // the late answer, ignored
    return Promise.reject(cancelError(signal));
  }
  if (!signal.addEventListener) return answer;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelError(signal));
    signal.addEventListener!('abort', onAbort, { once: true });
    answer.then(
      (value) => {
        signal.removeEventListener?.('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener?.('abort', onAbort);
        reject(error);
      },
    );
  });
}

export interface HubRequest {
  method: 'GET' | 'POST' | 'PATCH';
  /** From the hub's base URL on, starting `/v1/`, with any query. */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body?: Uint8Array;
  signal?: AbortSignalLike;
}

export interface HubResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Uint8Array;
  /**
   * The connection broke while the body was arriving: `body` holds the bytes that came. Only a
   * download makes use of them (it asks for the rest with a Range request).
   */
  truncated?: boolean;
}

export type HubTransport = (request: HubRequest) => Promise<HubResponse>;

interface FetchResponseLike {
  status: number;
  headers: { forEach(callback: (value: string, name: string) => void): void };
  body: {
    getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }> };
  } | null;
}

export type FetchLike = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: Uint8Array;
    signal?: AbortSignalLike;
    redirect: 'error';
    credentials: 'omit';
    cache: 'no-store';
  },
) => Promise<FetchResponseLike>;

declare const fetch: FetchLike;

/**
 * A transport over `fetch` (the renderer's, or Node's in tests of the real hub). Redirects are
 * refused, so a token is only ever sent to the hub the user joined; no cookies, no cache.
 */
export function fetchTransport(baseUrl: string, fetchImpl: FetchLike = fetch): HubTransport {
  const base = baseUrl.replace(/\/+$/, '');
  return async (request) => {
    const response = await fetchImpl(base + request.path, {
      method: request.method,
      headers: request.headers,
      redirect: 'error',
      credentials: 'omit',
      cache: 'no-store',
      ...(request.body ? { body: request.body } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
    const parts: Uint8Array[] = [];
    let truncated = false;
    if (response.body) {
      const reader = response.body.getReader();
      try {
        for (let part = await reader.read(); !part.done; part = await reader.read()) {
          if (part.value) parts.push(part.value);
        }
      } catch (error) {
        // Keep what arrived of a download; anything else is simply lost.
        if (parts.length === 0 || request.signal?.aborted) throw error;
        truncated = true;
      }
    }
    const body = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      body.set(part, at);
      at += part.length;
    }
    return { status: response.status, headers, body, ...(truncated ? { truncated } : {}) };
  };
}
