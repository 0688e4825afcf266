/**
 * Real third-party files (PMTiles, MBTiles, ACLED CSV, GeoJSON) that tests read from the
 * handbook's fixtures folder beside the repository (`../shared/fixtures`, origins in its
 * SOURCES.md); they are never copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const SHARED_FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures');

export function sharedFixture(name: string): Buffer {
  const file = path.join(SHARED_FIXTURES, name);
  if (!existsSync(file)) {
    throw new Error(
      `The shared fixture ${name} is missing: expected at ${file} (../shared/fixtures).`,
    );
  }
  return readFileSync(file);
}
