import { basemapEntry } from '../../test/helpers/basemapEntry.ts';
import { describe, expect, it } from 'vitest';
import type { StyleSpecification } from 'maplibre-gl';
import type { StoredBasemap } from '../../shared/maps/basemapFiles.ts';
import type { BasemapInfo } from '../../shared/maps/inspectPmtiles.ts';
import { LIBRARY_SOURCE, plainAttribution, withLibraryBasemap } from './libraryStyle.ts';

const base: StyleSpecification = {
  version: 8,
  sources: { world: { type: 'vector', url: 'pmtiles://world' } },
  layers: [{ id: 'sea', type: 'background' }],
};

const entry = (info: Partial<BasemapInfo>): StoredBasemap =>
  basemapEntry({
    id: '4a8e9d4c-1f6b-4a47-9a51-0f4f2d1f8a11',
    fileName: 'region.pmtiles',
    info: {
      name: 'Region',
      minZoom: 8,
      maxZoom: 15,
      bounds: [60, 29, 75, 38],
      center: [69, 34, 10],
      tiles: 10,
      bytes: 1000,
      ...info,
    },
  });

describe('a library basemap over the world basemap', () => {
  it('draws raster tiles at their size, within their bounds and zooms, on top', () => {
    const style = withLibraryBasemap(base, entry({ kind: 'webp', tileSize: 512 }), 'en');
    expect(style.sources[LIBRARY_SOURCE]).toMatchObject({
      type: 'raster',
      tileSize: 512,
      minzoom: 8,
      maxzoom: 15,
      bounds: [60, 29, 75, 38],
      tiles: ['pmtiles://4a8e9d4c-1f6b-4a47-9a51-0f4f2d1f8a11/{z}/{x}/{y}'],
    });
    expect(style.layers.map((l) => l.id)).toEqual(['sea', 'library-raster']);
    expect(style.sources.world).toBe(base.sources.world);
  });

  it('styles each vector layer, water as water, labels in the interface language', () => {
    const style = withLibraryBasemap(
      base,
      entry({ kind: 'vector', vectorLayers: ['water', 'roads'] }),
      'fa-AF',
    );
    const layers = style.layers.filter((l) => 'source' in l && l.source === LIBRARY_SOURCE);
    expect(layers).toHaveLength(8);
    const water = layers.find((l) => l.id === 'library-0-area');
    expect(water && 'paint' in water && water.paint).toMatchObject({ 'fill-color': '#a9c9e2' });
    const label = layers.find((l) => l.id === 'library-1-label');
    expect(JSON.stringify(label)).toContain('name:fa');
  });

  it('credits the file as plain text, never as markup', () => {
    const hostile = '<a href="javascript:alert(1)" onclick="x()">© OSM</a> <img src=x onerror=y>';
    const credit = withLibraryBasemap(base, entry({ attribution: hostile }), 'en').sources[
      LIBRARY_SOURCE
    ] as { attribution: string };
    expect(credit.attribution).toBe('© OSM');
    expect(plainAttribution('Tiles &copy; Stamen &amp; <b>OSM</b> &lt;script&gt;')).toBe(
      'Tiles © Stamen &amp; OSM &lt;script&gt;',
    );
    expect(plainAttribution('a <b')).toBe('a');
    // with no attribution in the file, the file's name stands in
    expect(
      (withLibraryBasemap(base, entry({}), 'en').sources[LIBRARY_SOURCE] as { attribution: string })
        .attribution,
    ).toBe('region.pmtiles');
  });
});
