/**
 * The dry run of a dataset import (ACLED CSV, CSV, GeoJSON, KML): what applying a parsed file
 * would do, without writing anything. Each imported incident is new, updates the stored incident
 * with the same `externalId` (found through the `externalId` index), or leaves it unchanged;
 * rows the parser refused, and rows this step refuses, are listed with where they are and why.
 *
 * An update writes what `updateOf` (importUpdate.ts) says; a credited source is linked once, and a
 * link the person removed is not brought back.
 *
 * `applyImport` runs this same check again inside its transaction, so what it writes always
 * matches the stored data of that moment.
 */
import type { IncidentFields } from '../../shared/domain/incident.ts';
import { linkId } from '../../shared/domain/link.ts';
import { validateRecord } from '../../shared/domain/records.ts';
import type {
  FileLocation,
  ImportedIncident,
  ImportMessage,
  ImportPlan,
  ImportProblem,
} from '../../shared/interchange/imported.ts';
import { recordKey, type DaftarDatabase } from './database.ts';
import { updateOf } from './importUpdate.ts';
import { fromRow } from './rows.ts';

export type ImportOutcome = 'new' | 'updated' | 'unchanged';

/** Custody detail prefix of the sources an import created (`interchange:<file name>`). */
export const IMPORT_CUSTODY_PREFIX = 'interchange:';

export interface PlannedIncident {
  item: ImportedIncident;
  outcome: ImportOutcome;
  /** The stored incident updated or left unchanged; null for a new one. */
  existingId: string | null;
  /** What an update writes: only the fields the file changes. Empty for new and unchanged. */
  changes: Partial<IncidentFields>;
  /** Credited source names (trimmed, distinct) to link the incident to. */
  linkTo: string[];
}

export interface ImportDryRun {
  format: ImportPlan['format'];
  /** Rows or features read, refused ones included. */
  total: number;
  counts: Record<ImportOutcome | 'refused', number>;
  /** Every incident that will be written or was found unchanged, in file order. */
  incidents: PlannedIncident[];
  /** Why rows were refused, in file order (the parser's reasons and this step's). */
  refused: ImportProblem[];
  /** Whole-file remarks (the parser's and this step's). */
  remarks: ImportMessage[];
  /** Per field, how many stored incidents an update changes it on. */
  changedFields: Partial<Record<keyof IncidentFields, number>>;
  sources: {
    /** Credited names with no source made by an earlier import: one source each is created. */
    toCreate: string[];
    /** Credited names found as a source made by an earlier import: name → source id. */
    reused: Map<string, string>;
  };
}

export interface DryRunOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /**
   * The fields the file carries (from the column mapping: `fieldsCarriedBy`); an update leaves
   * the others alone, so a title made up for want of a title column never replaces a real one.
   * Every updatable field when not given (an ACLED export carries them all).
   */
  carried?: ReadonlySet<keyof IncidentFields>;
}

const LOOKUP_CHUNK = 2_000;
/** Longest source title the schema takes. */
const MAX_SOURCE_NAME = 300;

/** The dry run of `plan` against the data stored now. Reads only. */
export async function planImport(
  data: { db: DaftarDatabase },
  plan: ImportPlan,
  options: DryRunOptions = {},
): Promise<ImportDryRun> {
  return checkImport(data.db, plan, options);
}

/**
 * The check itself, on `db` — inside the caller's transaction when there is one (Dexie follows
 * the ambient transaction), so the apply step sees exactly what it writes over.
 */
