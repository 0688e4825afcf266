/**
 * The real hub for integration tests (hub/src/server.ts, SQLite store in a temporary folder) on
 * 127.0.0.1, loaded the way renderer/sync/teamSync.hub.test.ts does: by dynamic import, so a test
 * can skip, with the reason printed, when the hub's modules or their native dependencies
 * (better-sqlite3) cannot be loaded. `LiveHub` stands in for the hub's process: it can be closed
 * and re-created on the same data folder and port, as a restart in the field.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface HubStoreLike {
  setAdminTokenHash(hash: string): Promise<void>;
}
interface HubLike {
  app: { listen(o: { port: number; host: string }): Promise<string> };
  close(): Promise<void>;
}
export interface HubModules {
  createHub(o: { store: HubStoreLike; dataDir: string; sweepTimer: boolean }): Promise<HubLike>;
  openSqliteStore(dataDir: string): HubStoreLike;
  newToken(): string;
  sha256Hex(value: string): string;
}

/** The hub's modules, or null (and why, printed) when they cannot be loaded here. */
export async function loadHubModules(): Promise<HubModules | null> {
  try {
    const paths = [
      '../../../hub/src/server.ts',
      '../../../hub/src/store/sqliteStore.ts',
      '../../../hub/src/ids.ts',
    ];
    const [server, sqlite, ids] = await Promise.all(
      paths.map((p) => import(/* @vite-ignore */ p) as Promise<Record<string, unknown>>),
    );
    return { ...server, ...sqlite, ...ids } as unknown as HubModules;
  } catch (error) {
    console.log(
      `Skipping the hub convergence test: the hub cannot be loaded (${error instanceof Error ? error.message : String(error)}).`,
    );
    return null;
  }
}

/** A hub process stand-in: closed and re-created on the same data folder and port. */
export class LiveHub {
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
