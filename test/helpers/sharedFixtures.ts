/**
 * Real third-party files (PMTiles, MBTiles, ACLED CSV, GeoJSON) that tests read from the
 * handbook's fixtures folder beside the repository (`../shared/fixtures`, origins in its
 * SOURCES.md); they are never copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const SHARED_FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures');

/** The file's bytes, in a buffer of their own (not a view into Node's pool). */
export function sharedFixture(name: string): Uint8Array {
  const file = path.join(SHARED_FIXTURES, name);
  if (!existsSync(file)) {
    throw new Error(
      `The shared fixture ${name} is missing: expected at ${file} (../shared/fixtures).`,
    );
  }
  return new Uint8Array(readFileSync(file));
}
