/**
 * `hub.push` and `hub.pull`: N sealed bundles (200 × 1 MiB and 4 × 32 MiB at full size; random
 * bytes sealed with the team key, as the app sends) uploaded one after another with
 * `HubClient.upload` (4 MiB chunks), then downloaded with `HubClient.download` (4 MiB ranges,
 * SHA-256 checked, as the client does) — against the disk floors (floors.ts). Values in seconds;
 * MiB/s, the transfer anchors and the time in each kind of hub request are in the log and detail.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { HubClient, type HubBundle } from '../../../shared/teamSync/hubClient.ts';
import { fetchTransport, type HubTransport } from '../../../shared/teamSync/hubTransport.ts';
import { generateTeamKey, sealForTeam } from '../../../shared/teamSync/teamCipher.ts';
import { readFloor, transferAnchors, writeFloor } from './floors.ts';
import { inviteCode, newTeam, nodeFetch, startHub } from './hubProcess.ts';
import { MiB, now, versusFloor, type HubResult } from './report.ts';

type ByRequest = Record<string, { count: number; ms: number }>;

/** `plain`, adding the time of each request to its kind (method and path, ids left out). */
function timedByKind(plain: HubTransport, byRequest: ByRequest): HubTransport {
  return async (request) => {
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
  };
}

export async function throughput(
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
    const byRequest: ByRequest = {};
    const sender = new HubClient(timedByKind(fetchTransport(h.base, nodeFetch), byRequest));
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

    const writeSeconds = await writeFloor(floorDir, envelopes);
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

    const readSeconds = await readFloor(floorDir, envelopes.length, bytes);
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

    const anchors = await transferAnchors(envelopes);
    log(
      `anchors: loopback HTTP only, 4 MiB requests: send ${(mib / anchors.loopbackPutSeconds).toFixed(0)} MiB/s, ` +
        `receive ${(mib / anchors.loopbackGetSeconds).toFixed(0)} MiB/s; client SHA-256 ${(mib / anchors.hashSeconds).toFixed(0)} MiB/s`,
    );

    results.push(
      versusFloor('hub.push', pushSeconds, 's', writeSeconds),
      versusFloor('hub.pull', pullSeconds, 's', readSeconds),
    );
    detail.throughput = {
      bundles: { small, large },
      mib,
      pushMiBps: mib / pushSeconds,
      writeMiBps: mib / writeSeconds,
      pullMiBps: mib / pullSeconds,
      readMiBps: mib / readSeconds,
      loopbackSendMiBps: mib / anchors.loopbackPutSeconds,
      loopbackReceiveMiBps: mib / anchors.loopbackGetSeconds,
      clientSha256MiBps: mib / anchors.hashSeconds,
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
