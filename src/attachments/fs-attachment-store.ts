import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  assertBytesMatch,
  assertSha256,
  assertStagedInterviewId,
  isSha256Hex,
  STAGED_INTERVIEW_ID,
  verifyStored,
  type AttachmentStore,
  type StagedAttachment,
} from './attachment-store';

const isNotFound = (error: unknown): boolean => (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/** The staging area's directory name inside the store: never a valid shard (two hex digits). */
export const STAGING_DIR = '.staging';
/** A staged file still being written: never committed, removed once old. */
const PARTIAL = '.part';

/**
 * Attachments as files under DATA_DIR: `<dir>/<first two hex digits>/<sha256>`, so that no
 * directory grows past a few thousand entries.
 *
 * An upload is first staged in `<dir>/.staging/<sha256>.<interview id in hex>.<random>`:
 * written to a `.part` file, fsynced, then renamed to that name, so a staged file is always
 * whole. Commit renames it over the final name (same file system: atomic), so readers see the
 * whole object or none, and two concurrent commits of one object both rename identical bytes
 * into place. Discard unlinks it. Directories are created when the store is opened, so that a
 * refused upload changes no directory either.
 */
export class FsAttachmentStore implements AttachmentStore {
  readonly name = 'filesystem';
  readonly stagingDir: string;

  constructor(readonly dir: string) {
    this.stagingDir = join(dir, STAGING_DIR);
    mkdirSync(this.stagingDir, { recursive: true, mode: 0o700 });
  }

  /** The object's path; only for a valid name, so the path cannot leave `dir`. */
  pathOf(sha256: string): string {
    assertSha256(sha256);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    assertSha256(sha256);
    assertBytesMatch(sha256, bytes);
    if (await this.has(sha256)) return;
    const staged = await this.stage(sha256, bytes, 'put');
    await staged.commit();
  }

  async stage(sha256: string, bytes: Uint8Array, interviewId: string): Promise<StagedAttachment> {
    assertSha256(sha256);
    assertStagedInterviewId(interviewId);
    assertBytesMatch(sha256, bytes);
    const name = `${sha256}.${Buffer.from(interviewId, 'utf8').toString('hex')}.${randomUUID()}`;
    const path = join(this.stagingDir, name);
    const partial = `${path}${PARTIAL}`;
    try {
      const file = await open(partial, 'wx', 0o600);
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(partial, path);
      await syncDirectory(this.stagingDir);
    } catch (error) {
      await unlink(partial).catch(() => undefined);
      await unlink(path).catch(() => undefined);
      throw error;
    }
    return this.staged(sha256, interviewId, path, new Date());
  }

  async listStaged(): Promise<StagedAttachment[]> {
    const found: StagedAttachment[] = [];
    for (const entry of await readdir(this.stagingDir)) {
      const complete = !entry.endsWith(PARTIAL);
      const [sha256, hexId] = (complete ? entry : entry.slice(0, -PARTIAL.length)).split('.');
      const interviewId = hexId && /^([0-9a-f]{2})+$/.test(hexId) ? Buffer.from(hexId, 'hex').toString('utf8') : '';
      if (!isSha256Hex(sha256) || !STAGED_INTERVIEW_ID.test(interviewId)) continue; // not ours: left alone
      const path = join(this.stagingDir, entry);
      let stagedAt: Date;
      try {
        stagedAt = (await stat(path)).mtime;
      } catch (error) {
        if (isNotFound(error)) continue; // committed or discarded meanwhile
        throw error;
      }
      found.push(complete ? this.staged(sha256, interviewId, path, stagedAt) : partialUpload(sha256, interviewId, path, stagedAt));
    }
    return found.sort((a, b) => a.stagedAt.getTime() - b.stagedAt.getTime());
  }

  private staged(sha256: string, interviewId: string, path: string, stagedAt: Date): StagedAttachment {
    return {
      sha256,
      interviewId,
      stagedAt,
      commit: () => this.commitStaged(sha256, path),
      discard: () => removeFile(path),
    };
  }

  private async commitStaged(sha256: string, path: string): Promise<void> {
    if (await this.has(sha256)) {
      await removeFile(path);
      return;
    }
    const shard = join(this.dir, sha256.slice(0, 2));
    await mkdir(shard, { recursive: true, mode: 0o700 });
    try {
      await rename(path, this.pathOf(sha256));
    } catch (error) {
      // Committed by someone else in between (a recovery sweep, or the same upload twice).
      if (isNotFound(error) && (await this.has(sha256))) return;
      throw error;
    }
    await syncDirectory(shard);
    await syncDirectory(this.stagingDir);
  }

  async get(sha256: string): Promise<Buffer | null> {
    const path = this.pathOf(sha256);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    return verifyStored(sha256, bytes, path);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async close(): Promise<void> {
    // Nothing held open between calls.
  }
}

/** A staged file a crash left half written: it was never named by the ledger, so it can only be discarded. */
function partialUpload(sha256: string, interviewId: string, path: string, stagedAt: Date): StagedAttachment {
  return {
    sha256,
    interviewId,
    stagedAt,
    commit: () => Promise.reject(new Error(`attachment store: ${path} is a partly written upload and cannot be committed`)),
    discard: () => removeFile(path),
  };
}

async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** Makes the rename durable: the new directory entry survives a power cut (POSIX; not possible on Windows). */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
