import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyIncident, type IncidentFields } from '../../shared/domain/incident.ts';
import { linkId } from '../../shared/domain/link.ts';
import { RECORD_KINDS, RecordValidationError } from '../../shared/domain/records.ts';
import { emptySource, type SourceFields } from '../../shared/domain/source.ts';
import { DaftarData, type WriteOp } from './daftarData.ts';
import { RecordNotFoundError } from './recordStore.ts';
import { testSealer } from '../../test/helpers/testSealer.ts';

const T0 = Date.UTC(2024, 0, 1, 8);
const opened: DaftarData[] = [];

/** A DaftarData on a fresh database, with its own controllable clock and predictable ids. */
async function openData(name = `daftarData-${Math.random()}`, prefix = 'id') {
  const clock = { now: T0 };
  let next = 0;
  const data = await DaftarData.open({
    sealer: testSealer(),
    name,
    now: () => clock.now,
    newId: () => `${prefix}${String(++next).padStart(3, '0')}`,
  });
  opened.push(data);
  await data.saveProfile({ name: 'Mariam', role: 'researcher' });
  return { data, clock, name };
}

afterEach(() => {
  for (const data of opened.splice(0)) data.close();
});

const incident = (title: string, patch: Partial<IncidentFields> = {}): IncidentFields => ({
  ...emptyIncident('2023-03-09'),
  title,
  ...patch,
});
const source = (title: string, patch: Partial<SourceFields> = {}): SourceFields => ({
  ...emptySource('2023-03-10'),
  title,
  ...patch,
});

/** Everything a user could see: every live record of every kind, without the `updated` clock. */
async function snapshot(data: DaftarData) {
  const out: Record<string, unknown[]> = {};
  for (const kind of RECORD_KINDS) {
    const records = await data.all(kind);
    out[kind] = records
      .map(({ updated: _updated, ...rest }) => rest)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }
  return out;
}

async function counts(data: DaftarData) {
  return {
    incidents: await data.count('incident'),
    sources: await data.count('source'),
    links: await data.count('link'),
    changes: (await data.store.allChanges()).length,
    attachments: await data.db.attachments.count(),
    custody: await data.db.custody.count(),
  };
}

describe('atomic writes', () => {
  it('leaves the database untouched when any operation of a write is invalid', async () => {
    const { data } = await openData();
    const { id: a } = await data.create('incident', incident('A'));
    const { id: b } = await data.create('incident', incident('B'));
    const before = await counts(data);
    const state = await snapshot(data);

    const attempts: [WriteOp[], unknown][] = [
      [
        [
          { type: 'create', kind: 'incident', id: 'new1', fields: incident('New') },
          { type: 'update', kind: 'incident', id: a, fields: { title: 'A2' } },
          { type: 'update', kind: 'incident', id: b, fields: { latitude: 91, longitude: 10 } },
        ],
        RecordValidationError,
      ],
      [
        [
          { type: 'delete', kind: 'incident', id: a },
          {
            type: 'create',
            kind: 'incident',
            id: 'new2',
            fields: incident('', { fatalities: -1 }),
          },
        ],
        RecordValidationError,
      ],
      [
        [
          { type: 'update', kind: 'incident', id: a, fields: { title: 'A3' } },
          { type: 'update', kind: 'incident', id: 'missing', fields: { title: 'X' } },
        ],
        RecordNotFoundError,
      ],
      [
        [
          { type: 'create', kind: 'incident', id: 'new3', fields: incident('New') },
          { type: 'restore', kind: 'incident', id: 'never-existed' },
        ],
        RecordNotFoundError,
      ],
      // Refused only when the rows are stored (bulkAdd), after the change sets were added.
      [
        [
          { type: 'create', kind: 'incident', id: 'new4', fields: incident('New') },
          { type: 'create', kind: 'incident', id: a, fields: incident('Duplicate') },
        ],
        Error,
      ],
    ];
    for (const [ops, errorType] of attempts) {
      await expect(data.write(ops)).rejects.toBeInstanceOf(errorType);
      expect(await counts(data)).toEqual(before);
      expect(await snapshot(data)).toEqual(state);
    }
    // And the store still works, with a clock later than every stored change.
    const { changes } = await data.write([
      { type: 'update', kind: 'incident', id: a, fields: { title: 'A4' } },
    ]);
    const latest = (await data.store.allChanges()).at(-1);
    expect(latest?.hlc).toBe(changes[0]!.hlc);
  });

  it('writes nothing, not even custody, when a new source is invalid', async () => {
    const { data } = await openData();
    const before = await counts(data);
    await expect(
      data.create('source', source('S', { url: 'javascript:alert(1)' })),
    ).rejects.toThrow(/url validation.invalidUrl/);
    expect(await counts(data)).toEqual(before);
  });
});

