/**
 * Adding a basemap file to the library: a PMTiles archive is checked, then copied as it is; an
 * MBTiles database is converted to PMTiles on the way (mbtilesToPmtiles.ts), so the app reads one
 * format. Either way the stored archive is then read back and described — what the library lists
 * is what it holds. Large files go through in pieces, with progress, and can be cancelled; the
 * caller discards the partial copy on any failure, so nothing half-added remains.
 */
import { inspectPmtiles, type BasemapInfo } from './inspectPmtiles.ts';
import { MapFileError } from './mapFileError.ts';
import { mbtilesToPmtiles } from './mbtilesToPmtiles.ts';
import type { ByteSink } from './pmtilesWriter.ts';
import type { RangeReader } from './sqliteReader.ts';

export interface BasemapTarget {
  sink: ByteSink;
  /** The stored copy, once written, for reading back. */
  reopen(): Promise<RangeReader>;
}

export interface ImportBasemapOptions {
  signal?: { readonly aborted: boolean };
  onProgress?: (done: number, total: number) => void;
}

const COPY_PIECE = 8 * 1024 ** 2;

export async function importBasemap(
  source: RangeReader,
  fileName: string,
  target: BasemapTarget,
  options: ImportBasemapOptions = {},
): Promise<BasemapInfo> {
  const magic = String.fromCharCode(...(await source.read(0, Math.min(16, source.size))));
  if (magic.startsWith('PMTiles')) {
    await inspectPmtiles(source, fileName);
    for (let at = 0; at < source.size; at += COPY_PIECE) {
      if (options.signal?.aborted) throw new MapFileError('cancelled', 'The import was cancelled.');
      const piece = await source.read(at, Math.min(COPY_PIECE, source.size - at));
      await target.sink.write(at, piece);
      options.onProgress?.(at + piece.length, source.size);
    }
  } else if (magic === 'SQLite format 3\u0000') {
    await mbtilesToPmtiles(source, target.sink, options);
  } else {
    throw new MapFileError(
      'notMapFile',
      `“${fileName}” is neither a PMTiles archive nor an MBTiles database.`,
    );
  }
  return inspectPmtiles(await target.reopen(), fileName);
}
