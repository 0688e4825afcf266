/** Archives read by range: a Blob (a fetched asset, a chosen File) or a file of the basemap store. */
import { MAX_BASEMAP_PIECE, type BasemapFiles } from '../../shared/maps/basemapFiles.ts';

/** Reads `length` bytes at `offset` (fewer past the end). */
export type ReadRange = (offset: number, length: number) => Promise<Uint8Array>;

export function blobReader(blob: Blob): ReadRange {
  return async (offset, length) =>
    new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
}

/** A stored basemap's bytes, asked for in pieces the store accepts. */
export function storedReader(files: BasemapFiles, id: string): ReadRange {
  return async (offset, length) => {
    if (length <= MAX_BASEMAP_PIECE) return files.read(id, offset, length);
    const out = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const want = Math.min(MAX_BASEMAP_PIECE, length - filled);
      const piece = await files.read(id, offset + filled, want);
      out.set(piece, filled);
      filled += piece.length;
      if (piece.length < want) break;
    }
    return out.subarray(0, filled);
  };
}
