/** A stored basemap's description for tests: a small Kabul raster unless told otherwise. */
import type { StoredBasemap } from '../../shared/maps/basemapFiles.ts';
import type { BasemapInfo } from '../../shared/maps/inspectPmtiles.ts';

export const BASEMAP_TEST_ID = '0b6f2f2e-5b8c-4d53-9a3e-6a1d2c0e9f10';

export function basemapEntry(
  over: Partial<Omit<StoredBasemap, 'info'>> & { info?: Partial<BasemapInfo> } = {},
): StoredBasemap {
  return {
    id: BASEMAP_TEST_ID,
    fileName: 'kabul.pmtiles',
    addedAt: '2024-05-01T10:00:00.000Z',
    ...over,
    info: {
      name: 'Kabul',
      attribution: null,
      kind: 'png',
      tileSize: 256,
      minZoom: 0,
      maxZoom: 12,
      bounds: [69, 34.4, 69.3, 34.6],
      center: [69.17, 34.53, 10],
      vectorLayers: [],
      tiles: 1,
      bytes: 3,
      ...over.info,
    },
  };
}
