/**
 * `hub.latency.p50`, `hub.latency.p95`: a fresh incident created on profile A (DaftarData on
 * fake-indexeddb in Node), then A's sync run and B's sync run (`TeamSync.run`, the app's code)
 * until B holds it — against one upload and one download of the same sealed bundle bytes to a
 * bare loopback server (floors.ts), so the ratio is what the client and the hub add. Values in
 * milliseconds; the medians of each part (create, A's run, B's run, the hub's share of each) are
 * in the log and detail. The first two changes are warm-up (JIT, connections) and not counted.
 */
import 'fake-indexeddb/auto';
import { DaftarData } from '../../../renderer/data/daftarData.ts';
import { TeamSync } from '../../../renderer/sync/teamSync.ts';
import { generateDeviceKeyPair, signerFromKey } from '../../../shared/bundle/crypto.ts';
import { emptyIncident } from '../../../shared/domain/incident.ts';
import { fetchTransport, type HubTransport } from '../../../shared/teamSync/hubTransport.ts';
import { generateTeamKey } from '../../../shared/teamSync/teamCipher.ts';
import { echoServer, roundTripFloor } from './floors.ts';
import { inviteCode, newTeam, nodeFetch, startHub } from './hubProcess.ts';
import { median, now, p95, versusFloor, type HubResult } from './report.ts';
import { testSealer } from '../../helpers/testSealer.ts';

const WARM_UP = 2;

async function openProfile(label: string): Promise<DaftarData> {
  const keys = await generateDeviceKeyPair();
  const signer = signerFromKey(keys.privateKey, keys.publicKey);
  const data = await DaftarData.open({
    sealer: testSealer(),
    name: `hub-bench-${label}-${Math.random()}`,
    now: () => Date.now(),
    signer: () => Promise.resolve(signer),
    appVersion: 'bench',
  });
  await data.saveProfile({ name: `Researcher ${label}`, role: 'researcher' });
  return data;
}

export async function latency(
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
    for (let i = 0; i < repetitions + WARM_UP; i++) {
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
      const floor = await roundTripFloor(echo, envelope);
      if (i < WARM_UP) continue;
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
      versusFloor('hub.latency.p50', p50, 'ms', floorP50),
      versusFloor('hub.latency.p95', p95Ms, 'ms', floorP95),
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
