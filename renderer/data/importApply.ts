/**
 * Applying a dataset import, all or nothing: the check (importDryRun.ts) runs again and every
 * write follows in ONE IndexedDB transaction, through RecordStore (validated, history recorded),
 * in chunks with progress between them. Cancelling, or any failure, throws inside the transaction,
 * which aborts it: nothing at all is stored, not even the chunks already written.
 *
 * Credited sources become one source record per distinct name — the one an earlier import made
 * when there is one (found by its exact title and its custody entry), else a new one: an outlet
 * ("Reuters"), so title and outlet are the name, kind `other`, status draft — with an `imported`
 * custody entry naming the file. Each incident is linked to its sources (supports: none said;
 * the file credits the source with the whole event, not with particular fields).
 *
 * No undo: an import of 100,000 rows would need an undo entry as large as the import. The dry
 * run is the confirmation, and every value an update replaced stays in the incident's history.
 */
import type { IncidentFields } from '../../shared/domain/incident.ts';
import type { LinkFields } from '../../shared/domain/link.ts';
import { linkId } from '../../shared/domain/link.ts';
import { sourceHash } from '../../shared/domain/custody.ts';
import { validateRecord } from '../../shared/domain/records.ts';
import { emptySource, type SourceFields } from '../../shared/domain/source.ts';
import type { ImportPlan } from '../../shared/interchange/imported.ts';
import { CustodyClerk } from './custodyClerk.ts';
import type { DaftarDatabase } from './database.ts';
import {
  checkImport,
  creditedNames,
  IMPORT_CUSTODY_PREFIX,
  type ImportOutcome,
} from './importDryRun.ts';
import type { RecordStore, WriteOp } from './recordStore.ts';

export type ImportPhase = 'checking' | 'writing';

export interface ApplyImportOptions {
  /** Checking: incidents checked of those in the file; writing: incidents written of those to write. */
  onProgress?: (done: number, total: number, phase: ImportPhase) => void;
  signal?: AbortSignal;
  /** The file's name, kept in the custody entries of the sources this import creates. */
  fileName?: string;
  /** Incidents per write (and per progress step). */
  chunkSize?: number;
  /** The fields the file carries (see DryRunOptions). */
  carried?: ReadonlySet<keyof IncidentFields>;
  /** Time of the custody entries; injected in tests. */
  now?: () => number;
}

export interface ImportResult {
  counts: Record<ImportOutcome | 'refused', number>;
  sources: { created: number; reused: number };
  links: number;
  /** Ids of the incidents created, in file order. */
  created: string[];
}

/** What the apply step needs of DaftarData. */
export interface ImportTarget {
  db: DaftarDatabase;
  store: RecordStore;
  newId: () => string;
  deviceId: string;
  profile: { name: string } | null;
}

const TABLES = ['incidents', 'sources', 'links', 'commits', 'conflicts', 'custody'];

/** The source record an import creates for a credited name. */
export function importedSourceFields(name: string): SourceFields {
  return { ...emptySource(''), kind: 'other', title: name, outlet: name, capturedAt: null };
}

export async function applyImport(
  data: ImportTarget,
  plan: ImportPlan,
  options: ApplyImportOptions = {},
): Promise<ImportResult> {
  const { signal, onProgress } = options;
  const size = options.chunkSize ?? 2_000;
  // Hashed first: WebCrypto cannot run inside an IndexedDB transaction. Every credited name is
  // hashed, since which ones need a new source is known only inside the transaction.
  const hashes = await sourceHashes(plan);
  signal?.throwIfAborted();
  const clerk = new CustodyClerk({
    device: data.deviceId,
    author: () => data.profile?.name ?? '',
    now: options.now ?? (() => Date.now()),
    newId: data.newId,
  });

  return data.db.transaction('rw', TABLES, async () => {
    const run = await checkImport(data.db, plan, {
      ...(signal ? { signal } : {}),
      ...(options.carried ? { carried: options.carried } : {}),
      onProgress: (done, total) => onProgress?.(done, total, 'checking'),
    });
    const sourceIds = new Map(run.sources.reused);
    const sourceOps: WriteOp[] = run.sources.toCreate.map((name) => {
      const id = data.newId();
      sourceIds.set(name, id);
      return { type: 'create', kind: 'source', id, fields: importedSourceFields(name) };
    });
    if (sourceOps.length > 0) {
      await data.store.write(sourceOps, { freshIds: true });
      const subjects = run.sources.toCreate.map((name) => {
        const hash = hashes.get(name);
        return { sourceId: sourceIds.get(name)!, ...(hash ? { hash } : {}) };
      });
      const detail = `${IMPORT_CUSTODY_PREFIX}${options.fileName ?? ''}`.slice(0, 2_000);
      await data.db.custody.bulkAdd(clerk.entries(subjects, 'imported', detail));
    }

    const toWrite = run.incidents.filter((p) => p.outcome !== 'unchanged');
    const created: string[] = [];
    let links = 0;
    onProgress?.(0, toWrite.length, 'writing');
    for (let start = 0; start < toWrite.length; start += size) {
      signal?.throwIfAborted();
      const ops: WriteOp[] = [];
      for (const planned of toWrite.slice(start, start + size)) {
        let incidentId = planned.existingId;
        if (incidentId === null) {
          incidentId = data.newId();
          created.push(incidentId);
          ops.push({
            type: 'create',
            kind: 'incident',
            id: incidentId,
            fields: planned.item.fields,
          });
        } else if (Object.keys(planned.changes).length > 0) {
          ops.push({ type: 'update', kind: 'incident', id: incidentId, fields: planned.changes });
        }
        for (const name of planned.linkTo) {
          const sourceId = sourceIds.get(name)!;
          const fields: LinkFields = { incidentId, sourceId, supports: [], note: '' };
          ops.push({ type: 'create', kind: 'link', id: linkId(incidentId, sourceId), fields });
          links++;
        }
      }
      // Fresh ids only: new incidents and sources were just minted, and the check found no
      // history for the links to stored incidents.
      await data.store.write(ops, { freshIds: true });
      onProgress?.(Math.min(toWrite.length, start + size), toWrite.length, 'writing');
    }
    // A Cancel pressed during the last chunk still undoes everything.
    signal?.throwIfAborted();
    return {
      counts: run.counts,
      sources: { created: sourceOps.length, reused: run.sources.reused.size },
      links,
      created,
    };
  });
}

async function sourceHashes(plan: ImportPlan): Promise<Map<string, string>> {
  const names = new Set(plan.incidents.flatMap(creditedNames));
  const hashes = new Map<string, string>();
  for (const name of names) {
    const valid = validateRecord('source', importedSourceFields(name));
    if (valid.ok) hashes.set(name, await sourceHash(valid.value));
  }
  return hashes;
}
