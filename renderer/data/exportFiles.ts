/**
 * Dataset exports: incidents as ACLED CSV, plain CSV, GeoJSON or KML, and sources as CSL-JSON
 * (for reference managers), each a file name, a media type and the text in chunks. Saving is
 * the UI's job, through the host (`Platform.saveFile`: Electron's save dialog, a download on the
 * web), after `fileBytes`.
 *
 * Every export credits each incident's linked sources by name — the outlet when the source has
 * one, else its title — in link order, so a file imported again finds the same sources.
 */
import { writeCslJson } from '../../shared/interchange/csl/writeCslJson.ts';
import { writeAcledCsv, writePlainCsv } from '../../shared/interchange/csv/writeCsv.ts';
import { writeGeoJson, writeKml } from '../../shared/interchange/geo/writeGeo.ts';
import { isoDateOf } from '../../shared/util/isoDate.ts';
import type { DaftarDatabase } from './database.ts';
import { fromRow } from './rows.ts';

export const INCIDENT_EXPORT_FORMATS = ['acled-csv', 'csv', 'geojson', 'kml'] as const;
export type IncidentExportFormat = (typeof INCIDENT_EXPORT_FORMATS)[number];

export interface ExportedFile {
  /** Offered in the save dialog. */
  name: string;
  mediaType: string;
  chunks: string[];
  /** Records written. */
  count: number;
}

export interface ExportOptions {
  /** The date in the file name; injected in tests. */
  now?: () => number;
  signal?: AbortSignal;
}

const FILES: Record<IncidentExportFormat, { stem: string; extension: string; mediaType: string }> =
  {
    'acled-csv': { stem: 'daftar-acled', extension: 'csv', mediaType: 'text/csv' },
    csv: { stem: 'daftar-incidents', extension: 'csv', mediaType: 'text/csv' },
    geojson: { stem: 'daftar-incidents', extension: 'geojson', mediaType: 'application/geo+json' },
    kml: {
      stem: 'daftar-incidents',
      extension: 'kml',
      mediaType: 'application/vnd.google-earth.kml+xml',
    },
  };

/**
 * The incidents `ids` (in that order; ids no longer stored are skipped), or every incident by
 * date when `ids` is null, as a file of `format`.
 */
export async function exportIncidents(
  data: { db: DaftarDatabase },
  ids: readonly string[] | null,
  format: IncidentExportFormat,
  options: ExportOptions = {},
): Promise<ExportedFile> {
  const { db } = data;
  const { incidents, names } = await db.transaction(
    'r',
    ['incidents', 'links', 'sources'],
    async () => {
      const rows =
        ids === null
          ? await db.incidents.orderBy('dateStart').toArray()
          : (await db.incidents.bulkGet([...ids])).filter((row) => row !== undefined);
      options.signal?.throwIfAborted();
      return { incidents: rows.map((row) => fromRow(row)), names: await sourceNames(db, ids) };
    },
  );
  options.signal?.throwIfAborted();
  const namesOf = (id: string) => names.get(id) ?? [];
  const chunks =
    format === 'acled-csv'
      ? writeAcledCsv(incidents, namesOf)
      : format === 'csv'
        ? writePlainCsv(incidents, namesOf)
        : format === 'geojson'
          ? writeGeoJson(incidents, namesOf)
          : writeKml(incidents, namesOf);
  const file = FILES[format];
  return {
    name: `${file.stem}-${isoDateOf((options.now ?? Date.now)())}.${file.extension}`,
    mediaType: file.mediaType,
    chunks,
    count: incidents.length,
  };
}

/**
 * The sources `ids` (in that order; ids no longer stored are skipped), or every source, as a
 * CSL-JSON file for reference managers.
 */
export async function exportSourcesCsl(
  data: { db: DaftarDatabase },
  ids: readonly string[] | null,
  options: ExportOptions = {},
): Promise<ExportedFile> {
  const { db } = data;
  const rows =
    ids === null
      ? await db.sources.toArray()
      : (await db.sources.bulkGet([...ids])).filter((row) => row !== undefined);
  options.signal?.throwIfAborted();
  const sources = rows.map((row) => fromRow(row));
  return {
    name: `daftar-sources-${isoDateOf((options.now ?? Date.now)())}.json`,
    mediaType: 'application/vnd.citationstyles.csl+json',
    chunks: writeCslJson(sources),
    count: sources.length,
  };
}

/** The sources linked to any of the incidents `ids`, each once, in the incidents' order. */
export async function sourcesOfIncidents(
  data: { db: DaftarDatabase },
  ids: readonly string[],
): Promise<string[]> {
  const links = await data.db.links
    .where('incidentId')
    .anyOf([...ids])
    .toArray();
  const order = new Map(ids.map((id, i) => [id, i]));
  links.sort((a, b) => order.get(a.incidentId)! - order.get(b.incidentId)!);
  return [...new Set(links.map((link) => link.sourceId))];
}

/** Per incident, the names of its linked sources (outlet, else title), each once. */
async function sourceNames(
  db: DaftarDatabase,
  ids: readonly string[] | null,
): Promise<Map<string, string[]>> {
  const links =
    ids === null
      ? await db.links.toArray()
      : await db.links
          .where('incidentId')
          .anyOf([...ids])
          .toArray();
  const sourceIds = [...new Set(links.map((link) => link.sourceId))];
  const sources = await db.sources.bulkGet(sourceIds);
  const nameOf = new Map<string, string>();
  sources.forEach((source, i) => {
    if (source) nameOf.set(sourceIds[i]!, source.outlet.trim() || source.title.trim());
  });
  // Link order is the order links were made in: their creation clocks.
  links.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
  const names = new Map<string, string[]>();
  for (const link of links) {
    const name = nameOf.get(link.sourceId);
    if (name === undefined) continue;
    const list = names.get(link.incidentId) ?? [];
    if (!list.includes(name)) list.push(name);
    names.set(link.incidentId, list);
  }
  return names;
}

/** The file's text as UTF-8 bytes, for `Platform.saveFile`. */
export function fileBytes(chunks: readonly string[]): Uint8Array {
  const encoder = new TextEncoder();
  const parts = chunks.map((chunk) => encoder.encode(chunk));
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}
