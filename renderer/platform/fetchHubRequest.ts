/**
 * The web build's way to the team hub: `fetch`, held to the same rules main applies in Electron —
 * only a hub address (https, or http to this machine) with a `/v1/` path, only the protocol's
 * headers, no redirects, no cookies or referrer, a time limit, and an answer of at most 8 MiB.
 * The hub answers cross-origin requests (CORS) since it authenticates by bearer token alone.
 */
import {
  HUB_REQUEST_HEADERS,
  hubResponseHeaders,
  MAX_HUB_REQUEST_BYTES,
  MAX_HUB_RESPONSE_BYTES,
  isHubRequestUrl,
  type HubRequest,
  type HubResponse,
} from '../../shared/ipc/contract.ts';
import { readHubAnswer } from '../../shared/ipc/readHubAnswer.ts';

const TIMEOUT_MS = 120_000;

export async function fetchHubRequest(
  request: HubRequest,
  fetchImpl: typeof fetch = fetch,
  signal?: AbortSignal,
): Promise<HubResponse> {
  if (!isHubRequestUrl(request.url)) {
    throw new Error(`Not a hub address with a /v1/ path: ${request.url}`);
  }
  const allowed = new Set<string>(HUB_REQUEST_HEADERS);
  const refused = Object.keys(request.headers).filter((name) => !allowed.has(name));
  if (refused.length > 0) throw new Error(`Headers not sent to a hub: ${refused.join(', ')}`);
  if (request.body && request.body.byteLength > MAX_HUB_REQUEST_BYTES) {
    throw new Error('Too many bytes for one hub request (limit 8 MiB).');
  }
  let response: Response;
  try {
    response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body ? { body: request.body as Uint8Array<ArrayBuffer> } : {}),
      redirect: 'error',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: signal
        ? AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)])
        : AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    throw new Error(
      `The hub could not be reached: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const headers = hubResponseHeaders((name) => response.headers.get(name));
  const body = await readHubAnswer(response, MAX_HUB_RESPONSE_BYTES);
  return { status: response.status, headers, body };
}
