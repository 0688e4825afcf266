/**
 * Three profiles of one team sync through the real hub (hub/src/server.ts, SQLite store in a
 * temporary folder) over real HTTP on 127.0.0.1, while things go wrong: a profile is offline for
 * a while (its transport throws), a connection is cut part-way through an upload chunk or a
 * download (the transport stops after N bytes), and at least once per run the hub is closed and
 * re-created on the same data folder while an upload is half done — the client must then go on
 * from the hub's offset. fast-check draws the schedule (support/hubSchedule.ts): creates, edits
 * (often of the same field of the same record on two profiles, so conflicts arise), deletes,
 * syncs, outages and faults. Then everyone is online and syncs until nothing moves, and:
 *
 * - the three canonical exports are byte-identical (conflicts included);
 * - every change set made anywhere is held everywhere (nothing lost);
 * - each profile applied every bundle of its teammates exactly once, and never refused one;
 * - an upload half done when the hub restarted went on from the hub's offset, not from 0.
 *
 * Client: the app's TeamSync on DaftarData over fake-indexeddb (support/hubTeam.ts), with a
 * transport over node:http that can cut a request body part-way, which fetch cannot
 * (support/faultyTransport.ts). Skipped, with the reason printed, when the hub's modules or
 * their native dependencies cannot be loaded (support/liveHub.ts).
 *
 *   DAFTAR_HUB_FC_RUNS=100 npx vitest run test/integration/teamSyncConvergence.test.ts
 *   FC_SEED=1234 ...                                   (repeat a logged seed)
 */
import { Dexie } from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PatchLog } from './support/faultyTransport.ts';
import { playStep, restartMidUpload, scheduleArb, type Step } from './support/hubSchedule.ts';
import { joinTeam, newStats, syncUntilQuiet, type Member, type Stats } from './support/hubTeam.ts';
import { LiveHub, loadHubModules, type HubModules } from './support/liveHub.ts';

const modules = await loadHubModules();

async function runSchedule(m0: HubModules, steps: readonly Step[], stats: Stats): Promise<void> {
  const hub = await LiveHub.start(m0);
  const members: Member[] = [];
  try {
    const patches: PatchLog[] = [];
    const resumes: PatchLog[] = [];
    const teamId = await joinTeam(hub, members, patches, stats);
    for (const step of steps) await playStep(hub, members, teamId, step, stats, resumes);

    // Should the schedule's restart have found nothing half sent (an upload already complete),
    // once more, so that every run restarts the hub in the middle of an upload.
    if (resumes.length === 0) {
      const step = { type: 'restart', r: 0, after: 700, salt: 1 } as const;
      await restartMidUpload(hub, members, teamId, step, stats, resumes);
    }
    expect(resumes.length, 'hub restarts with an upload half done').toBeGreaterThan(0);

    expect(await syncUntilQuiet(members), 'sync settles within 8 rounds').toBe(true);

    // Byte-identical canonical exports, conflicts included.
    const exports = await Promise.all(members.map((m) => m.r.data.exchange.canonicalExport()));
    expect(exports[1]).toBe(exports[0]);
    expect(exports[2]).toBe(exports[0]);
    const conflicts = await Promise.all(
      members.map(async (m) =>
        JSON.stringify(
          (await m.r.data.exchange.conflicts()).map((c) => [c.kind, c.id, c.field, c.versions]),
        ),
      ),
    );
    expect(conflicts[1]).toBe(conflicts[0]);
    expect(conflicts[2]).toBe(conflicts[0]);
    if (conflicts[0] !== '[]') stats.runsWithConflicts++;

    // Nothing lost: every change set made anywhere is held everywhere.
    // A change set's id is its clock (unique per device and event).
    const held = await Promise.all(
      members.map(async (m) =>
        (await m.r.data.store.allChanges()).map(
          (c) => `${c.device}|${c.hlc}|${c.kind}:${c.recordId}`,
        ),
      ),
    );
    const union = [...new Set(held.flat())].sort();
    expect(union.length, 'change sets made (the restart step edits at least once)').toBeGreaterThan(
      0,
    );
    for (const list of held) {
      expect(new Set(list).size, 'a change set stored twice').toBe(list.length);
      expect([...list].sort()).toEqual(union);
    }

    // Nothing applied twice: each teammate bundle on the hub applied exactly once, logged once.
    const { bundles } = (await hub.call(
      members[0]!.token,
      'GET',
      `/v1/teams/${teamId}/bundles?limit=500`,
    )) as {
      bundles: { member: string }[];
    };
    for (const m of members) {
      const fromOthers = bundles.filter((b) => b.member !== m.memberId).length;
      expect(new Set(m.applied).size, 'a bundle applied twice').toBe(m.applied.length);
      expect(m.applied.length, 'bundles applied from the hub').toBe(fromOthers);
      expect(await m.r.data.db.bundleLog.count()).toBe(fromOthers);
      const imported = (await m.r.data.db.custody.toArray()).filter(
        (e) => e.action === 'imported' && e.device === m.r.data.deviceId,
      );
      const keys = imported.map((e) => `${e.sourceId}|${e.attachment ?? ''}|${e.detail}`);
      expect(new Set(keys).size, 'one imported custody entry per bundle and subject').toBe(
        keys.length,
      );
    }

    // An upload the hub held half of across a restart went on from the hub's offset.
    for (const resume of resumes) {
      const next = patches.find((p) => p.upload === resume.upload && p.restarts >= resume.restarts);
      expect(next?.offset, `upload ${resume.upload} after the hub restarted`).toBe(resume.offset);
    }
    for (const m of members) expect(await m.sync.store.pendingPush()).toBeNull();
  } finally {
    for (const m of members) {
      m.r.data.close();
      await Dexie.delete(m.r.name);
    }
    await hub.stop();
  }
}

const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000_000);
const numRuns = Number(process.env.DAFTAR_HUB_FC_RUNS ?? 12);

describe.skipIf(modules === null)('team sync through the real hub, under faults', () => {
  it(
    'converges: identical exports, nothing lost, nothing applied twice',
    { timeout: 600_000 },
    async () => {
      console.log(
        `teamSyncConvergence.test.ts: ${numRuns} runs, fast-check seed ${seed} (FC_SEED to repeat)`,
      );
      const started = performance.now();
      const stats = newStats();
      await fc.assert(
        fc.asyncProperty(scheduleArb, (steps) => runSchedule(modules!, steps, stats)),
        { seed, numRuns, endOnFailure: true },
      );
      const seconds = (performance.now() - started) / 1_000;
      console.log(
        `teamSyncConvergence.test.ts: ${numRuns} runs in ${seconds.toFixed(1)} s; ${stats.syncRuns} sync runs ` +
          `(${stats.offlineRuns} offline), ${stats.uploadCuts} uploads and ${stats.downloadCuts} downloads cut, ` +
          `${stats.restartsHalfDone} hub restarts with an upload half done, ${stats.runsWithConflicts} runs ending with conflicts`,
      );
      // The faults the test is about did happen.
      expect(stats.restartsHalfDone).toBeGreaterThanOrEqual(numRuns);
      expect(stats.uploadCuts).toBeGreaterThan(0);
      expect(stats.downloadCuts).toBeGreaterThan(0);
    },
  );
});
