import { describe, expect, it } from 'vitest';
import { bundleErrorCode } from '../../test/helpers/bundleErrorCode.ts';
import { upgradeManifest } from './upgrade.ts';

describe('upgradeManifest', () => {
  it('leaves a current manifest and anything that is not a Daftar manifest alone', () => {
    const m = { format: 'daftar-bundle', version: 1, x: 1 };
    expect(upgradeManifest(m)).toEqual(m);
    expect(upgradeManifest([1])).toEqual([1]);
    expect(upgradeManifest({ format: 'other', version: 9 })).toEqual({
      format: 'other',
      version: 9,
    });
  });

  it('refuses a bundle from a newer app, saying to update', () => {
    expect(bundleErrorCode(() => upgradeManifest({ format: 'daftar-bundle', version: 2 }))).toBe(
      'newerFormat',
    );
    expect(() => upgradeManifest({ format: 'daftar-bundle', version: 2 })).toThrow(
      /newer version of Daftar/,
    );
  });

  it('brings an old manifest forward one step at a time', () => {
    const steps = {
      1: (m: Record<string, unknown>) => ({ ...m, renamed: m.old, old: undefined }),
      2: (m: Record<string, unknown>) => ({ ...m, added: 'in 3' }),
    };
    expect(upgradeManifest({ format: 'daftar-bundle', version: 1, old: 'x' }, steps, 3)).toEqual({
      format: 'daftar-bundle',
      version: 3,
      renamed: 'x',
      old: undefined,
      added: 'in 3',
    });
  });

  it('refuses a version with no upgrade step, and versions below 1', () => {
    expect(
      bundleErrorCode(() => upgradeManifest({ format: 'daftar-bundle', version: 1 }, {}, 2)),
    ).toBe('olderFormatUnsupported');
    expect(bundleErrorCode(() => upgradeManifest({ format: 'daftar-bundle', version: 0 }))).toBe(
      'olderFormatUnsupported',
    );
  });
});
