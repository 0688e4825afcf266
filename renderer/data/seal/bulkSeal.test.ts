import { afterEach, describe, expect, it } from 'vitest';
import { rawRows, textOf } from '../../../test/helpers/rawIndexedDb.ts';
import { DaftarDatabase } from '../database.ts';
import { RowSealer } from './rowSealer.ts';
import { encodeValue } from './sealCodec.ts';

const opened: DaftarDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const key = crypto.getRandomValues(new Uint8Array(32));

async function openDb(name = `bulk-${Math.random()}`) {
  const db = new DaftarDatabase(name, new RowSealer(key));
  await db.open();
  opened.push(db);
  return db;
}

/** Loose rows of the settings table (key path `key`): enough to exercise the middleware. */
const settings = (count: number, text: (i: number) => string) =>
  Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: text(i) }));

type Setting = { key: string; value: unknown };

describe('a bulk write, sealed with WebCrypto', () => {
  it('stores nothing readable, and reads back whole', async () => {
    const db = await openDb();
    // 600: more than a read opens in script, so the read back goes through WebCrypto too.
    await db.table<Setting>('settings').bulkPut(settings(600, (i) => `CANARYbulk ${i}`));
    const raw = (await rawRows(db.name)).get('settings')!;
    expect(raw).toHaveLength(600);
    expect(textOf(raw)).not.toContain('CANARYbulk');
    const back = await db.table<Setting>('settings').toArray();
    expect(back.map((row) => row.value)).toEqual(
      settings(600, (i) => `CANARYbulk ${i}`)
        .map((r) => r.value)
        .sort(),
    );
  });

  it('is read by a request made after it in the same transaction, without waiting for it', async () => {
    const db = await openDb();
    const table = db.table<Setting>('settings');
    const seen = await db.transaction('rw', table, () => {
      void table.bulkPut(settings(100, (i) => `v${i}`));
      // Not awaited: this read is made while the rows are still being encrypted.
      return Promise.all([table.get('k42'), table.count()]);
    });
    expect(seen).toEqual([{ key: 'k42', value: 'v42' }, 100]);
  });

  it('keeps two writes to one row in the order they were made', async () => {
    const db = await openDb();
    const table = db.table<Setting>('settings');
    await db.transaction('rw', table, () => {
      void table.bulkPut(settings(50, () => 'first'));
      void table.put({ key: 'k7', value: 'second' });
      void table.bulkPut(settings(30, (i) => (i === 7 ? 'third' : 'first')));
      void table.put({ key: 'k8', value: 'fourth' });
    });
    expect(await table.get('k7')).toEqual({ key: 'k7', value: 'third' });
    expect(await table.get('k8')).toEqual({ key: 'k8', value: 'fourth' });
    expect(await table.count()).toBe(50);
  });

  it('holds its transaction open: work awaited after it still runs in the transaction', async () => {
    const db = await openDb();
    const table = db.table<Setting>('settings');
    await db.transaction('rw', table, async () => {
      await table.bulkAdd(settings(64, (i) => `a${i}`));
      await table.bulkAdd(settings(64, (i) => `b${i}`).map((r) => ({ ...r, key: `b${r.key}` })));
      await table.put({ key: 'last', value: await table.count() });
    });
    expect(await table.get('last')).toEqual({ key: 'last', value: 128 });
  });

  it('stores nothing of a transaction that fails after it', async () => {
    const db = await openDb();
    const table = db.table<Setting>('settings');
    await table.put({ key: 'kept', value: 'before' });
    await expect(
      db.transaction('rw', table, async () => {
        await table.bulkPut(settings(100, (i) => `lost ${i}`));
        await table.add({ key: 'k3', value: 'duplicate key' });
      }),
    ).rejects.toThrow(/Key already exists|ConstraintError/);
    expect(await table.toArray()).toEqual([{ key: 'kept', value: 'before' }]);
  });

  it('fails with its rows, and stores none of them, when one cannot be stored', async () => {
    const db = await openDb();
    const table = db.table<Setting>('settings');
    const rows: Setting[] = settings(40, (i) => `v${i}`);
    rows[20] = { key: 'k20', value: new Date(0) };
    await expect(db.transaction('rw', table, () => table.bulkPut(rows))).rejects.toThrow(
      /Cannot seal a Date/,
    );
    expect(await table.count()).toBe(0);
  });

  it('seals one large row (an attachment) the same way, and opens it', async () => {
    const db = await openDb();
    const big = new Uint8Array(200_000);
    big.set(crypto.getRandomValues(new Uint8Array(60_000)));
    await db.table('settings').put({ key: 'image', value: { bytes: big, name: 'CANARYbig.jpg' } });
    const raw = (await rawRows(db.name)).get('settings')!;
    expect(textOf(raw)).not.toContain('CANARYbig');
    const back = (await db.table('settings').get('image')) as { value: { bytes: Uint8Array } };
    expect(back.value.bytes).toEqual(big);
  });
});

describe('the two ciphers', () => {
  it('each open what the other sealed', async () => {
    const sealer = new RowSealer(key);
    const value = { id: 'a', title: 'سلام', bytes: new Uint8Array([1, 2, 3]) };
    const byScript = sealer.seal('incidents', 'a', value);
    const [byWebCrypto] = await sealer.sealManyAsync('incidents', [
      { primaryKey: 'a', encoded: encodeValue(value) },
    ]);
    expect(await sealer.openAsync('incidents', 'a', byScript.sealed, [])).toEqual(value);
    expect(sealer.open('incidents', 'a', byWebCrypto!.sealed, [])).toEqual(value);
    await expect(sealer.openAsync('incidents', 'b', byScript.sealed, [])).rejects.toThrow(
      /does not open/,
    );
  });

  it('gives every row of a large batch its own nonce', async () => {
    const sealer = new RowSealer(key);
    // More rows than one call to getRandomValues can fill nonces for (65,536 bytes).
    const rows = Array.from({ length: 6_000 }, (_, i) => ({
      primaryKey: `r${i}`,
      encoded: encodeValue({ id: `r${i}`, n: i }),
    }));
    const sealed = await sealer.sealManyAsync('incidents', rows);
    const nonces = new Set(sealed.map(({ sealed: s }) => s.subarray(1, 13).join(',')));
    expect(nonces.size).toBe(6_000);
    expect(sealer.open('incidents', 'r5999', sealed[5_999]!.sealed, [])).toEqual({
      id: 'r5999',
      n: 5_999,
    });
  });
});
