/**
 * Where the map's tiles come from: PMTiles archives registered by id and served to maplibre
 * through one `pmtiles://<id>` protocol — the bundled world basemap and the library's archives
 * (OPFS files, or files in main's folder), all read by range. An unknown id is an error, never a network request: the
 * `pmtiles` package's own protocol would fall back to fetching the URL.
 */
import { addProtocol, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';
import type { ReadRange } from './readRange.ts';

setWorkerUrl(workerUrl);

/** An archive read by range: a fetched asset's Blob, or a library file (OPFS, or main's folder). */
class RangeSource implements Source {
  constructor(
    private readonly key: string,
    private readonly read: ReadRange,
  ) {}

  getKey(): string {
    return this.key;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const bytes = await this.read(offset, length);
    const exact = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    return { data: (exact ? bytes : bytes.slice()).buffer as ArrayBuffer };
  }
}

const archives = new Map<string, PMTiles>();
let registered = false;

export function registerArchive(id: string, read: ReadRange): void {
  archives.set(id, new PMTiles(new RangeSource(id, read)));
  if (registered) return;
  registered = true;
  addProtocol('pmtiles', async (params) => {
    // pmtiles://<id> (its TileJSON) or pmtiles://<id>/z/x/y with the type's extension (.mvt, .png…)
    const match = /^pmtiles:\/\/([^/]+)(?:\/(\d+)\/(\d+)\/(\d+)(?:\.\w+)?)?$/.exec(params.url);
    const archive = match ? archives.get(match[1]!) : undefined;
    if (!match || !archive) throw new Error(`No basemap is registered for ${params.url}.`);
    if (match[2] === undefined) {
      return { data: (await archive.getTileJson(`pmtiles://${match[1]}`)) as object };
    }
    const tile = await archive.getZxy(Number(match[2]), Number(match[3]), Number(match[4]));
    return { data: tile?.data ?? new ArrayBuffer(0) };
  });
}

export function isRegistered(id: string): boolean {
  return archives.has(id);
}

export function unregisterArchive(id: string): void {
  archives.delete(id);
}
