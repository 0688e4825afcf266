/**
 * Where the basemap library keeps its archives: one PMTiles file per basemap plus its description,
 * in the Origin Private File System (web build) or the app data folder (Electron, over IPC). The
 * store only holds bytes; checking and converting them is `importBasemap`'s. A file is written
 * under a fresh id, sealed, read back, and only then kept with its description — a file never
 * kept (an import that failed, was cancelled, or was cut short by a crash) is removed by the next
 * `list()`, so nothing half-added shows or stays.
 */
import { z } from 'zod';
import type { BasemapInfo } from './inspectPmtiles.ts';

export interface StoredBasemap {
  id: string;
  /** The name of the file it was added from. */
  fileName: string;
  /** ISO time it was added. */
  addedAt: string;
  info: BasemapInfo;
}

export interface BasemapFiles {
  /** Kept basemaps, oldest first; removes files that were never kept. */
  list(): Promise<StoredBasemap[]>;
  /** Starts an empty file; returns its id. */
  create(): Promise<string>;
  /** Writes bytes at a position of a file being written (at most MAX_BASEMAP_PIECE). */
  write(id: string, offset: number, data: Uint8Array): Promise<void>;
  /** Ends the writing of a file; returns its size. */
  seal(id: string): Promise<number>;
  /** Bytes of a sealed or kept file (at most MAX_BASEMAP_PIECE; fewer past its end). */
  read(id: string, offset: number, length: number): Promise<Uint8Array>;
  /** Keeps a sealed file with its description. */
  keep(entry: StoredBasemap): Promise<void>;
  /** Deletes a file, kept or not, and its description. */
  remove(id: string): Promise<void>;
}

/** Largest piece written or read in one call (one IPC message stays small). */
export const MAX_BASEMAP_PIECE = 16 * 1024 ** 2;
/** Largest basemap file the library accepts. */
export const MAX_BASEMAP_BYTES = 64 * 1024 ** 3;

/**
 * Ids are UUIDs the store made, in lower case (on a case-insensitive disk two spellings would name
 * one file): never a path, never chosen by a file.
 */
export const basemapIdSchema = z.uuid().refine((id) => id === id.toLowerCase());

/** `id` when it is a basemap id; a store refuses anything else before building a name from it. */
export function checkBasemapId(id: unknown): string {
  if (!basemapIdSchema.safeParse(id).success) throw new Error('Not a basemap id.');
  return id as string;
}

/** Refuses a piece a store would not read or write: negative, fractional, too large, too far. */
export function checkBasemapRange(offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw new Error('A basemap file is read or written at whole, non-negative positions.');
  }
  if (length > MAX_BASEMAP_PIECE) throw new Error('Too many bytes in one piece (limit 16 MiB).');
  if (offset + length > MAX_BASEMAP_BYTES) throw new Error('Basemap files end at 64 GiB.');
}

const finite = z.number().finite();

export const basemapInfoSchema = z.object({
  name: z.string().max(1_000),
  attribution: z.string().max(10_000).nullable(),
  kind: z.enum(['vector', 'png', 'jpeg', 'webp', 'avif']),
  tileSize: z.union([z.literal(256), z.literal(512)]),
  minZoom: z.number().int().min(0).max(30),
  maxZoom: z.number().int().min(0).max(30),
  bounds: z.tuple([finite, finite, finite, finite]),
  center: z.tuple([finite, finite, finite]),
  vectorLayers: z.array(z.string().max(1_000)).max(1_000),
  tiles: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative().max(MAX_BASEMAP_BYTES),
}) satisfies z.ZodType<BasemapInfo>;

export const storedBasemapSchema = z.object({
  id: basemapIdSchema,
  fileName: z.string().min(1).max(1_000),
  addedAt: z.iso.datetime(),
  info: basemapInfoSchema,
}) satisfies z.ZodType<StoredBasemap>;
