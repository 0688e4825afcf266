/**
 * PMTiles benchmark (`maps.pmtiles.*`), in Node: reading tiles from a large PMTiles archive the
 * way the app does — our own reader, `(await PmtilesReader.open(source)).tile(z, x, y)`
 * (shared/maps/pmtilesReader.ts, which renderer/map/basemapProtocol.ts serves the map's tiles
 * with), over a RangeReader that reads the file by range (here a node:fs FileHandle) — against raw
 * positioned reads of exactly the same byte ranges. The `pmtiles` package's own reader
 * (`new PMTiles(source).getZxy`), which the app used before and which cost 2.2× the raw reads, is
 * timed beside it as an informational row.
 *
 * The archive (untimed): written with the app's own streaming writer (shared/maps/pmtilesWriter.ts
 * `PmtilesBuilder`, positioned writes to a FileHandle) into a fresh folder under os.tmpdir(), and
 * deleted at the end. Zooms 0–12 over Afghanistan's bounding box (at BENCH_SCALE s, a box of s
 * times the area around the same centre), every tile of the box at every zoom, each 20–60 KiB of
 * random (incompressible) bytes, tile compression none, stored once each, in tile-id order — about
 * 27,500 tiles and 1.07 GB at scale 1, too many entries for the 16 KiB root directory, so the
 * archive has leaf directories.
 *
 * Timed, over N tiles drawn at random (seeded; 5,000 at scale 1) from all of the archive's tiles:
 *
 * - `maps.pmtiles.read`: `tile` of each tile, one after the other, on one PmtilesReader (opened
 *   before the warm-up and kept across the rounds, as the app keeps one per archive: header and
 *   root read at open, leaf directories in its cache after the warm-up), against the floor:
 *   `handle.read` of each tile's offset and length into a fresh buffer of that length (what the
 *   RangeReader does for a tile, with no reader around it), same tiles, same order, same file
 *   handle. A warm-up pass reads every tile through our reader, the package and raw, and checks
 *   that both readers read exactly the tile's range (known from the writer: the tiles are written
 *   one after the other from the header's tile-data offset) and returned the same bytes as the raw
 *   read. Then `--rounds` (5) rounds of each variant, the order rotated each round, `gc()` before
 *   each; median. Unit: µs per tile. The detail also has each pass's process CPU time and V8's
 *   collections (count and pause time, from `gc` performance entries) — less moved than the wall
 *   time by other work on the machine, and where a gap to the floor comes from.
 * - `maps.pmtiles.read.pmtilesPackage` (no target): the same tiles through the `pmtiles`
 *   package's `getZxy` on one PMTiles instance (its default cache warm) over a Source reading the
 *   same file handle the same way, timed in the same rounds — why the app has its own reader.
 * - `maps.pmtiles.read.withoutTileReads` (no target): the same `tile` calls on a PmtilesReader
 *   whose RangeReader skips the tile reads (header and directories read, every tile answered with
 *   a view of one shared buffer, of the tile's length), timed in the same rounds: the reader's own
 *   work per tile, against the floor.
 * - `maps.pmtiles.open` (no target): a cold first tile — open the file, `PmtilesReader.open`
 *   (size known, as the app knows a Blob's or a stored file's), first `tile` (header + root, a
 *   leaf directory, the tile) — against opening the file and raw reads of the same ranges. Median
 *   of 7, a different tile each time; the JIT and the OS page cache are warm.
 * - `maps.pmtiles.memory`: the peak RSS growth of a fresh process (this script with `--memory`)
 *   over one pass reading the N tiles through a new PmtilesReader (RSS sampled after every tile,
 *   and the kernel's peak `maxRSS` if it rose during the pass; nothing retained), in MiB, against
 *   the file's size in MiB: target ≤ 5% — the archive is read by range, never loaded whole. The
 *   baseline is taken after a throwaway open through our reader and a throwaway header read
 *   through the package (which loads Node's web streams for its DecompressionStream), in every
 *   pass alike. The same pass through the package and of raw reads, each in another fresh process,
 *   is in the detail.
 *
 * Run by test/bench/pmtilesRun.mjs (bundled with esbuild, in a child `node --expose-gc`); writes
 * its results as JSON to the file given with `--out`.
 */
