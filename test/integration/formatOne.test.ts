/**
 * Bundles made before review (format 1, written by the app as it was then and kept in
 * test/fixtures/format-1) still open and import: the manifest is brought forward, and records
 * made before sources had a status or incidents a status reason get their defaults.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT_VERSION } from '../../shared/bundle/manifest.ts';
import { readBundle } from '../../shared/bundle/readBundle.ts';
import { openReplica, type Replica } from '../helpers/replica.ts';

const folder = path.resolve(import.meta.dirname, '../fixtures/format-1');
const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(folder, name)));
const NOW = Date.UTC(2025, 2, 2);

describe('format 1 bundles', () => {
  let replica: Replica | undefined;
  afterEach(() => replica?.data.close());

  it('are written as format 1 and read as the current format with no annotations', async () => {
    const raw = new TextDecoder().decode(bytesOf('all.daftar'));
    expect(raw).toContain('"version": 1');
    const opened = await readBundle(bytesOf('all.daftar'), { now: NOW });
    expect(opened.manifest.version).toBe(BUNDLE_FORMAT_VERSION);
    expect(opened.manifest.counts.records).toMatchObject({ incident: 1, source: 1, annotation: 0 });
  });

  it.each([
    ['all.daftar', undefined],
    ['all-encrypted.daftar', 'format one passphrase'],
  ])('%s imports, its records completed with the fields review added', async (name, passphrase) => {
    replica = await openReplica('f1');
    replica.clock.now = NOW;
    const plan = await replica.data.exchange.openBundle(
      bytesOf(name),
      passphrase ? { passphrase } : {},
    );
    await replica.data.exchange.applyBundle(plan, { acceptChangedKey: false });
    const incident = await replica.data.get('incident', 'inc1');
    expect(incident).toMatchObject({
      title: 'حمله در کابل، ۳ کشته',
      status: 'draft',
      statusReason: '',
      externalId: '',
      mergedFrom: [],
    });
    const source = await replica.data.get('source', 'src1');
    expect(source).toMatchObject({ title: 'A report', status: 'draft', statusReason: '' });
    // The completed records are indexed for the review queue like any other.
    expect((await replica.data.review.counts()).toReview).toBe(0);
    await replica.data.review.setStatus('source', 'src1', 'submitted', '');
    expect((await replica.data.review.counts()).toReview).toBe(1);
  });
});
