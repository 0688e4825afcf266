/**
 * A sync folder in memory for tests: one `MemoryFolder` is the folder as a sync tool keeps it the
 * same on every laptop, and `hostFor()` gives each profile its own SyncFolderHost onto it. Writes
 * go to a part file and appear whole at `commit`, as the real hosts do; tests can drop, truncate
 * or grow files as a sync tool in the middle of copying would.
 */
import {
  checkFolderRange,
  isSyncFileName,
  type FolderEntry,
  type SyncFolderHost,
} from '../syncFolder.ts';

interface File {
  bytes: Uint8Array;
  modified: number;
}

export class MemoryFolder {
  readonly files = new Map<string, File>();
  private readonly parts = new Map<string, Uint8Array>();
  private readonly listeners = new Set<() => void>();
  private clock = 1_700_000_000_000;

  constructor(readonly label = 'Team folder') {}

  /** Puts a file as a sync tool would (whole, or cut short to mimic one still arriving). */
  put(name: string, bytes: Uint8Array): void {
    this.files.set(name, { bytes, modified: (this.clock += 1_000) });
    for (const listener of this.listeners) listener();
  }

  names(): string[] {
    return [...this.files.keys()].sort();
  }

  hostFor(): SyncFolderHost & { chosen: boolean } {
    const need = (host: { chosen: boolean }) => {
      if (!host.chosen) throw new Error('No sync folder is chosen.');
    };
    const host = {
      chosen: false,
      watches: false,
      choose: async () => {
        host.chosen = true;
        return this.label;
      },
      current: async () => (host.chosen ? this.label : null),
      forget: async () => {
        host.chosen = false;
      },
      list: async (): Promise<FolderEntry[]> => {
        need(host);
        return [...this.files]
          .filter(([name]) => isSyncFileName(name))
          .map(([name, f]) => ({ name, size: f.bytes.length, modified: f.modified }));
      },
      read: async (name: string, offset: number, length: number) => {
        need(host);
        if (!isSyncFileName(name)) throw new Error(`Not a folder file name: ${name}`);
        checkFolderRange(offset, length);
        const file = this.files.get(name);
        if (!file) throw new Error(`${name} is not in the this.`);
        return file.bytes.slice(offset, offset + length);
      },
      write: async (name: string, offset: number, data: Uint8Array) => {
        need(host);
        if (!isSyncFileName(name)) throw new Error(`Not a folder file name: ${name}`);
        checkFolderRange(offset, data.length);
        const before = offset === 0 ? new Uint8Array(0) : this.parts.get(name);
        if (!before || before.length !== offset) throw new Error('Pieces must come in order.');
        const next = new Uint8Array(offset + data.length);
        next.set(before);
        next.set(data, offset);
        this.parts.set(name, next);
      },
      commit: async (name: string) => {
        need(host);
        const part = this.parts.get(name);
        if (!part) throw new Error(`Nothing was written for ${name}.`);
        if (this.files.has(name)) throw new Error(`${name} exists already in the this.`);
        this.parts.delete(name);
        this.put(name, part);
      },
      onChange: (listener: () => void) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
      },
    };
    return host;
  }
}
