/**
 * Why a basemap file (PMTiles, MBTiles) was refused: a code the interface turns into a
 * translated message, and an English message for logs and tests naming the problem.
 */
export type MapFileErrorCode =
  /** Not the format it claims (wrong magic bytes, not SQLite, not PMTiles). */
  | 'notMapFile'
  /** Cut short: the file is smaller than its own structure says. */
  | 'truncated'
  /** Inconsistent structure (a page or directory that cannot be what it points to). */
  | 'corrupt'
  /** Valid, but something Daftar cannot read (a compression, an encoding, a layout). */
  | 'unsupported'
  /** An MBTiles without a tiles table, or an archive with no tile. */
  | 'noTiles'
  | 'cancelled';

export class MapFileError extends Error {
  constructor(
    readonly code: MapFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MapFileError';
  }
}
