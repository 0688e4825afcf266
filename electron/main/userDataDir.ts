/**
 * Where the app keeps its profile. `DAFTAR_USER_DATA_DIR` overrides Electron's default so each
 * end-to-end test can start with a fresh, throw-away profile (and its own single-instance lock,
 * which Electron keys on this folder).
 */
import path from 'node:path';

export const USER_DATA_ENV = 'DAFTAR_USER_DATA_DIR';

/** The overriding folder (made absolute against `cwd`), or `undefined` to keep the default. */
export function userDataOverride(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): string | undefined {
  const value = env[USER_DATA_ENV]?.trim();
  if (!value) return undefined;
  return path.resolve(cwd, value);
}
