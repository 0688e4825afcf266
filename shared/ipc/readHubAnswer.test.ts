import { describe, expect, it } from 'vitest';
import { HubAnswerError, readHubAnswer } from './readHubAnswer.ts';

/** A streamed answer of `chunks` pieces of `size` bytes, counting how many were pulled. */
function streamed(chunks: number, size: number, contentLength: string | null = null) {
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(pulled));
    },
    cancel() {
      cancelled = true;
    },
  });
  const headers = new Headers(contentLength === null ? {} : { 'content-length': contentLength });
  return {
    response: new Response(body, { headers }),
    pulled: () => pulled,
    cancelled: () => cancelled,
  };
}

describe('reading a hub’s answer', () => {
  it('reads an answer within the cap whole', async () => {
    const { response } = streamed(3, 100);
    const body = await readHubAnswer(response, 300);
    expect(body.byteLength).toBe(300);
    expect([body[0], body[100], body[299]]).toEqual([1, 2, 3]);
  });

  it('stops reading, and cancels, as soon as an endless answer passes the cap', async () => {
    const { response, pulled, cancelled } = streamed(1_000_000, 1_024);
    await expect(readHubAnswer(response, 10 * 1_024)).rejects.toThrow(/larger than 10240 bytes/);
    expect(pulled()).toBeLessThan(20); // not a million pieces
    expect(cancelled()).toBe(true);
  });

  it('refuses a declared length over the cap without reading', async () => {
    const { response, pulled } = streamed(5, 10, String(2 ** 40));
    await expect(readHubAnswer(response, 1_000)).rejects.toBeInstanceOf(HubAnswerError);
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it('says the answer was cut off when the stream breaks', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(4));
        controller.error(new Error('connection reset'));
      },
    });
    await expect(readHubAnswer(new Response(body), 100)).rejects.toThrow(
      /cut off: connection reset/,
    );
  });
});
