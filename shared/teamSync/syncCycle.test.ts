import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.ts';
import { HubClient } from './hubClient.ts';
import { HubError } from './hubError.ts';
import { runSyncCycle, type PendingPush, type Refusal, type SyncDeps } from './syncCycle.ts';
import { statusOfError, statusOfSuccess } from './syncStatus.ts';
import { generateTeamKey, sealForTeam } from './teamCipher.ts';
import { TeamSyncError } from './teamSyncError.ts';
import { FakeHub } from './testing/fakeHub.ts';
import { fromUtf8, utf8 } from './webCrypto.ts';

/** A toy replica: a set of change names; a "bundle" is their JSON; nonsense is refused. */
class Toy {
  readonly changes = new Set<string>();
  readonly onHub = new Set<string>();
  applied = 0;
  seq = 0;
  pending: PendingPush | null = null;
  refusals: Refusal[] = [];
  deps: SyncDeps;

  constructor(client: HubClient, teamId: string, teamKey: Uint8Array, memberId: string) {
    this.deps = {
      client,
      teamId,
      teamKey,
      memberId,
      now: () => Date.UTC(2025, 2, 1),
      chunkBytes: 64,
      state: {
        appliedSeq: async () => this.seq,
        setAppliedSeq: async (seq) => void (this.seq = seq),
        pendingPush: async () => this.pending,
        setPendingPush: async (p) => void (this.pending = p),
        recordRefusal: async (r) => void this.refusals.push(r),
      },
      importBundle: async (bytes) => {
        const list = JSON.parse(fromUtf8(bytes)) as unknown;
        if (!Array.isArray(list))
          throw Object.assign(new Error('Not a bundle.'), { code: 'notAZip' });
        for (const c of list as string[]) {
          this.changes.add(c);
          this.onHub.add(c);
        }
        this.applied++;
        return { applied: true };
      },
      isRefusal: (e) => (e as { code?: string }).code === 'notAZip',
      exportPending: async () => {
        const list = [...this.changes].filter((c) => !this.onHub.has(c));
        return list.length
          ? { bytes: utf8(JSON.stringify(list)), marker: list, changeSets: list.length }
          : null;
      },
      markPushed: async (marker) => {
        for (const c of marker as string[]) this.onHub.add(c);
      },
    };
  }

  sync(extra: Partial<SyncDeps> = {}) {
    return runSyncCycle({ ...this.deps, ...extra });
  }
}

async function team(n: number) {
  const hub = new FakeHub();
  const teamId = hub.createTeam('Team');
  const key = generateTeamKey();
  const toys: Toy[] = [];
  for (let i = 0; i < n; i++) {
    const answer = await new HubClient(hub.transport).join(hub.createInvite(teamId), `device ${i}`);
    toys.push(new Toy(new HubClient(hub.transport, answer.token), teamId, key, answer.member.id));
  }
  return { hub, teamId, key, toys };
}

