import { PMTiles, type RangeResponse } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { memoryFile, rangeOf } from '../../test/helpers/memoryFile.ts';
import { sharedFixture } from '../../test/helpers/sharedFixtures.ts';
import { MapFileError } from './mapFileError.ts';
import { mbtilesToPmtiles } from './mbtilesToPmtiles.ts';
import { TileType } from './pmtilesWriter.ts';

const fixture = sharedFixture('node_mbtiles_plain_1.mbtiles');

function open(archive: Uint8Array, size: number) {
  return new PMTiles({
    getKey: () => 'converted',
    getBytes: (offset: number, length: number): Promise<RangeResponse> =>
      Promise.resolve({ data: archive.slice(offset, Math.min(offset + length, size)).buffer }),
  });
}

describe('mbtilesToPmtiles', () => {
  it('converts the real MBTiles (map + images behind a tiles view) tile for tile', async () => {
    const { sink, bytes } = memoryFile();
    const progress: number[] = [];
    const result = await mbtilesToPmtiles(rangeOf(fixture), sink, {
      onProgress: (read) => progress.push(read),
    });
    expect(result).toMatchObject({ tiles: 285, tileType: TileType.Png, minZoom: 0, maxZoom: 4 });
    expect(result.metadata).toMatchObject({ name: 'plain_1', description: 'demo description' });
    // the `json` row's keys are lifted to the top, as PMTiles metadata keeps them
    expect(result.metadata).toMatchObject({ level1: { level2: 'property' } });

    const archive = open(bytes(), result.bytes);
    const header = await archive.getHeader();
    expect(header).toMatchObject({ numAddressedTiles: 285, numTileContents: 207, maxZoom: 4 });
    expect(header.minLon).toBeCloseTo(-180, 5);
    expect(header.maxLat).toBeCloseTo(85, 5);
    // sqlite3: tiles (zoom 1, column 0, row 1) is 7,414 bytes; TMS row 1 is XYZ y 0 at zoom 1
    expect((await archive.getZxy(1, 0, 0))!.data.byteLength).toBe(7_414);
    expect((await archive.getZxy(0, 0, 0))!.data.byteLength).toBe(7_072);
    const png = new Uint8Array((await archive.getZxy(4, 3, 5))!.data);
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    // progress climbs to the whole file
    expect(progress.at(-1)).toBe(fixture.length);
  });

  it('can be cancelled, and says so', async () => {
    const abort = { aborted: false };
    const { sink } = memoryFile();
    const converting = mbtilesToPmtiles(rangeOf(fixture), sink, {
      signal: abort,
      onProgress: (read) => {
        if (read > 100_000) abort.aborted = true;
      },
    });
    await expect(converting).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('refuses an SQLite database without tiles, naming the problem', async () => {
    // the fixture with its table names changed: still SQLite, no longer MBTiles
    const renamed = Uint8Array.from(fixture);
    const text = new TextDecoder('latin1').decode(renamed);
    for (const name of ['map', 'images']) {
      for (const found of text.matchAll(new RegExp(`CREATE TABLE ${name}\\b`, 'g'))) {
        renamed.set(new TextEncoder().encode(`CREATE TABLE x${name.slice(1)}`), found.index);
      }
    }
    for (const found of text.matchAll(/table(map|images)\1/g)) {
      renamed[found.index + 5] = 0x78; // 'x': the table's name in sqlite_master
    }
    const error = await mbtilesToPmtiles(rangeOf(renamed), memoryFile().sink).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MapFileError);
    expect(error).toMatchObject({
      code: 'noTiles',
      message: 'The file is an SQLite database but not an MBTiles basemap: it has no tiles table.',
    });
  });
});
