// `npm run hub -- [options]`: bundles the team hub (hub/src/main.ts) with esbuild into
// dist/hub/hub.mjs and runs it, passing the arguments through (see docs/hub.md). The hub's
// dependencies with native code or many files stay external and load from node_modules.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureInstalled, repoRoot } from './ensureInstalled.mjs';

export const hubOutfile = path.join(repoRoot, 'dist/hub/hub.mjs');

export async function buildHub() {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(repoRoot, 'hub/src/main.ts')],
    outfile: hubOutfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: true,
    external: ['fastify', '@fastify/rate-limit', 'better-sqlite3', 'pg'],
    logLevel: 'warning',
  });
  return hubOutfile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureInstalled();
  const outfile = await buildHub();
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', outfile, ...process.argv.slice(2)],
    {
      cwd: process.cwd(),
      stdio: 'inherit',
    },
  );
  /** @type {NodeJS.Signals[]} */
  const signals = ['SIGINT', 'SIGTERM'];
  for (const signal of signals) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
