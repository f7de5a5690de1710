/**
 * The projector under failure and beside other instances, on the embedded stores: a failed
 * batch is never skipped, one instance projects while the others follow the shared checkpoint,
 * a stale instance's commit is refused, every instance hears every change, and the lease moves
 * when its holder is gone.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '../../src/crypto/keyring';
import { Ledger, type LedgerEvent } from '../../src/ledger/ledger';
import type { Change, Projection, ProjectionTx } from '../../src/projections/projection';
import { CHECKPOINT_NAME, PROJECTOR_LEASE, Projector } from '../../src/projections/projector';
import { CheckpointConflictError, type Doc } from '../../src/readmodel/read-model-store';
import { SqliteReadModelStore } from '../../src/readmodel/sqlite-read-model-store';
import { SqliteEventStore } from '../../src/store/sqlite-event-store';

const COUNTS = 'test_counts';

/** Counts events per stream; `failOn` makes the apply of one event type throw while `failing()` says so. */
function countingProjection(failOn?: { type: string; failing: () => boolean }): Projection & { failures: number } {
  const projection = {
    name: 'counts',
    collections: [COUNTS],
    failures: 0,
    async apply(event: LedgerEvent, tx: ProjectionTx): Promise<Change | void> {
      if (failOn && event.body.type === failOn.type && failOn.failing()) {
        projection.failures += 1;
        throw new Error(`projection failed on ${event.body.type}`);
      }
      const doc = (await tx.get<Doc & { n: number; last: number }>(COUNTS, event.body.stream)) ?? { id: event.body.stream, n: 0, last: -1 };
      // Exactly once, in order: a skipped or repeated event shows as a wrong count or order.
      if (event.body.revision !== doc.last + 1)
        throw new Error(`stream ${event.body.stream}: revision ${event.body.revision} after ${doc.last}`);
      tx.put(COUNTS, { ...doc, n: doc.n + 1, last: event.body.revision });
      return { kind: 'count', id: event.body.stream, viewers: [], eventType: event.body.type, position: event.position };
    },
  };
  return projection;
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'projector-'));
  const store = new SqliteEventStore(join(dir, 'events.db'), { pollIntervalMs: 20 });
  const ledger = new Ledger(store, Keyring.fromSeed(new Uint8Array(32).fill(7), '2026-01-01T00:00:00Z'));
  const heads = new Map<string, { revision: number; hash: string } | null>();
  const append = async (stream: string, type = 'Counted') => {
    const head = heads.get(stream) ?? (await ledger.head(stream));
    const at = new Date().toISOString();
    const result = await ledger.append(stream, head, [
      { id: randomUUID(), type, data: {}, meta: { actor: 'system', roles: [], ip: '127.0.0.1', at, commandId: randomUUID() } },
    ]);
    heads.set(stream, await ledger.head(stream));
    return result.position;
  };
  const openReadModels = () => new SqliteReadModelStore(join(dir, 'read.db'));
  return { dir, store, append, openReadModels };
}

const quick = { leaseTtlMs: 300, pollMs: 20, retryMs: 20, maxRetryMs: 100, onError: () => undefined };

