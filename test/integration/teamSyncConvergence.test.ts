/**
 * Three profiles of one team sync through the real hub (hub/src/server.ts, SQLite store in a
 * temporary folder) over real HTTP on 127.0.0.1, while things go wrong: a profile is offline for
 * a while (its transport throws), a connection is cut part-way through an upload chunk or a
 * download (the transport stops after N bytes), and at least once per run the hub is closed and
 * re-created on the same data folder while an upload is half done — the client must then go on
 * from the hub's offset. fast-check draws the schedule: creates, edits (often of the same field
 * of the same record on two profiles, so conflicts arise), deletes, syncs, outages and faults.
 * Then everyone is online and syncs until nothing moves, and:
 *
 * - the three canonical exports are byte-identical (conflicts included);
 * - every change set made anywhere is held everywhere (nothing lost);
 * - each profile applied every bundle of its teammates exactly once, and never refused one;
 * - an upload half done when the hub restarted went on from the hub's offset, not from 0.
 *
 * Client: the app's TeamSync on DaftarData over fake-indexeddb, with a transport over node:http
 * that keeps the contract of fetchTransport (a cut download answers the bytes that came, marked
 * `truncated`) and can cut a request body part-way, which fetch cannot. Skipped, with the reason
 * printed, when the hub's modules or their native dependencies cannot be loaded.
 *
 *   DAFTAR_HUB_FC_RUNS=100 npx vitest run test/integration/teamSyncConvergence.test.ts
 *   FC_SEED=1234 ...                                   (repeat a logged seed)
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dexie } from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { emptySource } from '../../shared/domain/source.ts';
import { isHubError } from '../../shared/teamSync/hubError.ts';
import type { HubRequest, HubResponse, HubTransport } from '../../shared/teamSync/hubTransport.ts';
import { generateTeamKey } from '../../shared/teamSync/teamCipher.ts';
import { TeamSync } from '../../renderer/sync/teamSync.ts';
import { openReplica, type Replica } from '../helpers/replica.ts';

// ---- the hub, loaded like renderer/sync/teamSync.hub.test.ts does ----------------------------

interface HubStoreLike {
  setAdminTokenHash(hash: string): Promise<void>;
}
interface HubLike {
  app: { listen(o: { port: number; host: string }): Promise<string> };
  close(): Promise<void>;
}
interface HubModules {
  createHub(o: { store: HubStoreLike; dataDir: string; sweepTimer: boolean }): Promise<HubLike>;
  openSqliteStore(dataDir: string): HubStoreLike;
  newToken(): string;
  sha256Hex(value: string): string;
}

let modules: HubModules | null = null;
try {
  const paths = [
    '../../hub/src/server.ts',
    '../../hub/src/store/sqliteStore.ts',
    '../../hub/src/ids.ts',
  ];
  const [server, sqlite, ids] = await Promise.all(
    paths.map((p) => import(/* @vite-ignore */ p) as Promise<Record<string, unknown>>),
  );
  modules = { ...server, ...sqlite, ...ids } as unknown as HubModules;
} catch (error) {
  console.log(
    `Skipping the hub convergence test: the hub cannot be loaded (${error instanceof Error ? error.message : String(error)}).`,
  );
}

/** A hub process stand-in: closed and re-created on the same data folder and port. */
class LiveHub {
  private hub: HubLike | null = null;
  port = 0;
  restarts = 0;
  readonly adminToken: string;

  private constructor(
    private readonly m: HubModules,
    readonly dataDir: string,
  ) {
    this.adminToken = m.newToken();
  }

