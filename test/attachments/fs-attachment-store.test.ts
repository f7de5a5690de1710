import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsAttachmentStore } from '../../src/attachments/fs-attachment-store';
import { attachmentStoreConformance } from './attachment-store.conformance';

attachmentStoreConformance('filesystem', async () => {
  const store = new FsAttachmentStore(join(mkdtempSync(join(tmpdir(), 'att-')), 'attachments'));
  return {
    store,
    async corrupt(sha256) {
      const path = store.pathOf(sha256);
      const bytes = readFileSync(path);
      bytes[0] = bytes[0]! ^ 0x01;
      writeFileSync(path, bytes);
    },
  };
});

describe('FsAttachmentStore layout', () => {
  it('keeps an object at <dir>/<first two hex digits>/<sha256> and leaves no temporary files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'att-'));
    const store = new FsAttachmentStore(dir);
    const bytes = randomBytes(100);
    const sha = createHash('sha256').update(bytes).digest('hex');
    await Promise.all([store.put(sha, bytes), store.put(sha, bytes)]);
    expect(store.pathOf(sha)).toBe(join(dir, sha.slice(0, 2), sha));
    expect(readFileSync(join(dir, sha.slice(0, 2), sha)).equals(bytes)).toBe(true);
    expect(readdirSync(join(dir, sha.slice(0, 2)))).toEqual([sha]);
  });
});
