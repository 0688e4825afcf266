/**
 * The chain of custody of a source: who captured it, added a file to it, imported or exported
 * it, when, on which device. Entries are never edited or removed; replicas merge them by union
 * (an entry's id is unique), so they travel in bundles like the records they describe.
 */
import { z } from 'zod';

export const CUSTODY_ACTIONS = ['captured', 'attachmentAdded', 'imported', 'exported'] as const;

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
  })
  .strict();

export type CustodyEntry = z.infer<typeof custodyEntrySchema>;