describe('a sync run', () => {
  it('brings three devices to the same changes, and then has nothing to send', async () => {
    const { hub, teamId, toys } = await team(3);
    const [a, b, c] = toys as [Toy, Toy, Toy];
    a.changes.add('a1');
    b.changes.add('b1');
    expect(await a.sync()).toMatchObject({ pulled: 0, pushed: 1, appliedSeq: 0 });
    expect(await b.sync()).toMatchObject({ pulled: 1, pushed: 1, appliedSeq: 1 });
    await c.sync();
    await a.sync();
    for (const t of toys) expect([...t.changes].sort()).toEqual(['a1', 'b1']);
    // Nothing bounces: another round sends nothing and the hub keeps two bundles.
    for (const t of toys) expect((await t.sync()).pushed).toBe(0);
    expect(hub.bundlesOf(teamId)).toHaveLength(2);
    // A's own bundle was never downloaded back.
    expect(hub.log.filter((l) => l.endsWith('/bundles/1'))).toHaveLength(2);
  });

  it('refuses a bundle it cannot open or check, records why, and goes on to the next', async () => {
    const { hub, teamId, key, toys } = await team(2);
    const [a, b] = toys as [Toy, Toy];
    await hub.plant(teamId, 'mallory', utf8('garbage'));
    await hub.plant(teamId, 'mallory', await sealForTeam(utf8('{"not":"a list"}'), key, teamId));
    await hub.plant(teamId, 'mallory', await sealForTeam(utf8('["x"]'), generateTeamKey(), teamId));
    a.changes.add('a1');
    await a.sync();
    const result = await b.sync();
    expect(result.refused.map((r) => [r.seq, r.code])).toEqual([
      [1, 'notAnEnvelope'],
      [2, 'notAZip'],
      [3, 'cannotDecrypt'],
    ]);
    expect(b.refusals[2]).toMatchObject({
      member: 'mallory',
      message: expect.stringMatching(/another team or key/),
    });
    expect([...b.changes]).toEqual(['a1']);
    expect(b.seq).toBe(4);
    // Not retried.
    expect((await b.sync()).refused).toEqual([]);
  });

  it('resumes an interrupted push with the same bytes, and an interrupted pull where it stopped', async () => {
    const { hub, teamId, toys } = await team(2);
    const [a, b] = toys as [Toy, Toy];
    for (let i = 0; i < 20; i++) a.changes.add(`change number ${i}`);
    let patches = 0;
    hub.fault = (r) => (r.method === 'PATCH' && ++patches >= 3 ? 'dropRequest' : undefined);
    await expect(a.sync()).rejects.toMatchObject({ code: 'offline' });
    expect(a.pending?.uploadId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    a.changes.add('written meanwhile');
    hub.fault = () => undefined;
    expect((await a.sync()).pushed).toBe(20);
    expect(hub.bundlesOf(teamId)).toHaveLength(1);
    expect(a.pending).toBeNull();
    expect((await a.sync()).pushed).toBe(1);

    // A lost connection once is retried within the run; one that lasts stops the run after
    // bundle 1, and the next run starts at bundle 2.
    hub.fault = (r) => (/\/bundles\/2$/.test(r.path) ? 'dropRequest' : undefined);
    await expect(b.sync()).rejects.toMatchObject({ code: 'offline' });
    expect(b.seq).toBe(1);
    hub.fault = () => undefined;
    await b.sync();
    expect(b.applied).toBe(2);
    expect(b.changes.size).toBe(21);
  });

  it('refuses a bundle listed larger than the protocol allows without fetching it, and goes on', async () => {
    const { hub, teamId, key, toys } = await team(2);
    const [a, b] = toys as [Toy, Toy];
    await hub.plant(teamId, 'mallory', await sealForTeam(utf8('["huge"]'), key, teamId));
    (hub.bundlesOf(teamId)[0] as { size: number }).size = 2 ** 40;
    a.changes.add('a1');
    await a.sync();
    const result = await b.sync();
    expect(result.refused.map((r) => [r.seq, r.member, r.code])).toEqual([
      [1, 'mallory', 'too_large'],
    ]);
    expect(b.refusals[0]!.message).toMatch(/listed at 1099511627776 bytes/);
    expect(hub.log.filter((l) => l.endsWith('/bundles/1'))).toEqual([]);
    expect([...b.changes]).toEqual(['a1']);
    expect(b.seq).toBe(2);
  });

  it('refuses a bundle the hub lists but cannot serve, and goes on to the next', async () => {
    const { hub, teamId, key, toys } = await team(2);
    const [a, b] = toys as [Toy, Toy];
    await hub.plant(teamId, 'other', await sealForTeam(utf8('["lost"]'), key, teamId));
    (hub.bundlesOf(teamId)[0] as { lost?: boolean }).lost = true;
    a.changes.add('a1');
    await a.sync();
    const result = await b.sync();
    expect(result.refused.map((r) => [r.seq, r.member, r.code])).toEqual([
      [1, 'other', 'not_found'],
    ]);
    expect([...b.changes]).toEqual(['a1']);
    expect(b.seq).toBe(2);
  });

  it('stops with hubWentBack when the hub holds fewer bundles than this device handled', async () => {
    // Bundles 1..5 were handled before the hub was restored from an older backup; a teammate
    // has since sent one, which the hub numbers 1 again.
    const { hub, teamId, key, toys } = await team(1);
    const a = toys[0]!;
    a.seq = 5;
    await hub.plant(teamId, 'other', await sealForTeam(utf8('["new"]'), key, teamId));
    a.changes.add('a1');
    const error = await a.sync().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TeamSyncError);
    expect(error).toMatchObject({
      code: 'hubWentBack',
      messageKey: 'teamSync.errors.hubWentBack',
      params: { head: 1, applied: 5 },
    });
    expect((error as Error).message).toMatch(/older backup/);
    // Nothing skipped, nothing pushed to a hub in that state; the next run says the same.
    expect(a.seq).toBe(5);
    expect(a.applied).toBe(0);
    expect(hub.bundlesOf(teamId)).toHaveLength(1);
    await expect(a.sync()).rejects.toMatchObject({ code: 'hubWentBack' });
    expect(statusOfError(error, 7)).toMatchObject({
      kind: 'error',
      code: 'hubWentBack',
      retryAt: 7,
    });
    // Once the hub is past the seq again (restored from a newer backup), sync goes on.
    for (let i = 0; i < 5; i++) {
      await hub.plant(teamId, 'other', await sealForTeam(utf8(`["n${i}"]`), key, teamId));
    }
    expect(await a.sync()).toMatchObject({ pulled: 1, appliedSeq: 6, pushed: 1 });
  });

  it('stops at once when cancelled, and says so with the reason given', async () => {
    const { toys } = await team(1);
    const controller = new AbortController();
    controller.abort(new Error('Sync cancelled.'));
    toys[0]!.changes.add('x');
    await expect(toys[0]!.sync({ signal: controller.signal })).rejects.toThrow('Sync cancelled.');
    expect(toys[0]!.pending).toBeNull();
  });
});

describe('backoff and status', () => {
  it('grows from about 5 s to a 15-minute cap with jitter, and resets on success', () => {
    const low = new Backoff({ random: () => 0 });
    const high = new Backoff({ random: () => 0.999999 });
    const lows = Array.from({ length: 11 }, () => low.next());
    const highs = Array.from({ length: 11 }, () => high.next());
    expect(lows.slice(0, 4)).toEqual([2_500, 5_000, 10_000, 20_000]);
    expect(highs.slice(0, 3)).toEqual([5_000, 10_000, 20_000]);
    expect(highs.at(-1)).toBe(900_000);
    expect(lows.at(-1)).toBe(450_000);
    expect(new Backoff({ random: () => 0 }).next(30_000)).toBe(30_000);
    low.reset();
    expect(low.next()).toBe(2_500);
  });

  it('shows offline as offline, and other failures as errors with a translated message key', () => {
    expect(statusOfError(new HubError('offline', 'ECONNREFUSED'), 5)).toEqual({
      kind: 'offline',
      retryAt: 5,
    });
    expect(statusOfError(new HubError('token_revoked'), null)).toMatchObject({
      kind: 'error',
      code: 'token_revoked',
      messageKey: 'teamSync.hubErrors.token_revoked',
    });
    expect(statusOfSuccess(0, 9)).toEqual({ kind: 'upToDate', at: 9 });
    expect(statusOfSuccess(3, 9)).toEqual({ kind: 'pending', changes: 3 });
  });
});
