import { basemapEntry } from '../../test/helpers/basemapEntry.ts';
import { mkdir, mkdtemp, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_BASEMAP_BYTES,
  MAX_BASEMAP_PIECE,
  type StoredBasemap,
} from '../../shared/maps/basemapFiles.ts';
import { BASEMAPS_FOLDER_NAME, createBasemapStore } from './basemapStore.ts';

let userData: string;
let folder: string;

beforeEach(async () => {
  userData = await mkdtemp(path.join(tmpdir(), 'daftar-basemaps-'));
  folder = path.join(userData, BASEMAPS_FOLDER_NAME);
});

afterEach(async () => {
  await rm(userData, { recursive: true, force: true });
});

const bytes = (...values: number[]) => new Uint8Array(values);

function describing(id: string, size: number, addedAt = '2024-05-01T10:00:00Z'): StoredBasemap {
  return basemapEntry({
    id,
    addedAt,
    info: {
      attribution: '© OpenStreetMap',
      kind: 'vector',
      tileSize: 512,
      maxZoom: 14,
      center: [69.17, 34.53, 12],
      vectorLayers: ['roads'],
      tiles: 3,
      bytes: size,
    },
  });
}

/** Adds a whole basemap with `data` the way an import does. */
async function add(store: ReturnType<typeof createBasemapStore>, data: Uint8Array, at?: string) {
  const id = await store.create();
  await store.write(id, 0, data);
  const size = await store.seal(id);
  const entry = describing(id, size, at);
  await store.keep(entry);
  return entry;
}

const files = async () => (await readdir(folder)).sort();

describe('createBasemapStore', () => {
  it('writes pieces at their positions, seals, reads back and keeps', async () => {
    const store = createBasemapStore(folder);
    const id = await store.create();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await files()).toEqual([`${id}.part`]);
    await store.write(id, 3, bytes(4, 5, 6));
    await store.write(id, 0, bytes(1, 2, 3));
    await expect(store.seal(id)).resolves.toBe(6);
    await expect(store.read(id, 1, 3)).resolves.toEqual(bytes(2, 3, 4));
    await expect(store.read(id, 4, 10)).resolves.toEqual(bytes(5, 6));
    await expect(store.read(id, 9, 10)).resolves.toEqual(bytes());
    await store.keep(describing(id, 6));
    expect(await files()).toEqual([`${id}.json`, `${id}.pmtiles`]);
    await expect(store.read(id, 0, 6)).resolves.toEqual(bytes(1, 2, 3, 4, 5, 6));
    const read = await store.read(id, 0, 6);
    expect(read.byteLength).toBe(read.buffer.byteLength);
    await expect(store.list()).resolves.toEqual([describing(id, 6)]);
  });

  it('keeps files private to the user', async () => {
    if (process.platform === 'win32') return;
    const store = createBasemapStore(folder);
    const id = await store.create();
    expect((await stat(path.join(folder, `${id}.part`))).mode & 0o777).toBe(0o600);
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
  });

  it('lists kept basemaps after a restart, oldest first', async () => {
    const before = createBasemapStore(folder);
    // As strings, '…00.500Z' sorts before '…00Z'; as times it is later.
    const later = await add(before, bytes(1), '2024-05-01T10:00:00.500Z');
    const earlier = await add(before, bytes(2, 2), '2024-05-01T10:00:00Z');
    const earliest = await add(before, bytes(3, 3, 3), '2023-12-31T23:59:59Z');
    const after = createBasemapStore(folder);
    await expect(after.list()).resolves.toEqual([earliest, earlier, later]);
    await expect(after.read(earlier.id, 0, 100)).resolves.toEqual(bytes(2, 2));
  });

  it('starts an empty library in a missing folder', async () => {
    await expect(createBasemapStore(folder).list()).resolves.toEqual([]);
    expect(await files()).toEqual([]);
  });

  it('uses the injected id source and refuses ids that are not UUIDs', async () => {
    const id = '0b6f2f2e-5b8c-4d53-9a3e-6a1d2c0e9f10';
    await expect(createBasemapStore(folder, { randomId: () => id }).create()).resolves.toBe(id);
    await expect(createBasemapStore(folder, { randomId: () => '../x' }).create()).rejects.toThrow(
      'Not a basemap id.',
    );
  });

  it('waits for writes in flight before sealing', async () => {
    const store = createBasemapStore(folder);
    const id = await store.create();
    const write = store.write(id, 0, new Uint8Array(1024 * 1024).fill(7));
    await expect(store.seal(id)).resolves.toBe(1024 * 1024);
    await write;
  });
});

