/**
 * Files in memory for the map tests: a byte array read by range, as a File or a file handle is,
 * and a file that grows as positioned writes come (OPFS, a file handle), readable afterwards.
 */
import type { BasemapTarget } from '../../shared/maps/importBasemap.ts';
import type { RangeReader } from '../../shared/maps/sqliteReader.ts';

/** `bytes` read by range; `reads` lists each read's length. */
export function rangeOf(bytes: Uint8Array, reads: number[] = []): RangeReader {
  return {
    size: bytes.length,
    read: (offset, length) => {
      reads.push(length);
      return Promise.resolve(bytes.slice(offset, offset + length));
    },
  };
}

export function memoryFile(): BasemapTarget & { bytes: () => Uint8Array } {
  let out = new Uint8Array(0);
  let size = 0;
  const bytes = () => out.slice(0, size);
  return {
    sink: {
      write: (at, data) => {
        if (at + data.length > out.length) {
          const grown = new Uint8Array(Math.max(at + data.length, out.length * 2));
          grown.set(out);
          out = grown;
        }
        out.set(data, at);
        size = Math.max(size, at + data.length);
        return Promise.resolve();
      },
    },
    reopen: () => Promise.resolve(rangeOf(bytes())),
    bytes,
  };
}
