/**
 * The names of the bundles in a sync folder: `daftar-<writer>-<UTC time>-<random>.daftarsync`,
 * e.g. `daftar-k3Jd8s_x-20261129T051203Z-Qm9x2aPk.daftarsync`, the writer being a random name
 * each device takes for the folder (not its device id: the folder need not tell who signed what).
 * Each device writes files of its own
 * and never changes or deletes one, so the sync tools carrying the folder (Syncthing, Nextcloud,
 * a stick copied by hand) never see two devices edit one file; the time keeps a listing roughly in
 * the order bundles were made, and the random part keeps two bundles of one second apart. The
 * name is only a label: what a bundle holds, and who made it, is read from its signed content.
 */
import { toBase64Url, randomBytes } from '../teamSync/webCrypto.ts';
import { BUNDLE_SUFFIX } from './syncFolder.ts';

export { BUNDLE_SUFFIX, isBundleFileName } from './syncFolder.ts';

/** `20261129T051203Z` for a time in milliseconds. */
function stamp(at: number): string {
  return new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** A fresh name for a bundle this device writes at `at`. */
export function bundleFileName(
  writer: string,
  at: number,
  random = toBase64Url(randomBytes(6)),
): string {
  const safeWriter = writer.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64) || 'writer';
  return `daftar-${safeWriter}-${stamp(at)}-${random}${BUNDLE_SUFFIX}`;
}
