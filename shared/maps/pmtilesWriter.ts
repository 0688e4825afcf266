/**
 * Writes a PMTiles v3 archive (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md)
 * as a stream of positioned writes, so a basemap of several gigabytes is never held in memory:
 * tile data from byte 16,384 on as tiles come, then — once all are known — the gzipped JSON
 * metadata and any leaf directories after the data, and the 127-byte header with the gzipped root
 * directory in the first 16 KiB. Each distinct content is stored once (the caller names contents
 * that repeat: an MBTiles image id, a hash), and a run of consecutive tiles with one content is
 * one directory entry. Archives whose tiles arrive in tile-id order are marked clustered. The
 * `pmtiles` package reads; it has no writer.
 */
import { gzipSync } from 'fflate';
import { Compression, TileType, zxyToTileId } from 'pmtiles';
import { utf8Encode } from '../util/utf8.ts';
import { concatBytes } from '../util/concatBytes.ts';

export { Compression, TileType };

/** A tile at z/x/y (XYZ, y down) and its bytes as stored. */
export interface TileInput {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

/** Where the archive goes: positioned writes (a file handle, OPFS, memory). */
export interface ByteSink {
  write(position: number, bytes: Uint8Array): Promise<void>;
}

export interface PmtilesHeaderOptions {
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
/** The header and root directory must fit in the first 16 KiB; tile data starts after them. */
const DATA_START = 16_384;

export class PmtilesBuilder {
  /** Per tile, in arrival order: tile id, data offset and length (~20 bytes a tile). */
  private ids: number[] = [];
  private offsets: number[] = [];
  private lengths: number[] = [];
  private readonly contents = new Map<string, number>();
  private dataLength = 0;
  private inOrder = true;
  private lowest = Infinity;
  private highest = -Infinity;

  constructor(private readonly sink: ByteSink) {}

  get tiles(): number {
    return this.ids.length;
  }

  get minZoom(): number {
    return this.lowest;
  }

  get maxZoom(): number {
    return this.highest;
  }

  /**
   * Adds tile z/x/y (XYZ, y down), its bytes as stored (already compressed as the header will
   * say). Tiles with the same `content` key share one stored copy.
   */
  async add(z: number, x: number, y: number, data: Uint8Array, content?: string): Promise<void> {
    const tileId = zxyToTileId(z, x, y);
    if (this.ids.length > 0 && tileId <= this.ids.at(-1)!) this.inOrder = false;
    let offset = content === undefined ? undefined : this.contents.get(content);
    if (offset === undefined) {
      offset = this.dataLength;
      await this.sink.write(DATA_START + offset, data);
      this.dataLength += data.length;
      if (content !== undefined) this.contents.set(content, offset);
    }
    this.ids.push(tileId);
    this.offsets.push(offset);
    this.lengths.push(data.length);
    this.lowest = Math.min(this.lowest, z);
    this.highest = Math.max(this.highest, z);
  }

  /** Writes the directories, metadata and header; returns the archive's size in bytes. */
  async finish(options: PmtilesHeaderOptions): Promise<number> {
    if (this.ids.length === 0) throw new Error('A PMTiles archive needs at least one tile.');
    const order = this.ids.map((_, i) => i).sort((a, b) => this.ids[a]! - this.ids[b]!);
    const entries: Entry[] = [];
    let previous: number | undefined;
    for (const i of order) {
      const tileId = this.ids[i]!;
      if (tileId === previous) throw new Error(`Tile id ${tileId} is given twice.`);
      previous = tileId;
      const last = entries.at(-1);
      if (
        last !== undefined &&
        last.offset === this.offsets[i] &&
        last.tileId + last.runLength === tileId
      ) {
        last.runLength++;
      } else {
        entries.push({ tileId, offset: this.offsets[i]!, length: this.lengths[i]!, runLength: 1 });
      }
    }
    const { root, leaves } = directories(entries);
    const metadata = gzipSync(utf8Encode(JSON.stringify(options.metadata)), { level: 9, mtime: 0 });
    const metadataOffset = DATA_START + this.dataLength;
    const leavesOffset = metadataOffset + metadata.length;
    await this.sink.write(metadataOffset, metadata);
    if (leaves.length > 0) await this.sink.write(leavesOffset, leaves);

    const head = new Uint8Array(DATA_START);
    const view = new DataView(head.buffer);
    head.set(utf8Encode('PMTiles'), 0);
    head[7] = 3;
    const u64 = (at: number, value: number) => view.setBigUint64(at, BigInt(value), true);
    u64(8, HEADER_BYTES);
    u64(16, root.length);
    u64(24, metadataOffset);
    u64(32, metadata.length);
    u64(40, leavesOffset);
    u64(48, leaves.length);
    u64(56, DATA_START);
    u64(64, this.dataLength);
    u64(72, this.ids.length); // addressed tiles
    u64(80, entries.length); // tile entries
    u64(88, new Set(this.offsets).size); // tile contents
    head[96] = this.inOrder ? 1 : 0; // clustered
    head[97] = Compression.Gzip; // directories and metadata
    head[98] = options.tileCompression;
    head[99] = options.tileType;
    head[100] = this.lowest;
    head[101] = this.highest;
    const e7 = (at: number, degrees: number) => view.setInt32(at, Math.round(degrees * 1e7), true);
    const [west, south, east, north] = options.bounds;
    e7(102, west);
    e7(106, south);
    e7(110, east);
    e7(114, north);
    head[118] = options.center[2];
    e7(119, options.center[0]);
    e7(123, options.center[1]);
    head.set(root, HEADER_BYTES);
    await this.sink.write(0, head);
    return leavesOffset + leaves.length;
  }
}

/** The whole archive in memory, for small archives (the bundled basemap, tests). */
export async function writePmtiles(
  tiles: readonly TileInput[],
  options: PmtilesHeaderOptions,
): Promise<Uint8Array> {
  const parts: { at: number; bytes: Uint8Array }[] = [];
  const builder = new PmtilesBuilder({
    write: (at, bytes) => {
      parts.push({ at, bytes });
      return Promise.resolve();
    },
  });
  // in tile-id order, so the archive is clustered: neighbouring tiles sit together
  const sorted = [...tiles].sort((a, b) => zxyToTileId(a.z, a.x, a.y) - zxyToTileId(b.z, b.x, b.y));
  for (const t of sorted) await builder.add(t.z, t.x, t.y, t.data, contentKey(t.data));
  const out = new Uint8Array(await builder.finish(options));
  for (const { at, bytes } of parts) out.set(bytes, at);
  return out;
}

/** The root directory, and leaf directories when all entries do not fit in the root. */
function directories(entries: Entry[]): { root: Uint8Array; leaves: Uint8Array } {
  const whole = serialize(entries);
  const rootMax = DATA_START - HEADER_BYTES;
  if (whole.length <= rootMax) return { root: whole, leaves: new Uint8Array() };
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
    if (root.length <= rootMax) return { root, leaves: concatBytes(leafParts) };
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
