// `npm run build`: the world basemap and gazetteer in assets/basemap (when their sources changed),
// the static renderer in dist/renderer (works from any static file server) and the Electron main
// process and preload in dist/electron.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildElectron } from './buildElectron.mjs';
import { generateBasemap } from './generateBasemap.mjs';
import { ensureInstalled, repoRoot } from './ensureInstalled.mjs';

export async function buildAll() {
  await generateBasemap();
  const { build } = await import('vite');
  await build({ configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
  await buildElectron();
  console.log('Built dist/renderer (static web app) and dist/electron (main + preload).');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureInstalled();
  await buildAll();
}
