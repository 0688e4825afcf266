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
if (binary.path === null) {
  console.log(`Electron: ${binary.reason}; trying to download it…`);
  if (tryDownloadElectron()) binary = findElectronBinary();
}
const problem =
  binary.path === null
    ? `the Electron binary could not be had (${binary.reason})`
    : displayProblem();

if (problem === null && binary.path !== null) {
  const child = spawn(binary.path, [repoRoot], { cwd: repoRoot, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`\nCannot open the desktop app: ${problem}.`);
  console.log('Serving the same app for a browser instead.\n');
  await serveWeb();
}
