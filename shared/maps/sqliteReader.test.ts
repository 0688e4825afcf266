import { describe, expect, it } from 'vitest';
import { rangeOf } from '../../test/helpers/memoryFile.ts';
import { sharedFixture } from '../../test/helpers/sharedFixtures.ts';
import { MapFileError } from './mapFileError.ts';
import { SqliteReader, storedColumns, tableColumns } from './sqliteReader.ts';

/** The real MBTiles of ../shared/fixtures (node-mbtiles' plain_1: map + images, tiles a view). */
const fixture = sharedFixture('node_mbtiles_plain_1.mbtiles');

function memory(bytes: Uint8Array) {
  const reads: number[] = [];
  return { source: rangeOf(bytes, reads), reads };
}

async function rows(reader: SqliteReader, table: string) {
  const root = (await reader.schema()).find((r) => r.name === table)!.rootPage;
  const out = [];
  for await (const row of reader.scan(root)) out.push(row);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<MapFileError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MapFileError);
  return error as MapFileError;
}

describe('SqliteReader on a real MBTiles file', () => {
  it('lists the schema: tables, indexes and the tiles view', async () => {
    const reader = await SqliteReader.open(memory(fixture).source);
    expect(reader.pageSize).toBe(1024);
    const schema = await reader.schema();
    expect(schema.map((r) => [r.type, r.name, r.rootPage])).toEqual([
      ['table', 'map', 2],
      ['table', 'images', 6],
      ['table', 'metadata', 7],
      ['index', 'map_index', 8],
      ['index', 'images_id', 14],
      ['index', 'name', 15],
      ['view', 'tiles', 0],
    ]);
    expect(tableColumns(schema[0]!.sql)).toEqual([
      'zoom_level',
      'tile_column',
      'tile_row',
      'tile_id',
      'grid_id',
    ]);
  });

  it('reads every row, tiles larger than a page included, a page at a time', async () => {
    const { source, reads } = memory(fixture);
    const reader = await SqliteReader.open(source);
    const map = await rows(reader, 'map');
    expect(map).toHaveLength(285);
    const images = await rows(reader, 'images');
    expect(images).toHaveLength(207);
    let total = 0;
    for (const { values } of images) {
      const [data, id] = values as [Uint8Array, string];
      expect([...data.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]); // PNG
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      total += data.length;
    }
    expect(total).toBe(469_671); // sum(length(tile_data)) by sqlite3
    const metadata = Object.fromEntries((await rows(reader, 'metadata')).map((r) => r.values));
    expect(metadata).toMatchObject({ name: 'plain_1', formatter: null, version: '1.0.3' });
    // range reads of one page (or the 100-byte header), never the whole file
    expect(Math.max(...reads)).toBe(1024);
  });
});

describe('SqliteReader refuses', () => {
  it('a file that is not SQLite', async () => {
    const error = await failure(SqliteReader.open(memory(new Uint8Array(4096).fill(7)).source));
    expect(error.code).toBe('notMapFile');
    expect(error.message).toBe('The file is not an SQLite database.');
  });

  it('a file cut short', async () => {
    const cut = fixture.subarray(0, 200_000);
    // the header's page count says 548 pages of 1,024 bytes
    const error = await failure(SqliteReader.open(memory(cut).source));
    expect(error.code).toBe('truncated');
    expect(error.message).toMatch(/548 pages of 1024 bytes, but the file has 200000 bytes/);
  });

  it('a page that is not part of a table, and a page reached twice', async () => {
    const broken = Uint8Array.from(fixture);
    broken[(6 - 1) * 1024] = 0x42; // the images table's root page
    const reader = await SqliteReader.open(memory(broken).source);
    const error = await failure(rows(reader, 'images'));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/Page 6 should hold part of a table/);

    const looped = Uint8Array.from(fixture);
    // the images root is an interior page: point its right child back at itself
    new DataView(looped.buffer).setUint32((6 - 1) * 1024 + 8, 6);
    const loop = await failure(rows(await SqliteReader.open(memory(looped).source), 'images'));
    expect(loop.message).toBe('Page 6 is reached twice.');
  });
});

describe('stored column order', () => {
  it('puts a WITHOUT ROWID table’s key first and finds an INTEGER PRIMARY KEY', () => {
    expect(
      storedColumns(
        'CREATE TABLE tiles_shallow (zoom_level integer, tile_column integer, tile_row integer, tile_data_id integer, primary key(zoom_level,tile_column,tile_row)) without rowid',
      ).columns,
    ).toEqual(['zoom_level', 'tile_column', 'tile_row', 'tile_data_id']);
    expect(
      storedColumns('CREATE TABLE t (tile_data blob, "Tile_Id" INTEGER PRIMARY KEY, zoom integer)'),
    ).toEqual({ columns: ['tile_data', 'tile_id', 'zoom'], rowidColumn: 'tile_id' });
  });
});
