/** Adding a file to the library keeps exactly what was checked, and nothing when it fails. */
import { describe, expect, it } from 'vitest';
import { MapFileError } from '../../shared/maps/mapFileError.ts';
import { memoryBasemapFiles } from '../../test/helpers/memoryBasemapFiles.ts';
import { sharedFixture } from '../../test/helpers/sharedFixtures.ts';
import { addBasemapFile } from './addBasemapFile.ts';

const fileOf = (name: string, bytes: Uint8Array) =>
  new File([bytes as Uint8Array<ArrayBuffer>], name);

describe('adding a basemap file', () => {
  it('keeps a PMTiles archive byte for byte, described', async () => {
    const files = memoryBasemapFiles();
    const bytes = sharedFixture('stamen_toner_raster_z3.pmtiles');
    const progress: number[] = [];
    const entry = await addBasemapFile(files, fileOf('stamen.pmtiles', bytes), {
      onProgress: (done) => progress.push(done),
    });
    expect(entry.info).toMatchObject({ kind: 'png', minZoom: 0, maxZoom: 3, bytes: bytes.length });
    expect(await files.list()).toEqual([entry]);
    const stored = await files.read(entry.id, 0, bytes.length);
    expect(Buffer.from(stored).equals(bytes)).toBe(true);
    expect(progress.at(-1)).toBe(bytes.length);
  });

  it('converts an MBTiles database into the stored PMTiles archive', async () => {
    const files = memoryBasemapFiles();
    const entry = await addBasemapFile(
      files,
      fileOf('plain.mbtiles', sharedFixture('node_mbtiles_plain_1.mbtiles')),
    );
    expect(entry.info).toMatchObject({ kind: 'png', minZoom: 0, maxZoom: 4 });
    const head = await files.read(entry.id, 0, 7);
    expect(new TextDecoder().decode(head)).toBe('PMTiles');
  });

  it('leaves nothing behind when a file is refused or the import is cancelled', async () => {
    const files = memoryBasemapFiles();
    const kept = await addBasemapFile(
      files,
      fileOf('whitney.pmtiles', sharedFixture('usgs_mt_whitney_z8-15_webp.pmtiles')),
    );
    const bytes = sharedFixture('stamen_toner_raster_z3.pmtiles');
    await expect(
      addBasemapFile(files, fileOf('cut.pmtiles', bytes.slice(0, bytes.length - 1000))),
    ).rejects.toMatchObject({ code: 'truncated' });
    await expect(
      addBasemapFile(files, fileOf('notes.mbtiles', new TextEncoder().encode('just text'))),
    ).rejects.toBeInstanceOf(MapFileError);
    await expect(
      addBasemapFile(files, fileOf('stamen.pmtiles', bytes), { signal: { aborted: true } }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect([...files.files.keys()]).toEqual([kept.id]);
    expect(await files.list()).toEqual([kept]);
  });
});
