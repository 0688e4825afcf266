/**
 * Adding a file to the basemap library: `importBasemap` checks (PMTiles) or converts (MBTiles) it
 * into a new file of the store, which is then sealed, read back, described and kept. Any failure
 * or a cancel removes the new file, so nothing half-added remains and nothing kept is touched.
 */
import {
  MAX_BASEMAP_PIECE,
  type BasemapFiles,
  type StoredBasemap,
} from '../../shared/maps/basemapFiles.ts';
import { importBasemap, type ImportBasemapOptions } from '../../shared/maps/importBasemap.ts';
import type { RangeReader } from '../../shared/maps/sqliteReader.ts';
import { blobReader, storedReader } from './readRange.ts';

export async function addBasemapFile(
  files: BasemapFiles,
  file: Blob & { name: string },
  options: ImportBasemapOptions = {},
): Promise<StoredBasemap> {
  const source: RangeReader = { size: file.size, read: blobReader(file) };
  const id = await files.create();
  try {
    const info = await importBasemap(
      source,
      file.name,
      {
        sink: {
          write: async (position, bytes) => {
            for (let at = 0; at < bytes.length; at += MAX_BASEMAP_PIECE) {
              await files.write(id, position + at, bytes.subarray(at, at + MAX_BASEMAP_PIECE));
            }
          },
        },
        reopen: async () => ({ size: await files.seal(id), read: storedReader(files, id) }),
      },
      options,
    );
    const entry: StoredBasemap = {
      id,
      fileName: file.name,
      addedAt: new Date().toISOString(),
      info,
    };
    await files.keep(entry);
    return entry;
  } catch (error) {
    await files.remove(id).catch(() => {});
    throw error;
  }
}
