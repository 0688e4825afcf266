/**
 * A positioned read that keeps reading until the buffer is full or the file ends (one `read`
 * may return fewer bytes than asked): for the app protocol's ranges, opened bundles and basemaps.
 */
import type { FileHandle } from 'node:fs/promises';

/** Fills `bytes` from `position` of the file; returns how many it holds (fewer at the file's end). */
export async function readAt(handle: FileHandle, bytes: Uint8Array, position: number) {
  let filled = 0;
  while (filled < bytes.length) {
    const { bytesRead } = await handle.read(
      bytes,
      filled,
      bytes.length - filled,
      position + filled,
    );
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled;
}