  static async start(m: HubModules): Promise<LiveHub> {
    const live = new LiveHub(m, await mkdtemp(join(tmpdir(), 'daftar-hub-converge-')));
    await live.open(true);
    return live;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private async open(first: boolean): Promise<void> {
    const store = this.m.openSqliteStore(this.dataDir);
    if (first) await store.setAdminTokenHash(this.m.sha256Hex(this.adminToken));
    this.hub = await this.m.createHub({ store, dataDir: this.dataDir, sweepTimer: false });
    const address = await this.hub.app.listen({ port: this.port, host: '127.0.0.1' });
    this.port = Number(new URL(address).port);
  }

  async restart(): Promise<void> {
    await this.hub?.close();
    this.hub = null;
    this.restarts++;
    await this.open(false);
  }

  async stop(): Promise<void> {
    await this.hub?.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  /** An admin or member call the test itself makes (fetch; never through a faulty transport). */
  async call(token: string, method: string, path: string, body?: object): Promise<unknown> {
    const response = await fetch(this.base + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (response.status >= 300)
      throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as unknown;
  }
}

// ---- a transport over node:http with faults ---------------------------------------------------

interface Faults {
  offline: boolean;
  /** Cut the connection after `after` bytes of the `onPatch`-th PATCH from now. */
  cutUpload: { after: number; onPatch: number; thenOffline: boolean } | null;
  /** Stop reading the next bundle download after this many bytes. */
  cutDownloadAfter: number | null;
}

interface PatchLog {
  upload: string;
  offset: number;
  restarts: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function faultyTransport(
  faults: Faults,
  patches: PatchLog[],
  hub: LiveHub,
  stats: Stats,
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

// ---- the schedule -----------------------------------------------------------------------------

const TEXTS = ['', 'حمله در کابل', 'په کندهار کې چاودنه', 'line one\r\nline two', '🙂', 'A'];
const text = fc.constantFrom(...TEXTS);
const who = fc.integer({ min: 0, max: 2 });

const stepArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ type: fc.constant('createIncident' as const), r: who, title: text }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('createSource' as const), r: who, title: text }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('edit' as const),
      r: who,
      pick: fc.nat(),
      field: fc.constantFrom('title', 'notes', 'fatalities'),
      value: text,
    }),
  },
  // Two profiles edit the same field of the same record before either syncs: a conflict.
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('clash' as const),
      r: who,
      other: fc.integer({ min: 1, max: 2 }),
      a: text,
      b: text,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('big' as const),
      r: who,
      pick: fc.nat(),
      salt: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('editSource' as const),
      r: who,
      pick: fc.nat(),
      title: text,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('delete' as const), r: who, pick: fc.nat() }),
  },
  { weight: 8, arbitrary: fc.record({ type: fc.constant('sync' as const), r: who }) },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('offline' as const), r: who, on: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('cutUpload' as const),
      r: who,
      after: fc.integer({ min: 1, max: 4_000 }),
      onPatch: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('cutDownload' as const),
      r: who,
      after: fc.integer({ min: 0, max: 6_000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('restart' as const),
      r: who,
      after: fc.integer({ min: 1, max: 1_500 }),
      salt: fc.nat(),
    }),
  },
);
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;
type RestartStep = Extract<Step, { type: 'restart' }>;

/** A schedule: random steps, with one hub restart mid-upload somewhere among them. */
const scheduleArb = fc
  .tuple(
    fc.array(stepArb, { minLength: 10, maxLength: 30 }),
    fc.record({
      type: fc.constant('restart' as const),
      r: who,
      after: fc.integer({ min: 1, max: 1_500 }),
      salt: fc.nat(),
    }),
    fc.nat(),
  )
  .map(([steps, restart, at]) => {
    const out: Step[] = [...steps];
    out.splice(at % (steps.length + 1), 0, restart);
    return out;
  });

interface Stats {
  uploadCuts: number;
  downloadCuts: number;
  restartsHalfDone: number;
  /** Runs that ended with at least one conflict (identical on every profile). */
  runsWithConflicts: number;
  offlineRuns: number;
  syncRuns: number;
}

interface Member {
  r: Replica;
  sync: TeamSync;
  faults: Faults;
  /** Bundles applied from the hub, as the runs that finished counted them. */
  pulled: number;
  /** The id of every bundle applyBundle was called with and finished, in order. */
  applied: string[];
  memberId: string;
  token: string;
}

/** Incompressible notes, so a bundle takes several upload chunks. */
function bigNotes(salt: number): string {
  let x = (salt % 2_147_483_646) + 1;
  let out = '';
  for (let i = 0; i < 12_000; i++) {
    x = (x * 48_271) % 2_147_483_647;
    out += String.fromCharCode(0x21 + (x % 90));
  }
  return out;
}

const CHUNK = 2_048;
const today = '2025-03-01';

