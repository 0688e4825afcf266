/**
 * Every bundle of the hostile corpus (test/fixtures/hostile-bundles, made by
 * `npm run fixtures:hostile`) is refused with its specific error before anything is written:
 * the profile's canonical export is byte-identical before and after, and no temporary file is
 * left behind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BundleError } from '../../shared/bundle/bundleError.ts';
import { readBundle } from '../../shared/bundle/readBundle.ts';
import { emptyIncident } from '../../shared/domain/incident.ts';
import {
  generateHostileBundles,
  HOSTILE_NOW,
  HOSTILE_PASSPHRASE,
  HOSTILE_WRONG_PASSPHRASE,
  validFixtureBundle,
  type HostileBundle,
} from '../fixtures/hostile-bundles/hostileBundles.ts';
import { openReplica, type Replica } from '../helpers/replica.ts';

const folder = path.resolve(import.meta.dirname, '../fixtures/hostile-bundles');
const index = JSON.parse(readFileSync(path.join(folder, 'index.json'), 'utf8')) as Omit<
  HostileBundle,
  'bytes'
>[];
const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(folder, 'corpus', name)));
/** Encrypted fixtures are opened with the right passphrase, except the one that tests its absence. */
const passphraseFor = (name: string) =>
  name === 'encrypted-wrong-passphrase.daftar'
    ? HOSTILE_WRONG_PASSPHRASE
    : name.startsWith('encrypted-') && name !== 'encrypted-no-passphrase.daftar'
      ? HOSTILE_PASSPHRASE
      : undefined;

async function refusal(promise: Promise<unknown>): Promise<BundleError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BundleError) return error;
    throw new Error(`refused with something other than a BundleError: ${String(error)}`);
  }
  throw new Error('the bundle was accepted');
}

describe('the hostile-bundle corpus', () => {
  it('holds at least 100 bundles, exactly as the generator makes them', async () => {
    expect(index.length).toBeGreaterThanOrEqual(100);
    expect(readdirSync(path.join(folder, 'corpus')).sort()).toEqual(
      index.map((b) => b.name).sort(),
    );
    const generated = await generateHostileBundles();
    expect(generated.map(({ name, code, description }) => ({ name, code, description }))).toEqual(
      index,
    );
    for (const b of generated) expect(bytesOf(b.name), b.name).toEqual(b.bytes);
  }, 120_000);

  it('derives from a valid bundle, which opens', async () => {
    const opened = await readBundle(await validFixtureBundle(), { now: HOSTILE_NOW });
    expect(opened.changes).toHaveLength(3);
    expect(opened.attachments).toHaveLength(1);
  });

  it.each(index.map((b) => [b.name, b] as const))(
    'refuses %s with its specific error',
    async (name, expected) => {
      const passphrase = passphraseFor(name);
      const error = await refusal(
        readBundle(bytesOf(name), { now: HOSTILE_NOW, ...(passphrase ? { passphrase } : {}) }),
      );
      expect(error.code, `${name} (${expected.description}): ${error.message}`).toBe(expected.code);
      expect(error.message.length).toBeGreaterThan(10);
    },
    30_000,
  );
});

describe('importing the hostile corpus into a profile', () => {
  let replica: Replica;
  beforeAll(async () => {
    replica = await openReplica('victim', 'victim', false);
    replica.clock.now = HOSTILE_NOW;
    const { id } = await replica.data.create('incident', {
      ...emptyIncident('2025-02-27'),
      title: 'Existing record',
    });
    await replica.data.update('incident', id, { notes: 'must survive' });
  });
  afterAll(() => replica.data.close());

  it('changes nothing and leaves no temporary file, whatever the bundle', async () => {
    const before = await replica.data.exchange.canonicalExport();
    const tempBefore = readdirSync(os.tmpdir()).sort();
    for (const { name, code } of index) {
      const passphrase = passphraseFor(name);
      const error = await refusal(
        replica.data.exchange.openBundle(bytesOf(name), passphrase ? { passphrase } : {}),
      );
      expect(error.code, name).toBe(code);
    }
    expect(await replica.data.exchange.canonicalExport()).toBe(before);
    const tempAfter = readdirSync(os.tmpdir()).filter((f) => f.startsWith('daftar'));
    expect(tempAfter).toEqual(tempBefore.filter((f) => f.startsWith('daftar')));
  }, 300_000);
});
