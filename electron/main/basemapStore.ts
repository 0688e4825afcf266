/**
 * The desktop build's basemap store (`BasemapFiles`, shared/maps/basemapFiles.ts) in a folder of
 * the app data: `<id>.part` while a file is written and sealed, `<id>.pmtiles` plus its
 * description `<id>.json` once kept. Invariants: a path is only ever built from an id that is a
 * lowercase UUID; a `.pmtiles` counts only with a valid `.json` of the same size beside it, and
 * `list()` removes whatever an interrupted import left behind — except the files this store
 * started and has not finished with, which an import may still be writing.
 */
import { randomUUID } from 'node:crypto';
import {
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  stat,
  unlink,
  type FileHandle,
} from 'node:fs/promises';
import path from 'node:path';
import {
  checkBasemapId,
  checkBasemapRange,
  storedBasemapSchema,
  type BasemapFiles,
  type StoredBasemap,
} from '../../shared/maps/basemapFiles.ts';
import { writeFileAtomic } from './atomicWrite.ts';
import { readAt } from './readAt.ts';

/** The store's folder inside userData. */
export const BASEMAPS_FOLDER_NAME = 'basemaps';

export interface BasemapStoreOptions {
  /** Source of new ids (default `crypto.randomUUID`). */
  randomId?: () => string;
}

/**
 * Where a file started by this store stands: `writing` takes writes, `sealing` waits for the
 * writes in flight and flushes, `sealed` may be read and kept. A failed seal stays `sealing`:
 * the file can then only be removed.
 */
type Phase = 'writing' | 'sealing' | 'sealed';

