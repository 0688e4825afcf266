// `npm run fixtures:hostile`: (re)writes the hostile-bundle corpus in
// test/fixtures/hostile-bundles/corpus from test/fixtures/hostile-bundles/hostileBundles.ts, plus
// index.json (file → the error code a reader must refuse it with, and why). Deterministic: run it
// twice and nothing changes. The TypeScript generator is bundled with esbuild into a temporary
// file that is removed afterwards.
import { build } from 'esbuild';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '../..');
const folder = path.join(root, 'test/fixtures/hostile-bundles');
const corpus = path.join(folder, 'corpus');
const temp = await mkdtemp(path.join(os.tmpdir(), 'daftar-hostile-'));
try {
  const outfile = path.join(temp, 'generate.mjs');
  await build({
    entryPoints: [path.join(folder, 'hostileBundles.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
  });
  const { generateHostileBundles } = await import(pathToFileURL(outfile).href);
  const bundles = await generateHostileBundles();
  await mkdir(corpus, { recursive: true });
  for (const file of await readdir(corpus)) await rm(path.join(corpus, file));
  for (const b of bundles) await writeFile(path.join(corpus, b.name), b.bytes);
  const index = bundles.map(
    (/** @type {{ name: string; code: string; description: string }} */ b) => ({
      name: b.name,
      code: b.code,
      description: b.description,
    }),
  );
  await writeFile(path.join(folder, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  console.log(`${bundles.length} hostile bundles written to ${path.relative(root, corpus)}`);
} finally {
  await rm(temp, { recursive: true, force: true });
}
