// A bounded load generator for the hub over real HTTP: `clients` members (spread over `teams`
// teams) each upload `bundlesPerClient` bundles of random size (start, one PATCH, complete), all
// clients at once. Answers what a caller needs to check loss and order, plus throughput and
// latency figures.
import { createHash, randomBytes } from 'node:crypto';

export interface LoadOptions {
  baseUrl: string;
  adminToken: string;
  teams: number;
  clients: number;
  bundlesPerClient: number;
  minBytes: number;
  maxBytes: number;
}

export interface LoadResult {
  /** Per team: the SHA-256 of every bundle its clients uploaded, and the member tokens. */
  teams: { id: string; sent: string[]; tokens: string[] }[];
  bundles: number;
  bytes: number;
  seconds: number;
  bundlesPerSecond: number;
  mebibytesPerSecond: number;
  /** 99th percentile of single request latency, in milliseconds. */
  p99RequestMs: number;
  /** 99th percentile of a whole bundle upload (three requests), in milliseconds. */
  p99BundleMs: number;
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

export async function runLoadTest(options: LoadOptions): Promise<LoadResult> {
  const requestMs: number[] = [];
  const bundleMs: number[] = [];
  const call = async (
    token: string,
    method: string,
    path: string,
    body?: Buffer | object,
    headers: Record<string, string> = {},
  ): Promise<Response> => {
    const started = performance.now();
    const response = await fetch(`${options.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined
          ? {}
          : {
              'content-type': Buffer.isBuffer(body)
                ? 'application/offset+octet-stream'
                : 'application/json',
            }),
        ...headers,
      },
      ...(body === undefined
        ? {}
        : { body: Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body) }),
    });
    if (response.status >= 400)
      throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    requestMs.push(performance.now() - started);
    return response;
  };

  const teams: LoadResult['teams'] = [];
  for (let i = 0; i < options.teams; i += 1) {
    const created = (await (
      await call(options.adminToken, 'POST', '/v1/admin/teams', { name: `Load ${i}` })
    ).json()) as { team: { id: string } };
    teams.push({ id: created.team.id, sent: [], tokens: [] });
  }
  for (let c = 0; c < options.clients; c += 1) {
    const team = teams[c % teams.length]!;
    const invite = (await (
      await call(options.adminToken, 'POST', `/v1/admin/teams/${team.id}/invites`, {})
    ).json()) as { invite: { code: string } };
    const joined = (await (
      await call('', 'POST', '/v1/join', { code: invite.invite.code, name: `client ${c}` })
    ).json()) as { token: string };
    team.tokens.push(joined.token);
  }
  requestMs.length = 0;

  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    teams.flatMap((team) =>
      team.tokens.map(async (token) => {
        for (let b = 0; b < options.bundlesPerClient; b += 1) {
          const size =
            options.minBytes +
            Math.floor(Math.random() * (options.maxBytes - options.minBytes + 1));
          const data = randomBytes(size);
          const sha256 = createHash('sha256').update(data).digest('hex');
          const begun = performance.now();
          const upload = (await (
            await call(token, 'POST', `/v1/teams/${team.id}/uploads`, { size, sha256 })
          ).json()) as { upload: { id: string } };
          const path = `/v1/teams/${team.id}/uploads/${upload.upload.id}`;
          await call(token, 'PATCH', path, data, { 'upload-offset': '0' });
          await (await call(token, 'POST', `${path}/complete`)).arrayBuffer();
          bundleMs.push(performance.now() - begun);
          team.sent.push(sha256);
          bytes += size;
        }
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const bundles = options.clients * options.bundlesPerClient;
  return {
    teams,
    bundles,
    bytes,
    seconds,
    bundlesPerSecond: bundles / seconds,
    mebibytesPerSecond: bytes / (1024 * 1024) / seconds,
    p99RequestMs: percentile(requestMs, 99),
    p99BundleMs: percentile(bundleMs, 99),
  };
}
