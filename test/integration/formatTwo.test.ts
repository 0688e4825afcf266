/**
 * Bundles made before incidents had an external id and merged duplicates (format 2, written by
 * the app as it was then — commit 8f726bf — and kept in test/fixtures/format-2) still open and
 * import: the manifest is brought forward and the incidents get the new fields' defaults.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT_VERSION } from '../../shared/bundle/manifest.ts';
import { readBundle } from '../../shared/bundle/readBundle.ts';
import { replicasClosedAfterEach } from '../helpers/replica.ts';

const folder = path.resolve(import.meta.dirname, '../fixtures/format-2');
const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(folder, name)));
const NOW = Date.UTC(2026, 10, 21);

describe('format 2 bundles', () => {
  const openReplica = replicasClosedAfterEach();

  it('are written as format 2 and read as the current format', async () => {
    expect(new TextDecoder().decode(bytesOf('all.daftar'))).toContain('"version": 2');
    const opened = await readBundle(bytesOf('all.daftar'), { now: NOW });
    expect(opened.manifest.version).toBe(BUNDLE_FORMAT_VERSION);
    expect(opened.manifest.counts.records).toMatchObject({ incident: 1, source: 1, annotation: 1 });
  });

  it.each([
    ['all.daftar', undefined],
    ['all-encrypted.daftar', 'format two passphrase'],
  ])(
    '%s imports, its incidents completed with the fields added since',
    async (name, passphrase) => {
      const replica = await openReplica('f2');
      replica.clock.now = NOW;
      const plan = await replica.data.exchange.openBundle(
        bytesOf(name),
        passphrase ? { passphrase } : {},
      );
      await replica.data.exchange.applyBundle(plan, { acceptChangedKey: false });
      expect(await replica.data.get('incident', 'inc2')).toMatchObject({
        title: 'انفجار در قندوز، ۲ کشته',
        status: 'submitted',
        fatalities: 2,
        externalId: '',
        mergedFrom: [],
      });
      expect(await replica.data.review.annotationsOf('incident', 'inc2')).toHaveLength(1);
      expect(await replica.data.sourcesOfIncident('inc2')).toMatchObject([
        { title: 'Local radio report' },
      ]);
      // An incident completed so can be edited and exported again like any other.
      await replica.data.update('incident', 'inc2', { externalId: 'AFG-2026-1' });
      expect(await replica.data.get('incident', 'inc2')).toMatchObject({
        externalId: 'AFG-2026-1',
      });
    },
  );
});