import { randomFillSync } from 'node:crypto';
import { execFile } from 'node:child_process';
import { rmSync, statfsSync, writeFileSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import path from 'node:path';
import { PMTiles, zxyToTileId, type RangeResponse, type Source } from 'pmtiles';
import { PmtilesReader } from '../../shared/maps/pmtilesReader.ts';
import { Compression, PmtilesBuilder, TileType } from '../../shared/maps/pmtilesWriter.ts';
import type { RangeReader } from '../../shared/maps/sqliteReader.ts';
import { mulberry32 } from './generateDataset.ts';

export interface PmtilesResult {
  name: string;
  value: number;
  unit: string;
  floor: number;
  ratio: number;
  target: number | null;
}

export interface PmtilesOptions {
  scale: number;
  rounds: number;
  seed: number;
  log: (line: string) => void;
}

/** [west, south, east, north]: Afghanistan, the app's first region. */
const REGION: [number, number, number, number] = [60.5, 29.4, 75.0, 38.5];
const MAX_ZOOM = 12;
const MIN_TILE = 20 * 1024;
const MAX_TILE = 60 * 1024;
const READ_TARGET = 1.5;
/** Peak RSS growth while reading, as a share of the file's size. */
const MEMORY_TARGET = 0.05;
const COLD_RUNS = 7;
const MiB = 2 ** 20;

interface Tile {
  z: number;
  x: number;
  y: number;
  /** Where its bytes are in the file, and how many. */
  offset: number;
  length: number;
}

interface Range {
  offset: number;
  length: number;
}

/**
 * A RangeReader over a file, as the app's RangeReaders read a Blob or a stored file by range: a
 * fresh buffer of exactly the range (the floor's `readRange`).
 */
class FileRangeReader implements RangeReader {
  /** When set, every range read is appended (the warm-up's check, the cold open's ranges). */
  record: Range[] | null = null;

  constructor(
    protected readonly handle: FileHandle,
    readonly size: number,
  ) {}

  read(offset: number, length: number): Promise<Uint8Array> {
    this.record?.push({ offset, length });
    return readRange(this.handle, offset, length);
  }
}

/**
 * The same reader that skips the tile reads — header and directories are read, every tile's read
 * answers a view of one shared buffer, of the tile's length (PmtilesReader checks the length) — to
 * time PmtilesReader's own work per tile without the I/O.
 */
class NoTileReadReader extends FileRangeReader {
  private static readonly STUB = new Uint8Array(MAX_TILE);

  constructor(
    handle: FileHandle,
    size: number,
    private readonly tileData: Range,
  ) {
    super(handle, size);
  }

  override read(offset: number, length: number): Promise<Uint8Array> {
    const { offset: start, length: size } = this.tileData;
    if (offset >= start && offset < start + size && length <= MAX_TILE)
      return Promise.resolve(NoTileReadReader.STUB.subarray(0, length));
    return super.read(offset, length);
  }
}

/** A `pmtiles` package Source over the same reads, for the package's row. */
class FileHandleSource implements Source {
  /** When set, every range read is appended (the warm-up's check). */
  record: Range[] | null = null;

  constructor(
    private readonly key: string,
    private readonly handle: FileHandle,
  ) {}

  getKey(): string {
    return this.key;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    this.record?.push({ offset, length });
    return { data: (await readRange(this.handle, offset, length)).buffer };
  }
}

/** `handle.read` of `length` bytes at `offset` into a fresh buffer (the floor's whole work). */
async function readRange(handle: FileHandle, offset: number, length: number) {
  const bytes = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(bytes, done, length - done, offset + done);
    if (bytesRead === 0) throw new Error(`The file ends before byte ${offset + done}.`);
    done += bytesRead;
  }
  return bytes;
}

