import { describe, expect, it } from 'vitest';
import { bundleErrorCode } from '../../test/helpers/bundleErrorCode.ts';
import { BUNDLE_FORMAT_VERSION } from './manifest.ts';
import { STEP_UPGRADES, upgradeManifest } from './upgrade.ts';

describe('upgradeManifest', () => {
  it('leaves a current manifest and anything that is not a Daftar manifest alone', () => {
    const m = { format: 'daftar-bundle', version: BUNDLE_FORMAT_VERSION, x: 1 };
    expect(upgradeManifest(m)).toEqual(m);
    expect(upgradeManifest([1])).toEqual([1]);
    expect(upgradeManifest({ format: 'other', version: 9 })).toEqual({
      format: 'other',
      version: 9,
    });
  });

  it('refuses a bundle from a newer app, saying to update', () => {
    const newer = { format: 'daftar-bundle', version: BUNDLE_FORMAT_VERSION + 1 };
    expect(bundleErrorCode(() => upgradeManifest(newer))).toBe('newerFormat');
    expect(() => upgradeManifest(newer)).toThrow(/newer version of Daftar/);
  });

  it('brings a format 1 manifest to format 2 with no annotations counted', () => {
    const counts = { changeSets: 3, records: { incident: 1 }, custody: 0, attachments: 0 };
    expect(
      upgradeManifest({ format: 'daftar-bundle', version: 1, counts }, STEP_UPGRADES, 2),
    ).toEqual({
      format: 'daftar-bundle',
      version: 2,
      counts: { ...counts, records: { incident: 1, annotation: 0 } },
    });
    // A malformed one is left for the schema to refuse, with its own message.
    expect(
      upgradeManifest({ format: 'daftar-bundle', version: 1, counts: 7 }, STEP_UPGRADES, 2),
    ).toEqual({
      format: 'daftar-bundle',
      version: 2,
      counts: 7,
    });
  });

  it('brings a format 2 manifest to format 3 unchanged (incidents gained fields with defaults)', () => {
    const counts = { changeSets: 3, records: { incident: 1, annotation: 2 } };
    expect(upgradeManifest({ format: 'daftar-bundle', version: 2, counts })).toEqual({
      format: 'daftar-bundle',
      version: 3,
      counts,
    });
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
