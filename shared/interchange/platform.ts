/**
 * The few platform members the importers use, declared here because shared/ has no DOM or Node
 * types. Browsers, workers and Node 20 all provide them.
 */

/** What is read of a file: a `Blob` or `File` is one. */
export interface FileLike {
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

interface TextDecoderLike {
  decode(input: Uint8Array): string;
}

declare const TextDecoder: new (label: string, options: { fatal: boolean }) => TextDecoderLike;
declare const DOMException: new (message: string, name: string) => Error;

/** A strict decoder for the label; throws a RangeError for a label the platform does not know. */
export function strictDecoder(label: string): TextDecoderLike {
  return new TextDecoder(label, { fatal: true });
}

export function abortError(): Error {
  return new DOMException('The import was cancelled', 'AbortError');
}

export function throwIfAborted(signal: { readonly aborted: boolean } | undefined): void {
  if (signal?.aborted) throw abortError();
}

type SetTimeout = (callback: () => void, ms: number) => unknown;

/** Lets the event loop run (progress painted, an abort delivered) before going on. */
export function nextTurn(): Promise<void> {
  const setTimer = (globalThis as unknown as { setTimeout: SetTimeout }).setTimeout;
  return new Promise((resolve) => setTimer(resolve, 0));
}
