import { describe, expect, it } from 'vitest';
import { NO_FILTER } from '../data/incidentFilter.ts';
import { FindClient, FindSupersededError, isSuperseded } from './findClient.ts';
import type { FindRequest } from './findProtocol.ts';
import { incident, put } from './findTestRecords.ts';
import { inProcessFindWorker } from './inProcessFindWorker.ts';

const byDate = { by: 'dateStart', direction: 'asc' } as const;

function started() {
  const worker = inProcessFindWorker();
  const client = new FindClient(() => worker);
  const methods = () => worker.received.map((r: FindRequest) => r.method);
  return { worker, client, methods };
}

describe('FindClient', () => {
  it('sends the changes of one tick as one batch and resolves once they are applied', async () => {
    const { worker, client, methods } = started();
    const first = client.apply([put(incident('a'))]);
    const second = client.apply([put(incident('b')), put(incident('c'))]);
    expect(first).toBe(second);
    await first;
    expect(methods()).toEqual(['apply']);
    expect(worker.engine.size.incidents).toBe(3);
  });

  it('answers a query asked after apply with the changes applied', async () => {
    const { client } = started();
    void client.apply([
      put(incident('a', { dateStart: '2024-02-01' })),
      put(incident('b', { dateStart: '2024-01-01' })),
    ]);
    expect(await client.incidents(NO_FILTER, byDate)).toEqual({ ids: ['b', 'a'] });
    void client.apply([put(incident('c', { dateStart: '2023-01-01' }))]);
    expect((await client.incidents(NO_FILTER, byDate)).ids).toEqual(['c', 'b', 'a']);
  });

  it('drops queries a newer one of the same lane replaced before they were asked', async () => {
    const { client, methods } = started();
    await client.apply(['a', 'b', 'c'].map((id) => put(incident(id, { title: `Title ${id}` }))));
    // A filter typed fast, one letter at a time.
    const typed = ['ti', 'tit', 'titl', 'title', 'title a', 'title b'];
    const answers = typed.map((text) => client.incidents({ ...NO_FILTER, text }, byDate));
    const settled = await Promise.allSettled(answers);
    // The first was being answered; only the last of the others was asked.
    expect(methods().filter((m) => m === 'incidents')).toHaveLength(2);
    expect(settled[0]).toMatchObject({ status: 'fulfilled', value: { ids: ['a', 'b', 'c'] } });
    for (const outcome of settled.slice(1, -1)) {
      expect(outcome.status).toBe('rejected');
      expect(isSuperseded((outcome as PromiseRejectedResult).reason)).toBe(true);
    }
    expect(settled.at(-1)).toMatchObject({ status: 'fulfilled', value: { ids: ['b'] } });
    // Other lanes are not affected.
    const [list, exported] = await Promise.all([
      client.incidents({ ...NO_FILTER, text: 'a' }, byDate),
      client.incidents({ ...NO_FILTER, text: 'c' }, byDate, 'export'),
    ]);
    expect([list.ids, exported.ids]).toEqual([['a'], ['c']]);
  });

  it('shares one answer between identical queries, but not across a change', async () => {
    const { client, methods } = started();
    await client.apply([put(incident('a'))]);
    const one = client.facets();
    const two = client.facets();
    expect(await one).toEqual(await two);
    expect(methods().filter((m) => m === 'facets')).toHaveLength(1);
    const before = client.placement(NO_FILTER);
    void client.apply([put(incident('b'))]);
    const after = client.placement(NO_FILTER);
    expect((await before).unplaced.map((p) => p.id)).toEqual(['a']);
    expect((await after).unplaced.map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('answers timeline, search, terms and size', async () => {
    const { client } = started();
    await client.apply([
      put(incident('a', { title: 'Explosion in Kandahar', eventType: 'Battles' })),
    ]);
    expect((await client.timeline(NO_FILTER, 'month')).buckets).toHaveLength(1);
    expect((await client.search('kandahar', 5)).incidents.map((h) => h.id)).toEqual(['a']);
    expect(await client.terms('Kandahr')).toEqual(['kandahar']);
    expect((await client.size()).incidents).toBe(1);
  });

  it('rejects with the engine’s error, and rejects everything once disposed', async () => {
    const { worker, client } = started();
    const broken = client.incidents(NO_FILTER, { by: 'nonsense' as 'dateStart', direction: 'asc' });
    await expect(broken).rejects.toThrow('Unknown incident sort: nonsense asc');
    const pending = client.facets();
    client.dispose();
    await expect(pending).rejects.toThrow('The find engine was stopped');
    await expect(client.apply([])).rejects.toThrow('The find engine was stopped');
    expect(worker.terminated).toBe(true);
    expect(new FindSupersededError('facets').name).toBe('FindSupersededError');
  });
});