export async function checkImport(
  db: DaftarDatabase,
  plan: ImportPlan,
  options: DryRunOptions = {},
): Promise<ImportDryRun> {
  const refused: ImportProblem[] = [...plan.problems];
  const remarks: ImportMessage[] = [...plan.remarks];
  const counts = { new: 0, updated: 0, unchanged: 0, refused: plan.total - plan.incidents.length };
  const changedFields: ImportDryRun['changedFields'] = {};

  // A key twice in one file: the first row wins, the others are refused (which one is right
  // cannot be told, and two writes to one incident in one import would hide one of them).
  const firstAt = new Map<string, FileLocation>();
  const unique: ImportedIncident[] = [];
  let withoutId = 0;
  for (const item of plan.incidents) {
    const key = item.fields.externalId;
    if (key === '') withoutId++;
    else if (firstAt.has(key)) {
      counts.refused++;
      const first = firstAt.get(key)!;
      refused.push({
        key:
          'line' in first
            ? 'interchange.ui.problem.sameIdLine'
            : 'interchange.ui.problem.sameIdFeature',
        // Counted from 1 as shown to people (readers count features from 0).
        params: { id: key, first: 'line' in first ? first.line : first.feature + 1 },
        at: item.at,
        detail: key,
      });
      continue;
    } else firstAt.set(key, item.at);
    unique.push(item);
  }
  if (withoutId > 0) {
    remarks.push({ key: 'interchange.ui.remark.withoutId', params: { count: withoutId } });
  }

  // Progress: looking up the stored incidents, then comparing each row.
  const keys = [...firstAt.keys()];
  const total = keys.length + unique.length;
  const names = distinctNames(unique);
  const reused = await importedSources(db, names);
  const existing = await storedByExternalId(db, keys, remarks, {
    ...options,
    onProgress: (done) => options.onProgress?.(done, total),
  });
  const existingLinks = await linksPresentOrRemoved(db, unique, existing, reused);

  const incidents: PlannedIncident[] = [];
  for (const [i, item] of unique.entries()) {
    if (i % LOOKUP_CHUNK === 0) {
      options.signal?.throwIfAborted();
      options.onProgress?.(keys.length + i, total);
    }
    const linkTo = creditedNames(item);
    const stored = item.fields.externalId === '' ? undefined : existing.get(item.fields.externalId);
    if (stored === undefined) {
      const valid = validateRecord('incident', item.fields);
      if (!valid.ok) {
        counts.refused++;
        refused.push(...invalidRow(item, valid.issues));
        continue;
      }
      counts.new++;
      incidents.push({ item, outcome: 'new', existingId: null, changes: {}, linkTo });
      continue;
    }
    const changes = updateOf(stored, item.fields, options.carried);
    if (Object.keys(changes).length > 0) {
      const merged = { ...stored, ...changes };
      const valid = validateRecord('incident', merged);
      if (!valid.ok) {
        counts.refused++;
        refused.push(...invalidRow(item, valid.issues, merged));
        continue;
      }
    }
    const missing = linkTo.filter((name) => {
      const sourceId = reused.get(name);
      return sourceId === undefined || !existingLinks.has(linkId(stored.id, sourceId));
    });
    const outcome = Object.keys(changes).length > 0 || missing.length > 0 ? 'updated' : 'unchanged';
    counts[outcome]++;
    for (const field of Object.keys(changes) as (keyof IncidentFields)[]) {
      changedFields[field] = (changedFields[field] ?? 0) + 1;
    }
    incidents.push({ item, outcome, existingId: stored.id, changes, linkTo: missing });
  }
  options.onProgress?.(total, total);

  // Only names some written incident credits become sources.
  const credited = new Set(incidents.flatMap((p) => p.linkTo));
  return {
    format: plan.format,
    total: plan.total,
    counts,
    incidents,
    refused: refused.sort(byLocation),
    remarks,
    changedFields,
    sources: {
      toCreate: names.filter((name) => credited.has(name) && !reused.has(name)),
      reused,
    },
  };
}

/** An incident's credited source names, trimmed, cut to a title's length, each once. */
export function creditedNames(item: ImportedIncident): string[] {
  const names = item.sourceNames.map((n) => n.trim().slice(0, MAX_SOURCE_NAME).trim());
  return [...new Set(names.filter((n) => n !== ''))];
}

function distinctNames(items: readonly ImportedIncident[]): string[] {
  return [...new Set(items.flatMap(creditedNames))];
}

/**
 * Sources an earlier import created (a custody entry says so), by their exact title, among
 * `names`; the oldest such source when there are several. Titles are not indexed (private
 * content), so the sources are read once; there are far fewer of them than incidents.
 */
async function importedSources(
  db: DaftarDatabase,
  names: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (names.length === 0) return found;
  const wanted = new Set(names);
  const candidates = (await db.sources.toArray()).filter((row) => wanted.has(row.title));
  if (candidates.length === 0) return found;
  const entries = await db.custody
    .where('sourceId')
    .anyOf(candidates.map((row) => row.id))
    .toArray();
  const imported = new Set(
    entries
      .filter((e) => e.action === 'imported' && e.detail.startsWith(IMPORT_CUSTODY_PREFIX))
      .map((e) => e.sourceId),
  );
  candidates.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
  for (const row of candidates) {
    if (imported.has(row.id) && !found.has(row.title)) found.set(row.title, row.id);
  }
  return found;
}

