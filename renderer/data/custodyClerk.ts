/**
 * Writes chain-of-custody entries for this device: who captured a source, added a file, and
 * which bundles (or printed dossiers) carried it in or out, with the hash of what was handed on.
 * Ids sort by time, then by order within this session, so entries made in one millisecond keep
 * their order; the random tail keeps two devices apart.
 */
import { sourceHash, type CustodyAction, type CustodyEntry } from '../../shared/domain/custody.ts';
import type { StoredRecord } from '../../shared/domain/records.ts';

export interface CustodyClerkContext {
  device: string;
  author: () => string;
  now: () => number;
  newId: () => string;
}

/** What one entry is about: a source, or one of its files, and the hash of what was handed on. */
export interface CustodySubject {
  sourceId: string;
  /** The file's SHA-256, for an entry about a file. */
  attachment?: string;
  hash?: string;
}

export class CustodyClerk {
  private seq = 0;

  constructor(private readonly context: CustodyClerkContext) {}

  /** One entry per subject, all at the same moment. */
  entries(
    subjects: Iterable<CustodySubject>,
    action: CustodyAction,
    detail: string,
  ): CustodyEntry[] {
    const at = new Date(this.context.now()).toISOString();
    const author = this.context.author();
    return [...subjects].map((subject) => ({
      id: `${at}#${String(++this.seq).padStart(9, '0')}#${this.context.newId()}`,
      sourceId: subject.sourceId,
      at,
      action,
      device: this.context.device,
      author,
      detail,
      ...(subject.attachment !== undefined ? { attachment: subject.attachment } : {}),
      ...(subject.hash !== undefined ? { hash: subject.hash } : {}),
    }));
  }
}

/**
 * The subjects of a step that hands on sources (`sourceIds`): each source with its hash as it
 * stands (`sources`), then each of its files the step carries (`files`), hashed by their own
 * SHA-256. A source not whole here (deleted, or known only from changes before its creation)
 * gets an entry without a hash. Asynchronous (WebCrypto): call it outside an IndexedDB
 * transaction, or through Dexie.waitFor.
 */
export async function custodySubjects(
  sourceIds: readonly string[],
  sources: ReadonlyMap<string, StoredRecord<'source'>>,
  files: ReadonlySet<string>,
): Promise<CustodySubject[]> {
  const hashes = await Promise.all(
    sourceIds.map((id) => {
      const source = sources.get(id);
      return source && sourceHash(source);
    }),
  );
  return sourceIds.flatMap((sourceId, i): CustodySubject[] => {
    const source = sources.get(sourceId);
    if (source === undefined) return [{ sourceId }];
    return [
      { sourceId, hash: hashes[i]! },
      ...source.attachments
        .filter((file) => files.has(file.sha256))
        .map((file) => ({ sourceId, attachment: file.sha256, hash: file.sha256 })),
    ];
  });
}
