import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { emptySource } from '../../shared/domain/source.ts';
import { RecordValidationError } from '../../shared/domain/records.ts';
import { mergeRecord } from '../../shared/sync/merge.ts';
import { DaftarData } from './daftarData.ts';
import { testSealer } from '../../test/helpers/testSealer.ts';

let data: DaftarData;
let clock = Date.UTC(2024, 0, 1);
let nextId = 0;

beforeEach(async () => {
  data = await DaftarData.open({
    sealer: testSealer(),
    name: `test-${Math.random()}`,
    now: () => clock,
    newId: () => `id${++nextId}`,
  });
  await data.saveProfile({ name: 'Mariam', role: 'researcher' });
});
afterEach(() => data.close());

const incident = (title: string) => ({ ...emptyIncident('2023-03-09'), title });

describe('RecordStore', () => {
  it('stores a created record and records the change with clock, device and author', async () => {
    const { id } = await data.create('incident', incident('Governor killed'));
    const stored = await data.get('incident', id);
    expect(stored?.title).toBe('Governor killed');
    const history = await data.history('incident', id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ device: data.deviceId, author: 'Mariam', recordId: id });
    expect(history[0]!.fields).toMatchObject({ title: 'Governor killed', dateStart: '2023-03-09' });
  });

  it('records only changed fields and keeps record = fold(history)', async () => {
    const { id } = await data.create('incident', incident('A'));
    clock += 1000;
    await data.update('incident', id, { title: 'B', latitude: 36.7, longitude: 67.1 });
    clock += 1000;
    await data.update('incident', id, { title: 'B' }); // no-op
    const history = await data.history('incident', id);
    expect(history).toHaveLength(2);
    expect(Object.keys(history[1]!.fields).sort()).toEqual(['latitude', 'longitude', 'title']);
    const folded = mergeRecord(history);
    const { id: _i, created, updated, ...fields } = (await data.get('incident', id))!;
    expect(folded.fields).toEqual(fields);
    expect([folded.created, folded.updated]).toEqual([created, updated]);
  });

  it('refuses invalid records and writes nothing', async () => {
    const { id } = await data.create('incident', incident('A'));
    await expect(
      data.update('incident', id, { latitude: 91, longitude: 10 }),
    ).rejects.toBeInstanceOf(RecordValidationError);
    await expect(data.create('incident', { ...incident('B'), fatalities: -1 })).rejects.toThrow(
      /fatalities validation.negative/,
    );
    await expect(
      data.create('incident', { ...incident('C'), dateStart: '2023-03-09', dateEnd: '2023-03-01' }),
    ).rejects.toThrow(/dateEnd validation.endBeforeStart/);
    expect(await data.count('incident')).toBe(1);
    expect((await data.get('incident', id))?.latitude).toBeNull();
    expect((await data.store.allChanges()).length).toBe(1);
  });

  it('undoes an edit, a delete with its links, and records the undo as history', async () => {
    const { id } = await data.create('incident', incident('A'));
    const { id: sourceId } = await data.create('source', {
      ...emptySource('2024-01-01'),
      title: 'VOA',
    });
    await data.link(id, sourceId, ['date']);
    const edit = await data.update('incident', id, { title: 'B' });
    await data.write(edit.undo);
    expect((await data.get('incident', id))?.title).toBe('A');

    const removal = await data.deleteWithLinks('incident', id);
    expect(await data.get('incident', id)).toBeUndefined();
    expect(await data.linksOfSource(sourceId)).toEqual([]);
    await data.write(removal.undo);
    expect((await data.get('incident', id))?.title).toBe('A');
    expect((await data.linksOfSource(sourceId)).map((l) => l.supports)).toEqual([['date']]);
    expect((await data.history('incident', id)).length).toBe(5);
  });

  it('gives every change a distinct, increasing clock even when the wall clock stands still', async () => {
    for (let i = 0; i < 5; i++) await data.create('incident', incident(`I${i}`));
    const hlcs = (await data.store.allChanges()).map((c) => c.hlc);
    expect(new Set(hlcs).size).toBe(5);
    expect([...hlcs].sort()).toEqual(hlcs);
  });

  it('restores a record from what the same write did to it', async () => {
    const { id } = await data.create('incident', incident('A'));
    await data.write([
      { type: 'update', kind: 'incident', id, fields: { title: 'B' } },
      { type: 'delete', kind: 'incident', id },
      { type: 'restore', kind: 'incident', id },
    ]);
    expect((await data.get('incident', id))?.title).toBe('B');
    expect(mergeRecord(await data.history('incident', id)).fields).toMatchObject({ title: 'B' });
  });

  it('refuses to create a record over the history of a deleted one, writing nothing', async () => {
    const { id } = await data.create('incident', incident('A'));
    await data.deleteWithLinks('incident', id);
    const changes = (await data.store.allChanges()).length;
    await expect(
      data.write([{ type: 'create', kind: 'incident', id, fields: incident('C') }]),
    ).rejects.toThrow(/already exists or existed/);
    expect((await data.store.allChanges()).length).toBe(changes);
    expect(await data.get('incident', id)).toBeUndefined();
  });

  it('keeps both references when two files are attached at once', async () => {
    const { id } = await data.create('source', {
      ...emptySource('2024-01-01'),
      kind: 'image',
      title: 'Photos',
    });
    const bytes = (text: string) => new TextEncoder().encode(text);
    await Promise.all([
      data.addAttachment(id, { name: 'a.txt', type: 'text/plain', bytes: bytes('a') }),
      data.addAttachment(id, { name: 'b.txt', type: 'text/plain', bytes: bytes('b') }),
    ]);
    const names = (await data.get('source', id))!.attachments.map((a) => a.name).sort();
    expect(names).toEqual(['a.txt', 'b.txt']);
  });

  it('gives two windows opening a new profile at once the same device id', async () => {
    const name = `device-${Math.random()}`;
    const [a, b] = await Promise.all([
      DaftarData.open({
        sealer: testSealer(),
        name,
      }),
      DaftarData.open({
        sealer: testSealer(),
        name,
      }),
    ]);
    expect(a.deviceId).toBe(b.deviceId);
    a.close();
    b.close();
  });
});
