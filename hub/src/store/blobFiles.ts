// The bytes on disk, shared by both stores: `<data>/uploads/<upload id>` while an upload is in
// progress, `<data>/blobs/<team id>/<sha256>` once complete. Every write is fsynced (file, and the
// folder after a create or rename) before the caller records progress in the database, so the
// database never claims bytes the disk has not kept. The file may hold more than the recorded
// offset after a crash; the next chunk is written at the recorded offset, which drops the rest.
import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { HubError } from '../errors.ts';

export interface ChunkResult {
  /** Bytes written and made durable in this call. */
  written: number;
  /** Set when the request body broke off before its end; the written bytes are still kept. */
  interrupted: boolean;
}

async function syncFolder(path: string): Promise<void> {
  const folder = await open(path, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/** An upload's recorded offset is past 0 but its file is gone (a power cut, a cleaned disk). */
export class MissingUploadFile extends Error {
  constructor() {
    super('The bytes of this upload are gone.');
    this.name = 'MissingUploadFile';
  }
}

export class BlobFiles {
  private readonly uploadsDir: string;
  private readonly blobsDir: string;

  constructor(dataDir: string) {
    this.uploadsDir = join(dataDir, 'uploads');
    this.blobsDir = join(dataDir, 'blobs');
  }

  async prepare(): Promise<void> {
    await mkdir(this.uploadsDir, { recursive: true });
    await mkdir(this.blobsDir, { recursive: true });
  }

  private uploadPath(uploadId: string): string {
    return join(this.uploadsDir, uploadId);
  }

  blobPath(teamId: string, sha256: string): string {
    return join(this.blobsDir, teamId, sha256);
  }

  /**
   * Writes `body` at `offset`, refusing (and undoing) more than `maxBytes`. A body that breaks
   * off midway keeps what arrived, so the client resumes from there.
   */
  async writeChunk(
    uploadId: string,
    offset: number,
    body: AsyncIterable<Buffer>,
    maxBytes: number,
  ): Promise<ChunkResult> {
    // The file is created by the first chunk; starting an upload touches no disk but the database.
    // Its folder entry is not fsynced: should a power cut lose it, the next chunk finds no file
    // and the upload restarts from 0 (Uploads.append), which costs bytes but never correctness.
    const exists = await this.uploadExists(uploadId);
    if (!exists && offset > 0) throw new MissingUploadFile();
    const file = await open(this.uploadPath(uploadId), exists ? 'r+' : 'w');
    let written = 0;
    let interrupted = false;
    try {
      await file.truncate(offset);
      // Only a failure to read the body counts as a broken connection; a failed write is an error.
      const chunks = body[Symbol.asyncIterator]();
      for (;;) {
        let step: IteratorResult<Buffer>;
        try {
          step = await chunks.next();
        } catch {
          interrupted = true;
          break;
        }
        if (step.done === true) break;
        const chunk = step.value;
        if (written + chunk.length > maxBytes) {
          await file.truncate(offset);
          await file.sync();
          throw new HubError('too_large', `A chunk may hold at most ${maxBytes} more bytes here.`);
        }
        await file.write(chunk, 0, chunk.length, offset + written);
        written += chunk.length;
      }
      await file.sync();
    } finally {
      await file.close();
    }
    return { written, interrupted };
  }

  /** SHA-256 (hex) and length of what an upload holds (a 0-byte upload may have no file). */
  async hashUpload(uploadId: string): Promise<{ sha256: string; size: number } | null> {
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of createReadStream(this.uploadPath(uploadId))) {
        const bytes = chunk as Buffer;
        hash.update(bytes);
        size += bytes.length;
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return { sha256: hash.digest('hex'), size };
  }

  /** Moves a verified upload to its blob path atomically; an existing blob (same bytes) wins. */
  async promote(uploadId: string, teamId: string, sha256: string): Promise<void> {
    const folder = join(this.blobsDir, teamId);
    await mkdir(folder, { recursive: true });
    if (await this.blobExists(teamId, sha256)) {
      await this.removeUpload(uploadId);
      return;
    }
    await rename(this.uploadPath(uploadId), this.blobPath(teamId, sha256));
    // Only the new name must be durable; should the old one come back after a crash, the sweep
    // removes it with its upload.
    await syncFolder(folder);
  }

  async uploadExists(uploadId: string): Promise<boolean> {
    return (await this.uploadModifiedAt(uploadId)) !== null;
  }

  async blobExists(teamId: string, sha256: string): Promise<boolean> {
    try {
      return (await stat(this.blobPath(teamId, sha256))).isFile();
    } catch {
      return false;
    }
  }

  /** Streams bytes `start`..`end` (inclusive) of a blob. */
  openBlob(teamId: string, sha256: string, start: number, end: number): ReadStream {
    return createReadStream(this.blobPath(teamId, sha256), { start, end });
  }

  async removeUpload(uploadId: string): Promise<void> {
    await rm(this.uploadPath(uploadId), { force: true });
  }

  async listUploadFiles(): Promise<string[]> {
    return readdir(this.uploadsDir);
  }

  /** Last change of an upload file, or null when it is gone. */
  async uploadModifiedAt(uploadId: string): Promise<Date | null> {
    try {
      return (await stat(this.uploadPath(uploadId))).mtime;
    } catch {
      return null;
    }
  }
}
