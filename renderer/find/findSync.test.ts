import { describe, expect, it } from 'vitest';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { emptySource } from '../../shared/domain/source.ts';
import { replicasClosedAfterEach, sendAll } from '../../test/helpers/replica.ts';
import { NO_FILTER, type IncidentFilter } from '../data/incidentFilter.ts';
import { FindClient } from './findClient.ts';
import { FindSync } from './findSync.ts';
import { inProcessFindWorker } from './inProcessFindWorker.ts';

const incident = (title: string, extra: object = {}) => ({
  ...emptyIncident('2024-05-01'),
  title,
  ...extra,
});
const BY_DATE = { by: 'dateStart', direction: 'desc' } as const;

describe('FindSync: the engine follows every committed write', () => {
  const openReplica = replicasClosedAfterEach();

  async function started(label: string) {
    const replica = await openReplica(label);
    const worker = inProcessFindWorker();
    const client = new FindClient(() => worker);
    const progress: number[] = [];
    const found = async (filter: Partial<IncidentFilter>) => {
      await sync.settled();
      return (await client.incidents({ ...NO_FILTER, ...filter }, BY_DATE)).ids;
    };
    return {
      replica,
      client,
      progress,
      found,
      start: () => FindSync.start(replica.data, client, (p) => progress.push(p.loaded)),
    };
  }
  let sync: FindSync;

  it('loads what is stored, then follows creates, edits, deletes and undo', async () => {
    const t = await started('sync');
    const { id: kabul } = await t.replica.data.create('incident', incident('Attack in Kabul'));
    sync = await t.start();
    expect(t.progress.at(-1)).toBe(1);
    expect(await t.found({ text: 'kabul' })).toEqual([kabul]);

    const { id: herat, result } = await t.replica.data.create(
      'incident',
      incident('Protest in Herat'),
    );
    expect(await t.found({ text: 'herat' })).toEqual([herat]);
    await t.replica.data.update('incident', herat, { title: 'Protest in Mazar' });
    expect(await t.found({ text: 'herat' })).toEqual([]);
    expect(await t.found({ text: 'mazar' })).toEqual([herat]);
    await t.replica.data.write(result.undo);
    expect(await t.found({})).toEqual([kabul]);
    await t.replica.data.deleteWithLinks('incident', kabul);
    expect(await t.found({})).toEqual([]);
    sync.stop();
  });

  it('keeps joins current: a source linked, graded and unlinked changes the reliability filter', async () => {
    const t = await started('joins');
    sync = await t.start();
    const { id } = await t.replica.data.create('incident', incident('Clash in Kunduz'));
    const { id: source } = await t.replica.data.create('source', {
      ...emptySource('2024-05-02'),
      title: 'Bakhtar report',
      reliability: 'B',
    });
    expect(await t.found({ reliabilities: ['B'] })).toEqual([]);
    await t.replica.data.link(id, source, ['date']);
    expect(await t.found({ reliabilities: ['B'] })).toEqual([id]);
    // Found through the words of its source too.
    expect(await t.found({ text: 'bakhtar' })).toEqual([id]);
    await t.replica.data.update('source', source, { reliability: 'E' });
    expect(await t.found({ reliabilities: ['B'] })).toEqual([]);
    await t.replica.data.unlink(id, source);
    expect(await t.found({ reliabilities: ['E'] })).toEqual([]);
    expect(await t.found({ reliabilities: ['none'] })).toEqual([id]);
    sync.stop();
  });

  it('follows an imported bundle, its conflicts and open review notes included', async () => {
    const t = await started('import');
    const other = await openReplica('other');
    const { id } = await t.replica.data.create('incident', incident('Arrests in Herat'));
    await sendAll(t.replica, other);
    await t.replica.data.update('incident', id, { title: 'Arrests in Herat city' });
    await other.data.update('incident', id, { title: 'Arrests of journalists in Herat' });
    await other.data.review.annotate({ kind: 'incident', id }, 'question', 'How many?');
    sync = await t.start();
    expect(await t.found({ hasConflicts: true })).toEqual([]);
    await sendAll(other, t.replica);
    expect(await t.found({ hasConflicts: true })).toEqual([id]);
    expect(await t.found({ hasOpenAnnotations: true })).toEqual([id]);
    expect(await t.found({ text: 'how many' })).toEqual([id]);
    sync.stop();
  });

  it('has the worker read the stored records itself, and waits before each page as asked', async () => {
    const replica = await openReplica('pages');
    const { id } = await replica.data.create('incident', incident('Raid in Khost'));
    const worker = inProcessFindWorker();
    const client = new FindClient(() => worker);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let waits = 0;
    const starting = FindSync.start(replica.data, client, undefined, () => {
      waits += 1;
      return held;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(waits).toBe(1);
    expect(worker.received.filter((r) => r.method === 'load')).toEqual([]);
    release();
    sync = await starting;
    const loads = worker.received.filter((r) => r.method === 'load');
    expect(loads.length).toBeGreaterThan(0);
    expect(waits).toBe(loads.length);
    // The records came from the database in the worker, not as changes sent across.
    expect(worker.received.filter((r) => r.method === 'apply')).toEqual([]);
    expect((await client.incidents({ ...NO_FILTER, text: 'khost' }, BY_DATE)).ids).toEqual([id]);
    sync.stop();
    client.dispose();
  });

  it('stops following when stopped', async () => {
    const t = await started('stop');
    sync = await t.start();
    sync.stop();
    await t.replica.data.create('incident', incident('After the stop'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await t.client.incidents(NO_FILTER, BY_DATE)).ids).toEqual([]);
  });
});
