/**
 * Reads a table of the profile's sealed database from outside the app, with nothing but the
 * passphrase and the format docs/security.md describes: the vault record's wrapped key (PBKDF2-
 * SHA256, AES-256-GCM bound to the database name), the row key (HKDF-SHA256 "daftar rows v1"),
 * each row's `_sealed` bytes (version, nonce, AES-GCM with table and key as associated data) and
 * the encoded row (u32 count of byte arrays, each u32 length + bytes, then JSON). Only WebCrypto.
 */
import type { Page } from '@playwright/test';

export function readSealedRows(
  page: Page,
  table: string,
  passphrase: string,
): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    async ({ table, passphrase }) => {
      const request = <T>(req: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      const open = (name: string) => request(indexedDB.open(name));
      const getAll = async (name: string, store: string) => {
        const db = await open(name);
        try {
          return (await request(db.transaction(store).objectStore(store).getAll())) as unknown[];
        } finally {
          db.close();
        }
      };
      const bytes = (b64url: string) =>
        Uint8Array.from(atob(b64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
      const text = (s: string) => new TextEncoder().encode(s);
      const subtle = crypto.subtle;

      const [vault] = (await getAll('daftar-vault', 'vault')) as {
        database: string;
        key: { iterations: number; salt: string; iv: string; wrapped: string };
      }[];
      const pass = await subtle.importKey(
        'raw',
        text(passphrase.normalize('NFC')),
        'PBKDF2',
        false,
        ['deriveKey'],
      );
      const wrapping = await subtle.deriveKey(
        {
          name: 'PBKDF2',
          hash: 'SHA-256',
          salt: bytes(vault!.key.salt),
          iterations: vault!.key.iterations,
        },
        pass,
        { name: 'AES-GCM', length: 256 },
        false,
        ['decrypt'],
      );
      const dataKey = await subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: bytes(vault!.key.iv),
          additionalData: text(`daftar-vault\u0000${vault!.database}`),
        },
        wrapping,
        bytes(vault!.key.wrapped),
      );
      const hkdf = await subtle.importKey('raw', dataKey, 'HKDF', false, ['deriveKey']);
      const rowKey = await subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: text('daftar rows v1') },
        hkdf,
        { name: 'AES-GCM', length: 256 },
        false,
        ['decrypt'],
      );
      const rows = (await getAll(vault!.database, table)) as { id: string; _sealed: Uint8Array }[];
      return Promise.all(
        rows.map(async (row) => {
          const sealed = row._sealed;
          const plain = new Uint8Array(
            await subtle.decrypt(
              {
                name: 'AES-GCM',
                iv: sealed.slice(1, 13),
                additionalData: text(`daftar-row\u0000${table}\u0000${JSON.stringify(row.id)}`),
              },
              rowKey,
              sealed.slice(13),
            ),
          );
          const view = new DataView(plain.buffer);
          let at = 4;
          for (let i = 0; i < view.getUint32(0); i++) at += 4 + view.getUint32(at);
          return JSON.parse(new TextDecoder().decode(plain.subarray(at))) as Record<
            string,
            unknown
          >;
        }),
      );
    },
    { table, passphrase },
  );
}
