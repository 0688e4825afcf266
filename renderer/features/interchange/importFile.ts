/**
 * The import screen's view of the readers: inspect a chosen file (its columns, a sample, the
 * mapping its names suggest), preview the sample as it would be imported with a mapping, and
 * read the whole file into an ImportPlan. The renderer's own `DOMParser` serves the KML reader
 * and its HTML-to-text step (it runs no scripts and loads nothing for a parsed document).
 */
import {
  incidentFromValues,
  type AcledVariant,
  type ColumnMapping,
} from '../../../shared/interchange/columnMapping.ts';
import { unguardFormula } from '../../../shared/interchange/csv/cellValues.ts';
import { inspectCsv, readCsv } from '../../../shared/interchange/csv/readCsv.ts';
import type { DocumentLike, DomParserLike } from '../../../shared/interchange/geo/domLike.ts';
import { createHtmlToText } from '../../../shared/interchange/geo/htmlToText.ts';
import { inspectGeoJson, readGeoJson } from '../../../shared/interchange/geo/readGeoJson.ts';
import { readKml } from '../../../shared/interchange/geo/readKml.ts';
import type {
  FileLocation,
  ImportedIncident,
  ImportPlan,
  ImportProblem,
  ReadOptions,
} from '../../../shared/interchange/imported.ts';
import type { IncidentFields } from '../../../shared/domain/incident.ts';
import { fieldsCarriedBy } from '../../data/importUpdate.ts';
import { detectFileFormat, type ImportFileFormat } from './detectFormat.ts';

interface Inspected {
  name: string;
  size: number;
}

export type Inspection =
  | (Inspected & {
      format: 'csv';
      columns: string[];
      acled: AcledVariant | null;
      suggested: ColumnMapping;
      /** The first records as read, for the preview. */
      sample: string[][];
    })
  | (Inspected & {
      format: 'geojson';
      columns: string[];
      suggested: ColumnMapping;
      featureCount: number;
      /** The first features as a file of their own, for the preview; null when too large. */
      sample: Blob | null;
    })
  | (Inspected & { format: 'kml' | 'kmz' });

/** An inspected file whose format has a column mapping step. */
export type MappedInspection = Extract<Inspection, { columns: string[] }>;

export const hasMapping = (inspection: Inspection): inspection is MappedInspection =>
  inspection.format === 'csv' || inspection.format === 'geojson';

export const SAMPLE_ROWS = 10;
/** GeoJSON files up to this size are sampled for the preview (the whole text is parsed). */
const GEOJSON_SAMPLE_BYTES = 32 * 1024 * 1024;

export async function inspectFile(
  file: File,
  options: { signal?: AbortSignal } = {},
): Promise<Inspection> {
  const format: ImportFileFormat = await detectFileFormat(file);
  const base = { name: file.name, size: file.size };
  options.signal?.throwIfAborted();
  switch (format) {
    case 'csv': {
      const preview = await inspectCsv(file, {
        rows: SAMPLE_ROWS,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return {
        ...base,
        format,
        columns: preview.header,
        acled: preview.acled,
        suggested: preview.suggested,
        sample: preview.rows,
      };
    }
    case 'geojson': {
      const summary = await inspectGeoJson(file, options);
      return {
        ...base,
        format,
        columns: summary.propertyNames,
        suggested: summary.suggested,
        featureCount: summary.featureCount,
        sample: await geoJsonSample(file),
      };
    }
    case 'kml':
    case 'kmz':
      return { ...base, format };
  }
}

/** One sample row or feature as it would be imported (`n` counts from 1). */
export interface PreviewRow {
  n: number;
  incident: ImportedIncident | null;
  problem: ImportProblem | null;
}

/** The sample, read with `mapping`: what the first rows would become. */
export async function previewImport(
  inspection: MappedInspection,
  mapping: ColumnMapping,
  undatedAs: string | undefined,
): Promise<PreviewRow[]> {
  if (inspection.format === 'csv') {
    const { columns } = inspection;
    return inspection.sample.map((record, i): PreviewRow => {
      const values: Record<string, string> = Object.create(null) as Record<string, string>;
      for (let c = columns.length - 1; c >= 0; c--) {
        values[columns[c]!] = unguardFormula(record[c] ?? '');
      }
      const result = incidentFromValues(values, mapping, { line: i + 2 });
      return 'incident' in result
        ? { n: i + 1, incident: result.incident, problem: null }
        : { n: i + 1, incident: null, problem: result.problem };
    });
  }
  if (inspection.sample === null) return [];
  const plan = await readGeoJson(inspection.sample, mapping, undatedAs ? { undatedAs } : {});
  const rows = new Map<number, PreviewRow>();
  const indexOf = (at: FileLocation | null) => (at !== null && 'feature' in at ? at.feature : -1);
  for (const incident of plan.incidents) {
    const n = indexOf(incident.at) + 1;
    rows.set(n, { n, incident, problem: null });
  }
  for (const problem of plan.problems) {
    const n = indexOf(problem.at) + 1;
    rows.set(n, { n, incident: null, problem });
  }
  return [...rows.values()].sort((a, b) => a.n - b.n);
}

export interface ReadFileOptions extends ReadOptions {
  /** The mapping chosen (CSV, GeoJSON); KML maps its own names. */
  mapping: ColumnMapping;
  /** The date for features without one (GeoJSON, KML), when no date column is mapped. */
  undatedAs?: string;
}

/** The whole file read into a plan, with the fields it carries for updates. */
export async function readFile(
  file: Blob,
  inspection: Inspection,
  options: ReadFileOptions,
): Promise<{ plan: ImportPlan; carried: Set<keyof IncidentFields> | undefined }> {
  const { mapping, undatedAs, ...read } = options;
  switch (inspection.format) {
    case 'csv':
      return {
        plan: await readCsv(file, mapping, { ...read, format: csvFormatOf(inspection) }),
        carried: fieldsCarriedBy(mapping),
      };
    case 'geojson':
      return {
        plan: await readGeoJson(file, mapping, { ...read, ...(undatedAs ? { undatedAs } : {}) }),
        carried: fieldsCarriedBy(mapping, { geometry: true }),
      };
    case 'kml':
    case 'kmz': {
      const parser = new DOMParser() as unknown as DomParserLike;
      const plan = await readKml(file, {
        ...read,
        ...(undatedAs ? { undatedAs } : {}),
        parseXml: (text): DocumentLike => parser.parseFromString(text, 'application/xml'),
        htmlToText: createHtmlToText(parser),
      });
      // The placemark's own names map themselves: every field may be carried.
      return { plan, carried: undefined };
    }
  }
}

function csvFormatOf(inspection: Extract<Inspection, { format: 'csv' }>) {
  return inspection.acled === null ? 'csv' : 'acled-csv';
}

/** The first features of a GeoJSON file, as a small file the reader can read for the preview. */
async function geoJsonSample(file: Blob): Promise<Blob | null> {
  if (file.size > GEOJSON_SAMPLE_BYTES) return null;
  const text = await file.text();
  try {
    const root: unknown = JSON.parse(text);
    if (typeof root !== 'object' || root === null) return null;
    const features = (root as { features?: unknown }).features;
    const sample = Array.isArray(features)
      ? { ...root, features: features.slice(0, SAMPLE_ROWS) }
      : root;
    return new Blob([JSON.stringify(sample)], { type: 'application/geo+json' });
  } catch {
    // Newline-delimited features: the first lines are a file of the same kind.
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
    return new Blob([lines.slice(0, SAMPLE_ROWS).join('\n')]);
  }
}