/**
 * Stored incidents by external id. Two stored incidents with the same external id (imported
 * before merging, or typed in by hand) leave the oldest one updated, with a remark.
 */
async function storedByExternalId(
  db: DaftarDatabase,
  keys: readonly string[],
  remarks: ImportMessage[],
  options: DryRunOptions,
): Promise<Map<string, IncidentFields & { id: string; created: string }>> {
  const found = new Map<string, IncidentFields & { id: string; created: string }>();
  const wanted = new Set(keys);
  // Sorted keys read as ranges (one getAll each): `anyOf` would step a cursor key by key, which
  // costs about 0.4 ms a key in Chromium. Consecutive ranges never overlap, so no row is read
  // twice; rows in a range but not in the file are left out.
  const sorted = [...wanted].sort();
  let ambiguous = 0;
  for (let start = 0; start < sorted.length; start += LOOKUP_CHUNK) {
    options.signal?.throwIfAborted();
    options.onProgress?.(start, sorted.length);
    const chunk = sorted.slice(start, start + LOOKUP_CHUNK);
    const rows = await db.incidents
      .where('externalId')
      .between(chunk[0]!, chunk.at(-1)!, true, true)
      .toArray();
    for (const row of rows) {
      if (!wanted.has(row.externalId)) continue;
      const incident = fromRow(row);
      const other = found.get(incident.externalId);
      if (other !== undefined) ambiguous++;
      if (other === undefined || incident.created < other.created) {
        found.set(incident.externalId, incident);
      }
    }
  }
  if (ambiguous > 0) {
    remarks.push({ key: 'interchange.ui.remark.sameIdStored', params: { count: ambiguous } });
  }
  return found;
}

/**
 * Of the links between stored incidents and reused sources this import credits, those present
 * now or removed by someone (they have a history): neither is created again.
 */
async function linksPresentOrRemoved(
  db: DaftarDatabase,
  items: readonly ImportedIncident[],
  existing: ReadonlyMap<string, { id: string }>,
  reused: ReadonlyMap<string, string>,
): Promise<Set<string>> {
  const ids: string[] = [];
  for (const item of items) {
    const stored = item.fields.externalId === '' ? undefined : existing.get(item.fields.externalId);
    if (stored === undefined) continue;
    for (const name of creditedNames(item)) {
      const sourceId = reused.get(name);
      if (sourceId !== undefined) ids.push(linkId(stored.id, sourceId));
    }
  }
  const known = new Set<string>();
  if (ids.length === 0) return known;
  // Every link of each reused source, by its index, keys only (one getAllKeys per source).
  for (const sourceId of new Set(reused.values())) {
    for (const id of await db.links.where('sourceId').equals(sourceId).primaryKeys()) {
      known.add(id);
    }
  }
  const absent = ids.filter((id) => !known.has(id));
  const prefix = recordKey('link', '');
  for (let start = 0; start < absent.length; start += LOOKUP_CHUNK) {
    const chunk = absent.slice(start, start + LOOKUP_CHUNK);
    const removed = await db.commits
      .where('records')
      .anyOf(chunk.map((id) => recordKey('link', id)))
      .keys();
    for (const key of removed) known.add(String(key).slice(prefix.length));
  }
  return known;
}

function invalidRow(
  item: ImportedIncident,
  issues: readonly { field: string; message: string }[],
  /** The fields that broke the rules: the stored incident with the file's changes. */
  fields: IncidentFields = item.fields,
): ImportProblem[] {
  return issues.map((issue) => ({
    key: 'interchange.ui.problem.invalidField',
    params: { field: issue.field || '—', reason: issue.message },
    at: item.at,
    detail: describeValue(fields, issue.field),
  }));
}

function describeValue(fields: IncidentFields, path: string): string {
  const value = path.split('.').reduce<unknown>((v, part) => {
    if (v === null || typeof v !== 'object') return undefined;
    return (v as Record<string, unknown>)[part];
  }, fields);
  return value === undefined ? '' : JSON.stringify(value).slice(0, 200);
}

function byLocation(a: ImportProblem, b: ImportProblem): number {
  return position(a.at) - position(b.at);
}

function position(at: FileLocation | null): number {
  if (at === null) return -1;
  return 'line' in at ? at.line : at.feature;
}
