/**
 * A real team hub for end-to-end tests: bundled from hub/src (buildHub) and run as its own Node
 * process on 127.0.0.1, a free port and a temporary data folder — the way `npm run hub` runs
 * it. It can be stopped and started again on the same port and folder (the offline case), and
 * its folder read whole, to look for what must never reach it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildHub } from '../../../build/scripts/hub.mjs';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

export interface HubProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  adminToken: string;
  dataDir: string;
  /** Everything the hub printed, logs included. */
  output(): string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stop it and remove its folder. */
  dispose(): Promise<void>;
  /** Every file under the data folder (database, its journal, blobs, uploads). */
  files(): Promise<{ path: string; bytes: Buffer }[]>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => {
      const full = path.join(dir, e.name);
      return e.isDirectory() ? listFiles(full) : Promise.resolve([full]);
    }),
  );
  return nested.flat();
}

export async function startHubProcess(): Promise<HubProcess> {
  const outfile = await buildHub();
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'daftar-e2e-hub-'));
  let printed = '';
  let child: ChildProcess | null = null;

  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(
        process.execPath,
        [outfile, '--data', dataDir, '--port', String(port), '--host', '127.0.0.1'],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = proc;
      const timer = setTimeout(
        () => reject(new Error(`The hub did not start:\n${printed}`)),
        20_000,
      );
      const read = (chunk: Buffer) => {
        printed += chunk.toString('utf8');
        if (printed.includes('Daftar hub listening on')) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout.on('data', read);
      proc.stderr.on('data', read);
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The hub exited (${code}):\n${printed}`));
      });
    });

  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
  };

  await launch();
  const token = /Admin token[^\n]*\n\s*\n\s*(dft_[A-Za-z0-9_-]{43})/.exec(printed)?.[1];
  if (!token) {
    await stop();
    throw new Error(`The hub printed no admin token:\n${printed}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    adminToken: token,
    dataDir,
    output: () => printed,
    stop,
    start: launch,
    dispose: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
    files: async () =>
      Promise.all(
        (await listFiles(dataDir)).map(async (file) => ({
          path: path.relative(dataDir, file),
          bytes: await readFile(file),
        })),
      ),
  };
}
