/**
 * UTF-8 both ways. Decoding is strict: bytes that are not valid UTF-8 throw instead of turning
 * into replacement characters, so text from a file is either exactly what was written or refused.
 * shared/ has no DOM or Node types; the platform's encoder and decoder are declared here.
 */
declare const TextEncoder: new () => { encode(input: string): Uint8Array };
declare const TextDecoder: new (
  label: 'utf-8',
  options: { fatal: boolean; ignoreBOM?: boolean },
) => { decode(input: Uint8Array): string };

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The text in `bytes`; throws a TypeError on invalid UTF-8. A byte-order mark is kept. */
export function utf8DecodeStrict(bytes: Uint8Array): string {
  return strictDecoder.decode(bytes);
}
