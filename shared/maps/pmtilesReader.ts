/**
 * Reads tiles from a PMTiles archive by range — the map's reader for the bundled world basemap and
 * the library's files. The archive was checked when it was added (inspectPmtiles.ts); this reader
 * still refuses what it cannot follow rather than serving garbage. Leaf directories are kept in a
 * small cache, so a tile costs one read once its directory is known. Plain async code over our
 * own directory decoder: the `pmtiles` package's reader cost 2.2× the raw reads of the same
 * bytes in the benchmark (docs/benchmarks.md), this one about the reads alone.
 */
import { gunzipSync } from 'fflate';
import { bytesToHeader, Compression, zxyToTileId, type Header } from 'pmtiles';
import { MapFileError } from './mapFileError.ts';
import { directoryEntries, findEntry, type DirectoryEntry } from './pmtilesDirectory.ts';
import type { RangeReader } from './sqliteReader.ts';
import { utf8DecodeStrict } from '../util/utf8.ts';

const HEAD_BYTES = 16_384;
const LEAF_CACHE = 64;

export class PmtilesReader {
  /** Leaf directories by offset, each with when it was last used. */
  private readonly leaves = new Map<number, { entries: Promise<DirectoryEntry[]>; used: number }>();
  private uses = 0;

  private constructor(
    private readonly source: RangeReader,
    readonly header: Header,
    private readonly root: DirectoryEntry[],
  ) {}

  static async open(source: RangeReader): Promise<PmtilesReader> {
    const head = await source.read(0, Math.min(HEAD_BYTES, source.size));
    if (head.length < 127 || String.fromCharCode(...head.subarray(0, 7)) !== 'PMTiles') {
      throw new MapFileError('notMapFile', 'The file is not a PMTiles archive.');
    }
    const header = bytesToHeader(Uint8Array.from(head.subarray(0, 127)).buffer);
    for (const compression of [header.internalCompression, header.tileCompression]) {
      if (compression !== Compression.None && compression !== Compression.Gzip) {
        throw new MapFileError('unsupported', `The archive uses compression ${compression}.`);
      }
    }
    const end = header.rootDirectoryOffset + header.rootDirectoryLength;
    if (end > head.length) {
      throw new MapFileError('corrupt', 'The archive’s root directory is not in its first 16 KiB.');
    }
    const root = directoryEntries(
      inflate(head.subarray(header.rootDirectoryOffset, end), header.internalCompression),
    );
    return new PmtilesReader(source, header, root);
  }

  /** The tile's bytes, decompressed; null when the archive has no such tile. */
  async tile(z: number, x: number, y: number): Promise<Uint8Array | null> {
    const { header } = this;
    if (z < header.minZoom || z > header.maxZoom) return null;
    if (x < 0 || y < 0 || x >= 2 ** z || y >= 2 ** z) return null;
    const id = zxyToTileId(z, x, y);
    let entries = this.root;
    for (let depth = 0; depth <= 3; depth++) {
      const entry = findEntry(entries, id);
      if (entry === null) return null;
      if (entry.runLength > 0) {
        const bytes = await this.source.read(header.tileDataOffset + entry.offset, entry.length);
        if (bytes.length !== entry.length) {
          throw new MapFileError('truncated', 'A tile lies beyond the end of the archive.');
        }
        return inflate(bytes, header.tileCompression);
      }
      entries = await this.leaf(header.leafDirectoryOffset + entry.offset, entry.length);
    }
    throw new MapFileError('corrupt', 'The archive nests its directories too deep.');
  }

  /** The archive's JSON metadata ({} when it has none or it is not an object). */
  async metadata(): Promise<Record<string, unknown>> {
    const { jsonMetadataOffset: offset, jsonMetadataLength: length } = this.header;
    if (length === 0) return {};
    const bytes = inflate(await this.source.read(offset, length), this.header.internalCompression);
    const parsed: unknown = JSON.parse(utf8DecodeStrict(bytes));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  }

  private leaf(offset: number, length: number): Promise<DirectoryEntry[]> {
    const known = this.leaves.get(offset);
    if (known) {
      // a stamp, not a re-insertion: moving the entry would churn the map's table on every tile
      known.used = ++this.uses;
      return known.entries;
    }
    const entries = this.source.read(offset, length).then((bytes) => {
      if (bytes.length !== length) {
        throw new MapFileError('truncated', 'A leaf directory lies beyond the end of the archive.');
      }
      return directoryEntries(inflate(bytes, this.header.internalCompression));
    });
    entries.catch(() => this.leaves.delete(offset));
    if (this.leaves.size >= LEAF_CACHE) {
      let oldest = offset;
      let least = Infinity;
      for (const [at, leaf] of this.leaves) {
        if (leaf.used < least) [oldest, least] = [at, leaf.used];
      }
      this.leaves.delete(oldest);
    }
    this.leaves.set(offset, { entries, used: ++this.uses });
    return entries;
  }
}

function inflate(bytes: Uint8Array, compression: Compression): Uint8Array {
  if (compression === Compression.None) return bytes;
  try {
    return gunzipSync(bytes);
  } catch {
    throw new MapFileError('corrupt', 'Part of the archive cannot be decompressed.');
  }
}