interface Started {
  phase: Phase;
  /** Writes in flight, which a seal waits for. */
  writes: Set<Promise<void>>;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const STORE_FILE = new RegExp(`^(${UUID})\\.(part|pmtiles|json)$`);
/** writeFileAtomic's temporary name for `<id>.json`, left behind by a crash mid-write. */
const DESCRIPTION_TEMP = new RegExp(`^\\.(${UUID})\\.json\\.[0-9a-f]+\\.tmp$`);

/**
 * The id, if it is one the store could have made. Lowercase only: on a case-insensitive disk
 * `A…` and `a…` would name the same file under two ids.
 */
function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

async function unlinkIfPresent(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

export function createBasemapStore(
  folder: string,
  options: BasemapStoreOptions = {},
): BasemapFiles {
  const randomId = options.randomId ?? randomUUID;
  const started = new Map<string, Started>();
  const fileOf = (id: string, extension: 'part' | 'pmtiles' | 'json'): string =>
    path.join(folder, `${id}.${extension}`);
  const ensureFolder = () => mkdir(folder, { recursive: true, mode: 0o700 });

  const writing = (id: string): Started => {
    const entry = started.get(checkBasemapId(id));
    if (entry?.phase !== 'writing') {
      throw new Error('No basemap file is being written under that id.');
    }
    return entry;
  };

  const writeAt = async (id: string, offset: number, data: Uint8Array): Promise<void> => {
    const handle = await open(fileOf(id, 'part'), 'r+');
    try {
      let done = 0;
      while (done < data.byteLength) {
        const { bytesWritten } = await handle.write(
          data,
          done,
          data.byteLength - done,
          offset + done,
        );
        done += bytesWritten;
      }
    } finally {
      await handle.close();
    }
  };

  /** The kept description of `id`; `broken` when its files are to go; `undefined` when unsure. */
  const readDescription = async (
    id: string,
  ): Promise<{ entry: StoredBasemap } | { broken: true } | undefined> => {
    let text: string;
    try {
      text = await readFile(fileOf(id, 'json'), 'utf8');
    } catch (error) {
      // Removed meanwhile: the rest goes too. Any other failure may pass (a locked or busy
      // file): a basemap of gigabytes is not deleted because its description was unreadable once.
      return isMissing(error) ? { broken: true } : undefined;
    }
    let parsed: ReturnType<typeof storedBasemapSchema.safeParse>;
    try {
      parsed = storedBasemapSchema.safeParse(JSON.parse(text));
    } catch {
      return { broken: true };
    }
    if (!parsed.success || parsed.data.id !== id) return { broken: true };
    let size: number;
    try {
      size = (await stat(fileOf(id, 'pmtiles'))).size;
    } catch (error) {
      return isMissing(error) ? { broken: true } : undefined;
    }
    // A different size means a truncated or replaced archive, which no reader can trust.
    return size === parsed.data.info.bytes ? { entry: parsed.data } : { broken: true };
  };

  /** Files of `id` in an order that leaves only orphans (which `list` removes) if cut short. */
  const removeFiles = async (id: string): Promise<void> => {
    await unlinkIfPresent(fileOf(id, 'json'));
    await unlinkIfPresent(fileOf(id, 'pmtiles'));
    await unlinkIfPresent(fileOf(id, 'part'));
  };

  return {
    async list() {
      await ensureFolder();
      const byId = new Map<string, Set<string>>();
      const leftovers: string[] = [];
      for (const name of await readdir(folder)) {
        const file = STORE_FILE.exec(name);
        const temporary = DESCRIPTION_TEMP.exec(name);
        if (file) {
          const id = file[1]!;
          byId.set(id, (byId.get(id) ?? new Set()).add(file[2]!));
        } else if (temporary && !started.has(temporary[1]!)) {
          leftovers.push(name);
        }
      }
      const kept: StoredBasemap[] = [];
      for (const [id, extensions] of byId) {
        if (started.has(id)) continue; // an import in progress
        if (extensions.has('json')) {
          const description = await readDescription(id);
          if (description === undefined) continue;
          if ('entry' in description) {
            kept.push(description.entry);
            await unlinkIfPresent(fileOf(id, 'part'));
            continue;
          }
        }
        await removeFiles(id);
      }
      for (const name of leftovers) await unlinkIfPresent(path.join(folder, name));
      return kept.sort(
        (a, b) => Date.parse(a.addedAt) - Date.parse(b.addedAt) || a.id.localeCompare(b.id),
      );
    },

    async create() {
      await ensureFolder();
      const id = checkBasemapId(randomId());
      // 'wx': a fresh file, never one already there.
      const handle = await open(fileOf(id, 'part'), 'wx', 0o600);
      await handle.close();
      started.set(id, { phase: 'writing', writes: new Set() });
      return id;
    },

    async write(id, offset, data) {
      if (!(data instanceof Uint8Array)) throw new Error('A basemap file is written in bytes.');
      checkBasemapRange(offset, data.byteLength);
      const entry = writing(id);
      const write = writeAt(id, offset, data);
      entry.writes.add(write);
      try {
        await write;
      } finally {
        entry.writes.delete(write);
      }
    },

    async seal(id) {
      const entry = writing(id);
      entry.phase = 'sealing';
      await Promise.allSettled(entry.writes);
      const handle = await open(fileOf(id, 'part'), 'r+');
      let size: number;
      try {
        await handle.sync();
        size = (await handle.stat()).size;
      } finally {
        await handle.close();
      }
      entry.phase = 'sealed';
      return size;
    },

    async read(id, offset, length) {
      checkBasemapRange(offset, length);
      const entry = started.get(checkBasemapId(id));
      if (entry !== undefined && entry.phase !== 'sealed') {
        throw new Error('The basemap file is still being written.');
      }
      let handle: FileHandle;
      try {
        handle = await open(fileOf(id, entry ? 'part' : 'pmtiles'), 'r');
      } catch (error) {
        if (isMissing(error)) throw new Error('There is no basemap file under that id.');
        throw error;
      }
      try {
        const size = (await handle.stat()).size;
        // Exactly the bytes there are: a view on a larger buffer would cross IPC whole.
        const bytes = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        const done = await readAt(handle, bytes, offset);
        return done === bytes.byteLength ? bytes : bytes.slice(0, done);
      } finally {
        await handle.close();
      }
    },

    async keep(entry) {
      const parsed = storedBasemapSchema.safeParse(entry);
      if (!parsed.success) throw new Error('Not a valid basemap description.');
      const checked = parsed.data;
      const id = checkBasemapId(checked.id);
      const file = started.get(id);
      if (file === undefined) throw new Error('No basemap file was added under that id.');
      if (file.phase !== 'sealed') throw new Error('The basemap file is still being written.');
      const part = fileOf(id, 'part');
      const archive = fileOf(id, 'pmtiles');
      if ((await stat(part)).size !== checked.info.bytes) {
        throw new Error('The description does not match the stored basemap file.');
      }
      // The archive first: a crash before its description leaves a `.pmtiles` alone, which
      // the next `list()` removes, never a description of nothing.
      await rename(part, archive);
      try {
        await writeFileAtomic(fileOf(id, 'json'), `${JSON.stringify(checked, null, 2)}\n`);
      } catch (error) {
        // Back to sealed, so the caller may try again or remove it.
        await rename(archive, part).catch(() => undefined);
        throw error;
      }
      started.delete(id);
    },

    async remove(id) {
      checkBasemapId(id);
      const entry = started.get(id);
      started.delete(id);
      // Windows cannot delete a file open for a write: let the writes in flight end first.
      if (entry) await Promise.allSettled(entry.writes);
      await removeFiles(id);
    },
  };
}