/** Tile x and y (XYZ, y down) of a point at zoom z. */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const sin = Math.sin((lat * Math.PI) / 180);
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n);
  const clamp = (v: number) => Math.min(n - 1, Math.max(0, v));
  return [clamp(x), clamp(y)];
}

/** The region at a scale: the same centre, `scale` times the area. */
function regionAt(scale: number): [number, number, number, number] {
  const [west, south, east, north] = REGION;
  const k = Math.sqrt(Math.min(1, scale));
  const lon = (west + east) / 2;
  const lat = (south + north) / 2;
  const halfWidth = ((east - west) / 2) * k;
  const halfHeight = ((north - south) / 2) * k;
  return [lon - halfWidth, lat - halfHeight, lon + halfWidth, lat + halfHeight];
}

/** Every tile of the region at zooms 0–MAX_ZOOM, in tile-id order (zoom, then Hilbert curve). */
function tilesOf(region: [number, number, number, number]): { z: number; x: number; y: number }[] {
  const [west, south, east, north] = region;
  const tiles: { z: number; x: number; y: number; id: number }[] = [];
  for (let z = 0; z <= MAX_ZOOM; z++) {
    const [x0, y0] = tileOf(west, north, z);
    const [x1, y1] = tileOf(east, south, z);
    for (let x = x0; x <= x1; x++)
      for (let y = y0; y <= y1; y++) tiles.push({ z, x, y, id: zxyToTileId(z, x, y) });
  }
  // in the order the writer keys on, so the archive is clustered (as the app's basemaps are)
  return tiles.sort((a, b) => a.id - b.id);
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

const ratioOf = (value: number, floor: number): number => (floor > 0 ? value / floor : Number.NaN);

/** Writes the archive with PmtilesBuilder through positioned writes; returns its tiles. */
async function writeArchive(
  file: string,
  region: [number, number, number, number],
  seed: number,
): Promise<{ tiles: Tile[]; bytes: number; leafDirectoryBytes: number }> {
  const rng = mulberry32(seed);
  const handle = await open(file, 'w+');
  try {
    const builder = new PmtilesBuilder({
      write: async (position, bytes) => {
        let done = 0;
        while (done < bytes.length) {
          const { bytesWritten } = await handle.write(
            bytes,
            done,
            bytes.length - done,
            position + done,
          );
          done += bytesWritten;
        }
      },
    });
    const cells = tilesOf(region);
    // the builder writes each tile before `add` resolves and keeps only its offset and length,
    // so one buffer serves every tile
    const buffer = new Uint8Array(MAX_TILE);
    const tiles: Tile[] = [];
    let dataLength = 0;
    for (const { z, x, y } of cells) {
      const length = MIN_TILE + Math.floor(rng() * (MAX_TILE - MIN_TILE + 1));
      const data = randomFillSync(buffer.subarray(0, length));
      await builder.add(z, x, y, data);
      tiles.push({ z, x, y, offset: dataLength, length });
      dataLength += length;
    }
    const bytes = await builder.finish({
      tileType: TileType.Unknown,
      tileCompression: Compression.None,
      metadata: { name: 'benchmark: random tiles', description: 'maps.pmtiles' },
      bounds: region,
      center: [(region[0] + region[2]) / 2, (region[1] + region[3]) / 2, 6],
    });
    // flushed before anything is timed, so write-back does not run beside the reads
    await handle.datasync();
    const header = new Uint8Array(127);
    await handle.read(header, 0, 127, 0);
    const view = new DataView(header.buffer);
    const tileDataOffset = Number(view.getBigUint64(56, true));
    const leafDirectoryBytes = Number(view.getBigUint64(48, true));
    for (const t of tiles) t.offset += tileDataOffset;
    return { tiles, bytes, leafDirectoryBytes };
  } finally {
    await handle.close();
  }
}

interface MemoryPass {
  /** Peak RSS over the pass minus RSS before it, MiB. */
  peakGrowthMiB: number;
  baseMiB: number;
  /** Whether the kernel's peak RSS (maxRSS) rose during the pass (then it is the peak used). */
  maxRssRose: boolean;
  heapUsedMiB: number;
  arrayBuffersMiB: number;
  tiles: number;
}

type MemoryVariant = 'reader' | 'pmtilesPackage' | 'raw';

/** One pass over the picked tiles in a fresh `node --expose-gc` running this script. */
async function memoryInFreshProcess(
  variant: MemoryVariant,
  file: string,
  pickedFile: string,
): Promise<MemoryPass> {
  const script = process.argv[1]!;
  const args = ['--expose-gc', script, '--memory', variant, '--file', file, '--picked', pickedFile];
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, args, { maxBuffer: 2 ** 20 }, (error, out) =>
      error ? reject(error) : resolve(out),
    ),
  );
  return JSON.parse(stdout) as MemoryPass;
}

