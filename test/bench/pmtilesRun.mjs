// The PMTiles benchmark (`maps.pmtiles.*`, see pmtilesBench.ts) from the runner, in a child Node
// process (nodeBench.mjs); pmtiles and fflate stay external. The child writes a ~1 GiB archive
// under os.tmpdir() and deletes it.
import { runNodeBench } from './nodeBench.mjs';

export const PMTILES = 'maps.pmtiles';

/** @param {{ repoRoot: string, scale: number, rounds: number, log: (line: string) => void }} o */
export function runPmtiles({ repoRoot, scale, rounds, log }) {
  return runNodeBench({
    repoRoot,
    name: 'PMTiles',
    entry: 'pmtilesBench.ts',
    external: ['pmtiles', 'fflate'],
    args: ['--scale', String(scale), '--rounds', String(rounds)],
    log,
  });
}