describe('list() cleans up after interrupted imports', () => {
  it('removes parts, undescribed archives, descriptions of nothing and temporary files', async () => {
    const before = createBasemapStore(folder);
    const kept = await add(before, bytes(1, 2));
    const writing = await before.create();
    await before.write(writing, 0, bytes(9));
    const sealed = await before.create();
    await before.seal(sealed);
    const lonely = '11111111-2222-4333-8444-555555555555';
    await writeFile(path.join(folder, `${lonely}.pmtiles`), bytes(1));
    const described = '22222222-2222-4333-8444-555555555555';
    await writeFile(
      path.join(folder, `${described}.json`),
      JSON.stringify(describing(described, 1)),
    );
    const temporary = `.${kept.id}.json.0a1b2c3d4e5f.tmp`;
    await writeFile(path.join(folder, temporary), '{');
    await writeFile(path.join(folder, 'notes.txt'), 'not ours');

    await expect(createBasemapStore(folder).list()).resolves.toEqual([kept]);
    expect(await files()).toEqual([`${kept.id}.json`, `${kept.id}.pmtiles`, 'notes.txt'].sort());
  });

  it('leaves files this store is still writing or has sealed but not kept', async () => {
    const store = createBasemapStore(folder);
    const writing = await store.create();
    await store.write(writing, 0, bytes(1));
    const sealed = await store.create();
    await store.seal(sealed);
    await expect(store.list()).resolves.toEqual([]);
    expect(await files()).toEqual([`${writing}.part`, `${sealed}.part`].sort());
    await store.write(writing, 1, bytes(2));
    await expect(store.seal(writing)).resolves.toBe(2);
    await store.keep(describing(sealed, 0));
    await expect(store.list()).resolves.toEqual([describing(sealed, 0)]);
    // Not kept by the time the app restarts: gone.
    await expect(createBasemapStore(folder).list()).resolves.toEqual([describing(sealed, 0)]);
    expect(await files()).toEqual([`${sealed}.json`, `${sealed}.pmtiles`]);
  });

  it.each([
    ['not JSON', (_entry: StoredBasemap) => '{"id": '],
    ['not a description', (entry: StoredBasemap) => JSON.stringify({ ...entry, info: null })],
    [
      'another id',
      (entry: StoredBasemap) =>
        JSON.stringify({ ...entry, id: '33333333-2222-4333-8444-555555555555' }),
    ],
    [
      'another size',
      (entry: StoredBasemap) =>
        JSON.stringify({ ...entry, info: { ...entry.info, bytes: entry.info.bytes + 1 } }),
    ],
  ])('skips and removes a basemap whose description is %s', async (_name, corrupt) => {
    const store = createBasemapStore(folder);
    const broken = await add(store, bytes(1, 2, 3), '2024-01-01T00:00:00Z');
    const fine = await add(store, bytes(4), '2024-02-01T00:00:00Z');
    await writeFile(path.join(folder, `${broken.id}.json`), corrupt(broken));
    await expect(createBasemapStore(folder).list()).resolves.toEqual([fine]);
    expect(await files()).toEqual([`${fine.id}.json`, `${fine.id}.pmtiles`]);
  });

  it('skips but does not delete a basemap whose description cannot be read', async () => {
    const store = createBasemapStore(folder);
    const id = await store.create();
    await store.seal(id);
    await writeFile(path.join(folder, `${id}.pmtiles`), bytes(1));
    await rm(path.join(folder, `${id}.part`));
    await mkdir(path.join(folder, `${id}.json`)); // reading it fails, though not as "missing"
    await expect(createBasemapStore(folder).list()).resolves.toEqual([]);
    expect(await files()).toEqual([`${id}.json`, `${id}.pmtiles`]);
  });
});

