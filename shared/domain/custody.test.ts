import { describe, expect, it } from 'vitest';
import { custodyEntrySchema, custodyFileOf, sourceHash, type CustodyEntry } from './custody.ts';
import { emptySource } from './source.ts';

const SHA = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
/** An entry as format 1 wrote it: no file, no hash. */
const old: CustodyEntry = {
  id: '2025-03-01T08:00:00.000Z#000000001#x',
  sourceId: 'src1',
  at: '2025-03-01T08:00:00.000Z',
  action: 'attachmentAdded',
  device: 'dev1',
  author: 'Mariam',
  detail: `photo.jpg sha256:${SHA}`,
};

describe('custody entries', () => {
  it('accept entries written before they had hashes', () => {
    expect(custodyEntrySchema.parse(old)).toEqual(old);
  });

  it('name the file they are about and the hash of what was handed on', () => {
    const entry = { ...old, action: 'exported', attachment: SHA, hash: SHA, detail: 'bundle:b1' };
    expect(custodyEntrySchema.safeParse(entry).success).toBe(true);
    expect(custodyEntrySchema.safeParse({ ...old, action: 'printed', hash: SHA }).success).toBe(
      true,
    );
  });

  it.each([
    ['a hash that is not hex SHA-256', { hash: 'sha256:abc' }],
    ['an upper-case hash', { hash: SHA.toUpperCase() }],
    ['a file hash other than the file’s own', { attachment: SHA, hash: 'a'.repeat(64) }],
    ['an unknown action', { action: 'stolen' }],
    ['an unknown field', { note: 'x' }],
  ])('refuse %s', (_, patch) => {
    expect(custodyEntrySchema.safeParse({ ...old, ...patch }).success).toBe(false);
  });

  it('find their file in the attachment field, or in an old entry’s detail', () => {
    expect(custodyFileOf(old)).toBe(SHA);
    expect(custodyFileOf({ ...old, detail: 'photo.jpg', attachment: SHA })).toBe(SHA);
    expect(custodyFileOf({ ...old, action: 'imported', detail: `bundle:x sha256:${SHA}` })).toBe(
      undefined,
    );
    expect(custodyFileOf({ ...old, action: 'captured', detail: '' })).toBe(undefined);
  });
});

describe('sourceHash', () => {
  const source = { ...emptySource('2025-02-28'), title: 'TOLO report', fullText: 'سه کشته' };

  it('is the SHA-256 of the canonical JSON of the fields, without the status', async () => {
    const { status: _s, statusReason: _r, ...hashed } = source;
    const canonical = JSON.stringify(Object.fromEntries(Object.entries(hashed).sort()));
    const expected = Buffer.from(
      await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical)),
    ).toString('hex');
    expect(await sourceHash(source)).toBe(expected);
  });

  it('changes with the text, not with the status, the id or the clocks', async () => {
    const hash = await sourceHash(source);
    expect(await sourceHash({ ...source, fullText: 'چهار کشته' })).not.toBe(hash);
    expect(await sourceHash({ ...source, status: 'verified', statusReason: 'Checked' })).toBe(hash);
    const stored = { ...source, id: 's1', created: 'c', updated: 'u' };
    expect(await sourceHash(stored)).toBe(hash);
  });
});
