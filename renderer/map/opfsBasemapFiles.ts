/**
 * The web build's basemap store: the Origin Private File System, folder `basemaps/`, with
 * `<id>.pmtiles` and its description `<id>.json`. Writes go through one writable stream per file
 * (positioned writes; the browser publishes the file when the stream closes), reads slice the
 * File, which the browser reads from disk by range — a file of gigabytes is never in memory.
 */
import {
  checkBasemapId,
  checkBasemapRange,
  storedBasemapSchema,
  type BasemapFiles,
  type StoredBasemap,
} from '../../shared/maps/basemapFiles.ts';

const FOLDER = 'basemaps';

export function createOpfsBasemapFiles(): BasemapFiles {
  const writing = new Map<string, FileSystemWritableFileStream>();
  /** Files being added in this page (never removed as unkept) and their sealed snapshots. */
  const started = new Set<string>();
  const snapshots = new Map<string, File>();

  const folder = async () =>
    (await navigator.storage.getDirectory()).getDirectoryHandle(FOLDER, { create: true });
  const removeEntry = async (dir: FileSystemDirectoryHandle, name: string) => {
    try {
      await dir.removeEntry(name);
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'NotFoundError')) throw error;
    }
  };
  const snapshot = async (id: string): Promise<File> => {
    const known = snapshots.get(id);
    if (known) return known;
    const file = await (await (await folder()).getFileHandle(`${id}.pmtiles`)).getFile();
    snapshots.set(id, file);
    return file;
  };

  return {
    async list() {
      const dir = await folder();
      const kept: StoredBasemap[] = [];
      const names: string[] = [];
      // the DOM typings lack the directory's async iteration, which every engine has
      for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) {
        names.push(name);
      }
      const described = new Set<string>();
      for (const name of names.filter((n) => n.endsWith('.json'))) {
        const id = name.slice(0, -'.json'.length);
        const text = await (await (await dir.getFileHandle(name)).getFile()).text();
        let parsed: ReturnType<typeof storedBasemapSchema.safeParse> | undefined;
        try {
          parsed = storedBasemapSchema.safeParse(JSON.parse(text));
        } catch {
          parsed = undefined;
        }
        if (parsed?.success && parsed.data.id === id && names.includes(`${id}.pmtiles`)) {
          kept.push(parsed.data);
          described.add(id);
        } else {
          await removeEntry(dir, name);
        }
      }
      // archives never kept: an import that failed, was cancelled, or died with the page
      for (const name of names.filter((n) => n.endsWith('.pmtiles'))) {
        const id = name.slice(0, -'.pmtiles'.length);
        if (!described.has(id) && !started.has(id)) await removeEntry(dir, name);
      }
      return kept.sort(
        (a, b) => Date.parse(a.addedAt) - Date.parse(b.addedAt) || (a.id < b.id ? -1 : 1),
      );
    },

    async create() {
      const id = crypto.randomUUID();
      started.add(id);
      const handle = await (await folder()).getFileHandle(`${id}.pmtiles`, { create: true });
      writing.set(id, await handle.createWritable({ keepExistingData: false }));
      return id;
    },

    async write(id, offset, data) {
      checkBasemapRange(offset, data.length);
      const stream = writing.get(checkBasemapId(id));
      if (!stream) throw new Error('No basemap file is being written under that id.');
      await stream.write({
        type: 'write',
        position: offset,
        data: data as Uint8Array<ArrayBuffer>,
      });
    },

    async seal(id) {
      const stream = writing.get(checkBasemapId(id));
      if (!stream) throw new Error('No basemap file is being written under that id.');
      writing.delete(id);
      await stream.close();
      return (await snapshot(id)).size;
    },

    async read(id, offset, length) {
      checkBasemapRange(offset, length);
      if (writing.has(checkBasemapId(id)))
        throw new Error('The basemap file is still being written.');
      const file = await snapshot(id);
      return new Uint8Array(await file.slice(offset, offset + length).arrayBuffer());
    },

    async keep(entry) {
      const checked = storedBasemapSchema.parse(entry);
      if (writing.has(checked.id)) throw new Error('The basemap file is still being written.');
      const file = await snapshot(checked.id);
      if (file.size !== checked.info.bytes) {
        throw new Error('The description does not match the stored basemap file.');
      }
      const handle = await (await folder()).getFileHandle(`${checked.id}.json`, { create: true });
      const stream = await handle.createWritable({ keepExistingData: false });
      await stream.write(JSON.stringify(checked));
      await stream.close();
    },

    async remove(id) {
      checkBasemapId(id);
      const stream = writing.get(id);
      writing.delete(id);
      await stream?.abort().catch(() => {});
      snapshots.delete(id);
      started.delete(id);
      const dir = await folder();
      await removeEntry(dir, `${id}.json`);
      await removeEntry(dir, `${id}.pmtiles`);
    },
  };
}
