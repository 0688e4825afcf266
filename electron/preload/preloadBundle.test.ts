import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../build/scripts/buildElectron.mjs';

/** The bundles as shipped: a sandboxed preload may require `electron` and nothing else. */
describe('electron bundles', () => {
  let out: string;
  let bundles: { main: string; preload: string };

  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'daftar-bundle-'));
    bundles = await buildElectron({ outDir: out });
  }, 30_000);

  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  const requires = (code: string): string[] =>
    [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]!);

  it('preload is one self-contained file that requires only electron', async () => {
    const code = await readFile(bundles.preload, 'utf8');
    expect([...new Set(requires(code))]).toEqual(['electron']);
    expect(code).toContain('exposeInMainWorld');
    expect(code).not.toContain('zod');
    expect(code).toMatch(/sourceMappingURL=preload\.cjs\.map/);
  });

  it('main requires only electron and Node built-ins', async () => {
    const code = await readFile(bundles.main, 'utf8');
    for (const name of requires(code)) expect(name).toMatch(/^(electron|node:[a-z/]+)$/);
    expect(code).toContain('registerSchemesAsPrivileged');
  });
});
