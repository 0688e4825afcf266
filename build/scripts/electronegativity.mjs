// `npm run audit:electron`: Doyensec's Electronegativity (pinned in package.json) over the app as
// it ships, offline, failing on any finding of severity medium or higher that is not in the
// reviewed list below. Also part of `npm test`.
//
// What is scanned, staged in a temporary folder so the tool sees one whole app (its global checks
// — CSP, navigation limits, permission handler — ask "does the app do X anywhere?"):
// - electron/, shared/ and renderer/ sources, tests left out (they do not ship). Only the sources
//   show `new BrowserWindow({ … })` as written: esbuild turns it into
//   `new import_electron.BrowserWindow(…)`, which the window checks do not recognise;
// - the main and preload bundles exactly as build/scripts/buildElectron.mjs writes them, renamed
//   .js (the tool skips .cjs), so code pulled in from dependencies is checked too;
// - the renderer's index.html as the Vite build writes it (through vite.config.ts's own plugin),
//   with the CSP meta tag that Electron's page carries besides the header from the app protocol;
// - package.json (npm scripts and Electron flags). The Electron version is the lock file's.
//
// Offline: the tool fetches translations at start-up and Electron's release list in one global
// check. The first is answered "offline" before it leaves the process; the release check is left
// out (the Electron version is pinned and upgraded on purpose, not by this script).
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildElectron } from './buildElectron.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TOOL = path.join(repoRoot, 'node_modules/@doyensec/electronegativity');
/** The severity from which a finding fails the check (the tool's scale: 0 info … 3 high). */
const FAIL_FROM = 2;

/**
 * Findings a person has reviewed and found to be false positives that safer code cannot remove.
 * Each names the check, the staged file and the exact (trimmed) line — a pattern in the bundle,
 * where esbuild may rename variables — so the same check firing anywhere else, or on a changed
 * line, is a new finding. An entry that no longer matches fails the run too: remove it.
 * @type {readonly { id: string, file: string, sample: string | RegExp, reason: string }[]}
 */
export const REVIEWED_EXCEPTIONS = [
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src/electron/main/main.ts',
    sample: 'const openExternal = createExternalOpener((url) => shell.openExternal(url));',
    reason:
      "The app's only shell.openExternal call. Every URL reaches it through createExternalOpener " +
      '(electron/main/externalLinks.ts): https to a public host name only, no credentials, no ' +
      'look-alike hosts; fuzzed in externalLinks.test.ts and main.test.ts.',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'bundle/main.js',
    sample:
      /^const openExternal = createExternalOpener\(\((\w+)\) => import_electron\.shell\.openExternal\(\1\)\);$/,
    reason: 'The same call as above, in the shipped bundle.',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src/electron/main/ipcHandlers.ts',
    sample: 'await deps.openExternal(url);',
    reason:
      'Not the shell: the injected opener, which main.ts wires to createExternalOpener (the ' +
      'check matches any method named openExternal).',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'bundle/main.js',
    sample: /^await deps\.openExternal\(\w+\);$/,
    reason: 'The same injected call as above, in the shipped bundle.',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src/renderer/features/sources/SourceEditor.tsx',
    sample: 'await platform.openExternal(url);',
    reason:
      "Not the shell: the renderer's Platform interface, which in Electron sends the URL over IPC " +
      'to the allow-listed opener in main (and in the browser build checks it itself).',
  },
];

/**
 * @typedef {{ id: string, file: string, line: number, sample: string, severity: string,
 *   severityValue: number, confidence: string, description: string }} Finding
 */

