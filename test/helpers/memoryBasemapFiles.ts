/** The basemap store in memory, for tests of what is added, kept and removed. */
import type { BasemapFiles, StoredBasemap } from '../../shared/maps/basemapFiles.ts';

export function memoryBasemapFiles(): BasemapFiles & {
  files: Map<string, { bytes: Uint8Array; size: number; sealed: boolean }>;
  kept: Map<string, StoredBasemap>;
} {
  const files = new Map<string, { bytes: Uint8Array; size: number; sealed: boolean }>();
  const kept = new Map<string, StoredBasemap>();
  let next = 0;
  const fileOf = (id: string) => {
    const file = files.get(id);
    if (!file) throw new Error(`no file ${id}`);
    return file;
  };
  return {
    files,
    kept,
    list: async () => {
      for (const id of files.keys()) if (!kept.has(id)) files.delete(id);
      return [...kept.values()];
    },
    create: async () => {
      const id = `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
      files.set(id, { bytes: new Uint8Array(1024), size: 0, sealed: false });
      return id;
    },
    write: async (id, offset, data) => {
      const file = fileOf(id);
      if (file.sealed) throw new Error('sealed');
      const end = offset + data.length;
      if (end > file.bytes.length) {
        const grown = new Uint8Array(Math.max(end, file.bytes.length * 2));
        grown.set(file.bytes);
        file.bytes = grown;
      }
      file.bytes.set(data, offset);
      file.size = Math.max(file.size, end);
    },
    seal: async (id) => {
      const file = fileOf(id);
      file.sealed = true;
      return file.size;
    },
    read: async (id, offset, length) => {
      const file = fileOf(id);
      return file.bytes.slice(offset, Math.min(offset + length, file.size));
    },
    keep: async (entry) => {
      if (fileOf(entry.id).size !== entry.info.bytes) throw new Error('size mismatch');
      kept.set(entry.id, entry);
    },
    remove: async (id) => {
      files.delete(id);
      kept.delete(id);
    },
  };
}