describe('projector', () => {
  it('never skips a failed batch: it retries from the committed checkpoint until the batch commits', async () => {
    const { store, append, openReadModels } = setup();
    const readModels = openReadModels();
    let broken = true;
    const projection = countingProjection({ type: 'Poison', failing: () => broken });
    const errors: unknown[] = [];
    const projector = new Projector(store, readModels, [projection], { ...quick, onError: (e) => errors.push(e) });
    await projector.start();
    await append('s1');
    const before = await append('s1');
    expect(await projector.waitFor(before, 2000)).toBe(true);
    await append('s1', 'Poison');
    const after = await append('s2');
    // While the batch holding the poison event fails, nothing of it or after it is committed,
    // and waiting for a later event does not report success.
    expect(await projector.waitFor(after, 500)).toBe(false);
    expect(projection.failures).toBeGreaterThanOrEqual(2);
    expect(projector.health()).toMatchObject({ role: 'leading', failing: true, lastError: 'projection failed on Poison' });
    expect(await readModels.checkpoint(CHECKPOINT_NAME)).toBe(before);
    expect(await readModels.get(COUNTS, 's2')).toBeNull();
    broken = false;
    expect(await projector.waitFor(after, 5000)).toBe(true);
    expect(errors).toHaveLength(projection.failures);
    expect(await readModels.get(COUNTS, 's1')).toMatchObject({ n: 3, last: 2 });
    expect(await readModels.get(COUNTS, 's2')).toMatchObject({ n: 1, last: 0 });
    expect(projector.health()).toMatchObject({ role: 'leading', failing: false, consecutiveFailures: 0 });
    await projector.stop();
    await readModels.close();
    await store.close();
  });

  it('one instance projects, another follows the shared checkpoint and hears every change; the lease moves when the holder stops', async () => {
    const { store, append, openReadModels } = setup();
    const [rmA, rmB] = [openReadModels(), openReadModels()];
    const a = new Projector(store, rmA, [countingProjection()], { ...quick, instanceId: 'A' });
    const b = new Projector(store, rmB, [countingProjection()], { ...quick, instanceId: 'B' });
    await a.start();
    await b.start();
    expect(a.health().role).toBe('leading');
    expect(b.health().role).toBe('following');
    const heardByB: Change[] = [];
    const heardByA: Change[] = [];
    b.onChange((c) => heardByB.push(c));
    a.onChange((c) => heardByA.push(c));
    let last = '';
    for (let i = 0; i < 10; i++) last = await append(`s${i % 3}`);
    // Read-your-writes on the follower: it resolves once the shared checkpoint covers the event.
    expect(await b.waitFor(last, 3000)).toBe(true);
    expect(await rmB.get(COUNTS, 's0')).toMatchObject({ n: 4 });
    expect(heardByB.map((c) => c.position)).toEqual(heardByA.map((c) => c.position));
    expect(heardByB).toHaveLength(10);

    // A clean stop gives the lease up: B takes over at its next renewal and goes on from the checkpoint.
    await a.stop();
    await new Promise((r) => setTimeout(r, 250));
    expect(b.health().role).toBe('leading');
    const more = await append('s0');
    expect(await b.waitFor(more, 3000)).toBe(true);
    expect(await rmB.get(COUNTS, 's0')).toMatchObject({ n: 5, last: 4 });
    expect(heardByB).toHaveLength(11);
    expect(await rmB.lease(PROJECTOR_LEASE, 'C', 1000)).toMatchObject({ holder: 'B', epoch: 2 });
    await b.stop();
    await Promise.all([rmA.close(), rmB.close()]);
    await store.close();
  });

  it('takes over a lease that lapsed, and a stale instance cannot commit over the newer state', async () => {
    const { store, append, openReadModels } = setup();
    const rm = openReadModels();
    // "A" held the lease and vanished without giving it up (a kill -9 on another machine).
    await rm.lease(PROJECTOR_LEASE, 'A', 200);
    const b = new Projector(store, rm, [countingProjection()], { ...quick, instanceId: 'B' });
    await b.start();
    expect(b.health().role).toBe('following');
    const first = await append('s');
    await new Promise((r) => setTimeout(r, 400));
    expect(b.health().role).toBe('leading');
    expect(await b.waitFor(first, 3000)).toBe(true);
    // A stale writer that computed a batch from the state before `first` is refused; nothing changes.
    const refusal = await rm
      .commit(CHECKPOINT_NAME, [{ op: 'put', collection: COUNTS, doc: { id: 's', n: 99, last: 99 } }], first, { expected: null })
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(CheckpointConflictError);
    expect(await rm.get(COUNTS, 's')).toMatchObject({ n: 1, last: 0 });
    await b.stop();
    await rm.close();
    await store.close();
  });

  it('two instances racing for one store end with every event applied exactly once', async () => {
    const { store, append, openReadModels } = setup();
    const stores = [openReadModels(), openReadModels(), openReadModels()];
    const projectors = stores.map((rm, i) => new Projector(store, rm, [countingProjection()], { ...quick, instanceId: `P${i}` }));
    await Promise.all(projectors.map((p) => p.start()));
    let last = '';
    for (let i = 0; i < 40; i++) {
      last = await append(`s${i % 4}`);
      // Leadership moves during the run: the leader steps down cleanly every 10 events.
      if (i % 10 === 9) {
        const leader = projectors.findIndex((p) => p.health().role === 'leading');
        if (leader >= 0) {
          await projectors[leader]!.stop();
          await projectors[leader]!.start();
        }
      }
    }
    for (const p of projectors) expect(await p.waitFor(last, 5000)).toBe(true);
    for (let s = 0; s < 4; s++) expect(await stores[0]!.get(COUNTS, `s${s}`)).toMatchObject({ n: 10, last: 9 });
    expect(projectors.filter((p) => p.health().role === 'leading')).toHaveLength(1);
    await Promise.all(projectors.map((p) => p.stop()));
    await Promise.all(stores.map((rm) => rm.close()));
    await store.close();
  });
});
