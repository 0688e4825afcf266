/**
 * The sync client's side of the hub protocol (docs/hub-protocol.md), over an injected transport.
 * Every answer is checked against the contract before use; every failure is a HubError. Uploads
 * and downloads resume: an upload goes on from the offset the hub holds (after a lost
 * connection, a 409, or a restart of either side, given the upload id), a download from the
 * bytes already received (Range).
 */
import { HubError, isHubError, isHubErrorCode } from './hubError.ts';
import type { AbortSignalLike, HubRequest, HubResponse, HubTransport } from './hubTransport.ts';
import { fromUtf8, sha256Hex, utf8 } from './webCrypto.ts';

export const PROTOCOL_VERSION = 1;
/** Upload chunk: within the hub's 8 MiB limit, small enough to finish on a poor link. */
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
/**
 * The largest bundle the protocol allows (docs/hub-protocol.md, "Limits": bundle ≤ 256 MiB; the
 * hub's default `maxBundleBytes`). A listed bundle larger than this is refused before a byte of
 * it is fetched, so a hostile or broken hub cannot make this device collect bytes without end.
 */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;
/** How many times one call goes on after a lost connection before giving up for this run. */
const RESUME_ATTEMPTS = 3;

export interface HubTeam {
  id: string;
  name: string;
}
export interface HubMember {
  id: string;
  name: string;
}
export interface HubBundle {
  seq: number;
  sha256: string;
  size: number;
  member: string;
  receivedAt: string;
}
export interface JoinAnswer {
  team: HubTeam;
  member: HubMember;
  token: string;
}

export interface TransferOptions {
  signal?: AbortSignalLike;
  onProgress?: (done: number, total: number) => void;
}

export interface UploadOptions extends TransferOptions {
  /** An upload started earlier (persisted by the caller): go on from where the hub has it. */
  resumeId?: string;
  /**
   * Called just before a new upload is asked for (`POST …/uploads`): a `too_large` between this
   * and `onStarted` means the hub refuses a bundle of this size, not a chunk.
   */
  onCreating?: () => void;
  /** Called once the hub has given an upload its id, before any byte is sent: persist it. */
  onStarted?: (uploadId: string) => Promise<void> | void;
  chunkBytes?: number;
}

const ID = /^[A-Za-z0-9_-]{22}$/;
const TOKEN = /^dft_[A-Za-z0-9_-]{43}$/;
const SHA256 = /^[0-9a-f]{64}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function bad(what: string): HubError {
  return new HubError('bad_response', what);
}

function abortedError(signal: AbortSignalLike): unknown {
  return signal.reason ?? new Error('Cancelled.');
}

function team(value: unknown): HubTeam {
  if (
    !isObject(value) ||
    typeof value.id !== 'string' ||
    !ID.test(value.id) ||
    typeof value.name !== 'string'
  ) {
    throw bad('team');
  }
  return { id: value.id, name: value.name };
}
function member(value: unknown): HubMember {
  if (
    !isObject(value) ||
    typeof value.id !== 'string' ||
    !ID.test(value.id) ||
    typeof value.name !== 'string'
  ) {
    throw bad('member');
  }
  return { id: value.id, name: value.name };
}
function bundle(value: unknown): HubBundle {
  if (
    !isObject(value) ||
    !isCount(value.seq) ||
    value.seq < 1 ||
    typeof value.sha256 !== 'string' ||
    !SHA256.test(value.sha256) ||
    !isCount(value.size) ||
    typeof value.member !== 'string' ||
    typeof value.receivedAt !== 'string'
  ) {
    throw bad('bundle');
  }
  const { seq, sha256, size, member: from, receivedAt } = value;
  return { seq, sha256, size, member: from, receivedAt };
}
function uploadState(value: unknown): { id: string; size: number; offset: number } {
  if (!isObject(value) || !isObject(value.upload)) throw bad('upload');
  const { id, size, offset } = value.upload;
  if (
    typeof id !== 'string' ||
    !ID.test(id) ||
    !isCount(size) ||
    !isCount(offset) ||
    offset > size
  ) {
    throw bad('upload');
  }
  return { id, size, offset };
}

export class HubClient {
  constructor(
    private readonly transport: HubTransport,
    private readonly token: string | null = null,
  ) {}

  /** The same hub as another member (after joining). */
  withToken(token: string): HubClient {
    return new HubClient(this.transport, token);
  }

  async health(signal?: AbortSignalLike): Promise<{ protocol: number }> {
    const body = await this.json('GET', '/v1/health', undefined, signal);
    if (!isObject(body) || body.ok !== true || body.protocol !== PROTOCOL_VERSION) {
      throw bad(`not a protocol ${PROTOCOL_VERSION} hub`);
    }
    return { protocol: body.protocol };
  }