describe('refusals', () => {
  const unknownId = '0b6f2f2e-5b8c-4d53-9a3e-6a1d2c0e9f10';

  it.each(['../x', '', 'x.pmtiles', unknownId.toUpperCase(), `${unknownId}/../..`])(
    'refuses the id %j before building a path',
    async (id) => {
      const store = createBasemapStore(folder);
      await expect(store.write(id, 0, bytes(1))).rejects.toThrow('Not a basemap id.');
      await expect(store.seal(id)).rejects.toThrow('Not a basemap id.');
      await expect(store.read(id, 0, 1)).rejects.toThrow('Not a basemap id.');
      await expect(store.remove(id)).rejects.toThrow('Not a basemap id.');
      await expect(store.keep({ ...describing(unknownId, 1), id })).rejects.toThrow();
    },
  );

  it.each([
    ['a negative offset', -1, 1, /whole, non-negative/],
    ['a fractional offset', 0.5, 1, /whole, non-negative/],
    ['an offset that is not a number', Number.NaN, 1, /whole, non-negative/],
    ['an unsafe offset', 2 ** 53, 1, /whole, non-negative/],
    ['a piece past 64 GiB', MAX_BASEMAP_BYTES, 1, /64 GiB/],
  ])('refuses %s', async (_name, offset, length, message) => {
    const store = createBasemapStore(folder);
    const id = await store.create();
    await expect(store.write(id, offset, new Uint8Array(length))).rejects.toThrow(message);
    await store.seal(id);
    await expect(store.read(id, offset, length)).rejects.toThrow(message);
  });

  it('refuses pieces over 16 MiB', async () => {
    const store = createBasemapStore(folder);
    const id = await store.create();
    await expect(store.write(id, 0, new Uint8Array(MAX_BASEMAP_PIECE + 1))).rejects.toThrow(
      'Too many bytes in one piece (limit 16 MiB).',
    );
    await store.seal(id);
    await expect(store.read(id, 0, MAX_BASEMAP_PIECE + 1)).rejects.toThrow(/16 MiB/);
    await expect(store.read(id, 0, -1)).rejects.toThrow(/non-negative/);
  });

  it('refuses writes to unknown, sealed, kept and removed files', async () => {
    const store = createBasemapStore(folder);
    const notWritten = 'No basemap file is being written under that id.';
    await expect(store.write(unknownId, 0, bytes(1))).rejects.toThrow(notWritten);
    await expect(store.seal(unknownId)).rejects.toThrow(notWritten);
    const id = await store.create();
    await store.seal(id);
    await expect(store.write(id, 0, bytes(1))).rejects.toThrow(notWritten);
    await expect(store.seal(id)).rejects.toThrow(notWritten);
    await store.keep(describing(id, 0));
    await expect(store.write(id, 0, bytes(1))).rejects.toThrow(notWritten);
    const removed = await store.create();
    await store.remove(removed);
    await expect(store.write(removed, 0, bytes(1))).rejects.toThrow(notWritten);
    await expect(
      Reflect.apply(store.write, store, [await store.create(), 0, [1, 2]]),
    ).rejects.toThrow(/in bytes/);
  });

  it('reads only sealed or kept files', async () => {
    const store = createBasemapStore(folder);
    const id = await store.create();
    await expect(store.read(id, 0, 1)).rejects.toThrow('The basemap file is still being written.');
    await expect(store.read(unknownId, 0, 1)).rejects.toThrow(
      'There is no basemap file under that id.',
    );
  });

  it('keeps only sealed files, with their exact size and a valid description', async () => {
    const store = createBasemapStore(folder);
    await expect(store.keep(describing(unknownId, 0))).rejects.toThrow(
      'No basemap file was added under that id.',
    );
    const id = await store.create();
    await store.write(id, 0, bytes(1, 2, 3));
    await expect(store.keep(describing(id, 3))).rejects.toThrow(/still being written/);
    await store.seal(id);
    await expect(store.keep(describing(id, 4))).rejects.toThrow(
      'The description does not match the stored basemap file.',
    );
    const entry = describing(id, 3);
    await expect(store.keep({ ...entry, addedAt: 'yesterday' })).rejects.toThrow(
      'Not a valid basemap description.',
    );
    await expect(store.keep({ ...entry, fileName: '' })).rejects.toThrow(/valid basemap/);
    expect(await files()).toEqual([`${id}.part`]);
    await store.keep(entry);
    await expect(store.keep(entry)).rejects.toThrow(/No basemap file was added/);
  });

  it('stays sealed when the description cannot be written, so keeping can be retried', async () => {
    const store = createBasemapStore(folder);
    const id = await store.create();
    await store.write(id, 0, bytes(1));
    await store.seal(id);
    await mkdir(path.join(folder, `${id}.json`)); // the rename onto it fails
    await expect(store.keep(describing(id, 1))).rejects.toThrow();
    expect(await files()).toEqual([`${id}.json`, `${id}.part`]);
    await expect(store.read(id, 0, 1)).resolves.toEqual(bytes(1));
    await rmdir(path.join(folder, `${id}.json`));
    await store.keep(describing(id, 1));
    await expect(store.list()).resolves.toEqual([describing(id, 1)]);
  });
});

describe('remove()', () => {
  it('deletes a kept basemap, a file being written, and nothing at all', async () => {
    const store = createBasemapStore(folder);
    const kept = await add(store, bytes(1));
    const writing = await store.create();
    await store.write(writing, 0, bytes(1));
    await store.remove(kept.id);
    await store.remove(writing);
    await store.remove('44444444-2222-4333-8444-555555555555');
    expect(await files()).toEqual([]);
    await expect(store.list()).resolves.toEqual([]);
    await expect(store.read(kept.id, 0, 1)).rejects.toThrow(/no basemap file/);
  });

  it('leaves other basemaps alone', async () => {
    const store = createBasemapStore(folder);
    const first = await add(store, bytes(1));
    const second = await add(store, bytes(2));
    await store.remove(first.id);
    await expect(store.list()).resolves.toEqual([second]);
    expect(JSON.parse(await readFile(path.join(folder, `${second.id}.json`), 'utf8'))).toEqual(
      second,
    );
  });
});
