/**
 * Converts an MBTiles file (SQLite; https://github.com/mapbox/mbtiles-spec) into a PMTiles
 * archive as it is copied in, so the app reads one tile format at run time and never needs SQLite
 * after the import. One pass over the source's tables through range reads; the output is written
 * piece by piece. Three layouts are read: a plain `tiles` table; the deduplicated `map` + `images`
 * tables behind a `tiles` view (node-mbtiles, TileMill); and Planetiler's `tiles_shallow` +
 * `tiles_data`. MBTiles rows count y from the south (TMS); PMTiles from the north.
 */
import { MapFileError } from './mapFileError.ts';
import { Compression, PmtilesBuilder, TileType, type ByteSink } from './pmtilesWriter.ts';
import {
  SqliteReader,
  storedColumns,
  type RangeReader,
  type SchemaRow,
  type SqlValue,
} from './sqliteReader.ts';

export interface ConvertOptions {
  signal?: { readonly aborted: boolean };
  /** Bytes of the source read so far, of its size. */
  onProgress?: (read: number, total: number) => void;
}

export interface ConvertedBasemap {
  tiles: number;
  bytes: number;
  tileType: TileType;
  minZoom: number;
  maxZoom: number;
  metadata: Record<string, unknown>;
}

interface Layout {
  /** Rows of (z, x, y, data or content id) … */
  grid: { table: SchemaRow; z: number; x: number; y: number; data: number; id: number };
  /** … and, for a deduplicated layout, the contents by id. */
  contents?: { table: SchemaRow; id: number; data: number };
}

export async function mbtilesToPmtiles(
  source: RangeReader,
  sink: ByteSink,
  options: ConvertOptions = {},
): Promise<ConvertedBasemap> {
  let read = 0;
  const counted: RangeReader = {
    size: source.size,
    read: async (offset, length) => {
      if (options.signal?.aborted) throw new MapFileError('cancelled', 'The import was cancelled.');
      const bytes = await source.read(offset, length);
      read += bytes.length;
      options.onProgress?.(Math.min(read, source.size), source.size);
      return bytes;
    },
  };
  const db = await SqliteReader.open(counted);
  const schema = await db.schema();
  const layout = findLayout(schema);
  const metadata = await readMetadata(db, schema);
  const builder = new PmtilesBuilder(sink);
  let first: Uint8Array | undefined;
  const add = async (z: SqlValue, x: SqlValue, row: SqlValue, data: Uint8Array, id?: string) => {
    if (!isInt(z) || !isInt(x) || !isInt(row) || z < 0 || z > 30) {
      throw new MapFileError('corrupt', `A tile has an impossible address (${z}/${x}/${row}).`);
    }
    const y = 2 ** z - 1 - row;
    if (x < 0 || y < 0 || x >= 2 ** z || y >= 2 ** z) {
      throw new MapFileError('corrupt', `Tile ${z}/${x}/${row} lies outside its zoom level.`);
    }
    first ??= data;
    await builder.add(z, x, y, data, id);
  };

  const { grid, contents } = layout;
  if (contents === undefined) {
    for await (const { values } of db.scan(grid.table.rootPage)) {
      const data = values[grid.data];
      if (!(data instanceof Uint8Array)) continue; // a tile without data is no tile
      await add(values[grid.z]!, values[grid.x]!, values[grid.y]!, data);
    }
  } else {
    // Which tiles show each content: read the grid first, then each content once.
    const tilesOf = new Map<string, [SqlValue, SqlValue, SqlValue][]>();
    for await (const { rowid, values } of db.scan(grid.table.rootPage)) {
      const id = key(grid.id === -1 ? rowid : values[grid.id]!);
      const list = tilesOf.get(id);
      const address: [SqlValue, SqlValue, SqlValue] = [
        values[grid.z]!,
        values[grid.x]!,
        values[grid.y]!,
      ];
      if (list) list.push(address);
      else tilesOf.set(id, [address]);
    }
    for await (const { rowid, values } of db.scan(contents.table.rootPage)) {
      const data = values[contents.data];
      const id = key(contents.id === -1 ? rowid : values[contents.id]!);
      if (!(data instanceof Uint8Array)) continue;
      for (const [z, x, y] of tilesOf.get(id) ?? []) await add(z, x, y, data, id);
    }
  }
  if (first === undefined) throw new MapFileError('noTiles', 'The MBTiles file holds no tile.');

  const tileType = typeOf(metadata.format, first);
  const tileCompression =
    first[0] === 0x1f && first[1] === 0x8b ? Compression.Gzip : Compression.None;
  const bounds = numbers(metadata.bounds, 4) ?? [-180, -85.0511, 180, 85.0511];
  const minZoom = builder.minZoom;
  const maxZoom = builder.maxZoom;
  const center = numbers(metadata.center, 3) ?? [
    (bounds[0]! + bounds[2]!) / 2,
    (bounds[1]! + bounds[3]!) / 2,
    minZoom,
  ];
  const bytes = await builder.finish({
    tileType,
    tileCompression,
    metadata,
    bounds: bounds as [number, number, number, number],
    center: [center[0]!, center[1]!, Math.max(minZoom, Math.min(maxZoom, center[2]!))],
  });
  // indexes and free pages are never read: the work is done all the same
  options.onProgress?.(source.size, source.size);
  return { tiles: builder.tiles, bytes, tileType, minZoom, maxZoom, metadata };
}

