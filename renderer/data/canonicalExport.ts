/**
 * The whole dataset as one canonical JSON document: every live record, conflict, change set,
 * custody entry and attachment hash, sorted, with keys in a fixed order. Two replicas that have
 * seen the same changes produce byte-identical documents, which is how the tests compare them;
 * for a person it is a complete, readable backup (attachments are listed by hash; their bytes
 * travel in bundles).
 */
import { RECORD_KINDS } from '../../shared/domain/records.ts';
import { canonicalJson } from '../../shared/util/canonicalJson.ts';
import type { DaftarDatabase } from './database.ts';
import { fromRow } from './rows.ts';

export const CANONICAL_FORMAT = 'daftar-canonical-export';

export async function canonicalExport(db: DaftarDatabase): Promise<string> {
  return db.transaction('r', db.tables, async () => {
    const records: Record<string, unknown[]> = {};
    for (const kind of RECORD_KINDS) {
      const rows = await db.tableOf(kind).orderBy('id').toArray();
      records[kind] = rows.map((row) => ({ ...fromRow(row), clocks: row._clocks ?? {} }));
    }
    const changes = (await db.commits.toArray())
      .flatMap((c) => c.sets)
      .sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
    const conflicts = (await db.conflicts.orderBy('id').toArray()).map(({ id, versions }) => ({
      id,
      versions,
    }));
    const custody = await db.custody.orderBy('id').toArray();
    const attachments = (await db.attachments.orderBy('sha256').toArray()).map((a) => ({
      sha256: a.sha256,
      mediaType: a.mediaType,
      size: a.data.byteLength,
    }));
    return canonicalJson({
      format: CANONICAL_FORMAT,
      version: 1,
      records,
      conflicts,
      changes,
      custody,
      attachments,
    });
  });
}