async function liveIds(r: Replica, kind: 'incident' | 'source'): Promise<string[]> {
  return (await r.data.all(kind)).map((x) => x.id).sort();
}

/** One sync run; an outage (the transport failing) is expected, anything else fails the test. */
async function syncOnce(m: Member, stats: Stats): Promise<boolean> {
  stats.syncRuns++;
  try {
    const result = await m.sync.run();
    m.pulled += result.pulled;
    expect(result.refused).toEqual([]);
    return true;
  } catch (error) {
    if (isHubError(error) && error.code === 'offline') {
      stats.offlineRuns++;
      return false;
    }
    throw error;
  }
}

async function edit(m: Member, step: Step): Promise<void> {
  const r = m.r;
  r.clock.now += 1_000;
  switch (step.type) {
    case 'createIncident':
      await r.data.create('incident', { ...emptyIncident(today), title: step.title || 'untitled' });
      return;
    case 'createSource':
      await r.data.create('source', { ...emptySource(today), title: step.title || 'untitled' });
      return;
    case 'edit': {
      const ids = await liveIds(r, 'incident');
      if (ids.length === 0) return;
      // Mostly the oldest two records, so teammates often edit the same one.
      const id = ids[step.pick % Math.min(ids.length, 2)]!;
      const patch =
        step.field === 'fatalities'
          ? { fatalities: step.value.length }
          : step.field === 'title'
            ? { title: step.value || 'untitled' }
            : { notes: step.value };
      await r.data.update('incident', id, patch);
      return;
    }
    case 'big': {
      const ids = await liveIds(r, 'incident');
      if (ids.length === 0) {
        await r.data.create('incident', {
          ...emptyIncident(today),
          title: 'long',
          notes: bigNotes(step.salt),
        });
      } else {
        await r.data.update('incident', ids[step.pick % ids.length]!, {
          notes: bigNotes(step.salt),
        });
      }
      return;
    }
    case 'editSource': {
      const ids = await liveIds(r, 'source');
      if (ids.length > 0)
        await r.data.update('source', ids[step.pick % ids.length]!, {
          title: step.title || 'untitled',
        });
      return;
    }
    case 'delete': {
      const ids = await liveIds(r, 'incident');
      if (ids.length > 0) await r.data.deleteWithLinks('incident', ids[step.pick % ids.length]!);
      return;
    }
    default:
  }
}

async function restartMidUpload(
  hub: LiveHub,
  m: Member,
  teamId: string,
  step: RestartStep,
  stats: Stats,
  resumes: PatchLog[],
): Promise<void> {
  // Something of several chunks to push (unless an earlier upload is still pending).
  await edit(m, { type: 'big', r: step.r, pick: 0, salt: step.salt });
  const wasOffline = m.faults.offline;
  m.faults.offline = false;
  m.faults.cutUpload = { after: step.after, onPatch: 1, thenOffline: true };
  await syncOnce(m, stats);
  m.faults.cutUpload = null;
  const pending = await m.sync.store.pendingPush();
  if (pending?.uploadId !== undefined) {
    // The hub holds part of the upload now, and must still hold it after the restart. First let
    // it finish with the bytes of the cut chunk: the offset stops moving.
    const uploadPath = `/v1/teams/${teamId}/uploads/${pending.uploadId}`;
    const state = async () =>
      ((await hub.call(m.token, 'GET', uploadPath)) as { upload: { offset: number; size: number } })
        .upload;
    let before = await state();
    for (let settled = 0; settled < 2;) {
      await sleep(40);
      const now = await state();
      settled = now.offset === before.offset ? settled + 1 : 0;
      before = now;
    }
    await hub.restart();
    const after = await state();
    expect(after, "the upload's state after the hub restarted").toEqual(before);
    if (after.offset > 0 && after.offset < after.size) {
      stats.restartsHalfDone++;
      resumes.push({
        upload: pending.uploadId,
        offset: after.offset,
        restarts: hub.restarts,
      });
    }
  } else {
    await hub.restart();
  }
  m.faults.offline = wasOffline;
}

