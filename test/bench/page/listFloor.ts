/**
 * The floor of `incidents.list.firstRows`: the least a page can do to show the newest incidents
 * of a locked profile — derive a key from the passphrase with the PBKDF2-SHA256 rounds the app's
 * lock uses (`?kdf=600000`: one raw `deriveBits`, the deliberate cost every unlock pays), open the
 * app profile's database (`?db=`, the sealed database its vault names) with raw IndexedDB, read
 * the first 50 incidents in date order (index `dateStart`, reverse cursor), open them with
 * WebCrypto (`?key=`, the row key in hex, rawSealed.ts) and render them as plain DOM rows, shaped
 * like the app's list contract so the same probe detects them. The time the key took is left in
 * `document.body.dataset.kdfMs`. Without `kdf` and `key` it reads the rows as stored — sealed —
 * and shows only their plain index fields (date, event type, fatalities).
 *
 * With `?rows=1500` it is also the bare-scrolling reference of `incidents.list.scrollFrame`: what
 * scrolling plain, already-rendered rows costs this browser and machine.
 */
import { importRowKey, openRawRows } from './rawSealed.ts';

const params = new URLSearchParams(location.search);
/** 50 rows; `?rows=N` renders more, for the bare-scrolling diagnostic of scrollFrame. */
const ROWS = Number(params.get('rows') ?? '50');
const DATABASE = params.get('db') ?? 'daftar';
const KDF_ROUNDS = Number(params.get('kdf') ?? '0');
const ROW_KEY = params.get('key');

/** A stored row: a sealed one has only the plain fields (and `_sealed`). */
interface IncidentRow {
  id: string;
  title?: string;
  dateStart: string;
  eventType: string;
  province?: string;
  _fatalities?: number | null;
}

function openExisting(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    // Never create the database here: a missing database is an error of the run, not a floor.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`No database ${name}`));
  });
}

function newestIncidents(db: IDBDatabase): Promise<IncidentRow[]> {
  return new Promise((resolve, reject) => {
    const out: IncidentRow[] = [];
    const index = db
      .transaction('incidents', 'readonly')
      .objectStore('incidents')
      .index('dateStart');
    const cursor = index.openCursor(null, 'prev');
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at || out.length === ROWS) return resolve(out);
      out.push(at.value as IncidentRow);
      at.continue();
    };
    cursor.onerror = () => reject(cursor.error ?? new Error('Cursor failed'));
  });
}

function render(rows: readonly IncidentRow[]): void {
  const table = document.createElement('div');
  table.setAttribute('role', 'table');
  table.setAttribute('aria-label', 'Incidents');
  const scroller = document.createElement('div');
  scroller.dataset.scroll = 'incidents';
  scroller.className = 'scroller';
  for (const incident of rows) {
    const row = document.createElement('div');
    row.setAttribute('role', 'row');
    row.className = 'row';
    for (const value of [
      incident.dateStart,
      incident.title ?? incident.id,
      incident.eventType,
      incident.province ?? '',
      String(incident._fatalities ?? ''),
    ]) {
      const cell = document.createElement('span');
      cell.setAttribute('role', 'cell');
      cell.textContent = value;
      row.append(cell);
    }
    scroller.append(row);
  }
  table.append(scroller);
  document.body.append(table);
}

/** One PBKDF2-SHA256 run of `rounds`, as an unlock derives its key; returns how long it took. */
async function deriveKey(rounds: number): Promise<number> {
  const started = performance.now();
  const passphrase = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode('the floor passphrase'),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  await crypto.subtle.deriveBits(
    {
      name: 'PBKDF2',
      hash: 'SHA-256',
      salt: crypto.getRandomValues(new Uint8Array(16)),
      iterations: rounds,
    },
    passphrase,
    256,
  );
  return performance.now() - started;
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (byte) => parseInt(byte, 16));
}

async function main(): Promise<void> {
  if (KDF_ROUNDS > 0) document.body.dataset.kdfMs = String(await deriveKey(KDF_ROUNDS));
  const db = await openExisting(DATABASE);
  try {
    const stored = await newestIncidents(db);
    const rows = ROW_KEY
      ? ((await openRawRows(
          await importRowKey(hexBytes(ROW_KEY)),
          'incidents',
          'id',
          stored,
        )) as IncidentRow[])
      : stored;
    render(rows);
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  document.body.dataset.error = String(error);
  console.error(error);
});
