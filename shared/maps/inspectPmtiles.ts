/**
 * Checks a PMTiles archive before it joins the basemap library, and describes it for the list
 * (name, bounds, zoom range, tile type and size, attribution). The `pmtiles` reader is lenient: it
 * opens a truncated archive and serves empty tiles, and accepts compressions it cannot undo,
 * failing later tile by tile. Here every section must lie inside the file, the directories must
 * decode into entries that point inside the tile data, the metadata must be a JSON object, and
 * only what Chromium and the reader can decompress (none, gzip) is accepted.
 */
import { gunzipSync } from 'fflate';
import { bytesToHeader, Compression, TileType, type Header } from 'pmtiles';
import { MapFileError } from './mapFileError.ts';
import { directoryEntries } from './pmtilesDirectory.ts';
import type { RangeReader } from './sqliteReader.ts';
import { utf8DecodeStrict } from '../util/utf8.ts';

export type BasemapKind = 'vector' | 'png' | 'jpeg' | 'webp' | 'avif';

export interface BasemapInfo {
  name: string;
  /** As the archive gives it (may be HTML from the tool that made it), or null. */
  attribution: string | null;
  kind: BasemapKind;
  /** Raster tiles' size in pixels (256 unless the metadata says 512). */
  tileSize: number;
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north]. */
  bounds: [number, number, number, number];
  center: [lon: number, lat: number, zoom: number];
  /** Vector layers' ids, for a vector basemap's style. */
  vectorLayers: string[];
  tiles: number;
  bytes: number;
}

const KINDS: Partial<Record<TileType, BasemapKind>> = {
  [TileType.Mvt]: 'vector',
  [TileType.Png]: 'png',
  [TileType.Jpeg]: 'jpeg',
  [TileType.Webp]: 'webp',
  [TileType.Avif]: 'avif',
};
const COMPRESSION_NAMES: Record<number, string> = {
  [Compression.Brotli]: 'Brotli',
  [Compression.Zstd]: 'Zstandard',
};
const MAX_METADATA_BYTES = 16 * 1024 ** 2;
const MAX_LEAF_BYTES = 64 * 1024 ** 2;

