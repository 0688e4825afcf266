import { describe, expect, it } from 'vitest';
import { emptyIncident, type IncidentFields } from '../../shared/domain/incident.ts';
import { emptySource } from '../../shared/domain/source.ts';
import { BundleError } from '../../shared/bundle/bundleError.ts';
import { generateDeviceKeyPair, signerFromKey } from '../../shared/bundle/crypto.ts';
import { writeBundle } from '../../shared/bundle/writeBundle.ts';
import type { ChangeSet } from '../../shared/sync/changes.ts';
import { encodeHlc } from '../../shared/sync/hlc.ts';
import {
  dataWithoutOwnImports,
  sendAll,
  T0,
  replicasClosedAfterEach,
} from '../../test/helpers/replica.ts';

const replica = replicasClosedAfterEach();

/** A bundle of `changes` signed by a device nobody knows (Mallory's). */
async function bundleFromStranger(changes: ChangeSet[]): Promise<Uint8Array> {
  const keys = await generateDeviceKeyPair();
  return writeBundle(
    { changes, custody: [], attachments: [] },
    {
      bundleId: 'stranger',
      createdAt: new Date(T0).toISOString(),
      app: 'x',
      author: 'Mallory',
      device: 'mallorydevice',
      signer: signerFromKey(keys.privateKey, keys.publicKey),
      scope: { kind: 'all' },
    },
  );
}

const incident = (title: string, patch: Partial<IncidentFields> = {}): IncidentFields => ({
  ...emptyIncident('2024-05-01'),
  title,
  ...patch,
});

