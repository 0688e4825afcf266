import { afterEach, describe, expect, it } from 'vitest';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { DaftarData } from './daftarData.ts';
import { DaftarDatabase } from './database.ts';
import { RowSealer } from './seal/rowSealer.ts';
import { StoredPages } from './storedPages.ts';

const opened: { close(): void }[] = [];
afterEach(() => {
  for (const handle of opened.splice(0)) handle.close();
});

async function profile(sealed: boolean, incidents: number) {
  const name = `stored-${Math.random()}`;
  const sealer = sealed ? new RowSealer(crypto.getRandomValues(new Uint8Array(32))) : null;
  const data = await DaftarData.open({ name, sealer });
  opened.push(data);
  for (let i = 0; i < incidents; i++)
    await data.create('incident', { ...emptyIncident('2024-05-01'), title: `Raid ${i}` });
  const pages = new StoredPages();
  opened.push(pages);
  return { name, data, pages, source: await data.db.storedSource() };
}

async function everyPage(
  pages: StoredPages,
  source: Awaited<ReturnType<typeof profile>>['source'],
  size: number,
) {
  const rows: unknown[] = [];
  let after: string | null = null;
  for (;;) {
    const page = (await pages.page(source, 'incidents', after, size)) as { id: string }[];
    if (page.length === 0) return rows;
    rows.push(...page);
    after = page.at(-1)!.id;
  }
}

const databaseNames = async () => (await indexedDB.databases()).map((d) => d.name);

describe('StoredPages: whole tables read below the data layer, for the find worker', () => {
  it('opens sealed rows exactly as the middleware does, page by page', async () => {
    const { data, pages, source } = await profile(true, 7);
    expect(source.key).not.toBeNull();
    const viaMiddleware = await data.db.incidents.orderBy(':id').toArray();
    expect(viaMiddleware).toHaveLength(7);
    expect(await everyPage(pages, source, 3)).toEqual(viaMiddleware);
  });

  it('reads a profile stored unsealed as it is', async () => {
    const { data, pages, source } = await profile(false, 4);
    expect(source.key).toBeNull();
    expect(await everyPage(pages, source, 10)).toEqual(
      await data.db.incidents.orderBy(':id').toArray(),
    );
  });

  it('refuses a sealed row moved onto another row, and a row left unsealed', async () => {
    const { name, data, pages, source } = await profile(true, 2);
    const [first, second] = await data.db.incidents.orderBy(':id').primaryKeys();
    const raw = new DaftarDatabase(name, null);
    opened.push(raw);
    const stored = (await raw.incidents.get(first!))!;
    await raw.incidents.put({ ...stored, id: second! });
    await expect(pages.page(source, 'incidents', null, 10)).rejects.toThrow(
      /does not open with this profile's key: it was changed or damaged on disk/,
    );
    await raw.incidents.put({ ...stored, _sealed: undefined, title: 'plain' } as never);
    await expect(pages.page(source, 'incidents', null, 10)).rejects.toThrow(
      /incidents row is not sealed/,
    );
  });

  it('never creates a database that is not there, and never holds up a wipe', async () => {
    const { name, data, pages, source } = await profile(true, 1);
    expect(await pages.page(source, 'incidents', null, 10)).toHaveLength(1);
    data.close();
    // Its connection stays open between pages; the wipe's delete must not wait on it.
    await new Promise<void>((resolve, reject) => {
      const deleting = indexedDB.deleteDatabase(name);
      deleting.onsuccess = () => resolve();
      deleting.onerror = () => reject(deleting.error ?? new Error('delete failed'));
      deleting.onblocked = () => reject(new Error('the delete was blocked'));
    });
    await expect(pages.page(source, 'incidents', null, 10)).rejects.toThrow(
      /database "stored-[\d.]+" is not there \(it was wiped or moved\)/,
    );
    expect(await databaseNames()).not.toContain(name);
  });

  it('names a table the profile does not have', async () => {
    const { pages, source } = await profile(true, 0);
    await expect(pages.page(source, 'nothing', null, 10)).rejects.toThrow(
      'The profile has no table "nothing" to load',
    );
  });
});
