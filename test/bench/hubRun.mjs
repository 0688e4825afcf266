// The team hub benchmark (`hub.*`, see hubBench.ts) from the runner, in a child Node process
// (nodeBench.mjs); the hub's server packages stay external (better-sqlite3 is native; Fastify
// loads its plugins at run time), as does fake-indexeddb, which the latency profiles run on.
import { runNodeBench } from './nodeBench.mjs';

export const HUB = 'hub';

/** @param {{ repoRoot: string, scale: number, repetitions: number, log: (line: string) => void }} o */
export function runHub({ repoRoot, scale, repetitions, log }) {
  return runNodeBench({
    repoRoot,
    name: 'hub',
    entry: 'hubBench.ts',
    external: ['better-sqlite3', 'fastify', '@fastify/*', 'fake-indexeddb'],
    args: ['--scale', String(scale), '--repetitions', String(repetitions)],
    log,
  });
}