describe('exchanging bundles between two profiles', () => {
  it('brings the other profile to the same data, and a second import changes nothing', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const { id } = await a.data.create('incident', incident('Attack on a checkpoint'));
    const { id: sourceId } = await a.data.create('source', {
      ...emptySource('2024-05-02'),
      title: 'Pajhwok report',
    });
    await a.data.link(id, sourceId, ['date']);
    await a.data.addAttachment(sourceId, {
      name: 'photo.jpg',
      type: 'image/jpeg',
      bytes: new Uint8Array([1, 2, 3, 4]),
    });

    const report = await sendAll(a, b);
    expect(report.counts).toEqual({ new: 3, changed: 0, conflicting: 0, unchanged: 0 });
    expect(report.attachments).toBe(1);
    expect(await dataWithoutOwnImports(b)).toEqual(
      JSON.parse(await a.data.exchange.canonicalExport()),
    );
    // The source's chain of custody says which bundle brought it, from whom, with which key.
    const imported = (await b.data.custodyOf(sourceId)).filter((e) => e.action === 'imported');
    const detail = expect.stringMatching(
      new RegExp(
        `^bundle:\\S+ from:${a.data.deviceId} key:${await a.data.exchange.ownFingerprint()}$`,
      ),
    );
    // One entry for the source, one for the file the bundle carried (custody.test.ts: hashes).
    expect(imported).toEqual([
      expect.objectContaining({ device: b.data.deviceId, author: 'b', detail }),
      expect.objectContaining({
        device: b.data.deviceId,
        author: 'b',
        detail,
        attachment: expect.any(String),
      }),
    ]);
    // Sent back, the entry reaches the first profile, and both hold the same data.
    await sendAll(b, a);
    expect(await a.data.exchange.canonicalExport()).toBe(await b.data.exchange.canonicalExport());
    expect(
      await b.data.attachmentBytes((await b.data.get('source', sourceId))!.attachments[0]!.sha256),
    ).toEqual(new Uint8Array([1, 2, 3, 4]));

    const before = await b.data.exchange.canonicalExport();
    const bundle = await a.data.exchange.exportBundle({ kind: 'all' });
    const plan = await b.data.exchange.openBundle(bundle.bytes);
    expect(plan.counts).toEqual({ new: 0, changed: 0, conflicting: 0, unchanged: 3 });
    expect(plan.signer.status).toBe('known');
    await b.data.exchange.applyBundle(plan);
    expect(await b.data.exchange.canonicalExport()).toBe(before);
  });

  it('keeps concurrent edits of one field as a conflict on both sides, until one side resolves it', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const { id } = await a.data.create('incident', incident('Explosion in Kabul'));
    await sendAll(a, b);

    a.clock.now += 1_000;
    b.clock.now += 2_000;
    await a.data.update('incident', id, { title: 'Explosion in Kabul, 3 killed' });
    await b.data.update('incident', id, { title: 'Explosion near Kabul airport' });
    await a.data.update('incident', id, { notes: 'edited on a' }); // another field: no conflict

    const toB = await a.data.exchange.exportBundle({ kind: 'all' });
    const plan = await b.data.exchange.openBundle(toB.bytes);
    expect(plan.counts.conflicting).toBe(1);
    await b.data.exchange.applyBundle(plan);
    await sendAll(b, a);

    for (const r of [a, b]) {
      const conflicts = await r.data.exchange.conflicts();
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]!.field).toBe('title');
      expect(conflicts[0]!.versions.map((v) => [v.value, v.author])).toEqual([
        ['Explosion near Kabul airport', 'b'],
        ['Explosion in Kabul, 3 killed', 'a'],
      ]);
      expect((await r.data.get('incident', id))!.notes).toBe('edited on a');
    }
    expect(await a.data.exchange.canonicalExport()).toBe(await b.data.exchange.canonicalExport());

    // a keeps its own (losing) value: a change that travels and clears the conflict everywhere
    a.clock.now += 5_000;
    await a.data.exchange.resolveConflict('incident', id, 'title', 'Explosion in Kabul, 3 killed');
    expect(await a.data.exchange.conflicts()).toEqual([]);
    await sendAll(a, b);
    expect(await b.data.exchange.conflicts()).toEqual([]);
    expect((await b.data.get('incident', id))!.title).toBe('Explosion in Kabul, 3 killed');
    expect(await a.data.exchange.canonicalExport()).toBe(await b.data.exchange.canonicalExport());
  });

  it('exports selected incidents with their links, sources, actors and history only', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const { id: kept } = await a.data.create('incident', incident('Selected'));
    const { id: other } = await a.data.create('incident', incident('Not selected'));
    const { id: src } = await a.data.create('source', { ...emptySource('2024-05-02'), title: 'S' });
    const { id: cited } = await a.data.create('source', {
      ...emptySource('2024-05-03'),
      title: 'C',
    });
    const { id: unrelated } = await a.data.create('source', {
      ...emptySource('2024-05-03'),
      title: 'U',
    });
    const { id: actor } = await a.data.create('actor', {
      name: 'Islamic State Khorasan Province',
      aliases: ['ISKP'],
      description: '',
    });
    await a.data.link(kept, src, []);
    await a.data.update('incident', kept, {
      notes: 'second version',
      actors: [{ name: 'ISKP', role: 'claimedBy', actorId: actor }],
      fatalityReports: [{ count: 3, sourceId: cited, note: '' }],
    });

    const bundle = await a.data.exchange.exportBundle({ kind: 'incidents', ids: [kept] });
    await b.data.exchange.applyBundle(await b.data.exchange.openBundle(bundle.bytes));
    expect((await b.data.get('incident', kept))!.notes).toBe('second version');
    expect(await b.data.get('incident', other)).toBeUndefined();
    expect(await b.data.get('source', src)).toBeDefined();
    // the source cited for a figure and the known actor named come along; nothing else does
    expect((await b.data.get('source', cited))?.title).toBe('C');
    expect((await b.data.get('actor', actor))?.aliases).toEqual(['ISKP']);
    expect(await b.data.get('source', unrelated)).toBeUndefined();
    expect(await b.data.linksOfIncident(kept)).toHaveLength(1);
    expect(await b.data.history('incident', kept)).toEqual(await a.data.history('incident', kept));
    const carried = await a.data.custodyOf(src);
    expect(await b.data.custodyOf(src)).toEqual([
      ...carried,
      expect.objectContaining({ action: 'imported', device: b.data.deviceId }),
    ]);
  });

  it('writes an exported custody entry for each source once the bundle is saved', async () => {
    const a = await replica('a');
    const { id: s1 } = await a.data.create('source', { ...emptySource('2024-05-02'), title: 'S1' });
    const { id: s2 } = await a.data.create('source', { ...emptySource('2024-05-02'), title: 'S2' });
    const { id } = await a.data.create('incident', incident('With one source'));
    await a.data.link(id, s1, []);

    const bundle = await a.data.exchange.exportBundle({ kind: 'incidents', ids: [id] });
    expect(bundle.custody.map((c) => c.sourceId)).toEqual([s1]);
    // Not saved yet (the person may still cancel the dialog): nothing logged.
    expect((await a.data.custodyOf(s1)).map((e) => e.action)).toEqual(['captured']);
    await a.data.exchange.recordExport(bundle);
    expect(await a.data.custodyOf(s1)).toEqual([
      expect.objectContaining({ action: 'captured' }),
      expect.objectContaining({
        action: 'exported',
        device: a.data.deviceId,
        author: 'a',
        detail: `bundle:${bundle.bundleId}`,
      }),
    ]);
    expect((await a.data.custodyOf(s2)).map((e) => e.action)).toEqual(['captured']);
  });

  it('exports only what a teammate has not seen, judged from their bundles of everything', async () => {
    const a = await replica('a');
    const b = await replica('b');
    await a.data.create('incident', incident('One'));
    await sendAll(a, b);
    await sendAll(b, a); // b tells a what it has
    const { id: second } = await a.data.create('incident', incident('Two'));

    const bundle = await a.data.exchange.exportBundle({
      kind: 'unseenBy',
      teammate: b.data.deviceId,
    });
    expect(bundle.changeSets).toBe(1);
    await b.data.exchange.applyBundle(await b.data.exchange.openBundle(bundle.bytes));
    expect((await b.data.get('incident', second))!.title).toBe('Two');
    expect(await a.data.exchange.canonicalExport()).toBe(await b.data.exchange.canonicalExport());
  });

  it('opens an encrypted bundle only with its passphrase', async () => {
    const a = await replica('a');
    const b = await replica('b');
    await a.data.create('incident', incident('Secret'));
    const bundle = await a.data.exchange.exportBundle(
      { kind: 'all' },
      { passphrase: 'سه کلمه رمز' },
    );
    const before = await b.data.exchange.canonicalExport();
    await expect(b.data.exchange.openBundle(bundle.bytes)).rejects.toMatchObject({
      code: 'passphraseRequired',
    });
    await expect(
      b.data.exchange.openBundle(bundle.bytes, { passphrase: 'wrong' }),
    ).rejects.toBeInstanceOf(BundleError);
    expect(await b.data.exchange.canonicalExport()).toBe(before);
    const plan = await b.data.exchange.openBundle(bundle.bytes, { passphrase: 'سه کلمه رمز' });
    expect(plan.bundle.encrypted).toBe(true);
    await b.data.exchange.applyBundle(plan);
    expect(await b.data.count('incident')).toBe(1);
  });

  it('remembers a teammate key on first import and warns loudly when it changes', async () => {
    const a = await replica('a');
    const b = await replica('b');
    await a.data.create('incident', incident('One'));
    const first = await b.data.exchange.openBundle(
      (await a.data.exchange.exportBundle({ kind: 'all' })).bytes,
    );
    expect(first.signer.status).toBe('new');
    await b.data.exchange.applyBundle(first);
    const [teammate] = await b.data.exchange.teammates();
    expect(teammate).toMatchObject({
      device: a.data.deviceId,
      fingerprint: first.signer.fingerprint,
    });

    // the same device id, another key (a reinstall, or an impostor)
    await b.data.db.teammates.update(a.data.deviceId, { publicKey: '00'.repeat(32) });
    const again = await b.data.exchange.openBundle(
      (await a.data.exchange.exportBundle({ kind: 'all' })).bytes,
    );
    expect(again.signer.status).toBe('keyChanged');
    await expect(b.data.exchange.applyBundle(again)).rejects.toThrow(/key .* changed/);
    await b.data.exchange.applyBundle(again, { acceptChangedKey: true });
  });

  it('applies changes that arrived before the record they edit once the record arrives', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const c = await replica('c');
    const { id } = await a.data.create('incident', incident('Created on a'));
    await sendAll(a, b);
    b.clock.now += 1_000;
    await b.data.update('incident', id, { title: 'Edited on b' });
    // c gets only b's edit first (a selection bundle carries the whole history, so filter by hand)
    const onlyEdit = await b.data.exchange.exportBundle({
      kind: 'unseenBy',
      teammate: a.data.deviceId,
    });
    await sendAll(a, b); // nothing new for b
    const plan = await c.data.exchange.openBundle(onlyEdit.bytes);
    await c.data.exchange.applyBundle(plan);
    // b has no record of what a has seen, so it sent everything; import a's own bundle next
    await sendAll(a, c);
    expect((await c.data.get('incident', id))!.title).toBe('Edited on b');
  });
});

