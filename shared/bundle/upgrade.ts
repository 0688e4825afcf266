/**
 * Bundle format versions. A bundle from an older format is brought forward one version at a
 * time by step upgraders (version n → n + 1), so each format change is written once and every
 * older bundle still opens; a bundle from a newer app is refused with a message saying so.
 * Version 2 added the annotation record kind (and what review needs: docs/bundle-format.md);
 * version 3 added incident fields (external id, merged duplicates).
 */
import { BundleError } from './bundleError.ts';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from './manifest.ts';

/** Upgrades a parsed manifest from version n (the key) to n + 1. */
export type ManifestUpgrade = (manifest: Record<string, unknown>) => Record<string, unknown>;

export const STEP_UPGRADES: Readonly<Record<number, ManifestUpgrade>> = {
  // 1 → 2: a version 1 bundle carries no annotations; everything else it says still holds.
  1: (manifest) => {
    const counts = manifest.counts as { records?: unknown } | undefined;
    if (typeof counts !== 'object' || counts === null) return manifest;
    const records = counts.records;
    if (typeof records !== 'object' || records === null || Array.isArray(records)) return manifest;
    return { ...manifest, counts: { ...counts, records: { ...records, annotation: 0 } } };
  },
  // 2 → 3: incidents gained fields with defaults (LATER_FIELDS); the manifest is unchanged.
  2: (manifest) => manifest,
};

/** Refuse a version this app cannot read, with the reason a person can act on. */
export function checkVersion(version: unknown, current = BUNDLE_FORMAT_VERSION): void {
  if (typeof version !== 'number' || !Number.isInteger(version)) return; // the schema says why
  if (version > current) {
    throw new BundleError(
      'newerFormat',
      `This bundle was made by a newer version of Daftar (bundle format ${version}; this app reads up to ${current}). Update Daftar to open it.`,
      { version, supported: current },
    );
  }
  if (version < 1) {
    throw new BundleError('olderFormatUnsupported', `Bundle format ${version} is not supported.`, {
      version,
    });
  }
}

/** The manifest brought to the current version; anything not a Daftar manifest is left as is. */
export function upgradeManifest(
  value: unknown,
  steps: Readonly<Record<number, ManifestUpgrade>> = STEP_UPGRADES,
  current = BUNDLE_FORMAT_VERSION,
): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  let manifest = value as Record<string, unknown>;
  if (manifest.format !== BUNDLE_FORMAT) return manifest;
  checkVersion(manifest.version, current);
  while (typeof manifest.version === 'number' && manifest.version < current) {
    const step = steps[manifest.version];
    if (step === undefined) {
      throw new BundleError(
        'olderFormatUnsupported',
        `Bundle format ${manifest.version} can no longer be read by this version of Daftar.`,
        { version: manifest.version },
      );
    }
    manifest = { ...step(manifest), version: manifest.version + 1 };
  }
  return manifest;
}
