/**
 * The floor of `incidents.list.firstRows`: the least a page can do to show the newest incidents —
 * open the app profile's database (`?db=`, the sealed database its vault names) with raw
 * IndexedDB, read the first 50 incidents in date order (index `dateStart`, reverse cursor) and
 * render them as plain DOM rows, shaped like the app's list contract so the same probe detects
 * them. The rows are read as stored: sealed, so only their plain index fields (date, event type,
 * fatalities) are shown — decrypting is the app's work, not the floor's.
 *
 * With `?rows=1500` it is also the bare-scrolling reference of `incidents.list.scrollFrame`: what
 * scrolling plain, already-rendered rows costs this browser and machine.
 */

/** 50 rows; `?rows=N` renders more, for the bare-scrolling diagnostic of scrollFrame. */
const ROWS = Number(new URLSearchParams(location.search).get('rows') ?? '50');
const DATABASE = new URLSearchParams(location.search).get('db') ?? 'daftar';

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

async function main(): Promise<void> {
  const db = await openExisting(DATABASE);
  try {
    render(await newestIncidents(db));
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  document.body.dataset.error = String(error);
  console.error(error);
});