describe('undo', () => {
  async function world() {
    const fixture = await openData();
    const { data, clock } = fixture;
    const { id: incidentId } = await data.create(
      'incident',
      incident('Governor killed', {
        fatalities: 3,
        tags: ['balkh'],
        latitude: 36.7,
        longitude: 67.1,
      }),
    );
    const { id: s1 } = await data.create('source', source('Pajhwok', { language: 'en' }));
    const { id: s2 } = await data.create('source', source('Tolo', { reliability: 'B' }));
    await data.link(incidentId, s1, ['date', 'fatalities'], 'says three');
    await data.link(incidentId, s2, ['location']);
    clock.now += 60_000;
    return { ...fixture, incidentId, s1, s2 };
  }

  it('undoes a create, and redoes it by undoing the undo', async () => {
    const { data, clock } = await world();
    const before = await snapshot(data);
    const { id, result } = await data.create('incident', incident('Second attack'));
    const after = await snapshot(data);
    clock.now += 1000;
    const undone = await data.write(result.undo);
    expect(await snapshot(data)).toEqual(before);
    expect(await data.get('incident', id)).toBeUndefined();
    clock.now += 1000;
    await data.write(undone.undo);
    expect(await snapshot(data)).toEqual(after);
  });

  it('undoes an update of several fields, restoring each', async () => {
    const { data, incidentId } = await world();
    const before = await snapshot(data);
    const result = await data.update('incident', incidentId, {
      title: 'Governor and guards killed',
      fatalities: 5,
      latitude: null,
      longitude: null,
      tags: [],
      notes: 'Claimed by ISKP',
    });
    expect(Object.keys(result.changes[0]!.fields).sort()).toEqual(
      ['fatalities', 'latitude', 'longitude', 'notes', 'tags', 'title'].sort(),
    );
    await data.write(result.undo);
    expect(await snapshot(data)).toEqual(before);
  });

  it.each(['incident', 'source'] as const)('undoes deleting an %s with its links', async (kind) => {
    const { data, incidentId, s1, s2 } = await world();
    const id = kind === 'incident' ? incidentId : s1;
    const before = await snapshot(data);
    const removal = await data.deleteWithLinks(kind, id);
    expect(await data.get(kind, id)).toBeUndefined();
    const remainingLinks = (await data.all('link')).map((l) => l.id);
    expect(remainingLinks).toEqual(kind === 'incident' ? [] : [linkId(incidentId, s2)]);
    await data.write(removal.undo);
    expect(await snapshot(data)).toEqual(before);
    // The history keeps the deletion and its undoing (append-only).
    const history = await data.history(kind, id);
    expect(history.slice(-2).map((c) => c.fields)).toEqual([{ deleted: true }, { deleted: false }]);
  });

  it('undoes a restore', async () => {
    const { data, incidentId } = await world();
    await data.write([{ type: 'delete', kind: 'incident', id: incidentId }]);
    const deleted = await snapshot(data);
    const restore = await data.write([{ type: 'restore', kind: 'incident', id: incidentId }]);
    expect((await data.get('incident', incidentId))?.title).toBe('Governor killed');
    await data.write(restore.undo);
    expect(await snapshot(data)).toEqual(deleted);
  });

  it('undoes a write that touches one record several times, last operation first', async () => {
    const { data, incidentId } = await world();
    const before = await snapshot(data);
    const edits = await data.write([
      { type: 'update', kind: 'incident', id: incidentId, fields: { title: 'B', fatalities: 4 } },
      { type: 'update', kind: 'incident', id: incidentId, fields: { title: 'C' } },
      { type: 'create', kind: 'incident', id: 'fresh', fields: incident('Fresh') },
      { type: 'update', kind: 'incident', id: 'fresh', fields: { notes: 'more' } },
    ]);
    expect((await data.get('incident', incidentId))?.title).toBe('C');
    expect((await data.get('incident', 'fresh'))?.notes).toBe('more');
    await data.write(edits.undo);
    expect(await snapshot(data)).toEqual(before);
  });

  it('undoes linking a pair again, back to unlinked', async () => {
    const { data, incidentId, s1 } = await world();
    await data.unlink(incidentId, s1);
    const unlinked = await snapshot(data);
    const relink = await data.link(incidentId, s1, ['actors']);
    expect((await data.get('link', linkId(incidentId, s1)))?.supports).toEqual(['actors']);
    await data.write(relink.undo);
    expect(await snapshot(data)).toEqual(unlinked);
    // Linking once more restores what the link said before it was unlinked, then updates it.
    await data.link(incidentId, s1, ['date']);
    expect((await data.get('link', linkId(incidentId, s1)))?.supports).toEqual(['date']);
  });

  it('skips operations that change nothing and returns no undo for them', async () => {
    const { data, incidentId } = await world();
    const changesBefore = (await data.store.allChanges()).length;
    const noop = await data.write([
      { type: 'update', kind: 'incident', id: incidentId, fields: { title: 'Governor killed' } },
      { type: 'restore', kind: 'incident', id: incidentId },
      { type: 'delete', kind: 'incident', id: 'never-existed' },
    ]);
    expect(noop).toEqual({ changes: [], undo: [] });
    expect((await data.store.allChanges()).length).toBe(changesBefore);
  });
});

