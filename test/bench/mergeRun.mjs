// The merge benchmark (`merge.*`, see mergeBench.ts) from the runner: esbuild bundles
// mergeBench.ts for Node (yjs and @automerge/automerge stay external, so each loads its own Node
// build, Automerge's WebAssembly included), and a child `node --expose-gc` runs it — a heap of its
// own, collected before each timed section, with no browser or bench page beside it.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/** @typedef {import('./results.mjs').Result} Result */

export const MERGE = 'merge';

/**
 * @param {{ repoRoot: string, scale: number, runs: number, log: (line: string) => void }} o
 * @returns {Promise<{ results: Result[], detail: Record<string, unknown> }>}
 */
export async function runMerge({ repoRoot, scale, runs, log }) {
  const outDir = path.join(repoRoot, 'dist/bench');
  const script = path.join(outDir, 'mergeBench.mjs');
  const out = path.join(outDir, 'merge.json');
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(import.meta.dirname, 'mergeBench.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['yjs', '@automerge/automerge'],
    outfile: script,
    logLevel: 'warning',
  });
  await rm(out, { force: true });
  const args = [
    '--expose-gc',
    script,
    '--out',
    out,
    '--scale',
    String(scale),
    '--runs',
    String(runs),
  ];
  const code = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.setEncoding('utf8');
    let pending = '';
    child.stdout.on('data', (/** @type {string} */ chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) log(line.trimStart());
    });
    child.on('error', reject);
    child.on('close', (status) => {
      if (pending) log(pending);
      resolve(status);
    });
  });
  if (code !== 0) throw new Error(`The merge benchmark failed (exit ${code})`);
  return /** @type {{ results: Result[], detail: Record<string, unknown> }} */ (
    JSON.parse(await readFile(out, 'utf8'))
  );
}
