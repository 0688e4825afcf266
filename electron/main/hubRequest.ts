/**
 * Requests to the team hub, made by main for the page (which connects nowhere itself: its CSP
 * allows only the app's own origin). The IPC guard has already checked the request against the
 * contract (a hub address — https, or http to this machine — a `/v1/` path, allowed headers, a
 * body of at most 8 MiB); here it is sent without following redirects (a hub that redirects
 * could send the member token elsewhere), with a time limit, and the answer read up to the
 * largest a bundle can be.
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
  /** Time for a whole request, answer included (ms). */
  timeoutMs?: number;
  maxResponseBytes?: number;
}

export class HubUnreachableError extends Error {
  override name = 'HubUnreachableError';
}

export function createHubRequester(options: HubRequesterOptions = {}) {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const limit = options.maxResponseBytes ?? MAX_HUB_RESPONSE_BYTES;

  return async function hubRequest(request: HubRequest): Promise<HubResponse> {
    let response: Response;
    try {
      response = await fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body ? { body: request.body as Uint8Array<ArrayBuffer> } : {}),
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new HubUnreachableError(`The hub could not be reached: ${reason(error)}`);
    }
    const headers = hubResponseHeaders((name) => response.headers.get(name));
    try {
      return { status: response.status, headers, body: await readHubAnswer(response, limit) };
    } catch (error) {
      throw new HubUnreachableError(reason(error));
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
