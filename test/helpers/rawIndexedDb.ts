/**
 * Reads a database's stored rows straight from IndexedDB, below Dexie and its middlewares: what a
 * person holding the disk would find. For tests of encryption at rest.
 */
export async function rawRows(name: string): Promise<Map<string, unknown[]>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`cannot open ${name}`));
  });
  try {
    const out = new Map<string, unknown[]>();
    for (const store of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as unknown[]);
        request.onerror = () => reject(request.error ?? new Error(`cannot read ${store}`));
      });
      out.set(store, rows);
    }
    return out;
  } finally {
    db.close();
  }
}

/** Every string and byte array in a value, as text to search (bytes read as UTF-8 and Latin-1). */
export function textOf(value: unknown): string {
  const parts: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') parts.push(v);
    else if (v instanceof Uint8Array) {
      parts.push(new TextDecoder().decode(v), String.fromCharCode(...v.subarray(0, 1 << 16)));
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      for (const [key, inner] of Object.entries(v)) {
        parts.push(key);
        walk(inner);
      }
    }
  };
  walk(value);
  return parts.join('\n');
}
