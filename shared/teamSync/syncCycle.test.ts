import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.ts';
import { HubError } from './hubError.ts';
import { statusOfError, statusOfSuccess } from './syncStatus.ts';
import { generateTeamKey, sealForTeam } from './teamCipher.ts';
import { TeamSyncError } from './teamSyncError.ts';
import { toyTeam, type Toy } from './testing/toyTeam.ts';
import { utf8 } from './webCrypto.ts';

describe('a sync run', () => {
  it('brings three devices to the same changes, and then has nothing to send', async () => {
    const { hub, teamId, toys } = await toyTeam(3);
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
    const { hub, teamId, key, toys } = await toyTeam(2);
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
    const { hub, teamId, toys } = await toyTeam(2);
    const [a, b] = toys as [Toy, Toy];
    for (let i = 0; i < 20; i++) a.changes.add(`change number ${i}`);
    let patches = 0;
    hub.fault = (r) => (r.method === 'PATCH' && ++patches >= 3 ? 'dropRequest' : undefined);
    await expect(a.sync()).rejects.toMatchObject({ code: 'offline' });
    expect(a.pending?.uploadId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const sealed = a.pending!.envelope;
    a.changes.add('written meanwhile');
    hub.fault = () => undefined;
    // The stopped upload first, with the same bytes; then, in the same run, what came since.
    expect(await a.sync()).toMatchObject({ pushed: 21, parts: 2 });
    expect(hub.bundlesOf(teamId)).toHaveLength(2);
    expect(hub.bundlesOf(teamId)[0]!.bytes).toEqual(sealed);
    expect(a.pending).toBeNull();
    expect((await a.sync()).pushed).toBe(0);

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
    const { hub, teamId, key, toys } = await toyTeam(2);
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
    const { hub, teamId, key, toys } = await toyTeam(2);
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
    const { hub, teamId, key, toys } = await toyTeam(1);
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

  it('stops with hubWentBack when a restored hub has numbered new bundles past this device', async () => {
    const { hub, teamId, toys } = await toyTeam(3);
    const [a, b, c] = toys as [Toy, Toy, Toy];
    a.changes.add('a1');
    await a.sync();
    a.changes.add('a2');
    await a.sync();
    await b.sync();
    expect(b.seq).toBe(2);
    expect(b.handled).toMatchObject({ seq: 2, sha256: hub.bundlesOf(teamId)[1]!.sha256 });
    // The hub is restored from a backup holding bundle 1 only; C then sends two bundles, which
    // the hub numbers 2 and 3: past B's seq again, and bundle 2 is not the one B handled.
    hub.restore(teamId, 1);
    c.changes.add('c1');
    await c.sync();
    c.changes.add('c2');
    await c.sync();
    expect(hub.bundlesOf(teamId).map((x) => x.seq)).toEqual([1, 2, 3]);
    b.changes.add('b1');
    const error = await b.sync().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TeamSyncError);
    expect(error).toMatchObject({
      code: 'hubWentBack',
      messageKey: 'teamSync.errors.hubWentBackRenumbered',
      params: { head: 3, applied: 2 },
    });
    expect((error as Error).message).toMatch(/bundle number 2 is not the one this device received/);
    // Nothing skipped, nothing applied or pushed; the next run says the same.
    expect(b.seq).toBe(2);
    expect(b.applied).toBe(2);
    expect(b.changes.has('c1')).toBe(false);
    expect(hub.bundlesOf(teamId)).toHaveLength(3);
    await expect(b.sync()).rejects.toMatchObject({ code: 'hubWentBack' });
    expect(statusOfError(error, 7)).toMatchObject({
      code: 'hubWentBack',
      messageKey: 'teamSync.errors.hubWentBackRenumbered',
    });
    // C, whose bundles the restored hub holds as C handled them, goes on.
    expect(await c.sync()).toMatchObject({ appliedSeq: 3 });
  });

  it('checks the bundle handled last from the second run on when older state kept no hash', async () => {
    const { hub, teamId, toys } = await toyTeam(3);
    const [a, b, c] = toys as [Toy, Toy, Toy];
    a.changes.add('a1');
    await a.sync();
    await b.sync();
    // State kept by an earlier version: the seq alone.
    b.handled = null;
    expect(await b.sync()).toMatchObject({ pulled: 0, appliedSeq: 1 });
    expect(b.handled).toEqual({
      seq: 1,
      sha256: hub.bundlesOf(teamId)[0]!.sha256,
      member: hub.bundlesOf(teamId)[0]!.member,
    });
    hub.restore(teamId, 0);
    c.changes.add('c1');
    await c.sync();
    await expect(b.sync()).rejects.toMatchObject({ code: 'hubWentBack', params: { head: 1 } });
    expect(b.changes.has('c1')).toBe(false);
  });

  it('pages on past the bundle handled last when a page holds only that one', async () => {
    const { toys } = await toyTeam(2);
    const [a, b] = toys as [Toy, Toy];
    for (const name of ['a1', 'a2', 'a3']) {
      a.changes.add(name);
      await a.sync();
    }
    await b.sync({ pageSize: 1 });
    a.changes.add('a4');
    await a.sync();
    expect(await b.sync({ pageSize: 1 })).toMatchObject({ pulled: 1, appliedSeq: 4 });
    expect(b.changes.has('a4')).toBe(true);
  });

  it('stops at once when cancelled, and says so with the reason given', async () => {
    const { toys } = await toyTeam(1);
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
