/**
 * The chain of custody of a source and its files, step by step: captured, file attached,
 * exported, imported, printed — each entry with the hash of what was handed on at that step
 * (the source's `sourceHash` as it then stood, or the file's own SHA-256), one entry per file a
 * bundle carries, and none for a step that hands on no evidence (a verification status alone).
 */
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../shared/bundle/crypto.ts';
import { sourceHash, type CustodyEntry } from '../../shared/domain/custody.ts';
import { emptySource } from '../../shared/domain/source.ts';
import { type Replica, replicasClosedAfterEach } from '../../test/helpers/replica.ts';

const replica = replicasClosedAfterEach();

const PHOTO = new TextEncoder().encode('a photo of the site');
const SCAN = new TextEncoder().encode('a scanned letter');

/** Each entry's action, and what it is about: `source` or the file's hash, with the hash. */
const steps = (entries: CustodyEntry[]) =>
  entries.map((e) => [e.action, e.attachment ?? 'source', e.hash]);

async function sourceWithFiles(r: Replica) {
  const { id } = await r.data.create('source', {
    ...emptySource('2025-02-28'),
    title: '  Letter from the district office  ',
  });
  const captured = await sourceHash((await r.data.get('source', id))!);
  r.clock.now += 1_000;
  await r.data.addAttachment(id, { name: 'photo.jpg', type: 'image/jpeg', bytes: PHOTO });
  await r.data.addAttachment(id, { name: 'scan.pdf', type: 'application/pdf', bytes: SCAN });
  return { id, captured, photo: await sha256Hex(PHOTO), scan: await sha256Hex(SCAN) };
}

describe('the chain of custody', () => {
  it('hashes the source as stored when captured, and each file as it is attached', async () => {
    const a = await replica('a');
    const { id, captured, photo, scan } = await sourceWithFiles(a);
    // The title was stored trimmed: the hash is of what was kept, not what was typed.
    expect((await a.data.get('source', id))!.title).toBe('Letter from the district office');
    expect(steps(await a.data.custodyOf(id))).toEqual([
      ['captured', 'source', captured],
      ['attachmentAdded', photo, photo],
      ['attachmentAdded', scan, scan],
    ]);
    expect((await a.data.custodyOf(id)).map((e) => e.detail)).toEqual([
      '',
      'photo.jpg',
      'scan.pdf',
    ]);
  });

  it('logs an export with the source’s hash as it then stood, and one entry per file', async () => {
    const a = await replica('a');
    const { id, captured, photo, scan } = await sourceWithFiles(a);
    await a.data.update('source', id, { excerpt: 'The office confirms three deaths.' });
    const edited = await sourceHash((await a.data.get('source', id))!);
    expect(edited).not.toBe(captured);

    const bundle = await a.data.exchange.exportBundle({ kind: 'all' });
    // Edited after the bundle was made: the entry still names what the bundle carried.
    await a.data.update('source', id, { excerpt: 'Later correction.' });
    await a.data.exchange.recordExport(bundle);
    const exported = (await a.data.custodyOf(id)).filter((e) => e.action === 'exported');
    expect(steps(exported)).toEqual([
      ['exported', 'source', edited],
      ['exported', photo, photo],
      ['exported', scan, scan],
    ]);
    expect(exported.every((e) => e.detail === `bundle:${bundle.bundleId}`)).toBe(true);
  });

  it('logs an import with the hash the importer holds, the same as the exporter’s', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const { id, photo, scan } = await sourceWithFiles(a);
    const bundle = await a.data.exchange.exportBundle({ kind: 'all' });
    await a.data.exchange.recordExport(bundle);
    await b.data.exchange.applyBundle(await b.data.exchange.openBundle(bundle.bytes));

    const held = await sourceHash((await b.data.get('source', id))!);
    const imported = (await b.data.custodyOf(id)).filter((e) => e.action === 'imported');
    expect(steps(imported)).toEqual([
      ['imported', 'source', held],
      ['imported', photo, photo],
      ['imported', scan, scan],
    ]);
    expect(imported.every((e) => e.device === b.data.deviceId)).toBe(true);
    const exported = (await a.data.custodyOf(id)).find((e) => e.action === 'exported');
    expect(exported?.hash).toBe(held);
    // The exporter's own entries travelled with the source.
    expect((await b.data.custodyOf(id)).filter((e) => e.device === a.data.deviceId)).toHaveLength(
      3,
    );
  });

  it('logs no import for a status change alone: no evidence was handed on', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const { id } = await sourceWithFiles(a);
    const first = await a.data.exchange.exportBundle({ kind: 'all' });
    await b.data.exchange.applyBundle(await b.data.exchange.openBundle(first.bytes));
    const before = await b.data.custodyOf(id);

    a.clock.now += 60_000;
    await a.data.review.setStatus('source', id, 'submitted', '');
    const hash = await sourceHash((await a.data.get('source', id))!);
    const again = await a.data.exchange.exportBundle({ kind: 'all' });
    expect(again.custody.find((s) => s.attachment === undefined)?.hash).toBe(hash);
    const plan = await b.data.exchange.openBundle(again.bytes);
    expect(plan.counts.changed).toBe(1);
    await b.data.exchange.applyBundle(plan);
    expect((await b.data.get('source', id))!.status).toBe('submitted');
    expect(await b.data.custodyOf(id)).toEqual(before);
    // …and the status is not part of the source's hash, so the evidence reads as unchanged.
    expect(await sourceHash((await b.data.get('source', id))!)).toBe(hash);
  });

  it('logs a deleted source’s history handed on, without a hash: it has no current state', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const { id } = await sourceWithFiles(a);
    await a.data.deleteWithLinks('source', id);
    const bundle = await a.data.exchange.exportBundle({ kind: 'all' });
    expect(bundle.custody).toEqual([{ sourceId: id }]);
    await a.data.exchange.recordExport(bundle);
    await b.data.exchange.applyBundle(await b.data.exchange.openBundle(bundle.bytes));
    const unhashed = async (r: Replica) =>
      (await r.data.custodyOf(id)).filter((e) => e.hash === undefined).map((e) => e.action);
    expect(await unhashed(a)).toEqual(['exported']);
    expect(await unhashed(b)).toEqual(['imported']);
  });

  it('logs a printed dossier with each source’s current hash (logCustody)', async () => {
    const a = await replica('a');
    const { id } = await sourceWithFiles(a);
    a.clock.now += 5_000;
    const entries = await a.data.logCustody([id, 'not-here'], 'printed', 'dossier:inc1');
    const hash = await sourceHash((await a.data.get('source', id))!);
    expect(entries).toEqual([
      expect.objectContaining({
        sourceId: id,
        action: 'printed',
        detail: 'dossier:inc1',
        hash,
        device: a.data.deviceId,
      }),
    ]);
    expect((await a.data.custodyOf(id)).at(-1)).toEqual(entries[0]);
  });
});