describe('conflicts of deleted records', () => {
  it('wait out of view (and out of the count) until the record is restored', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const { id } = await a.data.create('incident', incident('Shared'));
    await sendAll(a, b);
    await a.data.update('incident', id, { title: 'From a' });
    await b.data.update('incident', id, { title: 'From b' });
    await sendAll(b, a);
    expect(await a.data.exchange.conflictCount()).toBe(1);
    expect((await a.data.exchange.conflictsOf('incident', id)).map((c) => c.field)).toEqual([
      'title',
    ]);
    await a.data.deleteWithLinks('incident', id);
    expect(await a.data.exchange.conflictCount()).toBe(0);
    expect(await a.data.exchange.conflicts()).toEqual([]);
    await a.data.store.write([{ type: 'restore', kind: 'incident', id }]);
    expect(await a.data.exchange.conflictCount()).toBe(1);
  });
});

describe('edits around an import', () => {
  it('undo replaces only what the undone edit wrote, so a teammate’s edit stays visible', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const { id } = await a.data.create('incident', incident('Original'));
    await sendAll(a, b);
    a.clock.now += 1_000;
    b.clock.now += 2_000;
    const edit = await a.data.update('incident', id, { title: 'Edited on a' });
    await b.data.update('incident', id, { title: 'Edited on b' });
    await sendAll(b, a);
    await a.data.store.write(edit.undo);
    const [conflict] = await a.data.exchange.conflicts();
    expect(conflict?.versions.map((v) => v.value)).toEqual(['Original', 'Edited on b']);
  });

  it('the same pair linked on two devices is one link, with nothing to resolve', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const { id } = await a.data.create('incident', incident('Linked twice'));
    const { id: src } = await a.data.create('source', { ...emptySource('2024-05-02'), title: 'S' });
    await sendAll(a, b);
    await a.data.link(id, src, ['date']);
    await b.data.link(id, src, ['date']);
    await sendAll(b, a);
    await sendAll(a, b);
    expect(await a.data.exchange.conflictCount()).toBe(0);
    await a.data.link(id, src, ['date', 'location'], 'both agree');
    await sendAll(a, b);
    expect(await b.data.exchange.conflictCount()).toBe(0);
    expect((await b.data.linksOfIncident(id))[0]).toMatchObject({ note: 'both agree' });
    expect(await a.data.exchange.canonicalExport()).toBe(await b.data.exchange.canonicalExport());
  });

  it('keeps a version that arrived after the conflict was shown when resolving', async () => {
    const [a, b, c] = [await replica('a'), await replica('b'), await replica('c')];
    const { id } = await a.data.create('incident', incident('Original'));
    await sendAll(a, b);
    await sendAll(a, c);
    a.clock.now += 1_000;
    b.clock.now += 2_000;
    c.clock.now += 3_000;
    await a.data.update('incident', id, { title: 'A' });
    await b.data.update('incident', id, { title: 'B' });
    await c.data.update('incident', id, { title: 'C' });
    await sendAll(b, a);
    const shown = (await a.data.exchange.conflicts())[0]!.versions.map((v) => v.hlc);
    await sendAll(c, a); // arrives while the person looks at A vs B
    await a.data.exchange.resolveConflict('incident', id, 'title', 'A', shown);
    const [left] = await a.data.exchange.conflicts();
    expect(left?.versions.map((v) => v.value)).toEqual(['A', 'C']);
  });
});

