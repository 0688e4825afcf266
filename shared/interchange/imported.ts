/**
 * What every importer (ACLED CSV, any CSV, GeoJSON, KML/KMZ) produces: incidents ready to be
 * validated and written, and the problems found, each with where it is in the file. The apply
 * step (renderer) turns a plan into one all-or-nothing write; importers never touch storage.
 */
import type { IncidentFields } from '../domain/incident.ts';

/** Where in the file a row or feature is: a physical line (CSV), a feature index (GeoJSON, KML). */
export type FileLocation = { line: number } | { feature: number };

export interface ImportedIncident {
  at: FileLocation;
  /** Complete, validated incident fields (status `draft`, or as the file says). */
  fields: IncidentFields;
  /**
   * Names of the sources the file credits (ACLED `source`, split on `;`): the apply step links
   * each incident to one source record per distinct name.
   */
  sourceNames: string[];
  /** Things a person should know about this row (a polygon imported by its centroid…). */
  remarks: ImportMessage[];
}

/** A translatable message: an i18n key under `interchange.` with its parameters. */
export interface ImportMessage {
  key: string;
  params?: Record<string, string | number>;
}

export interface ImportProblem extends ImportMessage {
  at: FileLocation | null;
  /** The offending value or the parser's own words, shown as plain text. */
  detail?: string;
}

export interface ImportPlan {
  format: 'acled-csv' | 'csv' | 'geojson' | 'kml' | 'kmz';
  incidents: ImportedIncident[];
  /** Rows or features refused, each with its reason; a file with problems is not applied silently. */
  problems: ImportProblem[];
  /** Whole-file remarks (columns not kept, a legacy ACLED column set…). */
  remarks: ImportMessage[];
  /** Rows or features read, refused ones included. */
  total: number;
}

/** Thrown when the file as a whole cannot be read (not CSV, too large a line, 10⁶ columns…). */
export class ImportError extends Error {
  constructor(
    readonly key: string,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Progress of a long read: bytes or features done of the total (total 0 when unknown). */
export type ImportProgress = (done: number, total: number) => void;

export interface ReadOptions {
  onProgress?: ImportProgress;
  /** An `AbortSignal` (shared/ has no DOM types): a read stops with an AbortError once aborted. */
  signal?: { readonly aborted: boolean };
}
