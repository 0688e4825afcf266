import { existsSync, readFileSync } from 'node:fs';
import { link, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  HOST_FILE_NAMES,
  nodeHostWipeFs,
  wipeFailure,
  wipeHostData,
  type HostWipeDeps,
  type HostWipeFs,
} from './hostWipe.ts';

let root: string;
let userData: string;
let outside: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'daftar-wipe-'));
  userData = path.join(root, 'profile');
  outside = path.join(root, 'outside');
  await mkdir(userData);
  await mkdir(outside);
  await writeFile(path.join(outside, 'notes.txt'), 'the user’s own file');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function fakeSession(log: string[] = []) {
  const step = (name: string) => vi.fn(async () => void log.push(name));
  return {
    clearStorageData: step('clearStorageData'),
    clearData: step('clearData'),
    clearCache: step('clearCache'),
    clearCodeCaches: step('clearCodeCaches'),
    clearAuthCache: step('clearAuthCache'),
    clearHostResolverCache: step('clearHostResolverCache'),
    flushStorageData: vi.fn(() => void log.push('flushStorageData')),
  };
}

function deps(overrides: Partial<HostWipeDeps> = {}): HostWipeDeps {
  return {
    userData,
    forgetInMemory: vi.fn(),
    settle: vi.fn(async () => undefined),
    session: fakeSession(),
    ...overrides,
  };
}

/** A profile as main leaves it after some use, plus Chromium's own files beside main's. */
async function usedProfile(): Promise<void> {
  for (const name of HOST_FILE_NAMES) await writeFile(path.join(userData, name), `{"n":"${name}"}`);
  await writeFile(path.join(userData, '.settings.json.a1b2c3d4e5f6.tmp'), '{"syncFolder":"/x"}');
  await writeFile(path.join(userData, '.device-key.json.0f0f0f0f0f0f.tmp'), 'secret');
  await mkdir(path.join(userData, 'basemaps', 'nested'), { recursive: true });
  await writeFile(path.join(userData, 'basemaps', 'kabul.pmtiles'), new Uint8Array(4096));
  await writeFile(path.join(userData, 'basemaps', 'nested', 'x.part'), 'x');
  await writeFile(path.join(userData, 'Local State'), '{}');
  await mkdir(path.join(userData, 'IndexedDB'));
}

describe('wipeHostData', () => {
  it('deletes every file main keeps in userData, and only those', async () => {
    await usedProfile();
    const report = await wipeHostData(deps());
    expect(report.failed).toEqual([]);
    expect(report.removed.sort()).toEqual(
      [
        ...HOST_FILE_NAMES,
        '.settings.json.a1b2c3d4e5f6.tmp',
        '.device-key.json.0f0f0f0f0f0f.tmp',
        'basemaps',
      ].sort(),
    );
    // What is left is Chromium's, for the session calls to clear.
    expect((await readdir(userData)).sort()).toEqual(['IndexedDB', 'Local State']);
  });

  it('overwrites each small file with zeros before unlinking it', async () => {
    await usedProfile();
    const before = new Map<string, Buffer>();
    const fs: HostWipeFs = {
      ...nodeHostWipeFs,
      unlink: async (file) => {
        before.set(path.basename(file), readFileSync(file));
        await nodeHostWipeFs.unlink(file);
      },
    };
    await wipeHostData(deps({ fs }));
    expect([...before.keys()]).toEqual(expect.arrayContaining([...HOST_FILE_NAMES]));
    for (const [name, bytes] of before) {
      expect(bytes.length, name).toBeGreaterThan(0);
      expect(
        bytes.every((byte) => byte === 0),
        name,
      ).toBe(true);
    }
  });

  it('touches nothing outside userData, even through links planted there', async () => {
    const mine = path.join(outside, 'notes.txt');
    await symlink(mine, path.join(userData, 'device-key.json'));
    await symlink(outside, path.join(userData, 'basemaps'));
    await link(mine, path.join(userData, 'settings.json'));
    const report = await wipeHostData(deps());
    expect(report.failed).toEqual([]);
    expect(await readdir(userData)).toEqual([]);
    expect(await readFile(mine, 'utf8')).toBe('the user’s own file');
    expect(await readdir(outside)).toEqual(['notes.txt']);
  });

  it('deletes the rest when one file cannot be deleted, and says which', async () => {
    await usedProfile();
    const fs: HostWipeFs = {
      ...nodeHostWipeFs,
      unlink: async (file) => {
        if (path.basename(file) === 'settings.json') {
          throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        }
        await nodeHostWipeFs.unlink(file);
      },
    };
    const session = fakeSession();
    session.clearCache.mockRejectedValueOnce(new Error('cache busy'));
    const report = await wipeHostData(deps({ fs, session }));
    expect(report.failed).toEqual([
      { what: 'settings.json', message: 'EACCES: permission denied' },
      { what: 'HTTP cache', message: 'cache busy' },
    ]);
    expect((await readdir(userData)).sort()).toEqual(['IndexedDB', 'Local State', 'settings.json']);
    expect(session.clearStorageData).toHaveBeenCalledOnce();
    expect(session.clearCodeCaches).toHaveBeenCalledExactlyOnceWith({});
    expect(session.flushStorageData).toHaveBeenCalledOnce();
    expect(wipeFailure(report)?.message).toBe(
      'Daftar could not delete everything it keeps on this computer: settings.json (EACCES: permission denied); HTTP cache (cache busy).',
    );
  });

  it('forgets main’s memory and waits for its writes before deleting, then clears the session', async () => {
    await usedProfile();
    const log: string[] = [];
    const fs: HostWipeFs = {
      ...nodeHostWipeFs,
      unlink: async (file) => {
        log.push(`unlink ${path.basename(file)}`);
        await nodeHostWipeFs.unlink(file);
      },
    };
    await wipeHostData(
      deps({
        fs,
        forgetInMemory: () => void log.push('forget'),
        settle: async () => void log.push('settle'),
        session: fakeSession(log),
      }),
    );
    expect(log.slice(0, 3)).toEqual(['forget', 'settle', 'unlink device-key.json']);
    expect(log.slice(-7)).toEqual([
      'clearStorageData',
      'clearData',
      'clearCache',
      'clearCodeCaches',
      'clearAuthCache',
      'clearHostResolverCache',
      'flushStorageData',
    ]);
  });

  it('still deletes and clears when forgetting or waiting fails', async () => {
    await usedProfile();
    const session = fakeSession();
    const report = await wipeHostData(
      deps({
        session,
        forgetInMemory: () => {
          throw new Error('watch would not stop');
        },
        settle: async () => {
          throw new Error('disk full');
        },
      }),
    );
    expect(report.failed.map((f) => f.what)).toEqual(['memory', 'pending writes']);
    expect(HOST_FILE_NAMES.some((name) => existsSync(path.join(userData, name)))).toBe(false);
    expect(session.clearData).toHaveBeenCalledOnce();
  });

  it('has nothing to report on a fresh profile', async () => {
    await expect(wipeHostData(deps())).resolves.toEqual({ removed: [], failed: [] });
    expect(wipeFailure({ removed: [], failed: [] })).toBeUndefined();
  });
});
