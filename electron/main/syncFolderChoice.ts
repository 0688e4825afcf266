/**
 * Which folders the user may not choose as the sync folder: the home folder, a folder holding it,
 * or a whole disk. Daftar's sync files belong in a folder of their own; in one of these the sync
 * tool would carry them along with everything else, and Daftar would sit among the user's files.
 */
import path from 'node:path';

export const TOO_WIDE_FOLDER =
  "Choose a folder of its own for Daftar's sync, not your home folder or a whole disk.";

/**
 * Whether `folder` (absolute) is the home folder, a folder holding it (`/home`, `C:\Users`) or a
 * disk's root (`/`, `D:\`, `\\server\share\`): folders full of the user's other files, where
 * the sync tool would carry Daftar's files along with everything else. Case is ignored where the
 * system usually does (Windows, macOS). `paths` is `path.win32` in tests of Windows paths.
 */
export function isTooWideForSync(
  folder: string,
  home: string,
  paths: path.PlatformPath = path,
  ignoreCase = paths === path.win32 || process.platform === 'darwin',
): boolean {
  const fold = (p: string) => (ignoreCase ? p.toLowerCase() : p);
  const resolved = fold(paths.resolve(folder));
  const { root } = paths.parse(resolved);
  if (resolved === root || resolved === root.replace(/[\\/]+$/, '')) return true;
  const fromFolderToHome = paths.relative(resolved, fold(paths.resolve(home)));
  return (
    fromFolderToHome === '' ||
    (fromFolderToHome !== '..' &&
      !fromFolderToHome.startsWith(`..${paths.sep}`) &&
      !paths.isAbsolute(fromFolderToHome))
  );
}
