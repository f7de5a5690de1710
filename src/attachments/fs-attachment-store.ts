import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { assertBytesMatch, assertSha256, verifyStored, type AttachmentStore } from './attachment-store';

const isNotFound = (error: unknown): boolean => (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/**
 * Attachments as files under DATA_DIR: `<dir>/<first two hex digits>/<sha256>`, so that no
 * directory grows past a few thousand entries. A write goes to a temporary file in the same
 * directory, is fsynced, then renamed over the final name: readers see the whole object or
 * none, and two concurrent puts of one object both rename identical bytes into place.
 */
export class FsAttachmentStore implements AttachmentStore {
  readonly name = 'filesystem';

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** The object's path; only for a valid name, so the path cannot leave `dir`. */
  pathOf(sha256: string): string {
    assertSha256(sha256);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(sha256);
    assertBytesMatch(sha256, bytes);
    if (await this.has(sha256)) return;
    const shard = join(this.dir, sha256.slice(0, 2));
    await mkdir(shard, { recursive: true });
    // A crash can leave a temporary file behind: harmless, it is never read as an object.
    const temp = join(shard, `.${sha256}.${randomUUID()}.tmp`);
    try {
      const file = await open(temp, 'wx');
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, target);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await syncDirectory(shard);
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