/** The fresh process's side of memoryInFreshProcess. */
async function memoryPass(variant: string, file: string, pickedFile: string): Promise<MemoryPass> {
  const picked = JSON.parse(await readFile(pickedFile, 'utf8')) as Tile[];
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    // throwaway reads of the header and root through both readers, in every pass alike, so the
    // baseline includes their code and Node's web streams (the package's DecompressionStream)
    await PmtilesReader.open(new FileRangeReader(handle, size));
    await new PMTiles(new FileHandleSource(`${file}#warm`, handle)).getHeader();
    let readOne: (t: Tile) => Promise<number>;
    if (variant === 'reader') {
      const reader = await PmtilesReader.open(new FileRangeReader(handle, size));
      readOne = async (t) => (await reader.tile(t.z, t.x, t.y))?.byteLength ?? 0;
    } else if (variant === 'pmtilesPackage') {
      const reader = new PMTiles(new FileHandleSource(file, handle));
      readOne = async (t) => (await reader.getZxy(t.z, t.x, t.y))?.data.byteLength ?? 0;
    } else if (variant === 'raw') {
      readOne = async (t) => (await readRange(handle, t.offset, t.length)).byteLength;
    } else {
      throw new Error(`Unknown memory variant ${variant}.`);
    }
    gc();
    const base = process.memoryUsage.rss();
    const maxBefore = process.resourceUsage().maxRSS * 1024;
    let peak = base;
    let atPeak = process.memoryUsage();
    let tiles = 0;
    for (const t of picked) {
      if ((await readOne(t)) === t.length) tiles++;
      const rss = process.memoryUsage.rss();
      if (rss > peak) {
        peak = rss;
        atPeak = process.memoryUsage();
      }
    }
    const maxAfter = process.resourceUsage().maxRSS * 1024;
    const maxRssRose = maxAfter > maxBefore;
    if (maxRssRose) peak = Math.max(peak, maxAfter);
    if (tiles !== picked.length)
      throw new Error(`${variant} read ${tiles} of ${picked.length} tiles whole.`);
    return {
      peakGrowthMiB: (peak - base) / MiB,
      baseMiB: base / MiB,
      maxRssRose,
      heapUsedMiB: atPeak.heapUsed / MiB,
      arrayBuffersMiB: atPeak.arrayBuffers / MiB,
      tiles,
    };
  } finally {
    await handle.close();
  }
}

/** Checks that a reader read exactly the tile's range last and returned the raw read's bytes. */
function checkTile(
  who: string,
  t: Tile,
  bytes: Uint8Array | null,
  reads: readonly Range[],
  readsBefore: number,
  raw: Uint8Array,
): void {
  const last = reads.at(-1);
  if (!bytes || reads.length === readsBefore || !last)
    throw new Error(`${who} did not find tile ${t.z}/${t.x}/${t.y}.`);
  if (last.offset !== t.offset || last.length !== t.length)
    throw new Error(
      `${who} read ${last.length} bytes at ${last.offset} for tile ${t.z}/${t.x}/${t.y}; the writer put ${t.length} at ${t.offset}.`,
    );
  if (Buffer.compare(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), raw) !== 0)
    throw new Error(`Tile ${t.z}/${t.x}/${t.y} differs between ${who} and the raw read.`);
}