describe('links', () => {
  it('link → unlink → link again restores the same link with what it now supports', async () => {
    const { data, clock } = await openData();
    const { id: incidentId } = await data.create('incident', incident('A'));
    const { id: sourceId } = await data.create('source', source('S'));
    const id = linkId(incidentId, sourceId);

    await data.link(incidentId, sourceId, ['date'], 'first');
    const created = (await data.get('link', id))!;
    clock.now += 1000;
    await data.unlink(incidentId, sourceId);
    expect(await data.get('link', id)).toBeUndefined();
    expect(await data.linksOfIncident(incidentId)).toEqual([]);
    clock.now += 1000;
    await data.link(incidentId, sourceId, ['location', 'fatalities']);

    const links = await data.linksOfSource(sourceId);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({
      id,
      incidentId,
      sourceId,
      supports: ['location', 'fatalities'],
      note: '',
      created: created.created,
    });
    expect(await data.count('link')).toBe(1);
    expect((await data.history('link', id)).map((c) => Object.keys(c.fields).sort())).toEqual([
      ['incidentId', 'note', 'sourceId', 'supports'],
      ['deleted'],
      ['deleted'],
      ['note', 'supports'],
    ]);
  });

  it('linking an existing pair again only changes what it supports', async () => {
    const { data } = await openData();
    const { id: incidentId } = await data.create('incident', incident('A'));
    const { id: sourceId } = await data.create('source', source('S'));
    await data.link(incidentId, sourceId, ['date']);
    const again = await data.link(incidentId, sourceId, ['date']);
    expect(again.changes).toEqual([]);
    const changed = await data.link(incidentId, sourceId, ['date', 'actors']);
    expect(changed.changes.map((c) => c.fields)).toEqual([{ supports: ['date', 'actors'] }]);
    expect(await data.count('link')).toBe(1);
  });

  it('unlinking twice is harmless', async () => {
    const { data } = await openData();
    const { id: incidentId } = await data.create('incident', incident('A'));
    const { id: sourceId } = await data.create('source', source('S'));
    await data.link(incidentId, sourceId, ['date']);
    await data.unlink(incidentId, sourceId);
    expect(await data.unlink(incidentId, sourceId)).toEqual({ changes: [], undo: [] });
  });
});

