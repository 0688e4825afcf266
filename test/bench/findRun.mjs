// The find benchmark (`find.*`, see findBench.ts) from the runner, in a child Node process
// (nodeBench.mjs); minisearch stays external and loads its own Node build.
import { runNodeBench } from './nodeBench.mjs';

export const FIND = 'find.search';

/** @param {{ repoRoot: string, scale: number, rounds: number, log: (line: string) => void }} o */
export function runFind({ repoRoot, scale, rounds, log }) {
  return runNodeBench({
    repoRoot,
    name: 'find',
    entry: 'findBench.ts',
    external: ['minisearch'],
    args: ['--scale', String(scale), '--rounds', String(rounds)],
    log,
  });
}
