/**
 * A hub transport over node:http with faults, for tests against a real hub: it keeps the
 * contract of fetchTransport (shared/teamSync/hubTransport.ts; a cut download answers the bytes
 * that came, marked `truncated`), and it can be offline (every request throws), cut a request
 * body part-way (which fetch cannot), or stop reading a bundle download after N bytes. Each
 * PATCH is logged with the offset it started from, so a test can see where an upload went on.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type {
  HubRequest,
  HubResponse,
  HubTransport,
} from '../../../shared/teamSync/hubTransport.ts';
import type { LiveHub } from './liveHub.ts';

/** The cuts made, counted. */
export interface CutCounts {
  uploadCuts: number;
  downloadCuts: number;
}

/** What goes wrong for one profile, set by the test between (or before) its sync runs. */
export interface Faults {
  offline: boolean;
  /** Cut the connection after `after` bytes of the `onPatch`-th PATCH from now. */
  cutUpload: { after: number; onPatch: number; thenOffline: boolean } | null;
  /** Stop reading the next bundle download after this many bytes. */
  cutDownloadAfter: number | null;
}

/** A PATCH as sent: its upload, the offset it started from, the hub restarts before it. */
export interface PatchLog {
  upload: string;
  offset: number;
  restarts: number;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A transport to `hub` (on whatever port it listens now) that obeys `faults`, as they are when
 * each request starts; logs each PATCH to `patches` and counts its cuts in `stats`.
 */
export function faultyTransport(
  faults: Faults,
  patches: PatchLog[],
  hub: LiveHub,
  stats: CutCounts,
): HubTransport {
  return (request: HubRequest) => {
    if (faults.offline) return Promise.reject(new Error('offline (test)'));
    const body = request.body ?? new Uint8Array(0);
    const url = new URL(hub.base + request.path);
    let cutAt: number | null = null;
    if (request.method === 'PATCH') {
      patches.push({
        upload: request.path.split('/').at(-1)!,
        offset: Number(request.headers['upload-offset']),
        restarts: hub.restarts,
      });
      const cut = faults.cutUpload;
      if (cut !== null && --cut.onPatch <= 0 && body.length > 1) {
        cutAt = Math.max(1, Math.min(cut.after, body.length - 1));
        faults.cutUpload = null;
        if (cut.thenOffline) faults.offline = true;
        stats.uploadCuts++;
      }
    }
    const downloadCut =
      request.method === 'GET' && /\/bundles\/\d+$/.test(url.pathname)
        ? faults.cutDownloadAfter
        : null;
    if (downloadCut !== null) faults.cutDownloadAfter = null;
    return new Promise<HubResponse>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: url.port,
          path: url.pathname + url.search,
          method: request.method,
          agent: false,
          headers: { ...request.headers, 'content-length': String(body.length) },
        },
        (res: IncomingMessage) => {
          const parts: Buffer[] = [];
          let got = 0;
          let settled = false;
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') headers[name.toLowerCase()] = value;
          }
          // A cut lands inside the answer, however short it is.
          const length = Number(res.headers['content-length'] ?? Number.NaN);
          const cutDownload =
            downloadCut !== null && Number.isSafeInteger(length) && length > 0
              ? Math.min(downloadCut, length - 1)
              : downloadCut;
          const answer = (truncated: boolean) => {
            if (settled) return;
            settled = true;
            const all = Buffer.concat(parts);
            const bytes = truncated && cutDownload !== null ? all.subarray(0, cutDownload) : all;
            if (truncated && bytes.length === 0) {
              reject(new Error('connection cut before any byte (test)'));
              return;
            }
            resolve({
              status: res.statusCode ?? 0,
              headers,
              body: new Uint8Array(bytes),
              ...(truncated ? { truncated: true } : {}),
            });
          };
          res.on('data', (part: Buffer) => {
            parts.push(part);
            got += part.length;
            if (cutDownload !== null && got >= cutDownload && res.statusCode! < 300) {
              stats.downloadCuts++;
              res.destroy();
              answer(true);
            }
          });
          res.on('end', () => answer(false));
          res.on('error', () => answer(true));
          res.on('close', () => answer(!res.complete));
        },
      );
      req.on('error', (error) => reject(error));
      if (cutAt === null) {
        req.end(body);
        return;
      }
      // Half a chunk on the wire, then the connection drops: the hub keeps what arrived.
      req.write(body.subarray(0, cutAt));
      void sleep(40).then(() => {
        req.destroy(new Error('connection cut (test)'));
      });
    });
  };
}
