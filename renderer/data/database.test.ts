import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { encodeHlc } from '../../shared/sync/hlc.ts';
import { mergeRecord } from '../../shared/sync/merge.ts';
import { DaftarData } from './daftarData.ts';

const T0 = Date.UTC(2024, 5, 1);
const clock = (ms: number) => encodeHlc({ wall: T0 + ms, counter: 0, device: 'olddevice' });

describe('upgrading a version-1 profile', () => {
  it('gives every row the clocks of its fields, so later edits name what they replace', async () => {
    const name = `upgrade-${Math.random()}`;
    // A profile as issue 2's app left it: change sets without `base`, rows without `_clocks`.
    const v1 = new Dexie(name);
    v1.version(1).stores({
      incidents: 'id, dateStart, updated, eventType, status, _fatalities, *tags',
      sources: 'id, updated, kind, _publishedAt, _reliability',
      links: 'id, incidentId, sourceId',
      actors: 'id, updated',
      places: 'id, updated',
      commits: 'hlc, last, *records',
      attachments: 'sha256',
      custody: 'id, sourceId',
      settings: 'key',
    });
    const fields = { ...emptyIncident('2024-05-30'), title: 'Second title' };
    const sets = [
      {
        hlc: clock(0),
        kind: 'incident',
        recordId: 'i1',
        device: 'olddevice',
        author: 'M',
        fields: { ...fields, title: 'First title' },
      },
      {
        hlc: clock(5),
        kind: 'incident',
        recordId: 'i1',
        device: 'olddevice',
        author: 'M',
        fields: { title: 'Second title' },
      },
    ];
    await v1
      .table('commits')
      .bulkAdd(
        sets.map((set) => ({ hlc: set.hlc, last: set.hlc, sets: [set], records: ['incident:i1'] })),
      );
    await v1
      .table('incidents')
      .add({ ...fields, id: 'i1', created: clock(0), updated: clock(5), _fatalities: -1 });
    await v1.table('settings').add({ key: 'deviceId', value: 'olddevice' });
    v1.close();

    // A profile from before the app lock is plain; it is upgraded unsealed, then moved.
    const data = await DaftarData.open({ sealer: null, name, now: () => T0 + 60_000 });
    const row = await data.db.incidents.get('i1');
    expect(row?._clocks).toEqual({ title: clock(5) });
    await data.update('incident', 'i1', { title: 'Third title' });
    const history = await data.history('incident', 'i1');
    expect(history.at(-1)?.base).toEqual({ title: [clock(5)] });
    expect(mergeRecord(history).conflicts).toEqual([]);
    data.close();
  });
});
