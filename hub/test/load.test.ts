// 50 clients × 20 bundles over real HTTP on 127.0.0.1: no bundle lost, sequence numbers gap-free
// per team, every byte downloadable. Prints throughput and p99 latency.
import { afterAll, describe, expect, it } from 'vitest';
import { openTestHub, type TestHub } from './hubHarness.ts';
import { runLoadTest } from './loadTest.ts';

let t: TestHub | null = null;
afterAll(async () => {
  await t?.hub.close();
});

describe('load', () => {
  it('takes 1,000 bundles from 50 concurrent clients without loss or gaps', async () => {
    t = await openTestHub({ limits: { joinsPerMinute: 1000 } });
    const baseUrl = await t.hub.app.listen({ port: 0, host: '127.0.0.1' });
    const result = await runLoadTest({
      baseUrl,
      adminToken: t.adminToken,
      teams: 5,
      clients: 50,
      bundlesPerClient: 20,
      minBytes: 4 * 1024,
      maxBytes: 64 * 1024,
    });
    console.log(
      `hub load: ${result.bundles} bundles, ${(result.bytes / 1024 / 1024).toFixed(1)} MiB in ${result.seconds.toFixed(2)} s — ` +
        `${result.bundlesPerSecond.toFixed(0)} bundles/s, ${result.mebibytesPerSecond.toFixed(1)} MiB/s, ` +
        `p99 request ${result.p99RequestMs.toFixed(1)} ms, p99 bundle ${result.p99BundleMs.toFixed(1)} ms`,
    );
    for (const team of result.teams) {
      const token = team.tokens[0]!;
      const listed: { seq: number; sha256: string }[] = [];
      let head = -1;
      while (head === -1 || listed.length < head) {
        const page = await fetch(
          `${baseUrl}/v1/teams/${team.id}/bundles?after=${listed.length}&limit=500`,
          {
            headers: { authorization: `Bearer ${token}` },
          },
        );
        const body = (await page.json()) as {
          bundles: { seq: number; sha256: string }[];
          head: number;
        };
        head = body.head;
        if (body.bundles.length === 0) break;
        listed.push(...body.bundles);
      }
      expect(head).toBe(team.sent.length);
      expect(listed.map((b) => b.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
      expect(new Set(listed.map((b) => b.sha256))).toEqual(new Set(team.sent));
      const last = await fetch(`${baseUrl}/v1/teams/${team.id}/bundles/${head}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const bytes = Buffer.from(await last.arrayBuffer());
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(listed[head - 1]!.sha256);
    }
    expect(result.bundles).toBe(1000);
  }, 60_000);
});
