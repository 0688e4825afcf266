// `npm run test:convergence`: the three-replica convergence property with 10,000 runs (CI runs
// 1,000 as part of `npm test`). Pass a run count to change it: `npm run test:convergence -- 50000`;
// repeat a logged seed with FC_SEED=<seed>.
import { spawnSync } from 'node:child_process';

const runs = process.argv[2] ?? '10000';
const result = spawnSync(
  'npx',
  ['vitest', 'run', '--project', 'renderer', 'test/integration/convergence.test.ts'],
  { stdio: 'inherit', env: { ...process.env, DAFTAR_FC_RUNS: runs } },
);
process.exit(result.status ?? 1);
