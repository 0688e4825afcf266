import { describe, expect, it } from 'vitest';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { emptySource } from '../../shared/domain/source.ts';
import { replicasClosedAfterEach, type Replica } from '../../test/helpers/replica.ts';
import type { TableChange } from './changeFeed.ts';

const sampleIncident = () => ({ ...emptyIncident('2024-05-01'), title: 'Attack in Kunduz' });

describe('the change feed', () => {
  const openReplica = replicasClosedAfterEach();

  const record = (r: Replica) => {
    const seen: TableChange[][] = [];
    r.data.db.changes.subscribe((changes) => seen.push(changes));
    return seen;
  };

  it('tells the rows a write created, edited and deleted, after the transaction committed', async () => {
    const replica = await openReplica('feed');
    const seen = record(replica);
    const { id } = await replica.data.create('incident', sampleIncident());
    expect(seen.at(-1)).toEqual([{ table: 'incidents', keys: [id] }]);
    await replica.data.update('incident', id, { title: 'Changed' });
    expect(seen.at(-1)).toEqual([{ table: 'incidents', keys: [id] }]);
    await replica.data.deleteWithLinks('incident', id);
    expect(seen.at(-1)).toEqual([{ table: 'incidents', keys: [id] }]);
    // Tables the index does not follow (commits, settings) are never reported.
    expect(seen.flat().map((c) => c.table)).toEqual(['incidents', 'incidents', 'incidents']);
  });

  it('tells nothing, and posts nothing, once closed, even of a write committed after', async () => {
    const replica = await openReplica('feed-closed');
    const seen = record(replica);
    const written = replica.data.create('incident', sampleIncident());
    replica.data.db.changes.close();
    await written;
    expect(seen).toEqual([]);
  });

  it('tells nothing of a write that was rolled back', async () => {
    const replica = await openReplica('feed-abort');
    const seen = record(replica);
    const db = replica.data.db;
    await expect(
      db.transaction('rw', db.tables, async () => {
        await replica.data.create('incident', sampleIncident());
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(seen).toEqual([]);
  });

  it('groups one transaction’s writes to several tables, and says so when a table is cleared', async () => {
    const replica = await openReplica('feed-many');
    const seen = record(replica);
    const incident = await replica.data.create('incident', sampleIncident());
    const source = await replica.data.create('source', {
      ...emptySource('2024-05-01'),
      title: 'A report',
    });
    seen.length = 0;
    await replica.data.link(incident.id, source.id, ['date']);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.map((c) => c.table)).toEqual(['links']);
    await replica.data.db.incidents.clear();
    expect(seen.at(-1)).toEqual([{ table: 'incidents', keys: null }]);
  });
});
