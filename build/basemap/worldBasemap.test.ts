import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { PMTiles, type RangeResponse } from 'pmtiles';
import { beforeAll, describe, expect, it } from 'vitest';
import { Gazetteer } from '../../shared/maps/gazetteer.ts';
import { rangeOf } from '../../test/helpers/memoryFile.ts';
import { inspectPmtiles } from '../../shared/maps/inspectPmtiles.ts';
import { buildWorldBasemap, type WorldBasemap } from './worldBasemap.ts';

let basemap: WorldBasemap;
beforeAll(async () => {
  basemap = await buildWorldBasemap(path.resolve(import.meta.dirname, '../../node_modules'));
}, 120_000);

async function tile(z: number, x: number, y: number) {
  const archive = new PMTiles({
    getKey: () => 'world',
    getBytes: (offset: number, length: number): Promise<RangeResponse> =>
      Promise.resolve({ data: basemap.pmtiles.slice(offset, offset + length).buffer }),
  });
  const got = await archive.getZxy(z, x, y);
  // the reader has already inflated the gzipped tile
  const bytes = new Uint8Array(got!.data);
  return new VectorTile(new PbfReader(bytes[0] === 0x1f ? gunzipSync(bytes) : bytes));
}

function names(t: VectorTile, layer: string, key = 'name') {
  const l = t.layers[layer];
  const out: string[] = [];
  for (let i = 0; l && i < l.length; i++) out.push(String(l.feature(i).properties[key]));
  return out;
}

describe('the bundled world basemap', () => {
  it('is a vector PMTiles archive of zoom 0–6 with its layers and attribution', async () => {
    const info = await inspectPmtiles(rangeOf(basemap.pmtiles), 'world.pmtiles');
    expect(info).toMatchObject({
      kind: 'vector',
      minZoom: 0,
      maxZoom: 6,
      attribution: 'Natural Earth (public domain) · GeoNames (CC BY 4.0)',
    });
    expect(info.vectorLayers).toEqual([
      'countries',
      'boundaries',
      'country_labels',
      'province_labels',
      'places',
    ]);
    expect(basemap.pmtiles.length).toBeLessThan(8 * 1024 ** 2);
  });

  it('labels Afghanistan’s 34 provinces in English and Dari, Panjshir and Daykundi included', async () => {
    // the zoom-5 tiles over Afghanistan (lon 60.5–75: x 21–24; lat 29.4–38.5: y 12–13)
    const labels = new Set<string>();
    const dari = new Set<string>();
    for (let x = 21; x <= 24; x++) {
      for (let y = 12; y <= 13; y++) {
        const t = await tile(5, x, y);
        for (const n of names(t, 'province_labels')) labels.add(n);
        for (const n of names(t, 'province_labels', 'name_fa')) dari.add(n);
      }
    }
    expect(labels.size).toBe(34);
    expect(labels).toContain('Panjshir');
    expect(labels).toContain('Daykundi');
    expect(dari).toContain('پنجشیر');
    expect(dari).toContain('کابل');
    // countries carry their names in Dari/Persian, Pashto and Arabic
    const world = await tile(0, 0, 0);
    const countries = world.layers.country_labels!;
    const afghanistan = [...Array(countries.length).keys()]
      .map((i) => countries.feature(i).properties)
      .find((p) => p.iso_a2 === 'AF');
    expect(afghanistan).toMatchObject({ name_fa: 'افغانستان', name_ps: 'افغانستان' });
  });

  it('comes with a gazetteer that finds places however their name is typed', () => {
    const gazetteer = new Gazetteer(basemap.gazetteer);
    expect(
      basemap.gazetteer.filter((p) => p.kind === 'province' && p.country === 'AF'),
    ).toHaveLength(34);
    const [kabul] = gazetteer.search('كابل'); // Arabic kaf
    expect(kabul?.place).toMatchObject({ name: 'Kabul', kind: 'city', country: 'AF' });
    expect(gazetteer.search('Herat').map((m) => m.place.kind)).toEqual(
      expect.arrayContaining(['city', 'province']),
    );
    // GeoNames spells it with macrons; typed without them, or in Arabic script, it is found
    const mazar = gazetteer.search('Mazar-e Sharif')[0]?.place;
    expect(mazar).toMatchObject({ name: 'Mazār-e Sharīf', country: 'AF' });
    expect(gazetteer.search('مزار شريف')[0]?.place).toBe(mazar);
  });
});
