// `npm test`: installs what is missing, builds, runs every suite — unit tests (vitest: shared,
// electron, hub, renderer) and end-to-end tests (Playwright: Chromium, and Electron where it can
// run) — and ends with one line summing them all: `N passed, N failed`. The hub's tests also run
// against a throwaway PostgreSQL cluster (hub/scripts/testPostgres.sh) when PostgreSQL is there.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureInstalled, repoRoot, run } from './ensureInstalled.mjs';

ensureInstalled();
ensureChromium();
const stopPostgres = startPostgres();

// Not test-results/: Playwright empties that folder when it starts.
const results = path.join(repoRoot, 'dist/test-reports');
rmSync(results, { recursive: true, force: true });

const build = run('node', ['build/scripts/build.mjs']);
// Electronegativity over the app as it ships (offline, seconds): counted as one test below.
const audit = run('node', ['build/scripts/electronegativity.mjs']);
const unitCode = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${path.join(results, 'unit.json')}`,
]);
stopPostgres();
const e2eCode = build === 0 ? run('npx', ['playwright', 'test']) : 1;

const unit = readJson('unit.json');
const e2e = readJson('e2e.json');
const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0) + (audit === 0 ? 1 : 0);
const failed =
  (unit ? unit.numFailedTests : 1) +
  (e2e ? e2e.stats.unexpected + (e2e.stats.flaky ?? 0) : 1) +
  (build === 0 ? 0 : 1) +
  (audit === 0 ? 0 : 1);
const skipped =
  (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0) + (e2e?.stats?.skipped ?? 0);

console.log('');
console.log(
  `unit: ${unit ? `${unit.numPassedTests} passed, ${unit.numFailedTests} failed` : 'did not report'}`,
);
console.log(
  `e2e: ${e2e ? `${e2e.stats.expected} passed, ${e2e.stats.unexpected} failed, ${e2e.stats.skipped} skipped` : 'did not report'}`,
);
console.log(`electronegativity: ${audit === 0 ? 'passed' : 'failed'}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 && unitCode === 0 && e2eCode === 0 ? 0 : 1);

/** @param {string} name */
function readJson(name) {
  const file = path.join(results, name);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * The end-to-end tests need Debian's Chromium, the bundle check with standard tools needs unzip,
 * jq and openssl, and the dossier's PDF check poppler-utils (pdftotext, pdffonts); install what
 * is missing when we can (root with apt). Without the tools those tests skip and say why.
 */
function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const tools = ['unzip', 'jq', 'openssl'].filter((t) => !existsSync(`/usr/bin/${t}`));
  const poppler = existsSync('/usr/bin/pdftotext') ? [] : ['poppler-utils'];
  const postgres = postgresBin() ? [] : ['postgresql'];
  const packages = [
    ...(existsSync(chromium) ? [] : ['chromium']),
    ...tools,
    ...poppler,
    ...postgres,
  ];
  if (packages.length === 0) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log(`Installing ${packages.join(', ')} for the tests…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (
      run('apt-get', ['update', '-qq'], { env }) === 0 &&
      run('apt-get', ['install', '-y', '-qq', ...packages], { env }) === 0
    )
      return;
  }
  if (existsSync(chromium)) return;
  console.error(
    `Chromium is needed at ${chromium} for the end-to-end tests: install it (sudo apt-get install chromium) or set CHROMIUM_PATH.`,
  );
}

/** The newest installed PostgreSQL server's bin folder, or null. */
function postgresBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a));
  const newest = versions[0];
  return newest === undefined ? null : path.join(root, newest, 'bin');
}

/**
 * A throwaway PostgreSQL cluster for the hub's tests, its URL in DAFTAR_TEST_POSTGRES_URL (unless
 * already set); returns how to stop it. Without PostgreSQL those tests skip and say why.
 */
function startPostgres() {
  if (process.env.DAFTAR_TEST_POSTGRES_URL || !postgresBin()) return () => {};
  const script = path.join(repoRoot, 'hub/scripts/testPostgres.sh');
  const stop = () => spawnSync('bash', [script, 'stop'], { cwd: repoRoot, stdio: 'ignore' });
  stop(); // a cluster left by an interrupted run
  const started = spawnSync('bash', [script, 'start'], { cwd: repoRoot, encoding: 'utf8' });
  const url = started.stdout.trim().split('\n').at(-1) ?? '';
  if (started.status !== 0 || !url.startsWith('postgres://')) {
    console.warn(`PostgreSQL could not be started for the hub's tests:\n${started.stderr}`);
    return () => {};
  }
  process.env.DAFTAR_TEST_POSTGRES_URL = url;
  console.log(`The hub's tests use PostgreSQL at ${url}.`);
  return stop;
}
