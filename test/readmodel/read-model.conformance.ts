/**
 * The one behaviour every ReadModelStore adapter must have. Each adapter's test file calls
 * `readModelConformance` with a factory; external adapters skip with one clear line when
 * their server is not reachable.
 */
import { randomUUID } from 'node:crypto';
import { CheckpointConflictError, type ReadModelStore } from '../../src/readmodel/read-model-store';

export function readModelConformance(name: string, open: () => Promise<ReadModelStore>): void {
  describe(`ReadModel conformance: ${name}`, () => {
    let store: ReadModelStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });
    const collection = () => `c${randomUUID().replace(/-/g, '').slice(0, 12)}`;

    it('answers shared reads with every committed change, and unshared reads with documents of the caller’s own', async () => {
      const c = collection();
      const projection = `p-${c}`;
      await store.commit(projection, [{ op: 'put', collection: c, doc: { id: 'a', n: 1, list: [1] } }], '1');
      expect(await store.get(c, 'a', { shared: true })).toEqual({ id: 'a', n: 1, list: [1] });
      expect(await store.getMany(c, ['a'], { shared: true })).toEqual([{ id: 'a', n: 1, list: [1] }]);
      await store.commit(projection, [{ op: 'put', collection: c, doc: { id: 'a', n: 2, list: [1, 2] } }], '2');
      expect(await store.get(c, 'a', { shared: true })).toEqual({ id: 'a', n: 2, list: [1, 2] });
      expect(await store.getMany(c, ['a'], { shared: true })).toEqual([{ id: 'a', n: 2, list: [1, 2] }]);
      const found = await store.find(c, { orderBy: { field: 'n', direction: 'asc' }, limit: 5 }, { shared: true });
      expect(found).toEqual([{ id: 'a', n: 2, list: [1, 2] }]);
      // An unshared read may be changed by its caller; nobody else sees that.
      const own = (await store.get<{ id: string; n: number; list: number[] }>(c, 'a'))!;
      own.n = 99;
      own.list.push(3);
      expect(await store.get(c, 'a')).toEqual({ id: 'a', n: 2, list: [1, 2] });
      expect(await store.get(c, 'a', { shared: true })).toEqual({ id: 'a', n: 2, list: [1, 2] });
      await store.commit(projection, [{ op: 'delete', collection: c, id: 'a' }], '3');
      expect(await store.get(c, 'a', { shared: true })).toBeNull();
    });

    it('commits documents and the checkpoint together, and reads them back', async () => {
      const c = collection();
      const projection = `p-${c}`;
      expect(await store.checkpoint(projection)).toBeNull();
      await store.commit(
        projection,
        [
          { op: 'put', collection: c, doc: { id: 'a', n: 1, tags: ['x'], nested: { deep: '深' } } },
          { op: 'put', collection: c, doc: { id: 'b', n: 2, tags: [] } },
        ],
        '10',
      );
      expect(await store.checkpoint(projection)).toBe('10');
      expect(await store.get(c, 'a')).toEqual({ id: 'a', n: 1, tags: ['x'], nested: { deep: '深' } });
      expect(await store.get(c, 'zz')).toBeNull();
      expect(await store.getMany(c, ['b', 'zz', 'a'])).toEqual([
        { id: 'b', n: 2, tags: [] },
        null,
        { id: 'a', n: 1, tags: ['x'], nested: { deep: '深' } },
      ]);
    });

    it('replaces documents on put and removes them on delete', async () => {
      const c = collection();
      await store.commit('p', [{ op: 'put', collection: c, doc: { id: 'a', v: 1 } }], '1');
      await store.commit('p', [{ op: 'put', collection: c, doc: { id: 'a', v: 2 } }], '2');
      expect(await store.get(c, 'a')).toEqual({ id: 'a', v: 2 });
      await store.commit('p', [{ op: 'delete', collection: c, id: 'a' }], '3');
      expect(await store.get(c, 'a')).toBeNull();
      expect(await store.checkpoint('p')).toBe('3');
    });

    it('is idempotent when the same commit is applied twice', async () => {
      const c = collection();
      const writes = [{ op: 'put' as const, collection: c, doc: { id: 'a', v: 1 } }];
      await store.commit(`p-${c}`, writes, '5');
      await store.commit(`p-${c}`, writes, '5');
      expect(await store.count(c)).toBe(1);
      expect(await store.get(c, 'a')).toEqual({ id: 'a', v: 1 });
    });

    it('finds by equality and array membership, sorted, with keyset pagination', async () => {
      const c = collection();
      const docs = Array.from({ length: 7 }, (_, i) => ({
        id: `d${i}`,
        dept: i % 2 === 0 ? '生产部' : '研发中心',
        at: `2026-0${(i % 3) + 1}-01`,
        viewers: [`E${i}`, 'M1'],
        open: i < 3,
      }));
      await store.commit(
        `p-${c}`,
        docs.map((doc) => ({ op: 'put' as const, collection: c, doc })),
        '1',
      );

      const prod = await store.find(c, { where: { dept: '生产部' }, orderBy: { field: 'at', direction: 'asc' }, limit: 10 });
      expect(prod.map((d) => d.id)).toEqual(['d0', 'd6', 'd4', 'd2']);

      const seenByE3 = await store.find(c, {
        contains: { field: 'viewers', value: 'E3' },
        orderBy: { field: 'at', direction: 'asc' },
        limit: 10,
      });
      expect(seenByE3.map((d) => d.id)).toEqual(['d3']);

      const open = await store.find(c, { where: { open: true }, orderBy: { field: 'at', direction: 'asc' }, limit: 10 });
      expect(open.map((d) => d.id).sort()).toEqual(['d0', 'd1', 'd2']);

      const all: string[] = [];
      let after: { value: string; id: string } | undefined;
      for (;;) {
        const page = await store.find<{ id: string; at: string }>(c, {
          contains: { field: 'viewers', value: 'M1' },
          orderBy: { field: 'at', direction: 'desc' },
          after,
          limit: 3,
        });
        if (page.length === 0) break;
        all.push(...page.map((d) => d.id));
        const last = page[page.length - 1]!;
        after = { value: last.at, id: last.id };
      }
      expect(all).toEqual(['d5', 'd2', 'd4', 'd1', 'd6', 'd3', 'd0']);
      expect(await store.count(c, { dept: '研发中心' })).toBe(3);
      expect(await store.count(c, {}, { field: 'viewers', value: 'M1' })).toBe(7);
      expect(await store.count(c, { dept: '研发中心' }, { field: 'viewers', value: 'E3' })).toBe(1);
      expect(await store.count(c, { dept: '生产部' }, { field: 'viewers', value: 'E3' })).toBe(0);
    });

    it('resets a projection: its collections and checkpoint are gone, others stay', async () => {
      const c = collection();
      const keep = collection();
      await store.commit(`p-${c}`, [{ op: 'put', collection: c, doc: { id: 'a' } }], '9');
      await store.commit(`p-${keep}`, [{ op: 'put', collection: keep, doc: { id: 'k' } }], '4');
      await store.reset(`p-${c}`, [c]);
      expect(await store.checkpoint(`p-${c}`)).toBeNull();
      expect(await store.get(c, 'a')).toBeNull();
      expect(await store.get(keep, 'k')).toEqual({ id: 'k' });
      expect(await store.checkpoint(`p-${keep}`)).toBe('4');
    });

    it('commits only from the checkpoint the batch started from: a stale batch writes nothing', async () => {
      const c = collection();
      const projection = `p-${c}`;
      await store.commit(projection, [{ op: 'put', collection: c, doc: { id: 'a', v: 1 } }], '5', { expected: null });
      await store.commit(projection, [{ op: 'put', collection: c, doc: { id: 'a', v: 2 } }], '7', { expected: '5' });
      // A second projector that computed its batch from checkpoint 5 (or from nothing) is refused.
      for (const expected of ['5', null]) {
        const refusal = await store
          .commit(
            projection,
            [
              { op: 'put', collection: c, doc: { id: 'a', v: 99 } },
              { op: 'put', collection: c, doc: { id: 'b' } },
            ],
            '6',
            { expected },
          )
          .catch((e: unknown) => e);
        expect(refusal).toBeInstanceOf(CheckpointConflictError);
        expect(refusal).toMatchObject({ code: 'CHECKPOINT_CONFLICT', expected, actual: '7' });
      }
      expect(await store.checkpoint(projection)).toBe('7');
      expect(await store.get(c, 'a')).toEqual({ id: 'a', v: 2 });
      expect(await store.get(c, 'b')).toBeNull();
    });

    it('inserts a document only when its id is absent', async () => {
      const c = collection();
      expect(await store.insertIfAbsent(c, { id: 'k', by: 'A' })).toBe(true);
      expect(await store.insertIfAbsent(c, { id: 'k', by: 'B' })).toBe(false);
      const raced = await Promise.all(['C', 'D', 'E'].map((by) => store.insertIfAbsent(c, { id: 'r', by })));
      expect(raced.filter(Boolean)).toHaveLength(1);
      expect(await store.get(c, 'k')).toEqual({ id: 'k', by: 'A' });
      // Not a projection's collection: a reset of the projections leaves it.
      await store.reset(`p-${c}`, [collection()]);
      expect(await store.get(c, 'k')).toEqual({ id: 'k', by: 'A' });
    });

    it('keeps a lease for one holder until it expires or is released; a new holder gets the next epoch', async () => {
      const name = `lease-${collection()}`;
      const a = await store.lease(name, 'A', 60_000);
      expect(a).toMatchObject({ name, holder: 'A', epoch: 1 });
      expect(await store.lease(name, 'B', 60_000)).toMatchObject({ holder: 'A', epoch: 1 });
      const renewed = await store.lease(name, 'A', 60_000);
      expect(renewed).toMatchObject({ holder: 'A', epoch: 1 });
      expect(renewed.expiresAt).toBeGreaterThanOrEqual(a.expiresAt);
      await store.releaseLease(name, 'B'); // not B's: nothing changes
      expect(await store.lease(name, 'B', 60_000)).toMatchObject({ holder: 'A' });
      await store.releaseLease(name, 'A');
      expect(await store.lease(name, 'B', 50)).toMatchObject({ holder: 'B', epoch: 2 });
      await new Promise((r) => setTimeout(r, 80));
      // Expired: taken over by whoever asks first; concurrent askers agree on one holder.
      const askers = await Promise.all(['C', 'D'].map((holder) => store.lease(name, holder, 60_000)));
      expect(new Set(askers.map((l) => l.holder)).size).toBe(1);
      expect(askers[0]!.epoch).toBe(3);
    });
  });
}
