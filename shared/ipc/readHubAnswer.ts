/**
 * Reading a hub's answer with a cap, for both hosts (Electron's main and the web build): a
 * declared length over the cap is refused before reading, and reading stops as soon as the bytes
 * pass it — a hostile or broken hub cannot make the app hold more than one answer's worth. The
 * structural types stand for the platform's `Response` (shared/ has no DOM or Node types).
 */

interface BodyReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(): Promise<void>;
}

export interface ResponseLike {
  headers: { get(name: string): string | null };
  body: { getReader(): BodyReader; cancel(): Promise<void> } | null;
}

/** The answer was larger than the cap, or broke off while being read. */
export class HubAnswerError extends Error {
  override name = 'HubAnswerError';
}

/** `onBytes` is told of every piece as it arrives (main restarts its silence timer on each). */
export async function readHubAnswer(
  response: ResponseLike,
  limit: number,
  onBytes?: (received: number) => void,
): Promise<Uint8Array> {
  const tooLarge = () => new HubAnswerError(`The hub's answer is larger than ${limit} bytes.`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > limit) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || !value) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw tooLarge();
      }
      parts.push(value);
      onBytes?.(size);
    }
  } catch (error) {
    if (error instanceof HubAnswerError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new HubAnswerError(`The hub's answer was cut off: ${why}`);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  return body;
}