  async join(code: string, name: string): Promise<JoinAnswer> {
    const body = await this.json('POST', '/v1/join', { code, name });
    if (!isObject(body) || typeof body.token !== 'string' || !TOKEN.test(body.token)) {
      throw bad('join');
    }
    return { team: team(body.team), member: member(body.member), token: body.token };
  }

  async teamInfo(
    teamId: string,
    signal?: AbortSignalLike,
  ): Promise<{ team: HubTeam; member: HubMember; head: number }> {
    const body = await this.json('GET', `/v1/teams/${teamId}`, undefined, signal);
    if (!isObject(body) || !isCount(body.head)) throw bad('team info');
    return { team: team(body.team), member: member(body.member), head: body.head };
  }

  async listBundles(
    teamId: string,
    after: number,
    limit = 100,
    signal?: AbortSignalLike,
  ): Promise<{ bundles: HubBundle[]; head: number }> {
    const path = `/v1/teams/${teamId}/bundles?after=${after}&limit=${limit}`;
    const body = await this.json('GET', path, undefined, signal);
    if (!isObject(body) || !Array.isArray(body.bundles) || !isCount(body.head))
      throw bad('bundle list');
    const bundles = body.bundles.map(bundle);
    let previous = after;
    for (const b of bundles) {
      if (b.seq <= previous) throw bad('bundle list out of order');
      previous = b.seq;
    }
    return { bundles, head: body.head };
  }

  /**
   * The bytes of bundle `entry.seq`, checked against its size and SHA-256, read in ranges of
   * `chunkBytes` (`Range: bytes=<from>-<to>`) when larger. A lost connection goes on with a
   * Range request from the bytes received; bytes that do not hash right are
   * fetched once more from the start, and refused (`hash_mismatch`) if they still do not.
   * A bundle listed above `MAX_BUNDLE_BYTES` is refused (`too_large`) without a request, and
   * no more bytes than the listed size are ever kept.
   */
  async download(
    teamId: string,
    entry: HubBundle,
    options: TransferOptions & { chunkBytes?: number } = {},
  ): Promise<Uint8Array> {
    if (!isCount(entry.size) || entry.size > MAX_BUNDLE_BYTES) {
      throw new HubError(
        'too_large',
        `bundle ${entry.seq} is listed at ${entry.size} bytes; the protocol allows at most ${MAX_BUNDLE_BYTES}`,
      );
    }
    for (let whole = 0; whole < 2; whole++) {
      const bytes = await this.downloadOnce(teamId, entry, options);
      if ((await sha256Hex(bytes)) === entry.sha256) return bytes;
    }
    throw new HubError('hash_mismatch', `bundle ${entry.seq} does not match its SHA-256`);
  }

