import { afterEach, describe, expect, it } from 'vitest';
import { emptyIncident } from '../../../shared/domain/incident.ts';
import { emptySource } from '../../../shared/domain/source.ts';
import { rawRows, textOf } from '../../../test/helpers/rawIndexedDb.ts';
import { DaftarData } from '../daftarData.ts';
import { DaftarDatabase } from '../database.ts';
import { PLAIN_FIELDS, SEALED_INDEXES } from './plainFields.ts';
import { RowSealer, SealError } from './rowSealer.ts';

const opened: DaftarData[] = [];
afterEach(() => {
  for (const data of opened.splice(0)) data.close();
});

const newKey = () => crypto.getRandomValues(new Uint8Array(32));

async function open(name: string, key: Uint8Array) {
  const data = await DaftarData.open({ name, sealer: new RowSealer(key) });
  opened.push(data);
  return data;
}

/** A profile holding a canary in every kind of private content. */
async function fill(data: DaftarData, canary: string) {
  await data.saveProfile({ name: `Researcher ${canary}`, role: 'researcher' });
  const { id: incidentId } = await data.create('incident', {
    ...emptyIncident('2024-05-01'),
    title: `Raid on ${canary} village`,
    placeName: `${canary} bazaar`,
    notes: `Witness ${canary} said`,
    tags: [`tag-${canary}`],
    fatalities: 3,
  });
  const { id: sourceId } = await data.create('source', {
    ...emptySource('2024-05-02'),
    title: `Report by ${canary}`,
    url: `https://example.org/${canary}`,
    fullText: `Full text ${canary}`,
  });
  await data.link(incidentId, sourceId, ['fatalities'], `Link note ${canary}`);
  await data.update('incident', incidentId, { title: `Raid on ${canary} town` });
  await data.addAttachment(sourceId, {
    name: `${canary}.jpg`,
    type: 'image/jpeg',
    bytes: new TextEncoder().encode(`JPEG bytes ${canary}`),
  });
  await data.review.annotate({ kind: 'incident', id: incidentId }, 'comment', `Ask ${canary}`);
  await data.setSetting('note', { text: canary });
  return { incidentId, sourceId };
}

describe('a sealed profile', () => {
  it('keeps no private content readable on disk, and reads back all of it', async () => {
    const name = `sealed-${Math.random()}`;
    const key = newKey();
    const canary = `CANARY${crypto.randomUUID().slice(0, 8)}`;
    const data = await open(name, key);
    const { incidentId, sourceId } = await fill(data, canary);
    data.close();

    const raw = await rawRows(name);
    expect(raw.get('incidents')).toHaveLength(1);
    for (const [table, rows] of raw) {
      expect(textOf(rows), `table ${table}`).not.toContain(canary);
      for (const row of rows as Record<string, unknown>[]) {
        expect(row._sealed, `table ${table}`).toBeInstanceOf(Uint8Array);
        for (const field of Object.keys(row))
          expect([...PLAIN_FIELDS[table]!, '_sealed', '_keys'], `table ${table}`).toContain(field);
      }
    }
    // What indexes need stays in the clear.
    const incidentRow = raw.get('incidents')![0] as Record<string, unknown>;
    expect(incidentRow).toMatchObject({ id: incidentId, dateStart: '2024-05-01', _fatalities: 3 });

    const again = await open(name, key);
    expect((await again.get('incident', incidentId))?.title).toBe(`Raid on ${canary} town`);
    expect((await again.get('source', sourceId))?.fullText).toBe(`Full text ${canary}`);
    expect(again.profile?.name).toBe(`Researcher ${canary}`);
    const [attachment] = (await again.get('source', sourceId))!.attachments;
    expect(new TextDecoder().decode(await again.attachmentBytes(attachment!.sha256))).toBe(
      `JPEG bytes ${canary}`,
    );
    expect(await again.history('incident', incidentId)).toHaveLength(2);
    expect(await again.incidentIds('dateStart', 'desc')).toEqual([incidentId]);
    expect((await again.firstIncidents('dateStart', 'desc', 10))[0]?.title).toContain(canary);
    const [thread] = await again.review.threadsOf('incident', incidentId);
    expect(thread?.root.body).toBe(`Ask ${canary}`);
  });

  it('does not open with another key, and says the data does not match', async () => {
    const name = `sealed-${Math.random()}`;
    const data = await open(name, newKey());
    await fill(data, 'CANARYwrongkey');
    data.close();
    await expect(open(name, newKey())).rejects.toThrow(SealError);
  });

  it('refuses a row moved to another key on disk', async () => {
    const sealer = new RowSealer(newKey());
    const { sealed, keys } = sealer.seal('incidents', 'a', { id: 'a', title: 'secret' });
    expect(sealer.open('incidents', 'a', sealed, keys)).toEqual({ id: 'a', title: 'secret' });
    expect(() => sealer.open('incidents', 'b', sealed, keys)).toThrow(/changed or damaged/);
    expect(() => sealer.open('sources', 'a', sealed, keys)).toThrow(/changed or damaged/);
  });

  it('writes standard AES-256-GCM, which WebCrypto opens', async () => {
    const key = newKey();
    const { sealed } = new RowSealer(key).seal('settings', 'x', { key: 'x', value: 'hello' });
    const webKey = await crypto.subtle.importKey('raw', key.slice().buffer, 'AES-GCM', false, [
      'decrypt',
    ]);
    const plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: sealed.slice(1, 13),
        additionalData: new TextEncoder().encode('daftar-row\u0000settings\u0000"x"'),
      },
      webKey,
      sealed.slice(13),
    );
    expect(new TextDecoder().decode(plain)).toContain('"hello"');
  });
});

describe('the sealing rules', () => {
  it('name every index of the schema: readable, or deliberately left empty', () => {
    const db = new DaftarDatabase(`schema-${Math.random()}`, null);
    for (const table of db.tables) {
      const plain = PLAIN_FIELDS[table.name];
      expect(plain, `table ${table.name}`).toBeDefined();
      const paths = [table.schema.primKey, ...table.schema.indexes].flatMap((index) =>
        typeof index.keyPath === 'string' ? [index.keyPath] : (index.keyPath ?? []),
      );
      for (const path of paths) {
        const sealedOnPurpose = SEALED_INDEXES[table.name]?.includes(path) ?? false;
        expect(plain!.includes(path) || sealedOnPurpose, `${table.name}.${path}`).toBe(true);
      }
    }
    db.close();
  });
});
