// Runs a Node-side benchmark from the runner: esbuild bundles its .ts for Node (the packages
// named external load their own Node builds), and a child `node --expose-gc` runs it — a heap
// and an RSS of its own, with no browser or bench page beside it. The child prints progress
// lines (passed to `log`) and writes `{ results, detail }` as JSON to the file given with --out.
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/** @typedef {import('./results.mjs').Result} Result */

/**
 * @param {{ repoRoot: string, name: string, entry: string, external: string[],
 *   args: string[], log: (line: string) => void }} o
 * @returns {Promise<{ results: Result[], detail: Record<string, unknown> }>}
 */
export async function runNodeBench({ repoRoot, name, entry, external, args, log }) {
  const outDir = path.join(repoRoot, 'dist/bench');
  const base = path.basename(entry, '.ts');
  const script = path.join(outDir, `${base}.mjs`);
  const out = path.join(outDir, `${base}.json`);
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(import.meta.dirname, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    outfile: script,
    logLevel: 'warning',
  });
  await rm(out, { force: true });
  const code = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', script, '--out', out, ...args], {
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
  if (code !== 0) throw new Error(`The ${name} benchmark failed (exit ${code})`);
  return /** @type {{ results: Result[], detail: Record<string, unknown> }} */ (
    JSON.parse(await readFile(out, 'utf8'))
  );
}