function findLayout(schema: SchemaRow[]): Layout {
  const table = (name: string) => schema.find((r) => r.type === 'table' && r.name === name);
  const columnsOf = (row: SchemaRow) => storedColumns(row.sql);
  const at = (row: SchemaRow, name: string) => {
    const { columns, rowidColumn } = columnsOf(row);
    // an INTEGER PRIMARY KEY is stored as NULL: its value is the rowid (-1 here)
    if (rowidColumn === name) return -1;
    const index = columns.indexOf(name);
    if (index === -1) {
      throw new MapFileError(
        'unsupported',
        `The MBTiles table ${row.name} has no ${name} column, so its tiles cannot be read.`,
      );
    }
    return index;
  };
  const grid = (row: SchemaRow, id: string | null) => ({
    table: row,
    z: at(row, 'zoom_level'),
    x: at(row, 'tile_column'),
    y: at(row, 'tile_row'),
    data: id === null ? at(row, 'tile_data') : -1,
    id: id === null ? -1 : at(row, id),
  });
  const plain = table('tiles');
  if (plain) return { grid: grid(plain, null) };
  const map = table('map');
  const images = table('images');
  if (map && images) {
    return {
      grid: grid(map, 'tile_id'),
      contents: { table: images, id: at(images, 'tile_id'), data: at(images, 'tile_data') },
    };
  }
  const shallow = table('tiles_shallow');
  const data = table('tiles_data');
  if (shallow && data) {
    return {
      grid: grid(shallow, 'tile_data_id'),
      contents: { table: data, id: at(data, 'tile_data_id'), data: at(data, 'tile_data') },
    };
  }
  throw new MapFileError(
    'noTiles',
    'The file is an SQLite database but not an MBTiles basemap: it has no tiles table.',
  );
}

async function readMetadata(
  db: SqliteReader,
  schema: SchemaRow[],
): Promise<Record<string, unknown>> {
  const row = schema.find((r) => r.type === 'table' && r.name === 'metadata');
  const metadata: Record<string, unknown> = {};
  if (!row) return metadata;
  const { columns } = storedColumns(row.sql);
  const name = columns.indexOf('name');
  const value = columns.indexOf('value');
  if (name === -1 || value === -1) return metadata;
  for await (const { values } of db.scan(row.rootPage)) {
    const k = values[name];
    const v = values[value];
    if (typeof k !== 'string' || k === '__proto__' || v === null) continue;
    metadata[k] = v instanceof Uint8Array ? undefined : v;
  }
  // `json` carries vector_layers for vector tiles, as PMTiles metadata has them at its top level
  if (typeof metadata.json === 'string') {
    try {
      const extra = JSON.parse(metadata.json) as unknown;
      if (extra && typeof extra === 'object' && !Array.isArray(extra)) {
        for (const [k, v] of Object.entries(extra)) if (!(k in metadata)) metadata[k] = v;
      }
    } catch {
      // a `json` value that is not JSON is kept as text
    }
  }
  return metadata;
}

function typeOf(format: unknown, first: Uint8Array): TileType {
  switch (format) {
    case 'pbf':
    case 'mvt':
      return TileType.Mvt;
    case 'png':
      return TileType.Png;
    case 'jpg':
    case 'jpeg':
      return TileType.Jpeg;
    case 'webp':
      return TileType.Webp;
  }
  const b = first;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return TileType.Png;
  if (b[0] === 0xff && b[1] === 0xd8) return TileType.Jpeg;
  if (b[0] === 0x52 && b[1] === 0x49 && b[8] === 0x57 && b[9] === 0x45) return TileType.Webp;
  if (b[0] === 0x1f && b[1] === 0x8b) return TileType.Mvt; // gzipped vector tiles
  throw new MapFileError(
    'unsupported',
    `The tiles are in a format Daftar cannot show (${typeof format === 'string' ? format : 'unknown'}).`,
  );
}

function numbers(value: unknown, count: number): number[] | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = value.split(',').map((p) => Number(p.trim()));
  return parts.length === count && parts.every(Number.isFinite) ? parts : undefined;
}

const isInt = (v: SqlValue): v is number => typeof v === 'number' && Number.isInteger(v);

function key(value: SqlValue): string {
  if (value instanceof Uint8Array) return `b:${String.fromCharCode(...value)}`;
  return `${typeof value}:${String(value)}`;
}
