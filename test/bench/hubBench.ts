/**
 * Team hub benchmark (`hub.*`), in Node: the real hub (hub/src/server.ts, SQLite store, a
 * temporary data folder) listening on 127.0.0.1, and the app's sync client over loopback HTTP.
 *
 * - `hub.push`: N sealed bundles (200 × 1 MiB and 4 × 32 MiB at full size; random bytes sealed
 *   with the team key, as the app sends) uploaded one after another with `HubClient.upload`
 *   (4 MiB chunks) — vs the floor: the same bytes written to files in a temporary folder, each
 *   file fsynced and the folder fsynced after it, as the hub must before it answers.
 * - `hub.pull`: the same bundles downloaded with `HubClient.download` (4 MiB ranges, SHA-256
 *   checked, as the client does) — vs reading the floor's files back.
 * - `hub.latency.p50`, `hub.latency.p95`: a fresh incident created on profile A (DaftarData on
 *   fake-indexeddb in Node), then A's sync run and B's sync run (`TeamSync.run`, the app's code)
 *   until B holds it — vs one HTTP round trip of the same sealed bundle bytes to a bare loopback
 *   server (upload, then download) — so the ratio is what the client and the hub add.
 *
 * Values are seconds (push, pull) or milliseconds (latency); ratio = value / floor, no targets
 * (the issue gives none). Throughput in MiB/s is in the log and the detail.
 *
 * Run by test/bench/run.mjs through hubRun.mjs (bundled with esbuild, in a child
 * `node --expose-gc`); writes its results as JSON to the file given with `--out`.
 */
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { DaftarData } from '../../renderer/data/daftarData.ts';
import { TeamSync } from '../../renderer/sync/teamSync.ts';
import { generateDeviceKeyPair, signerFromKey } from '../../shared/bundle/crypto.ts';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { DEFAULT_CHUNK_BYTES, HubClient, type HubBundle } from '../../shared/teamSync/hubClient.ts';
import { sha256Hex as sha256Web } from '../../shared/teamSync/webCrypto.ts';
import {
  fetchTransport,
  type FetchLike,
  type HubTransport,
} from '../../shared/teamSync/hubTransport.ts';
import { generateTeamKey, sealForTeam } from '../../shared/teamSync/teamCipher.ts';
import { newToken, sha256Hex } from '../../hub/src/ids.ts';
import { createHub, type Hub } from '../../hub/src/server.ts';
import { openSqliteStore } from '../../hub/src/store/sqliteStore.ts';

export interface HubResult {
  name: string;
  value: number;
  unit: string;
  floor: number;
  ratio: number;
  target: number | null;
}

const MiB = 1024 * 1024;
/** The client's chunk and range size (hubClient.ts DEFAULT_CHUNK_BYTES). */
const CHUNK = DEFAULT_CHUNK_BYTES;
const now = () => performance.now();
const nodeFetch = fetch as unknown as FetchLike;

interface RunningHub {
  base: string;
  dataDir: string;
  adminToken: string;
  stop(): Promise<void>;
}

/** The hub's side: a hub on `dataDir` on a free loopback port; answers its address. */
async function serveHub(dataDir: string, adminToken: string): Promise<{ hub: Hub; base: string }> {
  const store = openSqliteStore(dataDir);
  await store.setAdminTokenHash(sha256Hex(adminToken));
  // Bench-sized limits: the defaults (600 requests a minute) would throttle the benchmark itself.
  const hub = await createHub({
    store,
    dataDir,
    sweepTimer: false,
    limits: { requestsPerMinute: 1_000_000 },
  });
  return { hub, base: await hub.app.listen({ port: 0, host: '127.0.0.1' }) };
}

/**
 * A hub in a process of its own, as in the field (this script again, with `--serve-hub`), so
 * the hub and the client do not share one event loop.
 */
