/**
 * Team hub benchmark (`hub.*`), in Node: the real hub (hub/src/server.ts, SQLite store, a
 * temporary data folder) listening on 127.0.0.1 in a process of its own (hub/hubProcess.ts), and
 * the app's sync client over loopback HTTP.
 *
 * - `hub.push`, `hub.pull` (hub/throughput.ts): sealed bundles uploaded, then downloaded, with
 *   `HubClient` — vs the same bytes written to fsynced files and read back (hub/floors.ts).
 * - `hub.latency.p50`, `hub.latency.p95` (hub/latency.ts): a change on profile A until profile
 *   B holds it, through `TeamSync.run` on both — vs one HTTP round trip of the same bundle bytes
 *   to a bare loopback server (hub/floors.ts).
 *
 * Values are seconds (push, pull) or milliseconds (latency); ratio = value / floor, no targets
 * (the issue gives none; hub/report.ts). Throughput in MiB/s is in the log and the detail.
 *
 * Run by test/bench/run.mjs through hubRun.mjs (bundled with esbuild, in a child
 * `node --expose-gc`); writes its results as JSON to the file given with `--out`. The same
 * script started with `--serve-hub <dataDir>` is the hub process.
 */
// First: Dexie (imported by latency.ts) finds IndexedDB when it loads.
import 'fake-indexeddb/auto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { serveHubProcess } from './hub/hubProcess.ts';
import { latency } from './hub/latency.ts';
import type { HubResult } from './hub/report.ts';
import { throughput } from './hub/throughput.ts';

export type { HubResult } from './hub/report.ts';

export async function runHubBench(options: {
  scale: number;
  repetitions: number;
  log: (line: string) => void;
}): Promise<{ results: HubResult[]; detail: Record<string, unknown> }> {
  const results: HubResult[] = [];
  const detail: Record<string, unknown> = { loadAverage: { start: os.loadavg() } };
  await throughput(options.scale, options.log, results, detail);
  await latency(options.repetitions, options.log, results, detail);
  (detail.loadAverage as Record<string, unknown>).end = os.loadavg();
  return { results, detail };
}

// ---- command line (the runner's child process) -------------------------------------------------

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const out = argument('--out');
const hubDir = argument('--serve-hub');
if (hubDir !== undefined) {
  serveHubProcess(hubDir);
} else if (out !== undefined) {
  const startedAt = Date.now();
  runHubBench({
    scale: Number(argument('--scale') ?? '1'),
    repetitions: Number(argument('--repetitions') ?? '20'),
    log: (line) => console.log(`  [hub +${Math.round((Date.now() - startedAt) / 1000)}s] ${line}`),
  })
    .then((result) => writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    });
}
