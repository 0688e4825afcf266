/**
 * Builds the benchmark pages (test/bench/page) into dist/bench-page/, served by the runner under
 * /__bench/ on the app's origin so they share its IndexedDB databases. Minified like the app.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, 'page');

// eslint-disable-next-line no-restricted-syntax -- Vite reads a config file's default export.
export default defineConfig({
  root,
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/bench-page'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // BENCH_MINIFY=0: readable function names in the CPU profiles (BENCH_PROFILE_*).
    minify: process.env.BENCH_MINIFY !== '0',
    // The floor page must stay bare: no polyfill script besides its own.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        index: resolve(root, 'index.html'),
        listFloor: resolve(root, 'listFloor.html'),
        clusterBench: resolve(root, 'clusterBench.html'),
        historyBench: resolve(root, 'historyBench.html'),
        reviewQueueBench: resolve(root, 'reviewQueueBench.html'),
        findFilterBench: resolve(root, 'findFilterBench.html'),
        importBench: resolve(root, 'importBench.html'),
        lockBench: resolve(root, 'lockBench.html'),
      },
    },
  },
});
