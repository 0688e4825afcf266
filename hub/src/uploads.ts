// The upload workflow: start (or answer the existing bundle), append chunks at the hub's offset,
// complete (verify SHA-256, move the bytes into place, assign the sequence number), and the sweep
// that drops unfinished uploads after the configured age. Order of effects on completion: bytes
// fsynced and renamed first, then the database commit — a crash in between leaves a blob without
// a bundle row, and completing again finds the blob and commits it.
import { HubError, notFound } from './errors.ts';
import { newId, type RandomSource } from './ids.ts';
import { KeyedLock } from './keyedLock.ts';
import type { HubLimits } from './limits.ts';
import { MissingUploadFile, type BlobFiles } from './store/blobFiles.ts';
import type { BundleRecord, HubStore, MemberRecord, UploadRecord } from './store/hubStore.ts';

export interface HubContext {
  store: HubStore;
  files: BlobFiles;
  limits: HubLimits;
  now: () => Date;
  random: RandomSource;
}

export type StartResult =
  { kind: 'upload'; upload: UploadRecord } | { kind: 'bundle'; bundle: BundleRecord };

export class Uploads {
  private readonly locks = new KeyedLock();

  constructor(private readonly context: HubContext) {}

  /**
   * Starts an upload, or answers the bundle the team already has with that hash, or the member's
   * own unfinished upload of the same bytes (so a device that lost its upload id goes on instead of
   * holding a second one). Unfinished uploads count against the team's space at their declared
   * size, and a member holds at most `maxOpenUploadsPerMember` of them (the oldest is dropped to
   * make room). Starts of one team
   * run one at a time, so two concurrent starts cannot both take the last of the space.
   */
  async start(member: MemberRecord, size: number, sha256: string): Promise<StartResult> {
    const { store, limits, now, random } = this.context;
    return this.locks.run(`start:${member.teamId}`, async () => {
      const existing = await store.findBundleBySha(member.teamId, sha256);
      if (existing) return { kind: 'bundle', bundle: existing };
      if (size > limits.maxBundleBytes) {
        throw new HubError('too_large', `A bundle may be at most ${limits.maxBundleBytes} bytes.`);
      }
      const open = await store.listOpenUploads(member.teamId);
      const own = open.filter((upload) => upload.memberId === member.id);
      const same = own.find((upload) => upload.sha256 === sha256 && upload.size === size);
      if (same) return { kind: 'upload', upload: same };
      // A member holds at most `maxOpenUploadsPerMember` unfinished uploads: starting one more
      // drops their oldest (a device that lost track of one, or gave up on it, never gets stuck).
      const dropping = own
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .slice(0, Math.max(0, own.length - limits.maxOpenUploadsPerMember + 1));
      for (const upload of dropping) {
        await this.locks.run(upload.id, async () => {
          await this.context.files.removeUpload(upload.id);
          await store.deleteUpload(upload.id);
        });
      }
      const kept = open.filter((upload) => !dropping.includes(upload));
      const openBytes = kept.reduce((total, upload) => total + upload.size, 0);
      if ((await store.teamBytes(member.teamId)) + openBytes + size > limits.maxTeamBytes) {
        throw new HubError('storage_full', "The team's space on this hub is full.");
      }
      const upload = await store.createUpload({
        id: newId(random),
        teamId: member.teamId,
        memberId: member.id,
        size,
        sha256,
        createdAt: now().toISOString(),
      });
      return { kind: 'upload', upload };
    });
  }

  /** The member's own upload; anyone else's (or none) is `not_found`. */
  async get(member: MemberRecord, uploadId: string): Promise<UploadRecord> {
    const upload = await this.context.store.getUpload(member.teamId, uploadId);
    if (!upload || upload.memberId !== member.id) throw notFound();
    return upload;
  }

  /** Appends a chunk written at `clientOffset`; answers the new offset. */
  async append(
    member: MemberRecord,
    uploadId: string,
    clientOffset: number,
    declaredLength: number | null,
    body: AsyncIterable<Buffer>,
  ): Promise<number> {
    const { store, files, limits } = this.context;
    return this.locks.run(uploadId, async () => {
      const upload = await this.get(member, uploadId);
      if (clientOffset !== upload.offset) {
        throw new HubError(
          'offset_mismatch',
          `The upload is at offset ${upload.offset}, not ${clientOffset}.`,
          { offset: upload.offset },
        );
      }
      const room = Math.min(limits.maxChunkBytes, upload.size - upload.offset);
      if (upload.bundleSeq !== null || (declaredLength !== null && declaredLength > room)) {
        throw new HubError('too_large', `This chunk may hold at most ${room} bytes.`);
      }
      let result;
      try {
        result = await files.writeChunk(uploadId, upload.offset, body, room);
      } catch (error) {
        if (!(error instanceof MissingUploadFile)) throw error;
        await store.setUploadOffset(uploadId, 0);
        throw new HubError(
          'offset_mismatch',
          'The hub lost the bytes of this upload; start again from 0.',
          {
            offset: 0,
          },
        );
      }
      const offset = upload.offset + result.written;
      if (result.written > 0) await store.setUploadOffset(uploadId, offset);
      return offset;
    });
  }

  async complete(member: MemberRecord, uploadId: string): Promise<BundleRecord> {
    const { store, files, limits, now } = this.context;
    return this.locks.run(uploadId, async () => {
      const upload = await this.get(member, uploadId);
      if (upload.bundleSeq !== null) {
        const done = await store.getBundle(upload.teamId, upload.bundleSeq);
        if (!done) throw new Error('A completed upload points at a missing bundle.');
        return done;
      }
      if (upload.offset < upload.size) {
        throw new HubError(
          'offset_mismatch',
          `The upload holds ${upload.offset} of ${upload.size} bytes; send the rest first.`,
          { offset: upload.offset },
        );
      }
      const hashed = await files.hashUpload(uploadId);
      const alreadyMoved =
        hashed === null && (await files.blobExists(upload.teamId, upload.sha256));
      if (!alreadyMoved) {
        if (hashed === null || hashed.sha256 !== upload.sha256 || hashed.size !== upload.size) {
          await files.removeUpload(uploadId);
          await store.deleteUpload(uploadId);
          throw new HubError(
            'hash_mismatch',
            'The bytes received do not have the SHA-256 given when the upload started; the upload is dropped.',
          );
        }
        const known = await store.findBundleBySha(upload.teamId, upload.sha256);
        if (!known && (await store.teamBytes(upload.teamId)) + upload.size > limits.maxTeamBytes) {
          throw new HubError('storage_full', "The team's space on this hub is full.");
        }
        await files.promote(uploadId, upload.teamId, upload.sha256);
      }
      return store.commitBundle(upload, now().toISOString());
    });
  }

  /** Drops unfinished uploads (and records of finished ones) older than the limit. */
  async sweep(): Promise<number> {
    const { store, files, limits, now } = this.context;
    const cutoff = new Date(now().getTime() - limits.staleUploadMs);
    let dropped = 0;
    for (const upload of await store.listUploadsCreatedBefore(cutoff.toISOString())) {
      await this.locks.run(upload.id, async () => {
        if (upload.bundleSeq === null) {
          await files.removeUpload(upload.id);
          dropped += 1;
        }
        await store.deleteUpload(upload.id);
      });
    }
    // Files without a record: left by a crash between creating the file and the record.
    for (const name of await files.listUploadFiles()) {
      const modified = await files.uploadModifiedAt(name);
      if (modified !== null && modified < cutoff && !(await store.hasUpload(name))) {
        await files.removeUpload(name);
      }
    }
    return dropped;
  }
}
