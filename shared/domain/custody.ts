/**
 * The chain of custody of a source and of each file attached to it: who captured the source,
 * added a file, imported, exported or printed it, when, on which device — and, since bundle
 * format 2, the SHA-256 of what was handed on at that step, so anyone can check that what left
 * one hand is what reached the next. Entries are never edited or removed; replicas merge them by
 * union (an entry's id is unique), so they travel in bundles like the records they describe.
 */
import { z } from 'zod';
import { sha256Hex } from '../bundle/crypto.ts';
import { canonicalJson } from '../util/canonicalJson.ts';
import { utf8Encode } from '../util/utf8.ts';
import { STATUS_FIELDS } from './reviewWork.ts';
import { sourceFields, type SourceFields } from './source.ts';

export const CUSTODY_ACTIONS = [
  'captured',
  'attachmentAdded',
  'imported',
  'exported',
  'printed',
] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const custodyEntrySchema = z
  .object({
    id: z.string().min(1).max(200),
    sourceId: z.string().min(1).max(64),
    /** ISO timestamp. */
    at: z.string().min(1).max(40),
    action: z.enum(CUSTODY_ACTIONS),
    device: z.string().min(1).max(64),
    author: z.string().max(300),
    detail: z.string().max(2_000),
    /** The file the entry is about, by its SHA-256; absent when it is about the source. */
    attachment: sha256.optional(),
    /**
     * SHA-256 of what was handed on at this step: the source's `sourceHash`, or the file's own
     * hash. Absent from entries written before format 2, and where the source was not whole.
     */
    hash: sha256.optional(),
  })
  .strict()
  .refine((e) => e.attachment === undefined || e.hash === undefined || e.hash === e.attachment, {
    path: ['hash'],
    error: 'the hash of a file is its own SHA-256',
  });

export type CustodyEntry = z.infer<typeof custodyEntrySchema>;

/**
 * The fields a source's hash covers: all of them but its verification status, which is a
 * reviewer's judgement about the source, not part of it — a review step must not make the same
 * evidence look changed, and a reviewer's "verified" names the hash of what they verified.
 */
const HASHED_FIELDS = Object.keys(sourceFields.shape)
  .filter((field) => !STATUS_FIELDS.includes(field))
  .sort();

/**
 * SHA-256 (lower-case hex) of the canonical JSON (keys sorted, no whitespace, UTF-8) of a
 * source's fields other than `status` and `statusReason`; the record's id, clocks and anything
 * else on `source` are left out (docs/bundle-format.md shows how to recompute it).
 */
export function sourceHash(source: SourceFields): Promise<string> {
  const fields = source as unknown as Record<string, unknown>;
  const hashed = Object.fromEntries(HASHED_FIELDS.map((field) => [field, fields[field]]));
  return sha256Hex(utf8Encode(canonicalJson(hashed)));
}

/**
 * The file an entry is about, if any: its `attachment`, or — in an entry written before format 2,
 * when a file's addition named it in the detail (`name sha256:<hex>`) — the hash found there.
 */
export function custodyFileOf(entry: CustodyEntry): string | undefined {
  if (entry.attachment !== undefined) return entry.attachment;
  if (entry.action !== 'attachmentAdded') return undefined;
  return /(?:^| )sha256:([0-9a-f]{64})$/.exec(entry.detail)?.[1];
}
