/**
 * Our tile reader against the reference: every tile of each fixture archive (and of a generated
 * one with leaf directories) is what the `pmtiles` package reads, missing tiles are null, and a
 * cut archive is refused, not served.
 */
import { PMTiles, type Source } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { memoryFile, rangeOf } from '../../test/helpers/memoryFile.ts';
import { sharedFixture } from '../../test/helpers/sharedFixtures.ts';
import { mbtilesToPmtiles } from './mbtilesToPmtiles.ts';
import { findEntry } from './pmtilesDirectory.ts';
import { PmtilesReader } from './pmtilesReader.ts';
import { Compression, TileType, writePmtiles } from './pmtilesWriter.ts';

function reference(bytes: Uint8Array): PMTiles {
  const source: Source = {
    getKey: () => 'reference',
    getBytes: async (offset, length) => ({ data: bytes.slice(offset, offset + length).buffer }),
  };
  return new PMTiles(source);
}

/** Tiles of the archive's bounds at each of its zooms (at most 4,096 per zoom). */
function* tilesInBounds(bounds: number[], minZoom: number, maxZoom: number) {
  const [west, south, east, north] = bounds as [number, number, number, number];
  const x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
  const y = (lat: number, z: number) => {
    const r = (Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
  };
  for (let z = minZoom; z <= maxZoom; z++) {
    const max = 2 ** z - 1;
    const [x0, x1] = [Math.max(0, x(west, z)), Math.min(max, x(east, z))];
    const [y0, y1] = [Math.max(0, y(north, z)), Math.min(max, y(south, z))];
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > 4096) continue;
    for (let tx = x0; tx <= x1; tx++) for (let ty = y0; ty <= y1; ty++) yield [z, tx, ty] as const;
  }
}

async function expectSameTiles(bytes: Uint8Array) {
  const ours = await PmtilesReader.open(rangeOf(bytes));
  const theirs = reference(bytes);
  const h = ours.header;
  let found = 0;
  for (const [z, x, y] of tilesInBounds(
    [h.minLon, h.minLat, h.maxLon, h.maxLat],
    h.minZoom,
    h.maxZoom,
  )) {
    const mine = await ours.tile(z, x, y);
    const reference = await theirs.getZxy(z, x, y);
    expect(mine === null, `${z}/${x}/${y}`).toBe(reference === undefined);
    if (mine && reference) {
      expect(Buffer.from(mine).equals(new Uint8Array(reference.data)), `${z}/${x}/${y}`).toBe(true);
      found++;
    }
  }
  return found;
}

/** Four telling bytes, then a varying tail: lengths that do not compress, so leaves are needed. */
const tileData = (x: number, y: number) => {
  let h = Math.imul(x + 1, 0x9e3779b1) ^ Math.imul(y + 1, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35) ^ (h >>> 13);
  const data = new Uint8Array(4 + ((h >>> 0) % 251));
  data.set([x, y, (x * y) % 251, x ^ y]);
  return data;
};

describe('the PMTiles reader', () => {
  it.each([
    'stamen_toner_raster_z3.pmtiles',
    'usgs_mt_whitney_z8-15_webp.pmtiles',
    'pmtiles_test_fixture_1.pmtiles',
  ])('reads every tile of %s as the reference does', async (name) => {
    expect(await expectSameTiles(sharedFixture(name))).toBeGreaterThan(0);
  });

  it('reads an archive converted from MBTiles', async () => {
    const file = memoryFile();
    await mbtilesToPmtiles(rangeOf(sharedFixture('node_mbtiles_plain_1.mbtiles')), file.sink);
    expect(await expectSameTiles(file.bytes())).toBe(1 + 4 + 16 + 56 + 208);
  });

  it('follows leaf directories, keeping a few in its cache', async () => {
    const tiles = [];
    for (let x = 0; x < 256; x++)
      for (let y = 0; y < 256; y++) tiles.push({ z: 8, x, y, data: tileData(x, y) });
    const archive = await writePmtiles(tiles, {
      tileType: TileType.Png,
      tileCompression: Compression.None,
      metadata: { name: 'leaves', attribution: 'us' },
      bounds: [-180, -85, 180, 85],
      center: [0, 0, 8],
    });
    const reads: number[] = [];
    const reader = await PmtilesReader.open(rangeOf(archive, reads));
    expect(reader.header.leafDirectoryLength).toBeGreaterThan(0);
    expect(await reader.tile(8, 3, 5)).toEqual(tileData(3, 5));
    reads.length = 0;
    expect(await reader.tile(8, 3, 6)).toEqual(tileData(3, 6));
    expect(reads).toEqual([tileData(3, 6).length]); // its leaf was cached: one read, the tile's
    expect(await reader.tile(8, 200, 17)).toEqual(tileData(200, 17));
    expect(await reader.tile(7, 3, 6)).toBeNull();
    expect(await reader.tile(8, 300, 6)).toBeNull();
    expect(await reader.metadata()).toEqual({ name: 'leaves', attribution: 'us' });
  });

  it('refuses a cut archive instead of serving a short tile', async () => {
    const bytes = sharedFixture('stamen_toner_raster_z3.pmtiles');
    const reader = await PmtilesReader.open(rangeOf(bytes.slice(0, 400_000)));
    let refused = 0;
    for (let x = 0; x < 8; x++) {
      for (let y = 0; y < 8; y++) {
        await reader.tile(3, x, y).catch((error: unknown) => {
          expect(error).toMatchObject({ code: 'truncated' });
          refused++;
        });
      }
    }
    expect(refused).toBeGreaterThan(0);
    await expect(
      PmtilesReader.open(rangeOf(new TextEncoder().encode('not a map'))),
    ).rejects.toMatchObject({
      code: 'notMapFile',
    });
  });

  it('finds the run covering a tile id, or the leaf that may hold it', () => {
    const entries = [
      { tileId: 0, offset: 0, length: 1, runLength: 1 },
      { tileId: 5, offset: 1, length: 1, runLength: 3 },
      { tileId: 20, offset: 0, length: 9, runLength: 0 },
    ];
    expect(findEntry(entries, 0)?.tileId).toBe(0);
    expect(findEntry(entries, 1)).toBeNull();
    expect(findEntry(entries, 7)?.tileId).toBe(5);
    expect(findEntry(entries, 8)).toBeNull();
    expect(findEntry(entries, 400)?.tileId).toBe(20);
    expect(findEntry([], 3)).toBeNull();
  });
});
