/**
 * The real hub for the benchmark (hub/src/server.ts, SQLite store, a temporary data folder) in a
 * process of its own on 127.0.0.1, as in the field, so the hub and the client do not share one
 * event loop; and the admin calls that make a team and its invite codes.
 *
 * The hub process is the benchmark's own script again, started with `--serve-hub <dataDir>`:
 * the admin token on stdin, the address on stdout, SIGTERM to stop (see serveHubProcess).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import type { FetchLike } from '../../../shared/teamSync/hubTransport.ts';
import { newToken, sha256Hex } from '../../../hub/src/ids.ts';
import { createHub, type Hub } from '../../../hub/src/server.ts';
import { openSqliteStore } from '../../../hub/src/store/sqliteStore.ts';

/** Node's fetch, as the client's transport takes it. */
export const nodeFetch = fetch as unknown as FetchLike;

export interface RunningHub {
  base: string;
  dataDir: string;
  adminToken: string;
  stop(): Promise<void>;
}

/** The hub's side: a hub on `dataDir` on a free loopback port; answers its address. */
async function serveHub(dataDir: string, adminToken: string): Promise<{ hub: Hub; base: string }> {
  const store = openSqliteStore(dataDir);
  await store.setAdminTokenHash(sha256Hex(adminToken));
  // Bench-sized limits: the defaults (600 requests a minute) would throttle the benchmark itself.
  const hub = await createHub({
    store,
    dataDir,
    sweepTimer: false,
    limits: { requestsPerMinute: 1_000_000 },
  });
  return { hub, base: await hub.app.listen({ port: 0, host: '127.0.0.1' }) };
}

/**
 * The hub process's main (`--serve-hub <dataDir>`): reads the admin token from stdin, prints
 * the hub's address on stdout, closes the hub and exits on SIGTERM.
 */
export function serveHubProcess(dataDir: string): void {
  let token = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (part: string) => (token += part));
  process.stdin.on('end', () => {
    serveHub(dataDir, token.trim())
      .then(({ hub, base }) => {
        console.log(base);
        process.once('SIGTERM', () => {
          hub.close().then(
            () => process.exit(0),
            () => process.exit(1),
          );
        });
      })
      .catch((error: unknown) => {
        console.error(error instanceof Error ? (error.stack ?? error.message) : error);
        process.exit(1);
      });
  });
}

/** A hub in a process of its own (this script again, with `--serve-hub`) on a new data folder. */
export async function startHub(): Promise<RunningHub> {
  const dataDir = await mkdtemp(join(os.tmpdir(), 'daftar-hub-bench-'));
  const adminToken = newToken();
  const child = spawn(process.execPath, [process.argv[1]!, '--serve-hub', dataDir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(`${adminToken}\n`);
  const base = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (part: string) => {
      text += part;
      const line = text.split('\n')[0];
      if (text.includes('\n') && line !== undefined) resolve(line.trim());
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`The hub process exited (${code}).`)));
  });
  return {
    base,
    dataDir,
    adminToken,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function admin(h: RunningHub, path: string, body: object): Promise<unknown> {
  const response = await fetch(h.base + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

export async function newTeam(h: RunningHub): Promise<string> {
  const { team } = (await admin(h, '/v1/admin/teams', { name: 'Bench team' })) as {
    team: { id: string };
  };
  return team.id;
}

export async function inviteCode(h: RunningHub, teamId: string): Promise<string> {
  const { invite } = (await admin(h, `/v1/admin/teams/${teamId}/invites`, {})) as {
    invite: { code: string };
  };
  return invite.code;
}
