/**
 * Watching the sync folder's top level for the one listener main has (which tells the windows):
 * changes close together reach it as one call, hidden files (part files being written) are
 * ignored, and a watch that fails — the folder is gone, the USB stick is out — is stopped with one
 * warning and a last call (so the page looks, and tells the user), to be started again by whoever
 * finds the folder back.
 */
import { watch as fsWatch } from 'node:fs';

/**
 * Watches a folder's top level: `onEvent` with the changed file's name (null when the system does
 * not say), `onError` when watching ends in failure. Returns a stop function; may throw when
 * watching cannot start.
 */
export type FolderWatcher = (
  folder: string,
  onEvent: (fileName: string | null) => void,
  onError: (error: unknown) => void,
) => () => void;

export const nodeFolderWatcher: FolderWatcher = (folder, onEvent, onError) => {
  // Not persistent: a watch must not keep the app running after its windows are gone.
  const watcher = fsWatch(folder, { persistent: false }, (_type, fileName) =>
    onEvent(fileName === null ? null : String(fileName)),
  );
  watcher.on('error', onError);
  return () => watcher.close();
};

export interface FolderWatchOptions {
  watchFolder: FolderWatcher;
  /** Changes within this time after the first reach the listener as one call. */
  debounceMs: number;
  warn: (message: string, error: unknown) => void;
}

export interface FolderWatch {
  /** The one listener; `undefined` for none (nothing is then watched). */
  listen(listener: (() => void) | undefined): void;
  readonly listening: boolean;
  /** Watches `folder` from now on, instead of any folder watched before. */
  start(folder: string): void;
  stop(): void;
  /** A watch is running. */
  readonly running: boolean;
  /** The last watch failed, and none has been started since. */
  readonly broken: boolean;
}

export function createFolderWatch(options: FolderWatchOptions): FolderWatch {
  let listener: (() => void) | undefined;
  let stopWatcher: (() => void) | undefined;
  let generation = 0;
  let broken = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const changed = (): void => {
    // At most one call per debounce window, however many changes a sync tool makes in it.
    timer ??= setTimeout(() => {
      timer = undefined;
      listener?.();
    }, options.debounceMs);
  };
  const end = (): void => {
    generation += 1;
    stopWatcher?.();
    stopWatcher = undefined;
    clearTimeout(timer);
    timer = undefined;
  };

  return {
    listen(next) {
      listener = next;
      if (next === undefined) end();
    },
    get listening() {
      return listener !== undefined;
    },
    start(folder) {
      end();
      broken = false;
      if (listener === undefined) return;
      const mine = generation;
      const failed = (error: unknown): void => {
        if (mine !== generation) return; // from a watch stopped since
        end();
        if (!broken) options.warn('stopped watching the sync folder', error);
        broken = true;
        changed(); // the page looks, and tells the user the folder is gone
      };
      try {
        const stop = options.watchFolder(
          folder,
          // Hidden files (part files being written) are never listed: no need to look again.
          (fileName) => {
            if (mine === generation && !fileName?.startsWith('.')) changed();
          },
          failed,
        );
        if (mine === generation) stopWatcher = stop;
        else stop();
      } catch (error) {
        failed(error);
      }
    },
    stop() {
      end();
      broken = false;
    },
    get running() {
      return stopWatcher !== undefined;
    },
    get broken() {
      return broken;
    },
  };
}
