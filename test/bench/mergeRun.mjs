// The merge benchmark (`merge.*`, see mergeBench.ts) from the runner, in a child Node process
// (nodeBench.mjs); yjs and @automerge/automerge stay external, so each loads its own Node build,
// Automerge's WebAssembly included.
import { runNodeBench } from './nodeBench.mjs';

export const MERGE = 'merge';

/** @param {{ repoRoot: string, scale: number, runs: number, log: (line: string) => void }} o */
export function runMerge({ repoRoot, scale, runs, log }) {
  return runNodeBench({
    repoRoot,
    name: 'merge',
    entry: 'mergeBench.ts',
    external: ['yjs', '@automerge/automerge'],
    args: ['--scale', String(scale), '--runs', String(runs)],
    log,
  });
}
