/**
 * The one behaviour every AttachmentStore adapter must have. Each adapter's test file calls
 * `attachmentStoreConformance` with a factory that also knows how to damage a stored object,
 * so that the suite can prove corruption is caught on read.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AttachmentStore } from '../../src/attachments/attachment-store';

export interface OpenedAttachmentStore {
  readonly store: AttachmentStore;
  /** Alters the stored bytes of `sha256` behind the store's back (same length, one bit flipped). */
  corrupt(sha256: string): Promise<void>;
}

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function attachmentStoreConformance(name: string, open: () => Promise<OpenedAttachmentStore>): void {
  describe(`AttachmentStore conformance: ${name}`, () => {
    let store: AttachmentStore;
    let corrupt: (sha256: string) => Promise<void>;
    beforeAll(async () => {
      ({ store, corrupt } = await open());
    });
    afterAll(async () => {
      await store?.close();
    });

    it('stores bytes under their hash and reads them back', async () => {
      const bytes = randomBytes(1000);
      const id = sha(bytes);
      expect(await store.has(id)).toBe(false);
      await store.put(id, bytes);
      expect(await store.has(id)).toBe(true);
      const read = await store.get(id);
      expect(Buffer.isBuffer(read)).toBe(true);
      expect(read!.equals(bytes)).toBe(true);
    });

    it('round-trips an empty object, a Uint8Array view and an object of several chunks', async () => {
      const empty = new Uint8Array(0);
      // A view into a larger buffer: only the view's bytes are the object.
      const backing = randomBytes(64);
      const view = new Uint8Array(backing.buffer, backing.byteOffset + 8, 32);
      // Larger than GridFS's default 255 KiB chunk, and not a multiple of it.
      const large = randomBytes(600 * 1024 + 7);
      for (const bytes of [empty, view, large]) {
        await store.put(sha(bytes), bytes);
        expect((await store.get(sha(bytes)))!.equals(Buffer.from(bytes))).toBe(true);
      }
    });

    it('is idempotent when the same object is put twice, or several times at once', async () => {
      const bytes = randomBytes(300_000);
      const id = sha(bytes);
      await store.put(id, bytes);
      await store.put(id, bytes);
      expect((await store.get(id))!.equals(bytes)).toBe(true);

      const racing = randomBytes(300_000);
      await Promise.all([1, 2, 3, 4].map(() => store.put(sha(racing), racing)));
      expect((await store.get(sha(racing)))!.equals(racing)).toBe(true);
    });

    it('refuses bytes that do not hash to the name they are put under, and stores nothing', async () => {
      const claimed = randomBytes(100);
      const other = randomBytes(100);
      await expect(store.put(sha(claimed), other)).rejects.toThrow(/refusing to store/);
      expect(await store.has(sha(claimed))).toBe(false);
      expect(await store.get(sha(claimed))).toBeNull();
      expect(await store.has(sha(other))).toBe(false);
    });

    it('answers null and false for an object it does not hold', async () => {
      const id = sha(randomBytes(16));
      expect(await store.get(id)).toBeNull();
      expect(await store.has(id)).toBe(false);
    });

    it('refuses names that are not 64 lowercase hex digits', async () => {
      const bytes = randomBytes(10);
      const bad = [
        sha(bytes).toUpperCase(),
        sha(bytes).slice(1),
        `${sha(bytes)}0`,
        '../../../../etc/passwd',
        `../${sha(bytes).slice(3)}`,
        `${sha(bytes).slice(0, 63)}/`,
        '',
        { $ne: null } as unknown as string,
      ];
      for (const name of bad) {
        await expect(store.put(name, bytes)).rejects.toThrow(/64 lowercase hex/);
        await expect(store.get(name)).rejects.toThrow(/64 lowercase hex/);
        await expect(store.has(name)).rejects.toThrow(/64 lowercase hex/);
      }
    });

    it('keeps staged bytes out of sight until committed, and lists them with their interview', async () => {
      const bytes = randomBytes(5000);
      const id = sha(bytes);
      const staged = await store.stage(id, bytes, 'iv-staged:1');
      expect(staged).toMatchObject({ sha256: id, interviewId: 'iv-staged:1' });
      expect(await store.has(id)).toBe(false);
      expect(await store.get(id)).toBeNull();
      const listed = (await store.listStaged()).filter((s) => s.sha256 === id);
      expect(listed.map((s) => s.interviewId)).toEqual(['iv-staged:1']);
      expect(listed[0]!.stagedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

      await staged.commit();
      expect((await store.get(id))!.equals(bytes)).toBe(true);
      expect((await store.listStaged()).some((s) => s.sha256 === id)).toBe(false);
      // Again, and through the listed handle (a recovery sweep racing the upload): still fine.
      await staged.commit();
      await listed[0]!.commit();
      expect((await store.get(id))!.equals(bytes)).toBe(true);
    });

    it('discards a staged upload without a trace', async () => {
      const bytes = randomBytes(3000);
      const id = sha(bytes);
      const staged = await store.stage(id, bytes, 'iv-refused');
      await staged.discard();
      await staged.discard();
      expect(await store.has(id)).toBe(false);
      expect(await store.get(id)).toBeNull();
      expect((await store.listStaged()).some((s) => s.sha256 === id)).toBe(false);
    });

    it('commits a staged copy of an object it holds already by dropping the copy', async () => {
      const bytes = randomBytes(2000);
      const id = sha(bytes);
      await store.put(id, bytes);
      const first = await store.stage(id, bytes, 'iv-a');
      const second = await store.stage(id, bytes, 'iv-b');
      await Promise.all([first.commit(), second.commit()]);
      expect((await store.get(id))!.equals(bytes)).toBe(true);
      expect((await store.listStaged()).some((s) => s.sha256 === id)).toBe(false);
    });

    it('refuses to stage bytes under another hash, or for a name that is not an id', async () => {
      const bytes = randomBytes(100);
      await expect(store.stage(sha(randomBytes(100)), bytes, 'iv-1')).rejects.toThrow(/refusing to store/);
      await expect(store.stage(sha(bytes), bytes, '../etc')).rejects.toThrow(/interviewId must be an id/);
      expect((await store.listStaged()).some((s) => s.sha256 === sha(bytes))).toBe(false);
    });

    it('detects stored bytes that no longer hash to their name, and names the object', async () => {
      const bytes = randomBytes(2048);
      const id = sha(bytes);
      await store.put(id, bytes);
      await corrupt(id);
      await expect(store.get(id)).rejects.toThrow(new RegExp(`attachment ${id} .*corrupt`));
      // Still there: corruption is reported, not hidden as "not found".
      expect(await store.has(id)).toBe(true);
    });
  });
}
