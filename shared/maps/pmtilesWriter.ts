/**
 * Writes a PMTiles v3 archive (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
 * a 127-byte header, a gzipped root directory within the first 16 KiB, gzipped JSON metadata,
 * leaf directories when the root alone would not fit, then the tile data. Tiles are written in
 * tile-id order (a "clustered" archive, so a reader fetches neighbours in one range); identical
 * tiles (open sea, empty land) are stored once, and a run of consecutive identical tiles is one
 * directory entry. The `pmtiles` package reads; it has no writer. Used at build time for the
 * bundled world basemap.
 */
import { gzipSync } from 'fflate';
import { Compression, TileType, zxyToTileId } from 'pmtiles';
import { utf8Encode } from '../util/utf8.ts';

export { Compression, TileType };

export interface TileInput {
  z: number;
  x: number;
  y: number;
  /** The tile as stored: already compressed with `tileCompression`. */
  data: Uint8Array;
}

export interface PmtilesOptions {
  tileType: TileType;
  tileCompression: Compression;
  /** The archive's JSON metadata: name, attribution, vector_layers… */
  metadata: Record<string, unknown>;
  /** [west, south, east, north] in degrees. */
  bounds: [number, number, number, number];
  center: [lon: number, lat: number, zoom: number];
}

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

const HEADER_BYTES = 127;
const ROOT_MAX_BYTES = 16_384 - HEADER_BYTES;

export function writePmtiles(tiles: readonly TileInput[], options: PmtilesOptions): Uint8Array {
  if (tiles.length === 0) throw new Error('A PMTiles archive needs at least one tile.');
  const sorted = tiles
    .map((tile) => ({ tileId: zxyToTileId(tile.z, tile.x, tile.y), tile }))
    .sort((a, b) => a.tileId - b.tileId);
  const entries: Entry[] = [];
  const chunks: Uint8Array[] = [];
  const stored = new Map<string, { offset: number; length: number }>();
  let dataLength = 0;
  for (let i = 0; i < sorted.length; i++) {
    const { tileId, tile } = sorted[i]!;
    if (i > 0 && sorted[i - 1]!.tileId === tileId) {
      throw new Error(`Tile ${tile.z}/${tile.x}/${tile.y} is given twice.`);
    }
    const key = contentKey(tile.data);
    let place = stored.get(key);
    if (place === undefined) {
      place = { offset: dataLength, length: tile.data.length };
      stored.set(key, place);
      chunks.push(tile.data);
      dataLength += tile.data.length;
    }
    const last = entries.at(-1);
    if (
      last !== undefined &&
      last.offset === place.offset &&
      last.tileId + last.runLength === tileId
    ) {
      last.runLength++;
    } else entries.push({ tileId, ...place, runLength: 1 });
  }

  const { root, leaves } = directories(entries);
  const metadata = gzipSync(utf8Encode(JSON.stringify(options.metadata)), {
    level: 9,
    mtime: 0,
  });
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leavesOffset = metadataOffset + metadata.length;
  const dataOffset = leavesOffset + leaves.length;
  const out = new Uint8Array(dataOffset + dataLength);
  const view = new DataView(out.buffer);
  out.set(utf8Encode('PMTiles'), 0);
  out[7] = 3;
  const u64 = (at: number, value: number) => view.setBigUint64(at, BigInt(value), true);
  u64(8, rootOffset);
  u64(16, root.length);
  u64(24, metadataOffset);
  u64(32, metadata.length);
  u64(40, leavesOffset);
  u64(48, leaves.length);
  u64(56, dataOffset);
  u64(64, dataLength);
  u64(72, sorted.length); // addressed tiles
  u64(80, entries.length); // tile entries
  u64(88, chunks.length); // tile contents
  out[96] = 1; // clustered
  out[97] = Compression.Gzip; // directories and metadata
  out[98] = options.tileCompression;
  out[99] = options.tileType;
  out[100] = sorted[0]!.tile.z;
  out[101] = Math.max(...sorted.map((s) => s.tile.z));
  const e7 = (at: number, degrees: number) => view.setInt32(at, Math.round(degrees * 1e7), true);
  const [west, south, east, north] = options.bounds;
  e7(102, west);
  e7(106, south);
  e7(110, east);
  e7(114, north);
  out[118] = options.center[2];
  e7(119, options.center[0]);
  e7(123, options.center[1]);
  out.set(root, rootOffset);
  out.set(metadata, metadataOffset);
  out.set(leaves, leavesOffset);
  let at = dataOffset;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The root directory, and leaf directories when all entries do not fit in the root. */
function directories(entries: Entry[]): { root: Uint8Array; leaves: Uint8Array } {
  const whole = serialize(entries);
  if (whole.length <= ROOT_MAX_BYTES) return { root: whole, leaves: new Uint8Array() };
  for (let perLeaf = 4_096; ; perLeaf *= 2) {
    const leafParts: Uint8Array[] = [];
    const rootEntries: Entry[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += perLeaf) {
      const leaf = serialize(entries.slice(i, i + perLeaf));
      rootEntries.push({ tileId: entries[i]!.tileId, offset, length: leaf.length, runLength: 0 });
      leafParts.push(leaf);
      offset += leaf.length;
    }
    const root = serialize(rootEntries);
    if (root.length <= ROOT_MAX_BYTES) return { root, leaves: concat(leafParts) };
  }
}

/** A directory: entry count, then tile-id deltas, run lengths, lengths and offsets, gzipped. */
function serialize(entries: readonly Entry[]): Uint8Array {
  const bytes: number[] = [];
  varint(bytes, entries.length);
  let lastId = 0;
  for (const e of entries) {
    varint(bytes, e.tileId - lastId);
    lastId = e.tileId;
  }
  for (const e of entries) varint(bytes, e.runLength);
  for (const e of entries) varint(bytes, e.length);
  entries.forEach((e, i) => {
    const previous = entries[i - 1];
    // 0: right after the previous entry's data; otherwise the offset plus one
    const follows = previous !== undefined && e.offset === previous.offset + previous.length;
    varint(bytes, follows ? 0 : e.offset + 1);
  });
  return gzipSync(Uint8Array.from(bytes), { level: 9, mtime: 0 });
}

function varint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

function contentKey(data: Uint8Array): string {
  let key = '';
  for (let i = 0; i < data.length; i += 8_192) {
    key += String.fromCharCode(...data.subarray(i, i + 8_192));
  }
  return key;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