describe('sorted ids', () => {
  const byKeyThenId =
    <T extends { id: string }>(key: (r: T) => string | number) =>
    (a: T, b: T) => {
      const ka = key(a);
      const kb = key(b);
      if (ka !== kb) return ka < kb ? -1 : 1;
      return a.id < b.id ? -1 : 1;
    };

  it('orders incidents by start date, ties by id, desc as the exact reverse', async () => {
    const { data } = await openData();
    const dates = [
      '2023-03-09',
      '2021-08-15',
      '2023-03-09',
      '2024-01-01',
      '1999-12-31',
      '2021-08-15',
    ];
    for (const [i, date] of dates.entries()) {
      await data.create('incident', incident(`I${i}`, { dateStart: date }));
    }
    const expected = (await data.all('incident'))
      .sort(byKeyThenId((r) => r.dateStart))
      .map((r) => r.id);
    expect(await data.incidentIds('dateStart', 'asc')).toEqual(expected);
    expect(await data.incidentIds('dateStart', 'desc')).toEqual([...expected].reverse());
  });

  it('lists every incident by fatalities, unknown figures included, known ones in order', async () => {
    const { data } = await openData();
    const figures = [12, null, 0, 3, null, 12, 1_000];
    for (const [i, fatalities] of figures.entries()) {
      await data.create('incident', incident(`I${i}`, { fatalities }));
    }
    const all = await data.all('incident');
    const fatalitiesOf = new Map(all.map((r) => [r.id, r.fatalities]));
    const asc = await data.incidentIds('fatalities', 'asc');
    const desc = await data.incidentIds('fatalities', 'desc');

    expect([...asc].sort()).toEqual(all.map((r) => r.id).sort());
    expect(desc).toEqual([...asc].reverse());
    const known = asc.filter((id) => fatalitiesOf.get(id) !== null);
    expect(known).toEqual(
      all
        .filter((r) => r.fatalities !== null)
        .sort(byKeyThenId((r) => r.fatalities!))
        .map((r) => r.id),
    );
    // Unknown figures are kept together at one end, not mixed between known ones.
    const unknownAt = asc.flatMap((id, i) => (fatalitiesOf.get(id) === null ? [i] : []));
    expect(unknownAt).toHaveLength(2);
    expect(unknownAt[1]! - unknownAt[0]!).toBe(1);
    expect([0, asc.length - 2]).toContain(unknownAt[0]);
  });

  it('follows edits: a changed figure moves the incident', async () => {
    const { data } = await openData();
    const { id: a } = await data.create('incident', incident('A', { fatalities: 1 }));
    const { id: b } = await data.create('incident', incident('B', { fatalities: 2 }));
    expect(await data.incidentIds('fatalities', 'desc')).toEqual([b, a]);
    await data.update('incident', a, { fatalities: 9 });
    expect(await data.incidentIds('fatalities', 'desc')).toEqual([a, b]);
    await data.write([{ type: 'delete', kind: 'incident', id: a }]);
    expect(await data.incidentIds('fatalities', 'desc')).toEqual([b]);
  });

  it('lists every source by publication date, undated ones included', async () => {
    const { data } = await openData();
    const dates = ['2023-03-09', null, '2020-01-01', null, '2023-03-09', '2024-02-29'];
    for (const [i, publishedAt] of dates.entries()) {
      await data.create('source', source(`S${i}`, { publishedAt, capturedAt: null }));
    }
    const all = await data.all('source');
    const asc = await data.sourceIds('publishedAt', 'asc');
    expect([...asc].sort()).toEqual(all.map((r) => r.id).sort());
    expect(await data.sourceIds('publishedAt', 'desc')).toEqual([...asc].reverse());
    const dated = new Map(all.map((r) => [r.id, r.publishedAt]));
    expect(asc.filter((id) => dated.get(id) !== null)).toEqual(
      all
        .filter((r) => r.publishedAt !== null)
        .sort(byKeyThenId((r) => r.publishedAt!))
        .map((r) => r.id),
    );
  });

  it('lists sources by reliability with ungraded ones last', async () => {
    const { data } = await openData();
    const grades = ['C', null, 'A', 'F', null, 'A'] as const;
    for (const [i, reliability] of grades.entries()) {
      await data.create('source', source(`S${i}`, { reliability }));
    }
    const all = await data.all('source');
    const expected = [
      ...all.filter((r) => r.reliability !== null).sort(byKeyThenId((r) => r.reliability!)),
      ...all.filter((r) => r.reliability === null).sort(byKeyThenId(() => 0)),
    ].map((r) => r.id);
    expect(await data.sourceIds('reliability', 'asc')).toEqual(expected);
  });
});

