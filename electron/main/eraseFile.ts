/**
 * Deleting one of main's small files so that its bytes are not simply left behind in the freed
 * blocks: a plain file of at most ERASE_OVERWRITE_LIMIT bytes is overwritten with zeros and
 * flushed before it is unlinked. Best effort, and only that: on SSDs (wear levelling), copy-on-write
 * and journalling file systems the old blocks may survive an overwrite, and every earlier version
 * an atomic write replaced is already in freed blocks. Invariants: nothing is written through a
 * link (a symbolic link is only unlinked, a file with another hard link only unlinked), and a
 * failed overwrite still unlinks.
 */
import { constants } from 'node:fs';
import { lstat, open, unlink } from 'node:fs/promises';

/** Files up to this size are overwritten before being unlinked; larger ones are only unlinked. */
export const ERASE_OVERWRITE_LIMIT = 1024 * 1024;

/** The file-system calls erasing needs; injected so tests can make them fail. */
export interface EraseFs {
  lstat(file: string): Promise<{ isFile(): boolean; size: number; nlink: number }>;
  open(
    file: string,
    flags: number,
  ): Promise<{
    write(data: Uint8Array, offset: number, length: number, position: number): Promise<unknown>;
    sync(): Promise<void>;
    close(): Promise<void>;
  }>;
  unlink(file: string): Promise<void>;
}

export const nodeEraseFs: EraseFs = { lstat, open, unlink };

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

export function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

async function overwriteWithZeros(file: string, size: number, fs: EraseFs): Promise<void> {
  const handle = await fs.open(file, constants.O_WRONLY | NO_FOLLOW);
  try {
    await handle.write(new Uint8Array(size), 0, size, 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Overwrites (when small and plain) and unlinks `file`. Resolves `true` when it was there and is
 * gone, `false` when there was nothing; throws when it could not be unlinked.
 */
export async function eraseFile(file: string, fs: EraseFs = nodeEraseFs): Promise<boolean> {
  let info: Awaited<ReturnType<EraseFs['lstat']>>;
  try {
    info = await fs.lstat(file);
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
  if (info.isFile() && info.nlink === 1 && info.size > 0 && info.size <= ERASE_OVERWRITE_LIMIT) {
    // The unlink below matters more than the zeros: a failed overwrite does not stop it.
    await overwriteWithZeros(file, info.size, fs).catch(() => undefined);
  }
  try {
    await fs.unlink(file);
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
  return true;
}
