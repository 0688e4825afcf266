/**
 * The style of the bundled world basemap (docs/basemap.md): sea, countries, borders, Afghanistan's
 * provinces, places, with labels in the interface's language — Dari names in the Dari interface
 * (maplibre shapes Arabic script and orders it right to left itself), the source's Latin names
 * otherwise. No glyph or sprite files: labels are drawn from the bundled Vazirmatn font
 * (`font-faces`), places are circles. Nothing is fetched from anywhere but the app.
 */
import type { StyleSpecification } from 'maplibre-gl';

export const WORLD_SOURCE = 'world';
export const WORLD_ATTRIBUTION = 'Natural Earth (public domain) · GeoNames (CC BY 4.0)';
const FONT = 'Vazirmatn Regular';

export interface WorldStyleOptions {
  /** The interface language: 'fa-AF' labels in Dari, anything else in the source's names. */
  language: string;
  /** The archive's URL for the map, e.g. `pmtiles://world`. */
  tilesUrl: string;
  /** URLs of the label font's files, with their Unicode ranges. */
  fontFaces: { url: string; unicodeRange: string[] }[];
}

export function worldStyle({
  language,
  tilesUrl,
  fontFaces,
}: WorldStyleOptions): StyleSpecification {
  const name =
    language === 'fa-AF' ? ['coalesce', ['get', 'name_fa'], ['get', 'name']] : ['get', 'name'];
  const label = (size: number) =>
    ({
      'text-field': name,
      'text-font': [FONT],
      'text-size': size,
    }) as const;
  const halo = { 'text-color': '#2d3436', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 };
  return {
    version: 8,
    'font-faces': {
      [FONT]: fontFaces.map((f) => ({ url: f.url, 'unicode-range': f.unicodeRange })),
    },
    sources: {
      [WORLD_SOURCE]: { type: 'vector', url: tilesUrl, attribution: WORLD_ATTRIBUTION, maxzoom: 6 },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#c9dcea' } },
      {
        id: 'countries',
        type: 'fill',
        source: WORLD_SOURCE,
        'source-layer': 'countries',
        paint: {
          'fill-color': ['case', ['==', ['get', 'iso_a2'], 'AF'], '#f6efd9', '#eeeae2'],
        },
      },
      {
        id: 'province-borders',
        type: 'line',
        source: WORLD_SOURCE,
        'source-layer': 'boundaries',
        filter: ['==', ['get', 'level'], 4],
        paint: { 'line-color': '#b59f7b', 'line-width': 0.8, 'line-dasharray': [3, 2] },
      },
      {
        id: 'country-borders',
        type: 'line',
        source: WORLD_SOURCE,
        'source-layer': 'boundaries',
        filter: ['==', ['get', 'level'], 2],
        paint: { 'line-color': '#7f7467', 'line-width': 1.1 },
      },
      {
        id: 'places',
        type: 'circle',
        source: WORLD_SOURCE,
        'source-layer': 'places',
        filter: ['<=', ['get', 'rank'], ['step', ['zoom'], 1, 3, 2, 5, 4]],
        paint: { 'circle-radius': 2.5, 'circle-color': '#4a4a4a' },
      },
      {
        id: 'place-labels',
        type: 'symbol',
        source: WORLD_SOURCE,
        'source-layer': 'places',
        filter: ['<=', ['get', 'rank'], ['step', ['zoom'], 1, 3, 2, 5, 4]],
        layout: { ...label(12), 'text-offset': [0, 0.8], 'text-anchor': 'top' },
        paint: halo,
      },
      {
        id: 'province-labels',
        type: 'symbol',
        source: WORLD_SOURCE,
        'source-layer': 'province_labels',
        minzoom: 4,
        layout: label(12),
        paint: { ...halo, 'text-color': '#7a5c2e' },
      },
      {
        id: 'country-labels',
        type: 'symbol',
        source: WORLD_SOURCE,
        'source-layer': 'country_labels',
        layout: label(13),
        paint: { ...halo, 'text-color': '#1e272e' },
      },
    ],
  } as StyleSpecification;
}