/** Run the scan; returns every finding and which of them fail the check. */
export async function audit() {
  const stage = mkdtempSync(path.join(tmpdir(), 'daftar-electronegativity-'));
  try {
    await stageApp(stage);
    const issues = await runTool(stage);
    /** @type {Finding[]} */
    const findings = issues.map((issue) => ({
      id: String(issue.id),
      file: String(issue.file),
      line: Number(issue.location?.line ?? 0),
      sample: String(issue.sample ?? '').trim(),
      severity: String(issue.severity.name),
      severityValue: Number(issue.severity.value),
      confidence: String(issue.confidence.name),
      description: String(issue.description ?? '').replace(/\s+/g, ' '),
    }));
    const used = new Set();
    const blocking = findings.filter((finding) => {
      if (finding.severityValue < FAIL_FROM) return false;
      const exception = REVIEWED_EXCEPTIONS.find(
        (e) =>
          e.id === finding.id &&
          e.file === finding.file &&
          (typeof e.sample === 'string'
            ? e.sample === finding.sample
            : e.sample.test(finding.sample)),
      );
      if (exception) used.add(exception);
      return exception === undefined;
    });
    const unused = REVIEWED_EXCEPTIONS.filter((e) => !used.has(e));
    const disabled = inlineDisables(stage);
    return { findings, blocking, unused, disabled };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** @param {string} stage */
async function stageApp(stage) {
  const noTests = (/** @type {string} */ source) => !/\.test\.tsx?$/.test(source);
  for (const folder of ['electron', 'shared', 'renderer']) {
    cpSync(path.join(repoRoot, folder), path.join(stage, 'src', folder), {
      recursive: true,
      filter: noTests,
    });
  }
  const bundle = path.join(stage, 'bundle');
  const { main, preload } = await buildElectron({ outDir: bundle });
  renameSync(main, path.join(bundle, 'main.js'));
  renameSync(preload, path.join(bundle, 'preload.js'));
  mkdirSync(path.join(stage, 'page'));
  writeFileSync(path.join(stage, 'page', 'index.html'), await builtIndexHtml());
  cpSync(path.join(repoRoot, 'package.json'), path.join(stage, 'package.json'));
}

/** renderer/index.html through vite.config.ts's own plugins, as the build writes it. */
async function builtIndexHtml() {
  const { loadConfigFromFile } = await import('vite');
  const loaded = await loadConfigFromFile(
    { command: 'build', mode: 'production' },
    path.join(repoRoot, 'vite.config.ts'),
    repoRoot,
    'silent',
  );
  let html = readFileSync(path.join(repoRoot, 'renderer/index.html'), 'utf8');
  /** @type {any[]} */
  const plugins = loaded?.config.plugins ?? [];
  for (const plugin of plugins.flat(Infinity)) {
    if (!plugin || typeof plugin !== 'object' || !('transformIndexHtml' in plugin)) continue;
    const transform = plugin.transformIndexHtml;
    // Only plain (html) => string transforms: the CSP plugin; React's add dev-only scripts.
    if (typeof transform !== 'function') continue;
    const result = await transform.call(/** @type {any} */ ({}), html, /** @type {any} */ ({}));
    if (typeof result === 'string') html = result;
  }
  if (!html.includes('Content-Security-Policy')) {
    throw new Error('The built index.html carries no CSP: has vite.config.ts changed?');
  }
  return html;
}

/**
 * The tool's own runner, in this process so that its two network requests can be stopped.
 * @param {string} input
 * @returns {Promise<any[]>}
 */
async function runTool(input) {
  const require = createRequire(path.join(TOOL, 'dist/runner.js'));
  const gotPath = require.resolve('got');
  // Translations: the tool falls back to its bundled English when this request fails.
  const offline = Object.assign(() => Promise.reject(new Error('offline')), {
    head: () => Promise.reject(new Error('offline')),
  });
  require.cache[gotPath] = /** @type {any} */ ({
    id: gotPath,
    filename: gotPath,
    loaded: true,
    exports: offline,
  });
  process.env.LANG = 'en-US';
  const runner = require(path.join(TOOL, 'dist/runner.js'));
  const run = runner.default ?? runner;
  const quiet = console.log;
  console.log = () => {}; // "Could not retrieve updated translations…"
  try {
    const result = await run(
      {
        input,
        customScan: [],
        excludeFromScan: ['availablesecurityfixesglobalcheck'],
        isRelative: true,
        electronVersionOverride: electronVersion(),
        parserPlugins: [],
      },
      false,
    );
    const broken = result.errors.filter((/** @type {any} */ e) => !e.tolerable);
    if (broken.length > 0) {
      throw new Error(
        `Electronegativity could not parse ${broken.map((/** @type {any} */ e) => `${e.file}: ${e.message}`).join('; ')}`,
      );
    }
    return result.issues;
  } finally {
    console.log = quiet;
  }
}

/** The Electron version the lock file pins (the tool judges defaults by version). */
function electronVersion() {
  const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8'));
  const version = lock.packages?.['node_modules/electron']?.version;
  if (typeof version !== 'string') throw new Error('package-lock.json pins no Electron version.');
  return version;
}

/**
 * `eng-disable` comments make the tool drop findings silently; exceptions belong in the reviewed
 * list above, with a reason, so any such comment fails the run.
 * @param {string} stage
 */
function inlineDisables(stage) {
  const sources = path.join(stage, 'src');
  return readdirSync(sources, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => /eng-disable/i.test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(stage, file));
}

async function main() {
  const started = Date.now();
  const { findings, blocking, unused, disabled } = await audit();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const byRank = [...findings].sort((a, b) => b.severityValue - a.severityValue);
  console.log(`Electronegativity ${toolVersion()} (Electron ${electronVersion()}), ${seconds} s:`);
  for (const f of byRank) {
    const status = blocking.includes(f)
      ? 'FAIL'
      : f.severityValue >= FAIL_FROM
        ? 'reviewed'
        : 'note';
    console.log(
      `  ${status.padEnd(8)} ${f.severity}/${f.confidence} ${f.id} ${f.file}:${f.line}${f.sample ? `  ${f.sample}` : ''}`,
    );
    if (status === 'FAIL') console.log(`           ${f.description}`);
  }
  if (findings.length === 0) console.log('  no findings');
  for (const e of unused) {
    console.log(
      `  FAIL     reviewed exception no longer matches, remove it: ${e.id} ${e.file}  ${e.sample}`,
    );
  }
  for (const file of disabled) {
    console.log(
      `  FAIL     ${file} silences the tool with an eng-disable comment; list a reviewed exception instead`,
    );
  }
  const failed = blocking.length + unused.length + disabled.length;
  console.log(
    failed === 0
      ? 'electronegativity: passed (no unreviewed finding of medium or higher)'
      : `electronegativity: failed (${failed} to fix)`,
  );
  process.exitCode = failed === 0 ? 0 : 1;
}

function toolVersion() {
  return JSON.parse(readFileSync(path.join(TOOL, 'package.json'), 'utf8')).version;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
