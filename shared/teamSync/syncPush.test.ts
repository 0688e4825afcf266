import { describe, expect, it } from 'vitest';
import { statusOfError } from './syncStatus.ts';
import { sealForTeam } from './teamCipher.ts';
import { TeamSyncError } from './teamSyncError.ts';
import { toyTeam, type Toy } from './testing/toyTeam.ts';
import { utf8 } from './webCrypto.ts';

/** The hub's bundle limit in these tests (bytes of the sealed bundle). */
const LIMIT = 400;
const small = (i: number) => `change ${String(i).padStart(2, '0')} ${'x'.repeat(40)}`;
const backlog = Array.from({ length: 20 }, (_, i) => small(i));

async function failure(run: Promise<unknown>): Promise<unknown> {
  return run.then(
    () => null,
    (e: unknown) => e,
  );
}

describe('a push larger than the hub takes', () => {
  it('goes in parts, oldest first, each within the limit, all in one run', async () => {
    const { hub, teamId, toys } = await toyTeam(2, { maxBundleBytes: LIMIT });
    const [a, b] = toys as [Toy, Toy];
    for (const name of backlog) a.changes.add(name);
    const result = await a.sync({ maxBundleBytes: LIMIT });
    expect(result).toMatchObject({ pushed: 20 });
    expect(result.parts).toBeGreaterThan(2);
    const bundles = hub.bundlesOf(teamId);
    expect(bundles).toHaveLength(result.parts);
    for (const bundle of bundles) expect(bundle.size).toBeLessThanOrEqual(LIMIT);
    // Halved until it fit: the whole backlog, then 10, then 5 of the oldest.
    expect(a.exports.slice(0, 3).map((e) => [e.cut, e.changes.length])).toEqual([
      [null, 20],
      [10, 10],
      [5, 5],
    ]);
    // Bundles in seq order bring the changes in the order they were written.
    await b.sync();
    expect([...b.changes]).toEqual(backlog);
    expect(await a.sync({ maxBundleBytes: LIMIT })).toMatchObject({ pushed: 0, parts: 0 });
    expect(hub.bundlesOf(teamId)).toHaveLength(result.parts);
  });

  it('learns from the hub refusing a size that it takes less, and sends smaller parts', async () => {
    const { hub, teamId, toys } = await toyTeam(2, { maxBundleBytes: LIMIT });
    const [a, b] = toys as [Toy, Toy];
    for (const name of backlog) a.changes.add(name);
    // The app's limit is the protocol's 256 MiB; this hub is set to take less.
    const result = await a.sync();
    expect(result.pushed).toBe(20);
    for (const bundle of hub.bundlesOf(teamId)) expect(bundle.size).toBeLessThanOrEqual(LIMIT);
    expect(a.pending).toBeNull();
    await b.sync();
    expect([...b.changes]).toEqual(backlog);
  });

  it('makes again in parts an upload sealed whole that the hub never took (an earlier version)', async () => {
    const { hub, teamId, key, toys } = await toyTeam(2, { maxBundleBytes: LIMIT });
    const [a, b] = toys as [Toy, Toy];
    for (const name of backlog) a.changes.add(name);
    a.pending = {
      envelope: await sealForTeam(utf8(JSON.stringify(backlog)), key, teamId),
      marker: backlog,
      changeSets: 20,
    };
    expect(a.pending.envelope.length).toBeGreaterThan(LIMIT);
    expect((await a.sync({ maxBundleBytes: LIMIT })).pushed).toBe(20);
    expect(hub.bundlesOf(teamId).length).toBeGreaterThan(2);
    await b.sync();
    expect([...b.changes]).toEqual(backlog);
  });

  it('keeps each part resumable: stored before its upload, resumed with the same bytes', async () => {
    const { hub, teamId, toys } = await toyTeam(2, { maxBundleBytes: LIMIT });
    const [a, b] = toys as [Toy, Toy];
    for (const name of backlog) a.changes.add(name);
    // The connection goes during the second part.
    let uploads = 0;
    hub.fault = (r) =>
      r.method === 'POST' && r.path.endsWith('/uploads')
        ? (++uploads, undefined)
        : r.method === 'PATCH' && uploads === 2
          ? 'dropRequest'
          : undefined;
    await expect(a.sync({ maxBundleBytes: LIMIT })).rejects.toMatchObject({ code: 'offline' });
    expect(hub.bundlesOf(teamId)).toHaveLength(1);
    const second = a.pending!;
    expect(second.uploadId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(second.envelope.length).toBeLessThanOrEqual(LIMIT);
    hub.fault = () => undefined;
    const before = hub.log.length;
    expect((await a.sync({ maxBundleBytes: LIMIT })).pushed).toBe(20 - 5);
    // Resumed where the hub had it (asked first), not started again.
    const uploadRequests = hub.log.slice(before).filter((l) => l.includes('/uploads'));
    expect(uploadRequests[0]).toBe(`GET /v1/teams/${teamId}/uploads/${second.uploadId}`);
    expect(hub.bundlesOf(teamId)[1]!.bytes).toEqual(second.envelope);
    await b.sync();
    expect([...b.changes]).toEqual(backlog);
  });
});

describe('a change too large for the hub on its own', () => {
  const huge = `huge ${'y'.repeat(1_000)}`;
  const written = [small(0), small(1), huge, small(2), small(3), small(4)];

  it('is passed over and named, the rest is sent, and every run says so until dismissed', async () => {
    const { hub, teamId, toys } = await toyTeam(2, { maxBundleBytes: LIMIT });
    const [a, b] = toys as [Toy, Toy];
    for (const name of written) a.changes.add(name);
    const error = await failure(a.sync({ maxBundleBytes: LIMIT }));
    expect(error).toBeInstanceOf(TeamSyncError);
    expect(error).toMatchObject({
      code: 'tooLargeForHub',
      messageKey: 'teamSync.errors.tooLargeForHub',
      params: { count: 1, name: `Note ${huge}`, kind: 'note' },
    });
    expect((error as Error).message).toMatch(
      /more than the hub takes .* It was not sent to the hub; everything else was\. Send it to the team by file \(Exchange\)\./,
    );
    expect(a.notSent).toEqual([
      expect.objectContaining({ hlc: huge, bytes: expect.any(Number) as number }),
    ]);
    expect(a.notSent[0]!.bytes).toBeGreaterThan(LIMIT);
    expect(statusOfError(error, 5)).toMatchObject({ kind: 'error', code: 'tooLargeForHub' });
    // Everything else reached the hub, oldest first.
    await b.sync();
    expect([...b.changes]).toEqual(written.filter((name) => name !== huge));
    // The next run sends nothing again and still says what is wrong...
    const bundles = hub.bundlesOf(teamId).length;
    await expect(a.sync({ maxBundleBytes: LIMIT })).rejects.toMatchObject({
      code: 'tooLargeForHub',
    });
    expect(hub.bundlesOf(teamId)).toHaveLength(bundles);
    // ...and new work still goes.
    a.changes.add('after');
    await expect(a.sync({ maxBundleBytes: LIMIT })).rejects.toMatchObject({
      code: 'tooLargeForHub',
    });
    await b.sync();
    expect(b.changes.has('after')).toBe(true);
    // Dismissed (sent by file): the runs succeed again.
    a.notSent = [];
    expect(await a.sync({ maxBundleBytes: LIMIT })).toMatchObject({ pushed: 0 });
  });

  it('stops the push there, every run, when the state has no place to list it', async () => {
    const { hub, teamId, toys } = await toyTeam(1, { maxBundleBytes: LIMIT });
    const a = toys[0]!;
    for (const name of written) a.changes.add(name);
    const state = { ...a.deps.state, notSent: undefined, recordNotSent: undefined };
    const error = await failure(a.sync({ maxBundleBytes: LIMIT, state }));
    expect(error).toMatchObject({
      code: 'tooLargeForHub',
      messageKey: 'teamSync.errors.tooLargeForHubStopped',
    });
    expect([...a.onHub]).toEqual(written.slice(0, 2));
    const bundles = hub.bundlesOf(teamId).length;
    await expect(a.sync({ maxBundleBytes: LIMIT, state })).rejects.toMatchObject({
      code: 'tooLargeForHub',
    });
    expect(hub.bundlesOf(teamId)).toHaveLength(bundles);
  });

  it('is not passed over when only a hub set below the protocol refuses it: the push stops', async () => {
    const { toys } = await toyTeam(1, { maxBundleBytes: LIMIT });
    const a = toys[0]!;
    for (const name of written) a.changes.add(name);
    await expect(a.sync()).rejects.toMatchObject({
      code: 'tooLargeForHub',
      messageKey: 'teamSync.errors.tooLargeForHubStopped',
    });
    expect(a.notSent).toEqual([]);
    expect(a.onHub.has(huge)).toBe(false);
    expect([...a.onHub]).toEqual(written.slice(0, 2));
  });
});
