/**
 * The real hub (hub/test/hubHarness.ts: SQLite in a temporary folder) listening on 127.0.0.1,
 * for renderer tests that talk to it over HTTP. Loaded by dynamic import, so a test file can
 * skip, with the reason printed, where the hub's modules or their native dependencies
 * (better-sqlite3) cannot be loaded; each hub opened is closed and its folder removed after the
 * test that opened it. Also a scheduler environment whose timers never fire, for tests that run
 * sync on demand only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { SchedulerEnv } from '../../renderer/sync/syncScheduler.ts';

export interface TestHub {
  hub: {
    app: { listen(o: { port: number; host: string }): Promise<string> };
    close(): Promise<void>;
  };
  /** The operator's admin token. */
  adminToken: string;
  admin(method: 'GET' | 'POST', url: string, payload?: object): Promise<{ json(): unknown }>;
  team(name: string, names: string[]): Promise<{ id: string; adminToken: string }>;
}

type OpenTestHub = (options: { dataDir: string }) => Promise<TestHub>;

const harnessPath = '../../hub/test/hubHarness.ts';

/**
 * For a test file: a function that starts a hub and answers it with its base URL, closed after
 * each test — or null, the reason printed, when the hub cannot be loaded here (`what` names the
 * test in that message).
 */
export async function listeningHubs(
  what: string,
): Promise<(() => Promise<{ t: TestHub; base: string }>) | null> {
  let open: OpenTestHub;
  try {
    ({ openTestHub: open } = (await import(/* @vite-ignore */ harnessPath)) as {
      openTestHub: OpenTestHub;
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.log(`Skipping ${what}: the hub cannot be loaded (${reason}).`);
    return null;
  }
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const clean of cleanups.splice(0)) await clean();
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'daftar-test-hub-'));
    const t = await open({ dataDir: dir });
    cleanups.push(async () => {
      await t.hub.close();
      await rm(dir, { recursive: true, force: true });
    });
    return { t, base: await t.hub.app.listen({ port: 0, host: '127.0.0.1' }) };
  };
}

/** Online, with timers that never fire: runs happen on demand only. */
export const onDemandEnv: SchedulerEnv = {
  isOnline: () => true,
  onOnline: () => () => {},
  setTimer: () => null,
  clearTimer: () => {},
  now: () => Date.now(),
};
