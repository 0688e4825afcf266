import { describe, expect, it } from 'vitest';
import { rangeOf } from '../../test/helpers/memoryFile.ts';
import { sharedFixture } from '../../test/helpers/sharedFixtures.ts';
import { inspectPmtiles } from './inspectPmtiles.ts';
import { MapFileError } from './mapFileError.ts';
import { Compression, TileType, writePmtiles } from './pmtilesWriter.ts';

const stamen = sharedFixture('stamen_toner_raster_z3.pmtiles');

async function refusal(bytes: Uint8Array): Promise<MapFileError> {
  const error = await inspectPmtiles(rangeOf(bytes), 'x.pmtiles').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MapFileError);
  return error as MapFileError;
}

describe('inspectPmtiles on the real archives', () => {
  it('describes a raster world basemap with no metadata (Stamen Toner, PNG, z0–3)', async () => {
    const info = await inspectPmtiles(rangeOf(stamen), 'stamen_toner_raster_z3.pmtiles');
    expect(info).toMatchObject({
      name: 'stamen_toner_raster_z3',
      attribution: null,
      kind: 'png',
      tileSize: 256,
      minZoom: 0,
      maxZoom: 3,
      tiles: 85,
      bytes: 716_052,
    });
    expect(info.bounds[0]).toBeCloseTo(-180);
  });

  it('reads a 512-pixel WebP archive whose metadata values are all strings', async () => {
    const info = await inspectPmtiles(
      rangeOf(sharedFixture('usgs_mt_whitney_z8-15_webp.pmtiles')),
      'whitney.pmtiles',
    );
    expect(info).toMatchObject({ kind: 'webp', tileSize: 512, minZoom: 8, maxZoom: 15, tiles: 50 });
    expect(info.attribution).toMatch(/^Created by QGIS/);
  });

  it('lists the vector layers of a vector archive', async () => {
    const info = await inspectPmtiles(
      rangeOf(sharedFixture('pmtiles_test_fixture_1.pmtiles')),
      'fixture.pmtiles',
    );
    expect(info).toMatchObject({ kind: 'vector', tiles: 1, name: 'test_fixture_1.pmtiles' });
    expect(info.vectorLayers).toEqual(['test_fixture_1pmtiles']);
  });

  it('follows leaf directories', async () => {
    const tiles = [];
    for (let x = 0; x < 128; x++)
      for (let y = 0; y < 128; y++)
        tiles.push({ z: 7, x, y, data: Uint8Array.of(x, y, (x * y) % 251, x ^ y) });
    const archive = await writePmtiles(tiles, {
      tileType: TileType.Png,
      tileCompression: Compression.None,
      metadata: { name: 'leaves' },
      bounds: [-180, -85, 180, 85],
      center: [0, 0, 7],
    });
    expect(await inspectPmtiles(rangeOf(archive), 'leaves.pmtiles')).toMatchObject({
      tiles: 16_384,
    });
  });
});

describe('inspectPmtiles refuses, saying why', () => {
  it('a file cut short', async () => {
    const error = await refusal(stamen.subarray(0, 300_000));
    expect(error.code).toBe('truncated');
    expect(error.message).toMatch(
      /cut short: its tile data ends at byte \d+, but the file has 300000/,
    );
  });

  it('tiles compressed with Brotli, and an unknown tile type', async () => {
    const brotli = Uint8Array.from(stamen);
    brotli[98] = Compression.Brotli;
    expect((await refusal(brotli)).message).toMatch(/tiles are compressed with Brotli/);
    const unknown = Uint8Array.from(stamen);
    unknown[99] = 42;
    expect((await refusal(unknown)).code).toBe('unsupported');
  });

  it('an older version, another format, and a corrupt directory', async () => {
    const v2 = Uint8Array.from(stamen);
    v2[7] = 2;
    expect((await refusal(v2)).message).toMatch(/PMTiles version 2/);
    expect((await refusal(new Uint8Array(1000).fill(80))).code).toBe('notMapFile');
    const garbled = Uint8Array.from(stamen);
    garbled.fill(0xff, 127 + 10, 127 + 40); // inside the gzipped root directory
    expect((await refusal(garbled)).code).toBe('corrupt');
  });
});