describe('bundles that claim too much', () => {
  it('refuses a change attributed to the importing device that it never made', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const { id } = await a.data.create('incident', incident('Real'));
    await sendAll(a, b);
    const forged: ChangeSet = {
      hlc: encodeHlc({ wall: T0 + 5_000, counter: 0, device: b.data.deviceId }),
      kind: 'incident',
      recordId: id,
      device: b.data.deviceId,
      author: 'b',
      fields: { title: 'Forged in b’s name' },
      base: {},
    };
    const bytes = await bundleFromStranger([forged]);
    const before = await b.data.exchange.canonicalExport();
    await expect(b.data.exchange.openBundle(bytes)).rejects.toMatchObject({
      code: 'invalidChange',
    });
    expect(await b.data.exchange.canonicalExport()).toBe(before);
  });

  it('refuses a change whose clock is stored with other content', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const { id } = await a.data.create('incident', incident('Real'));
    await sendAll(a, b);
    const [original] = await a.data.history('incident', id);
    const bytes = await bundleFromStranger([
      { ...original!, fields: { ...original!.fields, title: 'Rewritten' } },
    ]);
    await expect(b.data.exchange.openBundle(bytes)).rejects.toMatchObject({
      code: 'changeCollision',
    });
  });
});

describe('a merge that breaks a rule between fields', () => {
  it('stays editable, deletable and restorable, and takes the fix', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const { id } = await a.data.create(
      'incident',
      incident('Dates', { dateStart: '2024-05-01', dateEnd: '2024-05-10' }),
    );
    await sendAll(a, b);
    await a.data.update('incident', id, { dateStart: '2024-05-08' });
    await b.data.update('incident', id, { dateEnd: '2024-05-03' });
    await sendAll(b, a);
    const merged = (await a.data.get('incident', id))!;
    expect([merged.dateStart, merged.dateEnd]).toEqual(['2024-05-08', '2024-05-03']);

    await a.data.update('incident', id, { notes: 'an unrelated edit' });
    await expect(a.data.update('incident', id, { latitude: 34.5 })).rejects.toThrow(
      /coordinatePair/,
    );
    const deleted = await a.data.deleteWithLinks('incident', id);
    await a.data.store.write(deleted.undo);
    expect((await a.data.get('incident', id))!.notes).toBe('an unrelated edit');
    await a.data.update('incident', id, { dateEnd: '2024-05-12' });
    expect((await a.data.get('incident', id))!.dateEnd).toBe('2024-05-12');
  });
});

describe('a clock reused for another record', () => {
  it('is refused, so it cannot make later bundles of everything unreadable', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const { id } = await a.data.create('incident', incident('Real'));
    await sendAll(a, b);
    const c = await replica('c');
    await sendAll(a, c);
    const [original] = await a.data.history('incident', id);
    const bytes = await bundleFromStranger([
      { ...original!, recordId: 'another', fields: { ...original!.fields, title: 'Other' } },
    ]);
    // b holds a's change as an import: the reused clock is caught
    await expect(b.data.exchange.openBundle(bytes)).rejects.toMatchObject({
      code: 'changeCollision',
    });
    await sendAll(b, c); // and b's bundles of everything still open
  });
});