describe('attachments and custody', () => {
  const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
  const bytesOf = (text: string) => new TextEncoder().encode(text);

  it('stores bytes under their SHA-256 and references them from the source', async () => {
    const { data, clock } = await openData();
    const { id } = await data.create('source', source('S'));
    clock.now += 5000;
    const result = await data.addAttachment(id, {
      name: 'abc.txt',
      type: 'text/plain',
      bytes: bytesOf('abc'),
    });
    const stored = (await data.get('source', id))!;
    expect(stored.attachments).toEqual([
      {
        sha256: ABC_SHA256,
        name: 'abc.txt',
        mediaType: 'text/plain',
        size: 3,
        addedAt: new Date(clock.now).toISOString(),
      },
    ]);
    expect(Array.from((await data.attachmentBytes(ABC_SHA256))!)).toEqual([0x61, 0x62, 0x63]);
    expect(await data.attachmentBytes('0'.repeat(64))).toBeUndefined();

    // Undoing removes the reference; the bytes stay (they may be referenced elsewhere).
    await data.write(result.undo);
    expect((await data.get('source', id))!.attachments).toEqual([]);
    expect(await data.attachmentBytes(ABC_SHA256)).toBeDefined();
  });

  it('hashes exactly the bytes of a view into a larger buffer', async () => {
    const { data } = await openData();
    const { id } = await data.create('source', source('S'));
    const buffer = bytesOf('xxabcyy');
    await data.addAttachment(id, { name: 'abc.bin', type: '', bytes: buffer.subarray(2, 5) });
    const [ref] = (await data.get('source', id))!.attachments;
    expect(ref).toMatchObject({
      sha256: ABC_SHA256,
      size: 3,
      mediaType: 'application/octet-stream',
    });
    expect(Array.from((await data.attachmentBytes(ABC_SHA256))!)).toEqual(
      Array.from(bytesOf('abc')),
    );
  });

  it('keeps one reference and one copy when the same bytes are added twice', async () => {
    const { data } = await openData();
    const { id } = await data.create('source', source('S'));
    const { id: other } = await data.create('source', source('T'));
    await data.addAttachment(id, { name: 'a.txt', type: 'text/plain', bytes: bytesOf('abc') });
    const second = await data.addAttachment(id, {
      name: 'copy.txt',
      type: 'text/plain',
      bytes: bytesOf('abc'),
    });
    expect(second).toEqual({ changes: [], undo: [] });
    expect((await data.get('source', id))!.attachments.map((a) => a.name)).toEqual(['a.txt']);
    await data.addAttachment(other, { name: 'b.txt', type: 'text/plain', bytes: bytesOf('abc') });
    expect((await data.get('source', other))!.attachments.map((a) => a.sha256)).toEqual([
      ABC_SHA256,
    ]);
    expect(await data.db.attachments.count()).toBe(1);
  });

  it('logs capture on create and each added attachment, with device, author and time', async () => {
    const { data, clock } = await openData();
    const { id } = await data.create('source', source('S'));
    const captured = clock.now;
    clock.now += 60_000;
    await data.addAttachment(id, { name: 'abc.txt', type: 'text/plain', bytes: bytesOf('abc') });
    await data.addAttachment(id, { name: 'again.txt', type: 'text/plain', bytes: bytesOf('abc') });
    const custody = await data.custodyOf(id);
    expect(custody).toEqual([
      {
        id: expect.any(String),
        sourceId: id,
        at: new Date(captured).toISOString(),
        action: 'captured',
        device: data.deviceId,
        author: 'Mariam',
        detail: '',
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      {
        id: expect.any(String),
        sourceId: id,
        at: new Date(captured + 60_000).toISOString(),
        action: 'attachmentAdded',
        device: data.deviceId,
        author: 'Mariam',
        detail: 'abc.txt',
        attachment: ABC_SHA256,
        hash: ABC_SHA256,
      },
    ]);
    expect(new Set(custody.map((c) => c.id)).size).toBe(2);
    // Incidents have no custody log.
    const { id: incidentId } = await data.create('incident', incident('A'));
    expect(await data.custodyOf(incidentId)).toEqual([]);
  });

  it('stores neither bytes nor custody when the attachment is refused', async () => {
    const { data } = await openData();
    const { id } = await data.create('source', source('S'));
    const before = await counts(data);
    await expect(
      data.addAttachment(id, { name: ' ', type: 'text/plain', bytes: bytesOf('abc') }),
    ).rejects.toBeInstanceOf(RecordValidationError);
    await expect(
      data.addAttachment('missing', { name: 'a.txt', type: 'text/plain', bytes: bytesOf('abc') }),
    ).rejects.toThrow(/No source/);
    expect(await counts(data)).toEqual(before);
  });
});

describe('chunked writes', () => {
  const creates = (n: number): WriteOp[] =>
    Array.from({ length: n }, (_, i) => ({
      type: 'create',
      kind: 'incident',
      id: `bulk${String(i).padStart(2, '0')}`,
      fields: incident(`Bulk ${i}`),
    }));

  it('reports progress after each chunk', async () => {
    const { data } = await openData();
    const progress: [number, number][] = [];
    const done = await data.store.writeInChunks(creates(10), {
      chunkSize: 3,
      onProgress: (d, total) => progress.push([d, total]),
    });
    expect(done).toBe(10);
    expect(progress).toEqual([
      [3, 10],
      [6, 10],
      [9, 10],
      [10, 10],
    ]);
    expect(await data.count('incident')).toBe(10);
  });

  it('stops between chunks when aborted, keeping the finished chunks', async () => {
    const { data } = await openData();
    const ops = creates(10);
    const controller = new AbortController();
    const progress: number[] = [];
    await expect(
      data.store.writeInChunks(ops, {
        chunkSize: 4,
        signal: controller.signal,
        onProgress: (done) => {
          progress.push(done);
          if (done === 4) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toEqual([4]);
    const stored = await data.getMany(
      'incident',
      ops.map((op) => op.id),
    );
    expect(stored.map((r) => r !== undefined)).toEqual([
      ...Array(4).fill(true),
      ...Array(6).fill(false),
    ]);
    expect((await data.store.allChanges()).length).toBe(4);
  });

  it('writes nothing when aborted before it starts', async () => {
    const { data } = await openData();
    await expect(
      data.store.writeInChunks(creates(3), { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(await data.count('incident')).toBe(0);
  });
});

describe('two windows of one profile', () => {
  it('share the device id and never produce the same clock, writing in turn', async () => {
    const { data: first, clock: firstClock, name } = await openData();
    const { data: second, clock: secondClock } = await openData(name, 'w2-');
    expect(second.deviceId).toBe(first.deviceId);
    // The second window's wall clock lags ten seconds behind the first one's.
    secondClock.now = firstClock.now - 10_000;

    const { id } = await first.create('incident', incident('A'));
    const clocks: string[] = [];
    for (let i = 0; i < 12; i++) {
      const window = i % 2 === 0 ? second : first;
      const { changes } = await window.update('incident', id, { notes: `edit ${i}` });
      clocks.push(...changes.map((c) => c.hlc));
    }
    expect(new Set(clocks).size).toBe(12);
    expect([...clocks].sort()).toEqual(clocks);
    const history = await first.history('incident', id);
    expect(history).toHaveLength(13);
    expect((await second.get('incident', id))?.notes).toBe('edit 11');
  });

  it('never produce the same clock, writing at the same time', async () => {
    const { data: first, name } = await openData();
    const { data: second } = await openData(name, 'w2-');
    const writes = Array.from({ length: 20 }, (_, i) =>
      (i % 2 === 0 ? first : second).create('incident', incident(`I${i}`)),
    );
    const results = await Promise.all(writes);
    const clocks = results.flatMap((r) => r.result.changes.map((c) => c.hlc));
    expect(new Set(clocks).size).toBe(20);
    expect((await first.store.allChanges()).length).toBe(20);
  });
});

describe('watch', () => {
  it('calls back with the current value, again after each write, and not after unsubscribing', async () => {
    const { data } = await openData();
    const values: number[] = [];
    const errors: unknown[] = [];
    const stop = data.watch(
      () => data.count('incident'),
      (value) => values.push(value),
      (error) => errors.push(error),
    );
    await vi.waitFor(() => expect(values).toEqual([0]));
    const { id } = await data.create('incident', incident('A'));
    await vi.waitFor(() => expect(values.at(-1)).toBe(1));
    await data.create('incident', incident('B'));
    await vi.waitFor(() => expect(values.at(-1)).toBe(2));
    await data.write([{ type: 'delete', kind: 'incident', id }]);
    await vi.waitFor(() => expect(values.at(-1)).toBe(1));
    stop();
    const seen = values.length;
    await data.create('incident', incident('C'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(values).toHaveLength(seen);
    expect(errors).toEqual([]);
  });

  it('reports a failing query to onError', async () => {
    const { data } = await openData();
    const errors: unknown[] = [];
    const stop = data.watch(
      () => Promise.reject(new Error('boom')),
      () => undefined,
      (error) => errors.push(error),
    );
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(String(errors[0])).toMatch(/boom/);
    stop();
  });
});

describe('profile and settings', () => {
  it('remembers the profile and device id across openings and signs changes with the author', async () => {
    const { data, name } = await openData();
    await data.saveProfile({ name: 'Hamid', role: 'reviewer' });
    const device = data.deviceId;
    expect(device).toMatch(/^[a-z2-7]{8,64}$/);
    data.close();
    const reopened = await DaftarData.open({
      sealer: testSealer(),
      name,
      now: () => T0,
      newId: () => 'x1',
    });
    opened.push(reopened);
    expect(reopened.deviceId).toBe(device);
    expect(reopened.profile).toEqual({ name: 'Hamid', role: 'reviewer' });
    const { result } = await reopened.create('incident', incident('A'));
    expect(result.changes[0]).toMatchObject({ author: 'Hamid', device });
    await reopened.setSetting('basemap', { file: 'kabul.pmtiles' });
    expect(await reopened.getSetting('basemap')).toEqual({ file: 'kabul.pmtiles' });
    expect(await reopened.getSetting('missing')).toBeUndefined();
  });
});
