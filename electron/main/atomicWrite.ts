/**
 * Atomic file replacement: write a temporary file in the destination folder, flush it to disk,
 * then rename it over the destination. A reader (or a crash, or a full disk) sees either the old
 * file or the new one, never half of each; on failure the temporary file is removed and the old
 * file is left as it was.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** The file-system calls an atomic write needs; injected so tests can make them fail. */
export interface AtomicWriteFs {
  open(
    file: string,
    flags: 'wx',
    mode: number,
  ): Promise<{
    writeFile(data: Uint8Array | string): Promise<void>;
    sync(): Promise<void>;
    close(): Promise<void>;
  }>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

export const nodeAtomicWriteFs: AtomicWriteFs = { open, rename, unlink };

/** Name of the temporary sibling used while writing `target`. */
export function temporaryPathFor(target: string, random: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${random}.tmp`);
}

export interface AtomicWriteOptions {
  fs?: AtomicWriteFs;
  /** File mode of a newly created file (default 0o600: research data is private). */
  mode?: number;
  random?: () => string;
}

export async function writeFileAtomic(
  target: string,
  data: Uint8Array | string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const fs = options.fs ?? nodeAtomicWriteFs;
  const random = options.random ?? (() => randomBytes(6).toString('hex'));
  const temporary = temporaryPathFor(target, random());
  // 'wx' refuses to follow or reuse anything already at the temporary name.
  const handle = await fs.open(temporary, 'wx', options.mode ?? 0o600);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.unlink(temporary).catch(() => undefined);
    throw error;
  }
}
