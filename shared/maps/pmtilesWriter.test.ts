import { PMTiles, type RangeResponse, type Source } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { Compression, TileType, writePmtiles, type TileInput } from './pmtilesWriter.ts';

/** The archive read back by the `pmtiles` package, as maplibre will read it. */
function reader(archive: Uint8Array) {
  const source: Source = {
    getKey: () => 'memory',
    getBytes: (offset: number, length: number): Promise<RangeResponse> =>
      Promise.resolve({ data: archive.slice(offset, offset + length).buffer }),
  };
  return { tiles: new PMTiles(source) };
}

const options = {
  tileType: TileType.Png,
  tileCompression: Compression.None,
  metadata: { name: 'test', attribution: 'Natural Earth' },
  bounds: [60, 29, 75, 39] as [number, number, number, number],
  center: [67, 34, 4] as [number, number, number],
};

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('writePmtiles', () => {
  it('writes an archive the pmtiles reader opens: header, metadata and every tile', async () => {
    const tiles: TileInput[] = [
      { z: 0, x: 0, y: 0, data: bytes(1, 2, 3) },
      { z: 1, x: 1, y: 0, data: bytes(4) },
      { z: 2, x: 3, y: 1, data: bytes(5, 6) },
    ];
    const { tiles: archive } = reader(await writePmtiles(tiles, options));
    const header = await archive.getHeader();
    expect(header).toMatchObject({
      specVersion: 3,
      minZoom: 0,
      maxZoom: 2,
      tileType: TileType.Png,
      tileCompression: Compression.None,
      clustered: true,
      numAddressedTiles: 3,
      minLon: 60,
      maxLat: 39,
      centerZoom: 4,
    });
    expect(await archive.getMetadata()).toEqual(options.metadata);
    for (const t of tiles) {
      const got = await archive.getZxy(t.z, t.x, t.y);
      expect(new Uint8Array(got!.data)).toEqual(t.data);
    }
    expect(await archive.getZxy(2, 0, 0)).toBeUndefined();
  });

  it('stores identical tiles once, and a run of them as one entry', async () => {
    const sea = bytes(9, 9, 9, 9);
    const tiles: TileInput[] = [];
    for (let x = 0; x < 4; x++) for (let y = 0; y < 4; y++) tiles.push({ z: 2, x, y, data: sea });
    tiles.push({ z: 0, x: 0, y: 0, data: bytes(1) });
    const written = await writePmtiles(tiles, options);
    const { tiles: archive } = reader(written);
    const header = await archive.getHeader();
    expect(header.numTileContents).toBe(2);
    expect(header.numTileEntries).toBe(2); // z0, and one run of sixteen z2 tiles
    expect(header.tileDataLength).toBe(5);
    expect(new Uint8Array((await archive.getZxy(2, 3, 2))!.data)).toEqual(sea);
  });

  it('moves entries into leaf directories when the root would pass 16 KiB', async () => {
    const tiles: TileInput[] = [];
    // every tile of z0–7 (21,845), each different and of a pseudo-random length, so the
    // directory does not compress into 16 KiB
    let seed = 7;
    const padding = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % 200;
    for (let z = 0; z <= 7; z++)
      for (let x = 0; x < 2 ** z; x++)
        for (let y = 0; y < 2 ** z; y++)
          tiles.push({
            z,
            x,
            y,
            data: new TextEncoder().encode(`${z}/${x}/${y}#${'.'.repeat(padding())}`),
          });
    const { tiles: archive } = reader(await writePmtiles(tiles, options));
    const header = await archive.getHeader();
    expect(header.leafDirectoryLength).toBeGreaterThan(0);
    expect(header.rootDirectoryOffset + header.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    for (const [z, x, y] of [
      [0, 0, 0],
      [5, 17, 30],
      [7, 127, 0],
      [7, 88, 51],
    ] as const) {
      const got = await archive.getZxy(z, x, y);
      expect(new TextDecoder().decode(got!.data).split('#')[0]).toBe(`${z}/${x}/${y}`);
    }
  });

  it('refuses an empty archive and a tile given twice', async () => {
    await expect(writePmtiles([], options)).rejects.toThrow(/at least one tile/);
    const tile = { z: 1, x: 0, y: 1, data: bytes(1) };
    await expect(writePmtiles([tile, { ...tile, data: bytes(2) }], options)).rejects.toThrow(
      /is given twice/,
    );
  });
});
