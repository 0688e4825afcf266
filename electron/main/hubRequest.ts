/**
 * Requests to the team hub, made by main for the page (which connects nowhere itself: its CSP
 * allows only the app's own origin). The IPC guard has already checked the request against the
 * contract (a hub address — https, or http to this machine — a `/v1/` path, allowed headers, a
 * body of at most 8 MiB); here it goes only to a hub origin the user allowed (hubOrigins.ts), is
 * sent without following redirects (a hub that redirects could send the member token elsewhere),
 * and the answer read up to the largest one may be.
 *
 * Time limits fit field links, where a few KB/s is normal: until the answer starts, the request
 * has a minute plus the time its body takes at 8 KiB/s; once it has started, it goes on as long as
 * bytes keep coming (a minute of silence ends it). A slow download finishes; a dead one does not
 * hang.
 */
import {
  hubResponseHeaders,
  MAX_HUB_RESPONSE_BYTES,
  type HubRequest,
  type HubResponse,
} from '../../shared/ipc/contract.ts';
import { readHubAnswer } from '../../shared/ipc/readHubAnswer.ts';

export interface HubRequesterOptions {
  fetch?: typeof fetch;
  /** Silence that ends a request: before its answer starts (plus the body's time), or within it. */
  idleMs?: number;
  /** The slowest sending assumed for a request's body (bytes per second). */
  minBytesPerSecond?: number;
  maxResponseBytes?: number;
  /**
   * Resolves when main may connect to the request's hub for the window `senderId`, throws
   * otherwise (hubOrigins.ts: the user confirms each origin once). Checked before anything is sent.
   */
  allowOrigin?: (url: string, senderId: number) => Promise<void>;
}

export class HubUnreachableError extends Error {
  override name = 'HubUnreachableError';
}

export function createHubRequester(options: HubRequesterOptions = {}) {
  const fetchImpl = options.fetch ?? fetch;
  const idleMs = options.idleMs ?? 60_000;
  const minRate = options.minBytesPerSecond ?? 8 * 1024;
  const limit = options.maxResponseBytes ?? MAX_HUB_RESPONSE_BYTES;

  return async function hubRequest(request: HubRequest, senderId = 0): Promise<HubResponse> {
    await options.allowOrigin?.(request.url, senderId);
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waitAtMost = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(
        () => controller.abort(new Error(`no answer from the hub for ${Math.round(ms / 1000)} s`)),
        ms,
      );
    };
    const sending = ((request.body?.byteLength ?? 0) / minRate) * 1000;
    waitAtMost(idleMs + sending);
    try {
      let response: Response;
      try {
        response = await fetchImpl(request.url, {
          method: request.method,
          headers: request.headers,
          ...(request.body ? { body: request.body as Uint8Array<ArrayBuffer> } : {}),
          redirect: 'error',
          signal: controller.signal,
        });
      } catch (error) {
        throw new HubUnreachableError(`The hub could not be reached: ${reason(error)}`);
      }
      const headers = hubResponseHeaders((name) => response.headers.get(name));
      waitAtMost(idleMs);
      try {
        const body = await readHubAnswer(response, limit, () => waitAtMost(idleMs));
        return { status: response.status, headers, body };
      } catch (error) {
        throw new HubUnreachableError(reason(error));
      }
    } finally {
      clearTimeout(timer);
    }
  };
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
