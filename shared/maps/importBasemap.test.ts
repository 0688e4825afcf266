import { describe, expect, it } from 'vitest';
import { sharedFixture } from '../../test/helpers/sharedFixtures.ts';
import { memoryFile, rangeOf } from '../../test/helpers/memoryFile.ts';
import { importBasemap } from './importBasemap.ts';

describe('importBasemap: every basemap file in ../shared/fixtures', () => {
  it.each([
    ['stamen_toner_raster_z3.pmtiles', { kind: 'png', minZoom: 0, maxZoom: 3, tiles: 85 }],
    ['usgs_mt_whitney_z8-15_webp.pmtiles', { kind: 'webp', tileSize: 512, maxZoom: 15 }],
    ['pmtiles_test_fixture_1.pmtiles', { kind: 'vector', tiles: 1 }],
    ['node_mbtiles_plain_1.mbtiles', { kind: 'png', name: 'plain_1', maxZoom: 4, tiles: 285 }],
  ] as const)('adds %s and describes it', async (file, expected) => {
    const bytes = sharedFixture(file);
    const target = memoryFile();
    const progress: number[] = [];
    const info = await importBasemap(rangeOf(bytes), file, target, {
      onProgress: (done, total) => progress.push(done / total),
    });
    expect(info).toMatchObject(expected);
    expect(info.bytes).toBe(target.bytes().length);
    expect(progress.at(-1)).toBe(1);
    // a PMTiles archive is stored as it came
    if (file.endsWith('.pmtiles')) expect(target.bytes().length).toBe(bytes.length);
  });
});

describe('importBasemap refuses', () => {
  it('a file that is neither format, saying so by name', async () => {
    const geojson = sharedFixture('supercluster_places_naturalearth.geojson');
    await expect(
      importBasemap(rangeOf(geojson), 'places.geojson', memoryFile()),
    ).rejects.toMatchObject({
      code: 'notMapFile',
      message: '“places.geojson” is neither a PMTiles archive nor an MBTiles database.',
    });
  });

  it('a corrupt archive before copying anything, and stops when cancelled', async () => {
    const truncated = sharedFixture('stamen_toner_raster_z3.pmtiles').subarray(0, 100_000);
    const target = memoryFile();
    await expect(importBasemap(rangeOf(truncated), 'cut.pmtiles', target)).rejects.toMatchObject({
      code: 'truncated',
    });
    expect(target.bytes().length).toBe(0);
    const cancelled = importBasemap(
      rangeOf(sharedFixture('node_mbtiles_plain_1.mbtiles')),
      'x.mbtiles',
      memoryFile(),
      {
        signal: { aborted: true },
      },
    );
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
  });
});