  private async downloadOnce(
    teamId: string,
    entry: HubBundle,
    options: TransferOptions & { chunkBytes?: number },
  ): Promise<Uint8Array> {
    const chunk = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    const parts: Uint8Array[] = [];
    let received = 0;
    let failures = 0;
    while (received < entry.size || entry.size === 0) {
      try {
        // Small bundles in one answer; larger ones in ranges, as hosts cap one answer at 8 MiB.
        const whole = received === 0 && entry.size <= chunk;
        const last = Math.min(entry.size, received + chunk) - 1;
        const headers: Record<string, string> = whole ? {} : { range: `bytes=${received}-${last}` };
        const response = await this.send(
          { method: 'GET', path: `/v1/teams/${teamId}/bundles/${entry.seq}`, headers },
          options.signal,
        );
        if (!whole && response.status !== 206 && !(received === 0 && response.status === 200)) {
          throw bad('a range of a bundle did not answer 206');
        }
        // Checked before keeping the bytes: never more than the listed size is held.
        if (received + response.body.length > entry.size) {
          throw bad(`bundle ${entry.seq} is larger than listed`);
        }
        parts.push(response.body);
        received += response.body.length;
        options.onProgress?.(received, entry.size);
        if (entry.size === 0) break;
        // The connection broke mid-answer: ask for the rest.
        if (response.body.length === 0 || response.truncated) {
          throw new HubError('offline', 'the download stopped');
        }
      } catch (error) {
        if (!isHubError(error) || error.code !== 'offline' || ++failures > RESUME_ATTEMPTS)
          throw error;
      }
    }
    const out = new Uint8Array(received);
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  /**
   * Upload `bytes` (an encrypted bundle) and return the bundle the hub made of it. Creates the
   * upload (or, given `resumeId`, asks the hub how far it got), sends the rest in chunks, then
   * completes. A lost connection or a 409 re-reads the hub's offset and goes on; an upload the
   * hub no longer has (dropped after 7 days, or its hash did not match) starts again.
   */
  async upload(teamId: string, bytes: Uint8Array, options: UploadOptions = {}): Promise<HubBundle> {
    const sha256 = await sha256Hex(bytes);
    const chunk = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    const base = `/v1/teams/${teamId}/uploads`;
    let uploadId = options.resumeId;
    let offset = 0;
    if (uploadId !== undefined) {
      try {
        const state = uploadState(
          await this.json('GET', `${base}/${uploadId}`, undefined, options.signal),
        );
        if (state.size !== bytes.length)
          throw new HubError('not_found', 'the upload was of other bytes');
        offset = state.offset;
      } catch (error) {
        if (!isHubError(error) || error.code !== 'not_found') throw error;
        uploadId = undefined;
      }
    }
    if (uploadId === undefined) {
      options.onCreating?.();
      const { status, body } = await this.exchange(
        'POST',
        base,
        { size: bytes.length, sha256 },
        options.signal,
      );
      // The team already has these exact bytes.
      if (status === 200 && isObject(body) && 'bundle' in body) return bundle(body.bundle);
      const state = uploadState(body);
      uploadId = state.id;
      offset = state.offset;
      await options.onStarted?.(uploadId);
    }
    let failures = 0;
    while (offset < bytes.length) {
      const end = Math.min(bytes.length, offset + chunk);
      try {
        const response = await this.send(
          {
            method: 'PATCH',
            path: `${base}/${uploadId}`,
            headers: {
              'content-type': 'application/offset+octet-stream',
              'upload-offset': String(offset),
            },
            body: bytes.subarray(offset, end),
          },
          options.signal,
        );
        const next = Number(response.headers['upload-offset']);
        if (!Number.isSafeInteger(next) || next <= offset || next > bytes.length) {
          throw bad('upload offset');
        }
        offset = next;
        options.onProgress?.(offset, bytes.length);
      } catch (error) {
        if (!isHubError(error) || ++failures > RESUME_ATTEMPTS) throw error;
        if (error.code === 'offset_mismatch' && error.extra.offset !== undefined) {
          offset = error.extra.offset;
        } else if (error.code === 'offline' || error.code === 'offset_mismatch') {
          const state = uploadState(
            await this.json('GET', `${base}/${uploadId}`, undefined, options.signal),
          );
          offset = state.offset;
        } else {
          throw error;
        }
      }
    }
    const done = await this.json('POST', `${base}/${uploadId}/complete`, undefined, options.signal);
    if (!isObject(done)) throw bad('complete');
    return bundle(done.bundle);
  }

  // ---- plumbing -----------------------------------------------------------------------------

  private async json(
    method: HubRequest['method'],
    path: string,
    body?: unknown,
    signal?: AbortSignalLike,
  ): Promise<unknown> {
    return (await this.exchange(method, path, body, signal)).body;
  }

  private async exchange(
    method: HubRequest['method'],
    path: string,
    body: unknown,
    signal?: AbortSignalLike,
  ): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.send(
      {
        method,
        path,
        headers,
        ...(body !== undefined ? { body: utf8(JSON.stringify(body)) } : {}),
      },
      signal,
    );
    if (response.truncated) throw new HubError('offline', 'the answer was cut short');
    if (response.status === 204) return { status: 204, body: null };
    try {
      return { status: response.status, body: JSON.parse(fromUtf8(response.body)) as unknown };
    } catch {
      throw bad(`${method} ${path.split('?')[0]} answered no JSON`);
    }
  }

  /** One request; any status outside 2xx becomes the HubError its body names. */
  private async send(request: HubRequest, signal?: AbortSignalLike): Promise<HubResponse> {
    if (signal?.aborted) throw abortedError(signal);
    const headers = { ...request.headers };
    if (this.token !== null) headers.authorization = `Bearer ${this.token}`;
    let response: HubResponse;
    try {
      response = await this.transport({ ...request, headers, ...(signal ? { signal } : {}) });
    } catch (error) {
      if (signal?.aborted) throw abortedError(signal);
      if (isHubError(error)) throw error; // the transport's own verdict (`not_allowed`)
      throw new HubError('offline', error instanceof Error ? error.message : String(error));
    }
    if (response.status >= 200 && response.status < 300) return response;
    throw errorFrom(response);
  }
}

function errorFrom(response: HubResponse): HubError {
  let code: unknown;
  let message = '';
  let offset: number | undefined;
  try {
    const body = JSON.parse(fromUtf8(response.body)) as unknown;
    if (isObject(body) && isObject(body.error)) {
      code = body.error.code;
      if (typeof body.error.message === 'string') message = body.error.message.slice(0, 300);
      if (isCount(body.error.offset)) offset = body.error.offset;
    }
  } catch {
    // A proxy's HTML page, say: judged by the status below.
  }
  if (!isHubErrorCode(code) || code === 'offline' || code === 'bad_response') {
    code = response.status >= 500 ? 'internal' : 'bad_response';
    message ||= `HTTP ${response.status}`;
  }
  const seconds = Number(response.headers['retry-after']);
  return new HubError(code as HubError['code'], message, response.status, {
    ...(offset !== undefined ? { offset } : {}),
    ...(Number.isFinite(seconds) && seconds >= 0 ? { retryAfterMs: seconds * 1_000 } : {}),
  });
}
