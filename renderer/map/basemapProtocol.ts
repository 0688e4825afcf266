/**
 * Where the map's tiles come from: PMTiles archives registered by id and served to maplibre
 * through one `pmtiles://<id>` protocol — the bundled world basemap and the library's archives
 * (OPFS files, or files in main's folder), all read by range with our own reader
 * (shared/maps/pmtilesReader.ts). An unknown id is an error, never a network request: the
 * `pmtiles` package's own protocol would fall back to fetching the URL.
 */
import { addProtocol, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { PmtilesReader } from '../../shared/maps/pmtilesReader.ts';
import type { RangeReader } from '../../shared/maps/sqliteReader.ts';

setWorkerUrl(workerUrl);

const archives = new Map<string, Promise<PmtilesReader>>();
let registered = false;

/** The TileJSON maplibre asks for a source given as `url: pmtiles://<id>`. */
async function tileJson(id: string, reader: PmtilesReader): Promise<object> {
  const { header } = reader;
  const metadata = await reader.metadata();
  return {
    tilejson: '3.0.0',
    tiles: [`pmtiles://${id}/{z}/{x}/{y}`],
    minzoom: header.minZoom,
    maxzoom: header.maxZoom,
    bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
    center: [header.centerLon, header.centerLat, header.centerZoom],
    vector_layers: Array.isArray(metadata.vector_layers) ? metadata.vector_layers : [],
  };
}

export function registerArchive(id: string, source: RangeReader): void {
  const opening = PmtilesReader.open(source);
  // a failure is reported by the tile requests that meet it, not as an unhandled rejection
  opening.catch(() => {});
  archives.set(id, opening);
  if (registered) return;
  registered = true;
  addProtocol('pmtiles', async (params) => {
    // pmtiles://<id> (its TileJSON) or pmtiles://<id>/z/x/y, perhaps with an extension
    const match = /^pmtiles:\/\/([^/]+)(?:\/(\d+)\/(\d+)\/(\d+)(?:\.\w+)?)?$/.exec(params.url);
    const archive = match ? archives.get(match[1]!) : undefined;
    if (!match || !archive) throw new Error(`No basemap is registered for ${params.url}.`);
    const reader = await archive;
    if (match[2] === undefined) return { data: await tileJson(match[1]!, reader) };
    const tile = await reader.tile(Number(match[2]), Number(match[3]), Number(match[4]));
    return { data: tile ? exactBuffer(tile) : new ArrayBuffer(0) };
  });
}

/** The bytes' own ArrayBuffer: a view into a larger one would hand maplibre the rest too. */
function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return (whole ? bytes : bytes.slice()).buffer as ArrayBuffer;
}

export function isRegistered(id: string): boolean {
  return archives.has(id);
}

export function unregisterArchive(id: string): void {
  archives.delete(id);
}
