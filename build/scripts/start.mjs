// `npm start`: install if needed, build, and launch the Electron app. Where the Electron binary
// cannot be had or there is no display, say so plainly and serve the same app for a browser.
import { spawn } from 'node:child_process';
import { buildAll } from './build.mjs';
import { displayProblem, findElectronBinary, tryDownloadElectron } from './electronBinary.mjs';
import { ensureInstalled, repoRoot } from './ensureInstalled.mjs';
import { serveWeb } from './web.mjs';

ensureInstalled();
await buildAll();

let binary = findElectronBinary();
let problem = null;
if (binary.path === null) {
  console.log(`Electron: ${binary.reason}; trying to download it…`);
  const failure = tryDownloadElectron();
  binary = findElectronBinary();
  if (binary.path === null) {
    problem = `the Electron binary could not be downloaded (${failure ?? binary.reason})`;
  }
}
problem ??= displayProblem();

if (problem === null && binary.path !== null) {
  // Chromium will not start its sandbox as root; a normal user keeps it.
  const args = process.getuid?.() === 0 ? ['--no-sandbox', repoRoot] : [repoRoot];
  const child = spawn(binary.path, args, { cwd: repoRoot, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`\nCannot open the desktop app: ${problem}.`);
  console.log('Serving the same app for a browser instead.\n');
  await serveWeb();
}
