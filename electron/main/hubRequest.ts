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
    return { status: response.status, headers, body: await readCapped(response, limit) };
  };
}

async function readCapped(response: Response, limit: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > limit) {
    await response.body?.cancel();
    throw new HubUnreachableError(`The hub's answer is larger than ${limit} bytes.`);
  }
  if (!response.body) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw new HubUnreachableError(`The hub's answer is larger than ${limit} bytes.`);
      }
      parts.push(value);
    }
  } catch (error) {
    if (error instanceof HubUnreachableError) throw error;
    throw new HubUnreachableError(`The hub's answer was cut off: ${reason(error)}`);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  return body;
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
