// Bundles the Electron main process and preload with esbuild: electron/main/main.ts →
// dist/electron/main.cjs and electron/preload/preload.ts → dist/electron/preload.cjs. Each is one
// self-contained CommonJS file that requires nothing but `electron` and Node built-ins — the
// sandboxed preload can require `electron` only, and the packaged app ships no node_modules.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Electron 45 runs Node 24 in main and Chromium 156 in the (sandboxed) preload. */
const MAIN_TARGET = 'node24';
const PRELOAD_TARGET = 'chrome156';

/**
 * @param {{ outDir?: string }} [options] output folder, relative to the repository root
 * @returns {Promise<{ main: string, preload: string }>} absolute paths of the two bundles
 */
export async function buildElectron({ outDir = 'dist/electron' } = {}) {
  const out = path.resolve(repoRoot, outDir);
  /** @type {import('esbuild').BuildOptions} */
  const common = {
    absWorkingDir: repoRoot,
    bundle: true,
    format: 'cjs',
    external: ['electron'],
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  };
  const main = path.join(out, 'main.cjs');
  const preload = path.join(out, 'preload.cjs');
  await Promise.all([
    build({
      ...common,
      entryPoints: ['electron/main/main.ts'],
      outfile: main,
      platform: 'node',
      target: MAIN_TARGET,
    }),
    build({
      ...common,
      entryPoints: ['electron/preload/preload.ts'],
      outfile: preload,
      // A sandboxed preload has no Node: only `electron` (and a few polyfills) can be required.
      platform: 'node',
      target: PRELOAD_TARGET,
    }),
  ]);
  return { main, preload };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { main, preload } = await buildElectron();
  console.log(`built ${path.relative(repoRoot, main)} and ${path.relative(repoRoot, preload)}`);
}