async function startHub(): Promise<RunningHub> {
  const dataDir = await mkdtemp(join(os.tmpdir(), 'daftar-hub-bench-'));
  const adminToken = newToken();
  const child = spawn(process.execPath, [process.argv[1]!, '--serve-hub', dataDir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(`${adminToken}\n`);
  const base = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (part: string) => {
      text += part;
      const line = text.split('\n')[0];
      if (text.includes('\n') && line !== undefined) resolve(line.trim());
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`The hub process exited (${code}).`)));
  });
  return {
    base,
    dataDir,
    adminToken,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function admin(h: RunningHub, path: string, body: object): Promise<unknown> {
  const response = await fetch(h.base + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

async function newTeam(h: RunningHub): Promise<string> {
  const { team } = (await admin(h, '/v1/admin/teams', { name: 'Bench team' })) as {
    team: { id: string };
  };
  return team.id;
}

async function inviteCode(h: RunningHub, teamId: string): Promise<string> {
  const { invite } = (await admin(h, `/v1/admin/teams/${teamId}/invites`, {})) as {
    invite: { code: string };
  };
  return invite.code;
}

async function fsyncFolder(path: string): Promise<void> {
  const folder = await open(path, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}
function p95(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!;
}

// ---- throughput ---------------------------------------------------------------------------------

async function throughput(
  scale: number,
  log: (line: string) => void,
  results: HubResult[],
  detail: Record<string, unknown>,
): Promise<void> {
  const small = Math.max(1, Math.round(200 * scale));
  const large = Math.max(1, Math.round(4 * scale));
  const teamKey = generateTeamKey();
  const h = await startHub();
  const floorDir = await mkdtemp(join(os.tmpdir(), 'daftar-hub-floor-'));
  try {
    const teamId = await newTeam(h);
    // Time in each kind of request (start, chunk, complete, list, range), for the breakdown.
    const byRequest: Record<string, { count: number; ms: number }> = {};
    const plain = fetchTransport(h.base, nodeFetch);
    const sender = new HubClient(async (request) => {
      const kind = `${request.method} ${request.path
        .split('?')[0]!
        .replace(/\/teams\/[^/]+/, '/teams/:team')
        .replace(/\/uploads\/[^/]+/, '/uploads/:upload')
        .replace(/\/bundles\/\d+/, '/bundles/:seq')}`;
      const at = now();
      try {
        return await plain(request);
      } finally {
        const entry = (byRequest[kind] ??= { count: 0, ms: 0 });
        entry.count++;
        entry.ms += now() - at;
      }
    });
    const { token } = await sender.join(await inviteCode(h, teamId), 'Bench laptop');
    const client = sender.withToken(token);

    let started = now();
    const envelopes: Uint8Array[] = [];
    for (let i = 0; i < small + large; i++) {
      const size = i < small ? MiB : 32 * MiB;
      envelopes.push(await sealForTeam(randomBytes(size - 35), teamKey, teamId));
    }
    const bytes = envelopes.reduce((n, e) => n + e.length, 0);
    const mib = bytes / MiB;
    log(
      `${small} × 1 MiB and ${large} × 32 MiB sealed (${mib.toFixed(0)} MiB) in ${((now() - started) / 1000).toFixed(1)} s`,
    );

    // Floor: the same bytes to files, each fsynced, then its folder.
    started = now();
    for (const [i, envelope] of envelopes.entries()) {
      const file = await open(join(floorDir, `bundle-${i}`), 'w');
      try {
        await file.writeFile(envelope);
        await file.sync();
      } finally {
        await file.close();
      }
      await fsyncFolder(floorDir);
    }
    const writeSeconds = (now() - started) / 1000;
    log(
      `floor: written with fsync in ${writeSeconds.toFixed(2)} s (${(mib / writeSeconds).toFixed(0)} MiB/s)`,
    );

    started = now();
    const bundles: HubBundle[] = [];
    for (const envelope of envelopes) bundles.push(await client.upload(teamId, envelope));
    const pushSeconds = (now() - started) / 1000;
    log(
      `hub.push: uploaded in ${pushSeconds.toFixed(2)} s (${(mib / pushSeconds).toFixed(0)} MiB/s)`,
    );

    started = now();
    let read = 0;
    for (let i = 0; i < envelopes.length; i++)
      read += (await readFile(join(floorDir, `bundle-${i}`))).length;
    const readSeconds = (now() - started) / 1000;
    if (read !== bytes) throw new Error('The floor read back other bytes.');
    log(
      `floor: read back in ${readSeconds.toFixed(2)} s (${(mib / readSeconds).toFixed(0)} MiB/s)`,
    );

    started = now();
    let pulled = 0;
    for (const bundle of bundles) pulled += (await client.download(teamId, bundle)).length;
    const pullSeconds = (now() - started) / 1000;
    if (pulled !== bytes) throw new Error('The hub answered other bytes.');
    log(
      `hub.pull: downloaded in ${pullSeconds.toFixed(2)} s (${(mib / pullSeconds).toFixed(0)} MiB/s)`,
    );

    // Anchors for where the time goes: the same transfers over the client's transport to a bare
    // loopback server (no disk, no hub), and the SHA-256 the client computes of every bundle.
    const echo = await echoServer();
    const transport = fetchTransport(echo.base, nodeFetch);
    started = now();
    for (const envelope of envelopes) {
      for (let at = 0; at < envelope.length; at += CHUNK) {
        const body = envelope.subarray(at, Math.min(envelope.length, at + CHUNK));
        await transport({ method: 'PATCH', path: '/sink', headers: {}, body });
      }
    }
    const loopbackPutSeconds = (now() - started) / 1000;
    started = now();
    for (const envelope of envelopes) {
      for (let at = 0; at < envelope.length; at += CHUNK) {
        const n = Math.min(CHUNK, envelope.length - at);
        const answer = await transport({ method: 'GET', path: `/bytes?n=${n}`, headers: {} });
        if (answer.body.length !== n) throw new Error('The loopback server answered other bytes.');
      }
    }
    const loopbackGetSeconds = (now() - started) / 1000;
    await echo.close();
    started = now();
    for (const envelope of envelopes) await sha256Web(envelope);
    const hashSeconds = (now() - started) / 1000;
    log(
      `anchors: loopback HTTP only, 4 MiB requests: send ${(mib / loopbackPutSeconds).toFixed(0)} MiB/s, ` +
        `receive ${(mib / loopbackGetSeconds).toFixed(0)} MiB/s; client SHA-256 ${(mib / hashSeconds).toFixed(0)} MiB/s`,
    );

    results.push(
      {
        name: 'hub.push',
        value: pushSeconds,
        unit: 's',
        floor: writeSeconds,
        ratio: pushSeconds / writeSeconds,
        target: null,
      },
      {
        name: 'hub.pull',
        value: pullSeconds,
        unit: 's',
        floor: readSeconds,
        ratio: pullSeconds / readSeconds,
        target: null,
      },
    );
    detail.throughput = {
      bundles: { small, large },
      mib,
      pushMiBps: mib / pushSeconds,
      writeMiBps: mib / writeSeconds,
      pullMiBps: mib / pullSeconds,
      readMiBps: mib / readSeconds,
      loopbackSendMiBps: mib / loopbackPutSeconds,
      loopbackReceiveMiBps: mib / loopbackGetSeconds,
      clientSha256MiBps: mib / hashSeconds,
      byRequest,
    };
    for (const [kind, { count, ms }] of Object.entries(byRequest)) {
      log(`  ${kind}: ${count} requests, ${(ms / 1000).toFixed(2)} s`);
    }
  } finally {
    await h.stop();
    await rm(floorDir, { recursive: true, force: true });
  }
}

// ---- latency ------------------------------------------------------------------------------------

async function openProfile(label: string): Promise<DaftarData> {
  const keys = await generateDeviceKeyPair();
  const signer = signerFromKey(keys.privateKey, keys.publicKey);
  const data = await DaftarData.open({
    name: `hub-bench-${label}-${Math.random()}`,
    now: () => Date.now(),
    signer: () => Promise.resolve(signer),
    appVersion: 'bench',
  });
  await data.saveProfile({ name: `Researcher ${label}`, role: 'researcher' });
  return data;
}

/**
 * A bare loopback server: what is PUT is kept and answered on GET (the latency floor); a PATCH
 * is read and dropped, and `GET /bytes?n=<n>` answers n bytes from memory (the transfer anchors).
 */
async function echoServer(): Promise<{ base: string; close(): Promise<void> }> {
  let kept = Buffer.alloc(0);
  const pool = Buffer.alloc(8 * MiB, 7);
  const server = createServer((request, response) => {
    if (request.method === 'PATCH') {
      request.on('data', () => undefined);
      request.on('end', () => response.writeHead(204).end());
    } else if (request.url?.startsWith('/bytes?n=')) {
      const n = Number(request.url.slice('/bytes?n='.length));
      response
        .writeHead(200, { 'content-type': 'application/octet-stream' })
        .end(pool.subarray(0, n));
    } else if (request.method === 'PUT') {
      const parts: Buffer[] = [];
      request.on('data', (part: Buffer) => parts.push(part));
      request.on('end', () => {
        kept = Buffer.concat(parts);
        response.writeHead(204).end();
      });
    } else {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(kept);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    base: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function latency(
  repetitions: number,
  log: (line: string) => void,
  results: HubResult[],
  detail: Record<string, unknown>,
): Promise<void> {
  const h = await startHub();
  const echo = await echoServer();
  const a = await openProfile('a');
  const b = await openProfile('b');
  try {
    const teamId = await newTeam(h);
    const teamKey = generateTeamKey();
    // A's sealed bundles, as they go out, for the floor to send the same bytes.
    const sent: Uint8Array[] = [];
    const plain = fetchTransport(h.base, nodeFetch);
    // Time spent waiting for the hub's answers, per profile: the rest of a run is the client's.
    const waited = { a: 0, b: 0 };
    const timed =
      (who: 'a' | 'b'): HubTransport =>
      async (request) => {
        if (who === 'a' && request.method === 'PATCH' && request.body) sent.push(request.body);
        const at = now();
        try {
          return await plain(request);
        } finally {
          waited[who] += now() - at;
        }
      };
    const syncA = new TeamSync(a, { transportFor: () => timed('a') });
    const syncB = new TeamSync(b, { transportFor: () => timed('b') });
    await syncA.join({
      hubUrl: h.base,
      code: await inviteCode(h, teamId),
      teamKey,
      deviceName: 'A',
    });
    await syncB.join({
      hubUrl: h.base,
      code: await inviteCode(h, teamId),
      teamKey,
      deviceName: 'B',
    });
    await syncA.run();
    await syncB.run();

    const clientMs: number[] = [];
    const parts = {
      create: [] as number[],
      runA: [] as number[],
      hubA: [] as number[],
      runB: [] as number[],
      hubB: [] as number[],
    };
    const floorMs: number[] = [];
    const bundleBytes: number[] = [];
    for (let i = 0; i < repetitions + 2; i++) {
      sent.length = 0;
      waited.a = 0;
      waited.b = 0;
      const started = now();
      const { id } = await a.create('incident', {
        ...emptyIncident('2025-03-01'),
        title: `Checkpoint closed ${i}`,
        notes: 'Reported by two shopkeepers near the bridge.',
      });
      const created = now();
      await syncA.run();
      const pushed = now();
      await syncB.run();
      const elapsed = now() - started;
      if ((await b.get('incident', id)) === undefined) throw new Error(`B does not hold ${id}.`);
      const envelope = Buffer.concat(sent);
      // The floor: one upload and one download of the same bytes over loopback HTTP.
      const floorStarted = now();
      const put = await fetch(`${echo.base}/bundle`, { method: 'PUT', body: envelope });
      if (put.status !== 204) throw new Error(`The echo server answered ${put.status}.`);
      const got = new Uint8Array(await (await fetch(`${echo.base}/bundle`)).arrayBuffer());
      if (got.length !== envelope.length) throw new Error('The echo server answered other bytes.');
      const floor = now() - floorStarted;
      // The first two are warm-up (JIT, connections).
      if (i < 2) continue;
      clientMs.push(elapsed);
      parts.create.push(created - started);
      parts.runA.push(pushed - created);
      parts.runB.push(started + elapsed - pushed);
      parts.hubA.push(waited.a);
      parts.hubB.push(waited.b);
      floorMs.push(floor);
      bundleBytes.push(envelope.length);
    }
    const p50 = median(clientMs);
    const p95Ms = p95(clientMs);
    const floorP50 = median(floorMs);
    const floorP95 = p95(floorMs);
    log(
      `hub.latency: change on A to B holding it, ${repetitions} repetitions: median ${p50.toFixed(1)} ms, p95 ${p95Ms.toFixed(1)} ms; ` +
        `floor (upload + download of the same ${median(bundleBytes)} bytes) median ${floorP50.toFixed(2)} ms, p95 ${floorP95.toFixed(2)} ms`,
    );
    const medians = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, median(v)]));
    log(
      `hub.latency medians: create on A ${medians.create!.toFixed(1)} ms, A's sync run (export, seal, upload) ${medians.runA!.toFixed(1)} ms of which ${medians.hubA!.toFixed(1)} ms waiting for the hub, B's sync run (list, download, open, apply) ${medians.runB!.toFixed(1)} ms of which ${medians.hubB!.toFixed(1)} ms waiting for the hub`,
    );
    results.push(
      {
        name: 'hub.latency.p50',
        value: p50,
        unit: 'ms',
        floor: floorP50,
        ratio: p50 / floorP50,
        target: null,
      },
      {
        name: 'hub.latency.p95',
        value: p95Ms,
        unit: 'ms',
        floor: floorP95,
        ratio: p95Ms / floorP95,
        target: null,
      },
    );
    detail.latency = {
      repetitions,
      medians,
      clientMs,
      floorMs,
      bundleBytes,
      store: 'fake-indexeddb (Node)',
    };
  } finally {
    a.close();
    b.close();
    await echo.close();
    await h.stop();
  }
}

export async function runHubBench(options: {
  scale: number;
  repetitions: number;
  log: (line: string) => void;
}): Promise<{ results: HubResult[]; detail: Record<string, unknown> }> {
  const results: HubResult[] = [];
  const detail: Record<string, unknown> = { loadAverage: { start: os.loadavg() } };
  await throughput(options.scale, options.log, results, detail);
  await latency(options.repetitions, options.log, results, detail);
  (detail.loadAverage as Record<string, unknown>).end = os.loadavg();
  return { results, detail };
}

// ---- command line (the runner's child process) -------------------------------------------------

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const out = argument('--out');
const hubDir = argument('--serve-hub');
if (hubDir !== undefined) {
  // The hub process: the admin token on stdin, the address on stdout, SIGTERM to stop.
  let token = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (part: string) => (token += part));
  process.stdin.on('end', () => {
    serveHub(hubDir, token.trim())
      .then(({ hub, base }) => {
        console.log(base);
        process.once('SIGTERM', () => {
          hub.close().then(
            () => process.exit(0),
            () => process.exit(1),
          );
        });
      })
      .catch((error: unknown) => {
        console.error(error instanceof Error ? (error.stack ?? error.message) : error);
        process.exit(1);
      });
  });
} else if (out !== undefined) {
  const startedAt = Date.now();
  runHubBench({
    scale: Number(argument('--scale') ?? '1'),
    repetitions: Number(argument('--repetitions') ?? '20'),
    log: (line) => console.log(`  [hub +${Math.round((Date.now() - startedAt) / 1000)}s] ${line}`),
  })
    .then((result) => writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    });
}