async function runSchedule(m0: HubModules, steps: readonly Step[], stats: Stats): Promise<void> {
  const hub = await LiveHub.start(m0);
  const members: Member[] = [];
  try {
    const { team } = (await hub.call(hub.adminToken, 'POST', '/v1/admin/teams', {
      name: 'Balkh team',
    })) as {
      team: { id: string };
    };
    const teamKey = generateTeamKey();
    const patches: PatchLog[] = [];
    const resumes: PatchLog[] = [];
    for (const label of ['a', 'b', 'c']) {
      const r = await openReplica(label);
      const faults: Faults = { offline: false, cutUpload: null, cutDownloadAfter: null };
      const sync = new TeamSync(r.data, {
        transportFor: (url) => {
          expect(url).toBe(hub.base);
          return faultyTransport(faults, patches, hub, stats);
        },
        now: () => r.clock.now,
        chunkBytes: CHUNK,
      });
      const applied: string[] = [];
      const exchange = r.data.exchange;
      const apply = exchange.applyBundle.bind(exchange);
      exchange.applyBundle = async (plan, options) => {
        const report = await apply(plan, options);
        applied.push(plan.bundle.manifest.bundleId);
        return report;
      };
      const { invite } = (await hub.call(
        hub.adminToken,
        'POST',
        `/v1/admin/teams/${team.id}/invites`,
        {},
      )) as {
        invite: { code: string };
      };
      const config = await sync.join({
        hubUrl: hub.base,
        code: invite.code,
        teamKey,
        deviceName: `Laptop ${label}`,
      });
      members.push({
        r,
        sync,
        faults,
        pulled: 0,
        applied,
        memberId: config.member.id,
        token: config.token,
      });
    }

    for (const step of steps) {
      const m = members[step.r]!;
      switch (step.type) {
        case 'sync':
          await syncOnce(m, stats);
          break;
        case 'offline':
          m.faults.offline = step.on;
          break;
        case 'cutUpload':
          await edit(m, { type: 'big', r: step.r, pick: step.after, salt: step.after });
          m.faults.cutUpload = { after: step.after, onPatch: step.onPatch, thenOffline: false };
          await syncOnce(m, stats);
          m.faults.cutUpload = null;
          break;
        case 'cutDownload':
          // Armed until a download comes (this run or a later one).
          m.faults.cutDownloadAfter = step.after;
          await syncOnce(m, stats);
          break;
        case 'restart':
          await restartMidUpload(hub, m, team.id, step, stats, resumes);
          break;
        case 'clash': {
          const other = members[(step.r + step.other) % 3]!;
          const shared = await liveIds(m.r, 'incident');
          const theirs = new Set(await liveIds(other.r, 'incident'));
          const id = shared.find((x) => theirs.has(x));
          if (id === undefined) break;
          m.r.clock.now += 1_000;
          other.r.clock.now += 1_000;
          await m.r.data.update('incident', id, { title: step.a || 'one' });
          await other.r.data.update('incident', id, { title: step.b || 'other' });
          break;
        }
        default:
          await edit(m, step);
      }
    }

    // Should the schedule's restart have found nothing half sent (an upload already complete),
    // once more, so that every run restarts the hub in the middle of an upload.
    if (resumes.length === 0) {
      await restartMidUpload(
        hub,
        members[0]!,
        team.id,
        { type: 'restart', r: 0, after: 700, salt: 1 },
        stats,
        resumes,
      );
    }
    expect(resumes.length, 'hub restarts with an upload half done').toBeGreaterThan(0);

    // Everyone online; sync in turn until a whole round moves nothing.
    for (const { faults } of members) {
      faults.offline = false;
      faults.cutUpload = null;
      faults.cutDownloadAfter = null;
    }
    let quiet = false;
    for (let round = 0; round < 8 && !quiet; round++) {
      quiet = true;
      for (const m of members) {
        const before = m.pulled;
        const result = await m.sync.run();
        m.pulled += result.pulled;
        expect(result.refused).toEqual([]);
        if (result.pushed > 0 || m.pulled > before) quiet = false;
      }
    }
    expect(quiet, 'sync settles within 8 rounds').toBe(true);

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
      `/v1/teams/${team.id}/bundles?limit=500`,
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
      const stats: Stats = {
        uploadCuts: 0,
        downloadCuts: 0,
        restartsHalfDone: 0,
        runsWithConflicts: 0,
        offlineRuns: 0,
        syncRuns: 0,
      };
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