export async function runPmtilesBench({ scale, rounds, seed, log }: PmtilesOptions) {
  const region = regionAt(scale);
  const count = Math.max(500, Math.round(5_000 * scale));
  const loadStart = os.loadavg();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'daftar-pmtiles-bench-'));
  const file = path.join(dir, 'large.pmtiles');
  // a Ctrl-C of the runner reaches this process too: do not leave a gigabyte behind
  const removeOnSignal = () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', removeOnSignal);
  process.once('SIGTERM', removeOnSignal);
  try {
    const expected = Math.round(tilesOf(region).length * ((MIN_TILE + MAX_TILE) / 2));
    const free = statfsSync(dir);
    if (free.bavail * free.bsize < expected * 1.2)
      throw new Error(
        `${dir} has ${(free.bavail * free.bsize) / MiB} MiB free; the archive needs ~${Math.round(expected / MiB)} MiB.`,
      );
    log(
      `writing a PMTiles archive of ~${Math.round(expected / MiB)} MiB (zooms 0–${MAX_ZOOM}, tiles of 20–60 KiB) in ${dir}…`,
    );
    let started = performance.now();
    const archive = await writeArchive(file, region, seed);
    const writeSeconds = (performance.now() - started) / 1000;
    const { tiles } = archive;
    const fileMiB = archive.bytes / MiB;
    log(
      `  ${tiles.length.toLocaleString('en-US')} tiles, ${fileMiB.toFixed(0)} MiB (leaf directories ${(archive.leafDirectoryBytes / 1024).toFixed(0)} KiB) in ${writeSeconds.toFixed(1)} s`,
    );

    const rng = mulberry32(seed ^ 0x5eed);
    const picked = Array.from({ length: count }, () => tiles[Math.floor(rng() * tiles.length)]!);
    const pickedBytes = picked.reduce((sum, t) => sum + t.length, 0);

    const handle = await open(file, 'r');
    try {
      // ---- warm-up and check: every picked tile through our reader, the package and raw ----
      log(
        `warm-up: ${count.toLocaleString('en-US')} random tiles through PmtilesReader, the pmtiles package and raw…`,
      );
      const source = new FileRangeReader(handle, archive.bytes);
      source.record = [];
      started = performance.now();
      // one reader kept across the warm-up and the rounds, as the app keeps one per archive
      const reader = await PmtilesReader.open(source);
      const { header } = reader;
      if (header.leafDirectoryLength === 0 && scale >= 1)
        throw new Error('The archive has no leaf directories: it does not measure their lookup.');
      const packageSource = new FileHandleSource(file, handle);
      packageSource.record = [];
      const packageReader = new PMTiles(packageSource);
      let firstTileMs = 0;
      let packageFirstTileMs = 0;
      for (const [i, t] of picked.entries()) {
        let before = source.record.length;
        const tile = await reader.tile(t.z, t.x, t.y);
        if (i === 0) firstTileMs = performance.now() - started;
        const raw = await readRange(handle, t.offset, t.length);
        checkTile('PmtilesReader', t, tile, source.record, before, raw);
        before = packageSource.record.length;
        const t0 = performance.now();
        const fromPackage = await packageReader.getZxy(t.z, t.x, t.y);
        if (i === 0) packageFirstTileMs = performance.now() - t0;
        const bytes = fromPackage ? new Uint8Array(fromPackage.data) : null;
        checkTile('the pmtiles package', t, bytes, packageSource.record, before, raw);
      }
      const warmupReads = source.record;
      source.record = null;
      const packageReads = packageSource.record;
      packageSource.record = null;
      const isDirectoryRead = (r: Range) =>
        r.offset < header.tileDataOffset || r.offset >= header.leafDirectoryOffset;
      const directoryReads = warmupReads.filter(isDirectoryRead);
      log(
        `  all ${count.toLocaleString('en-US')} tiles match; PmtilesReader ${warmupReads.length.toLocaleString('en-US')} reads, of which ${directoryReads.length} header or directory reads (the package ${packageReads.length.toLocaleString('en-US')}, ${packageReads.filter(isDirectoryRead).length}); first tile in the process ${firstTileMs.toFixed(1)} ms (the package ${packageFirstTileMs.toFixed(1)} ms)`,
      );

      // ---- timed rounds ----
      const lookupOnly = await PmtilesReader.open(
        new NoTileReadReader(handle, archive.bytes, {
          offset: header.tileDataOffset,
          // the tiles were written one after the other: the data ends where the last one ends
          length: tiles.at(-1)!.offset + tiles.at(-1)!.length - header.tileDataOffset,
        }),
      );
      for (const t of picked) await lookupOnly.tile(t.z, t.x, t.y);
      const variants = {
        reader: async () => {
          let bytes = 0;
          for (const t of picked) bytes += (await reader.tile(t.z, t.x, t.y))!.byteLength;
          return bytes;
        },
        floor: async () => {
          let bytes = 0;
          for (const t of picked) bytes += (await readRange(handle, t.offset, t.length)).byteLength;
          return bytes;
        },
        lookupOnly: async () => {
          let found = 0;
          for (const t of picked) if (await lookupOnly.tile(t.z, t.x, t.y)) found++;
          return found === count ? pickedBytes : found;
        },
        pmtilesPackage: async () => {
          let bytes = 0;
          for (const t of picked)
            bytes += (await packageReader.getZxy(t.z, t.x, t.y))!.data.byteLength;
          return bytes;
        },
      };
      const names = ['floor', 'reader', 'lookupOnly', 'pmtilesPackage'] as const;
      const times: Record<(typeof names)[number], number[]> = {
        reader: [],
        floor: [],
        lookupOnly: [],
        pmtilesPackage: [],
      };
      // beside the wall time, untimed by the result: the process's CPU time (all threads, so the
      // reads' libuv thread too) and V8's collections during each pass — less moved by other work
      // on the machine than the wall time, and where a gap between the variants comes from
      const perPass = () => ({
        cpuMs: [] as number[],
        gcCount: [] as number[],
        gcMs: [] as number[],
      });
      const passes = {
        reader: perPass(),
        floor: perPass(),
        lookupOnly: perPass(),
        pmtilesPackage: perPass(),
      };
      const collections = { count: 0, ms: 0 };
      const gcObserver = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          collections.count++;
          collections.ms += entry.duration;
        }
      });
      gcObserver.observe({ entryTypes: ['gc'] });
      for (let round = 0; round < rounds; round++) {
        // the order rotated each round, so no variant always runs first or after the same one
        const order = names.map((_, i) => names[(i + round) % names.length]!);
        for (const name of order) {
          gc();
          // the explicit gc()'s entry is delivered before the pass starts
          await new Promise((resolve) => setImmediate(resolve));
          const { count, ms: gcMs } = collections;
          const cpu = process.cpuUsage();
          const t0 = performance.now();
          const bytes = await variants[name]();
          const ms = performance.now() - t0;
          const cpuUsed = process.cpuUsage(cpu);
          await new Promise((resolve) => setImmediate(resolve));
          if (bytes !== pickedBytes)
            throw new Error(`${name} read ${bytes} bytes, expected ${pickedBytes}.`);
          times[name].push(ms);
          passes[name].cpuMs.push((cpuUsed.user + cpuUsed.system) / 1000);
          passes[name].gcCount.push(collections.count - count);
          passes[name].gcMs.push(collections.ms - gcMs);
        }
        log(
          `  round ${round + 1}/${rounds}: PmtilesReader ${times.reader.at(-1)!.toFixed(0)} ms, raw ${times.floor.at(-1)!.toFixed(0)} ms, PmtilesReader without the tile reads ${times.lookupOnly.at(-1)!.toFixed(0)} ms, the pmtiles package ${times.pmtilesPackage.at(-1)!.toFixed(0)} ms (load ${os.loadavg()[0]!.toFixed(1)})`,
        );
      }
      gcObserver.disconnect();
      const perTile = (ms: number) => (ms * 1000) / count;
      const passSummary = Object.fromEntries(
        names.map((name) => [
          name,
          {
            cpuUsPerTile: perTile(median(passes[name].cpuMs)),
            gcPerPass: median(passes[name].gcCount),
            gcUsPerTile: perTile(median(passes[name].gcMs)),
          },
        ]),
      );
      log(
        `  medians, µs/tile (process CPU, GC, collections per pass): ${names
          .map((name) => {
            const p = passSummary[name]!;
            return `${name} ${p.cpuUsPerTile.toFixed(1)}, ${p.gcUsPerTile.toFixed(1)}, ${p.gcPerPass}`;
          })
          .join('; ')}`,
      );
      const read = perTile(median(times.reader));
      const readFloor = perTile(median(times.floor));
      const lookup = perTile(median(times.lookupOnly));
      const readPackage = perTile(median(times.pmtilesPackage));

      // ---- cold first tile: open + PmtilesReader.open + tile, against open + the same reads ----
      log(`cold first tile: ${COLD_RUNS} fresh opens, a different tile each…`);
      const cold: { reader: number[]; floor: number[]; ranges: Range[][] } = {
        reader: [],
        floor: [],
        ranges: [],
      };
      for (let run = 0; run < COLD_RUNS; run++) {
        const t = picked[run % picked.length]!;
        // the ranges an open reads for this tile, learnt untimed
        const probe = new FileRangeReader(handle, archive.bytes);
        probe.record = [];
        await (await PmtilesReader.open(probe)).tile(t.z, t.x, t.y);
        const ranges = probe.record;
        cold.ranges.push(ranges);
        const timedOpen = {
          reader: async () => {
            const h = await open(file, 'r');
            const opened = await PmtilesReader.open(new FileRangeReader(h, archive.bytes));
            const tile = await opened.tile(t.z, t.x, t.y);
            return { h, bytes: tile?.byteLength ?? 0 };
          },
          floor: async () => {
            const h = await open(file, 'r');
            let bytes = 0;
            for (const r of ranges) bytes = (await readRange(h, r.offset, r.length)).byteLength;
            return { h, bytes };
          },
        };
        const order: (keyof typeof timedOpen)[] =
          run % 2 === 0 ? ['floor', 'reader'] : ['reader', 'floor'];
        for (const name of order) {
          gc();
          const t0 = performance.now();
          const { h, bytes } = await timedOpen[name]();
          cold[name].push(performance.now() - t0);
          await h.close();
          if (bytes !== t.length)
            throw new Error(`cold ${name} ended with ${bytes} bytes, expected ${t.length}.`);
        }
      }
      const open1 = median(cold.reader);
      const openFloor = median(cold.floor);

      // ---- memory: peak RSS growth of a fresh process reading the tiles ----
      const pickedFile = path.join(dir, 'picked.json');
      await writeFile(pickedFile, JSON.stringify(picked));
      const memoryReader = await memoryInFreshProcess('reader', file, pickedFile);
      const memoryPackage = await memoryInFreshProcess('pmtilesPackage', file, pickedFile);
      const memoryRaw = await memoryInFreshProcess('raw', file, pickedFile);
      const memory = memoryReader.peakGrowthMiB;
      log(
        `memory: peak RSS growth ${memory.toFixed(1)} MiB through PmtilesReader, ${memoryPackage.peakGrowthMiB.toFixed(1)} MiB through the pmtiles package, ${memoryRaw.peakGrowthMiB.toFixed(1)} MiB raw (fresh processes, RSS at start ${memoryReader.baseMiB.toFixed(0)} / ${memoryPackage.baseMiB.toFixed(0)} / ${memoryRaw.baseMiB.toFixed(0)} MiB), for a ${fileMiB.toFixed(0)} MiB file (${((100 * memory) / fileMiB).toFixed(1)}%)`,
      );
      if (memory > MEMORY_TARGET * fileMiB)
        log(
          `MISSED: reading grew the process by ${memory.toFixed(1)} MiB, over ${100 * MEMORY_TARGET}% of the file (${(MEMORY_TARGET * fileMiB).toFixed(1)} MiB)${
            memoryRaw.peakGrowthMiB > MEMORY_TARGET * fileMiB
              ? ' — raw reads grow it as much: the growth is per tile, not per file, so this file is too small for the check (use BENCH_SCALE=1)'
              : ''
          }`,
        );

      const results: PmtilesResult[] = [
        {
          name: 'maps.pmtiles.read',
          value: read,
          unit: 'µs/tile',
          floor: readFloor,
          ratio: ratioOf(read, readFloor),
          target: READ_TARGET,
        },
        {
          name: 'maps.pmtiles.read.withoutTileReads',
          value: lookup,
          unit: 'µs/tile',
          floor: readFloor,
          ratio: ratioOf(lookup, readFloor),
          target: null,
        },
        {
          name: 'maps.pmtiles.read.pmtilesPackage',
          value: readPackage,
          unit: 'µs/tile',
          floor: readFloor,
          ratio: ratioOf(readPackage, readFloor),
          target: null,
        },
        {
          name: 'maps.pmtiles.open',
          value: open1,
          unit: 'ms',
          floor: openFloor,
          ratio: ratioOf(open1, openFloor),
          target: null,
        },
        {
          name: 'maps.pmtiles.memory',
          value: memory,
          unit: 'MiB',
          floor: fileMiB,
          ratio: ratioOf(memory, fileMiB),
          target: MEMORY_TARGET,
        },
      ];
      const detail = {
        scale,
        region,
        archive: {
          file,
          bytes: archive.bytes,
          tiles: tiles.length,
          tileBytes: { min: MIN_TILE, max: MAX_TILE },
          rootDirectoryBytes: header.rootDirectoryLength,
          leafDirectoryBytes: header.leafDirectoryLength,
          clustered: header.clustered,
          writeSeconds,
        },
        picked: { count, bytes: pickedBytes, seed: seed ^ 0x5eed },
        warmup: {
          reads: warmupReads.length,
          directoryReads: directoryReads.length,
          firstTileInProcessMs: firstTileMs,
          pmtilesPackage: {
            reads: packageReads.length,
            directoryReads: packageReads.filter(isDirectoryRead).length,
            firstTileInProcessMs: packageFirstTileMs,
          },
        },
        roundsMs: times,
        passes: { perRound: passes, medians: passSummary },
        cold: {
          readerMs: cold.reader,
          floorMs: cold.floor,
          rangesPerOpen: cold.ranges.map((r) => r.length),
          exampleRanges: cold.ranges[0],
        },
        memory: { reader: memoryReader, pmtilesPackage: memoryPackage, raw: memoryRaw, fileMiB },
        loadAverage: { start: loadStart, end: os.loadavg() },
      };
      return { results, detail };
    } finally {
      await handle.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    process.removeListener('SIGINT', removeOnSignal);
    process.removeListener('SIGTERM', removeOnSignal);
  }
}

// ---- command line (the runner's child process) -------------------------------------------------

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const out = argument('--out');
const memoryVariant = argument('--memory');
if (memoryVariant !== undefined) {
  memoryPass(memoryVariant, argument('--file') ?? '', argument('--picked') ?? '')
    .then((result) => console.log(JSON.stringify(result)))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    });
} else if (out !== undefined) {
  const started = Date.now();
  runPmtilesBench({
    scale: Number(argument('--scale') ?? '1'),
    rounds: Number(argument('--rounds') ?? '5'),
    seed: Number(argument('--seed') ?? '20210815'),
    log: (line) => {
      const s = Math.round((Date.now() - started) / 1000);
      console.log(`  [pmtiles +${s}s] ${line}`);
    },
  })
    .then((result) => writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    });
}
