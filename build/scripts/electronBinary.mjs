// Where the Electron binary is, if it is installed. The `electron` package downloads its binary
// lazily from outside the npm registry, which some machines (ours among them) cannot reach, so
// every caller must cope with its absence: `npm start` falls back to the browser, the Electron
// end-to-end project is skipped with this reason.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const electronDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../node_modules/electron',
);

/** @returns {{ path: string } | { path: null, reason: string }} */
export function findElectronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(electronDir))
    return { path: null, reason: 'the electron package is not installed' };
  if (!existsSync(pathFile)) {
    return {
      path: null,
      reason:
        'the Electron binary has not been downloaded (node_modules/electron/path.txt is missing)',
    };
  }
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary))
    return { path: null, reason: `the Electron binary is missing at ${binary}` };
  return { path: binary };
}

/**
 * Try the package's own download once. Returns null on success, or the one line that says why
 * not (its full output would be a stack trace).
 */
export function tryDownloadElectron(timeoutMs = 120_000) {
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (result.status === 0 && findElectronBinary().path !== null) return null;
  if (result.error) return result.error.message;
  const lines = `${result.stderr}\n${result.stdout}`.split('\n').map((l) => l.trim());
  return lines.find((l) => /error/i.test(l)) ?? `the download exited with ${result.status}`;
}

/** Whether a desktop window can be shown here. */
export function displayProblem() {
  if (process.platform !== 'linux') return null;
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return null;
  return 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
}
