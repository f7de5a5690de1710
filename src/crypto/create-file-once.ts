import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates `path` with `contents` unless it exists, atomically across processes: the contents go
 * to a temp file of this call's own (fsynced), which is then hard-linked to `path`. `link(2)`
 * fails with EEXIST when `path` exists, so of several processes starting at once on one DATA_DIR
 * exactly one creates the file, and no reader ever sees it empty or half written (a plain
 * `O_EXCL` create would show an empty file until the write lands; a rename would overwrite the
 * winner). Callers read `path` afterwards: what they read is what won. True when this call
 * created it.
 */
export function createFileOnce(path: string, contents: () => string | Uint8Array, mode = 0o600): boolean {
  if (existsSync(path)) return false;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', mode);
  try {
    writeFileSync(fd, contents());
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    chmodSync(tmp, mode); // open's mode passes through the umask
    linkSync(tmp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(tmp);
  }
}