export async function inspectPmtiles(source: RangeReader, fileName: string): Promise<BasemapInfo> {
  if (source.size < 127) {
    throw new MapFileError('notMapFile', 'The file is too small to be a PMTiles archive.');
  }
  const head = await source.read(0, Math.min(16_384, source.size));
  if (String.fromCharCode(...head.subarray(0, 7)) !== 'PMTiles') {
    throw new MapFileError('notMapFile', 'The file is not a PMTiles archive.');
  }
  if (head[7] !== 3) {
    throw new MapFileError(
      'unsupported',
      `The archive is PMTiles version ${head[7]}; Daftar reads version 3 (convert it with the pmtiles tool).`,
    );
  }
  // a copy: `head` may be a view into a larger buffer
  const header = bytesToHeader(Uint8Array.from(head.subarray(0, 127)).buffer);
  for (const [what, compression] of [
    ['directories', header.internalCompression],
    ['tiles', header.tileCompression],
  ] as const) {
    if (compression !== Compression.None && compression !== Compression.Gzip) {
      throw new MapFileError(
        'unsupported',
        `The archive's ${what} are compressed with ${COMPRESSION_NAMES[compression] ?? `method ${compression}`}, which Daftar cannot decompress (gzip or none are read).`,
      );
    }
  }
  const kind = KINDS[header.tileType];
  if (kind === undefined) {
    throw new MapFileError(
      'unsupported',
      `The archive holds tiles of a type Daftar cannot show (type ${header.tileType}).`,
    );
  }
  checkSections(header, source.size);
  if (header.minZoom > header.maxZoom || header.maxZoom > 30) {
    throw new MapFileError(
      'corrupt',
      `The archive's zoom range (${header.minZoom}–${header.maxZoom}) is impossible.`,
    );
  }

  const decompress = (bytes: Uint8Array, what: string) => {
    if (header.internalCompression === Compression.None) return bytes;
    try {
      return gunzipSync(bytes);
    } catch {
      throw new MapFileError('corrupt', `The archive's ${what} cannot be decompressed.`);
    }
  };
  const read = async (offset: number, length: number) =>
    offset + length <= head.length
      ? head.subarray(offset, offset + length)
      : source.read(offset, length);

  // Every entry must address tile data or a leaf directory inside the file.
  let tiles = 0;
  const walk = async (offset: number, length: number, depth: number) => {
    if (depth > 3) throw new MapFileError('corrupt', 'The archive nests its directories too deep.');
    const entries = directoryEntries(decompress(await read(offset, length), 'directory'));
    for (const e of entries) {
      if (e.runLength === 0) {
        if (e.length > MAX_LEAF_BYTES || e.offset + e.length > header.leafDirectoryLength!) {
          throw new MapFileError('corrupt', 'A leaf directory lies outside its section.');
        }
        await walk(header.leafDirectoryOffset + e.offset, e.length, depth + 1);
      } else {
        if (e.offset + e.length > header.tileDataLength!) {
          throw new MapFileError(
            'truncated',
            'A tile lies beyond the end of the archive’s tile data.',
          );
        }
        tiles += e.runLength;
      }
    }
  };
  await walk(header.rootDirectoryOffset, header.rootDirectoryLength, 0);
  if (tiles === 0) throw new MapFileError('noTiles', 'The archive holds no tile.');

  if (header.jsonMetadataLength > MAX_METADATA_BYTES) {
    throw new MapFileError('unsupported', 'The archive’s metadata is larger than 16 MB.');
  }
  let metadata: Record<string, unknown> = {};
  if (header.jsonMetadataLength > 0) {
    const bytes = decompress(
      await read(header.jsonMetadataOffset, header.jsonMetadataLength),
      'metadata',
    );
    let parsed: unknown;
    try {
      parsed = JSON.parse(utf8DecodeStrict(bytes));
    } catch {
      throw new MapFileError('corrupt', 'The archive’s metadata is not valid JSON.');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new MapFileError('corrupt', 'The archive’s metadata is not a JSON object.');
    }
    metadata = parsed as Record<string, unknown>;
  }
  const text = (key: string) => {
    const value = metadata[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  };
  const layers = Array.isArray(metadata.vector_layers) ? metadata.vector_layers : [];
  return {
    name: text('name') ?? fileName.replace(/\.(pmtiles|mbtiles)$/i, ''),
    attribution: text('attribution'),
    kind,
    // QGIS writes every value as a string ("512")
    tileSize: kind !== 'vector' && Number(metadata.tileSize) === 512 ? 512 : 256,
    minZoom: header.minZoom,
    maxZoom: header.maxZoom,
    bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
    center: [header.centerLon, header.centerLat, header.centerZoom],
    vectorLayers: layers.flatMap((l: unknown) =>
      l && typeof l === 'object' && typeof (l as { id?: unknown }).id === 'string'
        ? [(l as { id: string }).id]
        : [],
    ),
    tiles,
    bytes: source.size,
  };
}

function checkSections(header: Header, size: number): void {
  const sections: [string, number, number][] = [
    ['root directory', header.rootDirectoryOffset, header.rootDirectoryLength],
    ['metadata', header.jsonMetadataOffset, header.jsonMetadataLength],
    ['leaf directories', header.leafDirectoryOffset, header.leafDirectoryLength ?? 0],
    ['tile data', header.tileDataOffset, header.tileDataLength ?? 0],
  ];
  if (header.rootDirectoryOffset + header.rootDirectoryLength > 16_384) {
    throw new MapFileError('corrupt', 'The archive’s root directory is not in its first 16 KiB.');
  }
  for (const [what, offset, length] of sections) {
    if (offset + length > size) {
      throw new MapFileError(
        'truncated',
        `The archive is cut short: its ${what} ends at byte ${offset + length}, but the file has ${size} bytes.`,
      );
    }
  }
}
