/**
 * PMTiles directories (spec v3 §4): an entry list decoded from its varints, refusing one whose
 * numbers run out, and the lookup of a tile id in a sorted list. Shared by the archive check
 * (inspectPmtiles.ts) and the reader the map draws from (pmtilesReader.ts).
 */
import { MapFileError } from './mapFileError.ts';

export interface DirectoryEntry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

/** A directory's entries (spec §4.2), refusing one whose numbers run out. */
export function directoryEntries(bytes: Uint8Array): DirectoryEntry[] {
  let at = 0;
  const next = () => {
    let value = 0;
    for (let shift = 1; ; shift *= 0x80) {
      const byte = bytes[at++];
      if (byte === undefined)
        throw new MapFileError('corrupt', 'A directory of the archive is cut short.');
      value += (byte & 0x7f) * shift;
      if (byte < 0x80) return value;
      if (shift > 2 ** 49)
        throw new MapFileError('corrupt', 'A directory of the archive is corrupt.');
    }
  };
  const count = next();
  if (count > bytes.length)
    throw new MapFileError('corrupt', 'A directory of the archive is corrupt.');
  const entries: DirectoryEntry[] = [];
  let tileId = 0;
  for (let i = 0; i < count; i++) {
    tileId += next();
    entries.push({ tileId, offset: 0, length: 0, runLength: 0 });
  }
  for (const e of entries) e.runLength = next();
  for (const e of entries) e.length = next();
  entries.forEach((e, i) => {
    const value = next();
    const previous = entries[i - 1];
    if (value === 0 && previous === undefined) {
      throw new MapFileError('corrupt', 'A directory of the archive is corrupt.');
    }
    e.offset = value === 0 ? previous!.offset + previous!.length : value - 1;
  });
  return entries;
}

/**
 * The entry holding `tileId`: a run of tiles that covers it, or the leaf directory whose range
 * may (an entry with `runLength` 0); null when none does. `entries` are sorted by tile id.
 */
export function findEntry(
  entries: readonly DirectoryEntry[],
  tileId: number,
): DirectoryEntry | null {
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const id = entries[middle]!.tileId;
    if (id < tileId) low = middle + 1;
    else if (id > tileId) high = middle - 1;
    else return entries[middle]!;
  }
  // the last entry starting before the tile: a run that reaches it, or a leaf directory
  const before = entries[high];
  if (before === undefined) return null;
  if (before.runLength === 0 || tileId - before.tileId < before.runLength) return before;
  return null;
}
