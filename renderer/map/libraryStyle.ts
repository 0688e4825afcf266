/**
 * A library basemap drawn over the world basemap: raster tiles as they are, vector tiles with a
 * plain style made from their layer names (water blue, green areas green, roads white, borders
 * dashed, other areas sand, points as dots, names as labels) — a file from a colleague comes with
 * no style of its own. The file's attribution is shown as plain text: it is HTML written by
 * whatever tool made the file, and maplibre would insert it as markup.
 */
import type {
  FilterSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import type { StoredBasemap } from '../../shared/maps/basemapFiles.ts';

export const LIBRARY_SOURCE = 'library';
const FONT = 'Vazirmatn Regular';

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  copy: '©',
};

/** The text of an HTML fragment: tags dropped, common entities read, spaces folded. */
export function attributionText(html: string): string {
  return html
    .replace(/<[^>]*>?/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? entity;
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The text of an HTML fragment, escaped for maplibre's attribution (which is set as HTML): every
 * `&`, `<` and `>` escaped, so whatever the file holds, the map shows text and never markup.
 */
export function plainAttribution(html: string): string {
  return attributionText(html).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const AREA_COLOURS: [RegExp, string][] = [
  [/water|ocean|sea|lake|river/i, '#a9c9e2'],
  [/park|green|wood|forest|landcover|grass|vegetation/i, '#d7e6c4'],
  [/building/i, '#d9d0c9'],
];
const LINE_COLOURS: [RegExp, string][] = [
  [/water|river|stream|waterway/i, '#86b2d6'],
  [/road|street|transport|highway/i, '#ffffff'],
];

const pick = (table: [RegExp, string][], id: string, otherwise: string) =>
  table.find(([pattern]) => pattern.test(id))?.[1] ?? otherwise;

const geometry = (...types: string[]): FilterSpecification => [
  'in',
  ['geometry-type'],
  ['literal', types],
];

function vectorLayers(entry: StoredBasemap, language: string): LayerSpecification[] {
  const name =
    language === 'fa-AF'
      ? ['coalesce', ['get', 'name:fa'], ['get', 'name_fa'], ['get', 'name']]
      : ['coalesce', ['get', 'name:en'], ['get', 'name_en'], ['get', 'name']];
  return entry.info.vectorLayers.flatMap((layer, index): LayerSpecification[] => {
    const base = { source: LIBRARY_SOURCE, 'source-layer': layer } as const;
    const id = (part: string) => `library-${index}-${part}`;
    const boundary = /boundar|admin|border/i.test(layer);
    return [
      {
        ...base,
        id: id('area'),
        type: 'fill',
        filter: geometry('Polygon', 'MultiPolygon'),
        paint: {
          'fill-color': pick(AREA_COLOURS, layer, '#efe4cf'),
          'fill-opacity': 0.85,
          'fill-outline-color': '#9c8f7a',
        },
      },
      {
        ...base,
        id: id('line'),
        type: 'line',
        filter: geometry('LineString', 'MultiLineString'),
        paint: {
          'line-color': boundary ? '#8a7f9e' : pick(LINE_COLOURS, layer, '#b3a58e'),
          'line-width': boundary ? 1 : 1.4,
          ...(boundary ? { 'line-dasharray': [3, 2] } : {}),
        },
      },
      {
        ...base,
        id: id('point'),
        type: 'circle',
        filter: geometry('Point', 'MultiPoint'),
        paint: { 'circle-radius': 2.5, 'circle-color': '#4a4a4a' },
      },
      {
        ...base,
        id: id('label'),
        type: 'symbol',
        filter: geometry('Point', 'MultiPoint'),
        layout: {
          'text-field': name,
          'text-font': [FONT],
          'text-size': 12,
          'text-offset': [0, 0.8],
          'text-anchor': 'top',
        },
        paint: { 'text-color': '#2d3436', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
      } as unknown as LayerSpecification,
    ];
  });
}

/** `style` (the world basemap's) with `entry` drawn over it, within the file's bounds. */
export function withLibraryBasemap(
  style: StyleSpecification,
  entry: StoredBasemap,
  language: string,
): StyleSpecification {
  const { info } = entry;
  const common = {
    tiles: [`pmtiles://${entry.id}/{z}/{x}/{y}`],
    minzoom: info.minZoom,
    maxzoom: info.maxZoom,
    bounds: info.bounds,
    attribution: plainAttribution(info.attribution ?? entry.fileName),
  };
  const source: SourceSpecification =
    info.kind === 'vector'
      ? { type: 'vector', ...common }
      : { type: 'raster', ...common, tileSize: info.tileSize };
  const layers: LayerSpecification[] =
    info.kind === 'vector'
      ? vectorLayers(entry, language)
      : [{ id: 'library-raster', type: 'raster', source: LIBRARY_SOURCE }];
  return {
    ...style,
    sources: { ...style.sources, [LIBRARY_SOURCE]: source },
    layers: [...style.layers, ...layers],
  };
}
