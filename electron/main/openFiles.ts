/**
 * `.daftar` files the system asks the app to open — a double-click, "Open with", a file given to
 * a second launch (its command line), or macOS's `open-file` — and their delivery to the window.
 * Owns: picking bundle paths out of a command line, reading each file with a size limit, and a
 * queue that holds files until the window's page has loaded, then sends them one at a time in
 * chunks on `daftar:open-bundle` (see `OpenBundleMessage` for why chunks).
 */
import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_OPEN_BUNDLE_BYTES, type OpenBundleMessage } from '../../shared/ipc/contract.ts';
import { readAt } from './readAt.ts';

export const BUNDLE_EXTENSION = '.daftar';
/** Size of one IPC message carrying part of a file. */
export const OPEN_BUNDLE_CHUNK_BYTES = 8 * 1024 ** 2;

/**
 * Absolute paths of the `.daftar` files named in `argv` (relative ones resolved against `cwd`;
 * `file://` URLs, as Linux desktop launchers pass them, turned into paths), without duplicates.
 * Switches (`-x`, `--x=y.daftar`) and other URLs are ignored. Pure: existence is checked later.
 */
export function bundlePathsFromArgv(argv: readonly string[], cwd: string): string[] {
  const paths = new Set<string>();
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    let candidate = arg;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) {
      if (!/^file:\/\//i.test(arg)) continue;
      try {
        candidate = fileURLToPath(arg);
      } catch {
        continue;
      }
    }
    if (path.extname(candidate).toLowerCase() !== BUNDLE_EXTENSION) continue;
    paths.add(path.resolve(cwd, candidate));
  }
  return [...paths];
}

/** Those of `paths` that are regular files now (a folder or a FIFO named `x.daftar` is not). */
export async function existingBundleFiles(
  paths: readonly string[],
  statFile: (file: string) => Promise<Pick<Stats, 'isFile'>> = stat,
): Promise<string[]> {
  const checked = await Promise.all(
    paths.map((file) =>
      statFile(file).then(
        (info) => info.isFile(),
        () => false,
      ),
    ),
  );
  return paths.filter((_, i) => checked[i]);
}

/** A file that cannot be opened, with a message for the user. */
export class OpenBundleError extends Error {
  override readonly name = 'OpenBundleError';
}

/** Where a file's messages go; `send` answers false once the window is gone. */
export interface BundleSink {
  send(message: OpenBundleMessage): boolean;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : undefined;
}

/** A message a person can act on, for a failure to read the file called `name`. */
export function describeOpenError(error: unknown, name: string): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return `“${name}” no longer exists.`;
    case 'EACCES':
    case 'EPERM':
      return `Daftar has no permission to read “${name}”.`;
    case 'EISDIR':
      return `“${name}” is a folder, not a Daftar bundle.`;
    default:
      return `Could not read “${name}” (${errorCode(error) ?? (error instanceof Error ? error.message : 'unknown error')}).`;
  }
}

function formatGiB(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

export interface SendBundleOptions {
  maxBytes?: number;
  chunkBytes?: number;
}

/**
 * Read `file` and send it to `sink` as one transfer. Throws an Error with a message for the user
 * when the file is too large or unreadable; answers 'gone' when the window went away mid-way.
 * Sends exactly the size the file had when opened, so a file growing meanwhile is cut there and
 * one shrinking meanwhile is an error, never a short bundle.
 */
export async function sendBundleFile(
  file: string,
  transfer: number,
  sink: BundleSink,
  options: SendBundleOptions = {},
): Promise<'sent' | 'gone'> {
  const maxBytes = options.maxBytes ?? MAX_OPEN_BUNDLE_BYTES;
  const chunkBytes = options.chunkBytes ?? OPEN_BUNDLE_CHUNK_BYTES;
  const name = path.basename(file);
  // O_NONBLOCK: if something swapped in a FIFO since the check, opening must not hang.
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
  const handle = await open(file, flags).catch((error: unknown) => {
    throw new OpenBundleError(describeOpenError(error, name), { cause: error });
  });
  let begun = false;
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new OpenBundleError(`“${name}” is not a file.`);
    if (info.size > maxBytes) {
      throw new OpenBundleError(
        `“${name}” is too large to open (${formatGiB(info.size)}; Daftar opens bundles up to ${formatGiB(maxBytes)}).`,
      );
    }
    const size = info.size;
    if (!sink.send({ type: 'begin', transfer, name, size })) return 'gone';
    begun = true;
    let offset = 0;
    while (offset < size) {
      const data = new Uint8Array(Math.min(chunkBytes, size - offset));
      if ((await readAt(handle, data, offset)) < data.length) {
        throw new OpenBundleError(`“${name}” changed while Daftar was reading it.`);
      }
      if (!sink.send({ type: 'chunk', transfer, offset, data })) return 'gone';
      offset += data.length;
    }
    begun = false;
    return sink.send({ type: 'end', transfer }) ? 'sent' : 'gone';
  } catch (error) {
    if (begun) sink.send({ type: 'abort', transfer });
    if (error instanceof OpenBundleError) throw error;
    throw new OpenBundleError(describeOpenError(error, name), { cause: error });
  } finally {
    await handle.close();
  }
}

export interface BundleDeliveryDeps {
  /** Tells the user a file could not be opened. */
  onError(file: string, message: string): void;
  send?: typeof sendBundleFile;
}

export interface BundleDelivery {
  /** Queue files for the window (delivered in order, one at a time). */
  open(files: readonly string[]): void;
  /** The window whose page has loaded (`did-finish-load`), or undefined when there is none. */
  setTarget(target: BundleSink | undefined): void;
  /** Resolves when nothing more can be sent now (queue empty or no window). */
  idle(): Promise<void>;
}

export function createBundleDelivery(deps: BundleDeliveryDeps): BundleDelivery {
  const send = deps.send ?? sendBundleFile;
  const queue: string[] = [];
  let target: BundleSink | undefined;
  let transfer = 0;
  let pumping: Promise<void> = Promise.resolve();
  let running = false;

  const pump = async (): Promise<void> => {
    while (queue.length > 0 && target !== undefined) {
      const file = queue[0]!;
      const sink = target;
      try {
        // A window that went away mid-file gets nothing; the file waits for the next one.
        if ((await send(file, ++transfer, sink)) === 'gone') {
          if (target === sink) target = undefined;
          continue;
        }
      } catch (error) {
        deps.onError(file, error instanceof Error ? error.message : String(error));
      }
      queue.shift();
    }
  };

  const start = (): void => {
    if (running || target === undefined || queue.length === 0) return;
    running = true;
    pumping = pump().finally(() => {
      running = false;
      start();
    });
  };

  return {
    open(files) {
      queue.push(...files);
      start();
    },
    setTarget(next) {
      target = next;
      start();
    },
    idle: async () => {
      while (running) await pumping;
    },
  };
}
