/**
 * Floors over sealed storage: a row read with raw IndexedDB is `{ ...plain fields, _sealed }`
 * (renderer/data/seal/), so a floor that needs a row's content must open it too. This is the
 * least that takes — WebCrypto's AES-GCM over the stored bytes, the same authenticated data, and
 * `JSON.parse` of the plaintext's JSON — with none of the app's layers (Dexie, its middleware,
 * its transaction gate).
 *
 *   sealed = 0x01 ‖ nonce (12) ‖ ciphertext ‖ tag (16); plaintext = u32 n, n × (u32 len, bytes), JSON
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function importRowKey(rowKey: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', rowKey.slice().buffer, 'AES-GCM', false, ['decrypt']);
}

/** The row's content; a row without `_sealed` (an unsealed profile) as it is. */
export async function openRawRow(
  key: CryptoKey,
  table: string,
  primaryKey: unknown,
  row: Record<string, unknown>,
): Promise<unknown> {
  const sealed = row._sealed;
  if (!(sealed instanceof Uint8Array)) return row;
  const plain = new Uint8Array(
    await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: sealed.slice(1, 13),
        additionalData: encoder.encode(
          `daftar-row\u0000${table}\u0000${JSON.stringify(primaryKey)}`,
        ),
      },
      key,
      sealed.slice(13),
    ),
  );
  // Byte arrays (attachments, public keys) come before the JSON; a floor skips them.
  const view = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
  let at = 4;
  for (let i = view.getUint32(0); i > 0; i--) at += 4 + view.getUint32(at);
  return JSON.parse(decoder.decode(plain.subarray(at))) as unknown;
}

/** Every row of `rows` opened, side by side (WebCrypto runs them off the main thread). */
export function openRawRows(
  key: CryptoKey,
  table: string,
  keyPath: string,
  rows: readonly unknown[],
): Promise<unknown[]> {
  return Promise.all(
    rows.map((row) => {
      const stored = row as Record<string, unknown>;
      return openRawRow(key, table, stored[keyPath], stored);
    }),
  );
}
