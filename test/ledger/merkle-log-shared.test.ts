/**
 * The Merkle log under several instances: signed checkpoints and cosignatures are kept in the
 * shared read-model store (merkle.db mirrors them), every instance checks the newest shared
 * checkpoint before it signs, two handles on one merkle.db stay one history, and a dropped
 * subscription is resumed instead of stopping the log.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signCheckpoint as signCheckpointNote } from '../../src/crypto/checkpoint';
import { Keyring } from '../../src/crypto/keyring';
import { leafHash, rootFromLeafHashes, verifyConsistency } from '../../src/crypto/merkle';
import { ed25519NoteSigner } from '../../src/crypto/signed-note';
import { Ledger } from '../../src/ledger/ledger';
import { CHECKPOINTS_COLLECTION, MerkleLog, type MerkleLogOptions, type StoredCheckpoint } from '../../src/ledger/merkle-log';
import type { StreamHead } from '../../src/ledger/seal';
import { SqliteReadModelStore } from '../../src/readmodel/sqlite-read-model-store';
import type { EventStore, RecordedEvent, SubscribeAllOptions, Subscription } from '../../src/store/event-store';
import { SqliteEventStore } from '../../src/store/sqlite-event-store';
import { draft, testKeyring } from '../support/sealed';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** An event log with its ledger; `dir` holds events.db. */
function eventLog(keyring: Keyring, dir = mkdtempSync(join(tmpdir(), 'merkle-shared-'))) {
  dirs.push(dir);
  const store = new SqliteEventStore(join(dir, 'events.db'), { pollIntervalMs: 20 });
  const ledger = new Ledger(store, keyring);
  const heads = new Map<string, StreamHead | null>();
  return {
    dir,
    store,
    /** Appends `count` events round-robin over 3 streams; the last position. */
    async append(count: number, prefix = 'interview-s') {
      let last = '';
      for (let i = 0; i < count; i++) {
        const stream = `${prefix}${i % 3}`;
        const result = await ledger.append(stream, heads.get(stream) ?? null, [draft('TestEvent', { i })]);
        heads.set(stream, { revision: result.nextRevision, hash: result.sealed[0]!.hash });
        last = result.position;
      }
      return last;
    },
  };
}

/** A shared read-model store, event logs and Merkle logs over them, all closed at the end. */
function fixture(keyring: Keyring = testKeyring()) {
  const dir = mkdtempSync(join(tmpdir(), 'merkle-shared-'));
  dirs.push(dir);
  const shared = new SqliteReadModelStore(join(dir, 'read-models.db'));
  const log = eventLog(keyring);
  const opened: MerkleLog[] = [];
  const stores: EventStore[] = [log.store];
  let at = Date.parse('2026-07-01T00:00:00.000Z');
  return {
    dir,
    shared,
    keyring,
    log,
    /** Another event log (another DATA_DIR's), e.g. one restored from an old backup. */
    otherLog(k: Keyring = keyring) {
      const other = eventLog(k);
      stores.push(other.store);
      return other;
    },
    merkle(file: string, options: Partial<MerkleLogOptions> = {}, store: EventStore = log.store, k: Keyring = keyring) {
      const merkle = new MerkleLog(store, k, {
        file: join(dir, file),
        shared,
        clock: () => new Date((at += 1000)),
        onError: () => undefined,
        ...options,
      });
      opened.push(merkle);
      return merkle;
    },
    async close() {
      for (const merkle of opened) await merkle.stop();
      for (const store of stores) await store.close();
      await shared.close();
    },
  };
}

const sizes = (checkpoints: readonly StoredCheckpoint[]) => checkpoints.map((c) => c.size);

describe('MerkleLog with a shared store', () => {
  it('keeps every instance’s checkpoints in the shared store: each instance answers the same list', async () => {
    const f = fixture();
    try {
      const a = f.merkle('a/merkle.db');
      const b = f.merkle('b/merkle.db');
      await Promise.all([a.start(), b.start()]);
      let last = await f.log.append(5);
      await Promise.all([a.waitFor(last), b.waitFor(last)]);
      const five = await a.signCheckpoint();
      // The same size signed by the other instance: the very same note (deterministic, no time in it).
      const again = await b.signCheckpoint();
      expect(again.note).toBe(five.note);
      expect(again.signedAt).toBe(five.signedAt); // the first one stays: the record is the shared one
      last = await f.log.append(4);
      await Promise.all([a.waitFor(last), b.waitFor(last)]);
      const nine = await b.signCheckpoint();
      expect(nine.size).toBe(9);
      await a.sync();
      expect(a.checkpoints()).toEqual(b.checkpoints());
      expect(sizes(a.checkpoints())).toEqual([9, 5]);
      expect(a.latestCheckpoint()).toEqual(nine);
      const docs = await f.shared.find(CHECKPOINTS_COLLECTION, { orderBy: { field: 'id', direction: 'asc' }, limit: 10 });
      expect(docs.map((d) => d.id)).toEqual(['0000000000000005', '0000000000000009']);
      expect(docs[1]).toMatchObject({ size: 9, note: nine.note, kid: nine.kid, signedAt: nine.signedAt });

      // A cosignature received by one instance is served by the other.
      expect(await a.addCosignature({ size: 9, witness: 'witness.example/w1', keyId: 7, timestamp: 1, line: '— w1 AAAA\n' })).toBe(true);
      expect(await b.addCosignature({ size: 9, witness: 'witness.example/w1', keyId: 7, timestamp: 2, line: '— w1 BBBB\n' })).toBe(false);
      await b.sync();
      expect(b.cosignatures(9)).toEqual(a.cosignatures(9));
      expect(b.cosignatures(9).map((c) => c.line)).toEqual(['— w1 AAAA\n']);
      expect(b.cosignedNote(nine)).toBe(nine.note + '— w1 AAAA\n');
      expect(a.error).toBeNull();
      expect(b.error).toBeNull();
    } finally {
      await f.close();
    }
  });

  it('mirrors what other instances sign and receive every syncIntervalMs, without being asked', async () => {
    const f = fixture();
    try {
      const a = f.merkle('a/merkle.db', { syncIntervalMs: 0 });
      const b = f.merkle('b/merkle.db', { syncIntervalMs: 20 });
      await Promise.all([a.start(), b.start()]);
      await a.waitFor(await f.log.append(4));
      const four = await a.signCheckpoint();
      await waitUntil(() => b.latestCheckpoint()?.size === 4);
      expect(b.latestCheckpoint()).toEqual(four);
      await a.addCosignature({ size: 4, witness: 'w:1', keyId: 3, timestamp: 1, line: '— w:1 DDDD\n' });
      await waitUntil(() => b.cosignatures(4).length === 1);
      expect(b.cosignatures(4)).toEqual(a.cosignatures(4));
    } finally {
      await f.close();
    }
  });

  it('rebuilds a lost merkle.db from the log (leaves) and the shared store (checkpoints, cosignatures)', async () => {
    const f = fixture();
    try {
      const first = f.merkle('merkle.db');
      await first.start();
      await first.waitFor(await f.log.append(7));
      await first.signCheckpoint();
      await first.waitFor(await f.log.append(6));
      const thirteen = await first.signCheckpoint();
      await first.addCosignature({ size: 13, witness: 'witness.example/w1', keyId: 1, timestamp: 9, line: '— w1 CCCC\n' });
      const checkpoints = first.checkpoints();
      const cosignatures = first.cosignatures(13);
      const root = b64(first.root());
      await first.stop();
      for (const suffix of ['', '-wal', '-shm']) rmSync(join(f.dir, `merkle.db${suffix}`), { force: true });

      const rebuilt = f.merkle('merkle.db');
      await rebuilt.start();
      expect(rebuilt.checkpoints()).toEqual(checkpoints);
      expect(rebuilt.cosignatures(13)).toEqual(cosignatures);
      expect(rebuilt.mostCosignedCheckpoint(0)).toEqual(thirteen);
      expect(await rebuilt.waitFor((await f.log.store.headPosition())!)).toBe(true);
      expect(b64(rebuilt.root())).toBe(root);
      // And signing goes on from there.
      expect(await rebuilt.signCheckpoint()).toEqual(thirteen);
      expect(rebuilt.error).toBeNull();
    } finally {
      await f.close();
    }
  });

  it('a new merkle.db takes the origin of the shared checkpoints, not a default from a rotated key', async () => {
    const f = fixture(Keyring.fromSeed(Buffer.alloc(32, 5), '2026-01-01T00:00:00.000Z'));
    try {
      const first = f.merkle('merkle.db');
      await first.start();
      await first.waitFor(await f.log.append(3));
      const signed = await first.signCheckpoint();
      await first.stop();
      rmSync(join(f.dir, 'merkle.db'));
      const rotated = Keyring.fromSeed(Buffer.alloc(32, 6), '2026-06-01T00:00:00.000Z', f.keyring.published);
      const after = f.merkle('merkle.db', {}, f.log.store, rotated);
      await after.start();
      expect(after.origin).toBe(signed.origin);
      expect(after.origin).not.toBe(`interview-ledger/${rotated.activeKid}`);
      // A configured origin that is not the shared checkpoints' is refused.
      const other = f.merkle('other/merkle.db', { origin: 'another.example/log' });
      await expect(other.start()).rejects.toMatchObject({ code: 'ORIGIN_MISMATCH' });
    } finally {
      await f.close();
    }
  });

  it('migrates checkpoints only merkle.db holds into the shared store', async () => {
    const f = fixture();
    try {
      const alone = f.merkle('merkle.db', { shared: undefined as never });
      await alone.start();
      await alone.waitFor(await f.log.append(4));
      const local = await alone.signCheckpoint();
      await alone.stop();
      expect(await f.shared.count(CHECKPOINTS_COLLECTION)).toBe(0);
      const withShared = f.merkle('merkle.db');
      await withShared.start();
      expect(await f.shared.get(CHECKPOINTS_COLLECTION, '0000000000000004')).toMatchObject({ size: 4, note: local.note });
    } finally {
      await f.close();
    }
  });

  describe('an event log restored from an old backup, with newer checkpoints in the shared store', () => {
    /** Signs checkpoints 6 and 10 of the log into the shared store; answers the restored log (the first `prefix` events). */
    async function signedThenRestored(f: ReturnType<typeof fixture>, prefix: number) {
      const original = f.merkle('original/merkle.db');
      await original.start();
      await original.waitFor(await f.log.append(6));
      await original.signCheckpoint();
      const backup = join(f.dir, 'backup-events.db');
      await new Database(join(f.log.dir, 'events.db'), { readonly: true }).backup(backup);
      await original.waitFor(await f.log.append(4));
      const ten = await original.signCheckpoint();
      await original.stop();
      const restored = f.otherLog();
      const db = new Database(join(restored.dir, 'events.db'));
      db.exec(`ATTACH '${backup}' AS b; INSERT INTO main.events SELECT * FROM b.events WHERE rowid <= ${prefix}`);
      db.close();
      return { ten, restored };
    }

    it('a prefix of the log and a new merkle.db: LOG_SHORTER, nothing signed', async () => {
      const f = fixture();
      try {
        const { ten, restored } = await signedThenRestored(f, 6);
        const errors: unknown[] = [];
        const merkle = f.merkle('fresh/merkle.db', { onError: (e) => errors.push(e) }, restored.store);
        await merkle.start();
        await merkle.waitFor((await restored.store.headPosition())!);
        expect(merkle.size).toBe(6);
        await expect(merkle.signCheckpoint()).rejects.toMatchObject({ code: 'LOG_SHORTER' });
        expect(errors).toEqual([expect.objectContaining({ code: 'LOG_SHORTER' })]); // reported
        // The log grows again, to past the signed size, with other events: still refused, never a new note.
        await restored.append(7, 'person-r');
        await expect(merkle.signCheckpoint()).rejects.toMatchObject({ code: 'LOG_SHORTER' });
        expect(await f.shared.count(CHECKPOINTS_COLLECTION)).toBe(2);
        expect(merkle.latestCheckpoint()).toEqual(ten);
        expect((await merkle.health()).failure).toMatch(/holds only 6/);
      } finally {
        await f.close();
      }
    });

    it('a prefix of the log and the old merkle.db: LOG_DIVERGED at start', async () => {
      const f = fixture();
      try {
        const { restored } = await signedThenRestored(f, 6);
        const merkle = f.merkle('original/merkle.db', {}, restored.store);
        await expect(merkle.start()).rejects.toMatchObject({ code: 'LOG_DIVERGED' });
        await expect(merkle.signCheckpoint()).rejects.toMatchObject({ code: 'LOG_DIVERGED' });
      } finally {
        await f.close();
      }
    });

    it('other events from some index on, longer than the signed size: CHECKPOINT_INCONSISTENT, nothing signed', async () => {
      const f = fixture();
      try {
        const { restored } = await signedThenRestored(f, 8);
        await restored.append(5, 'person-r'); // 13 events; 8..12 are not the ones checkpoint 10 signed
        const errors: unknown[] = [];
        const merkle = f.merkle('fresh/merkle.db', { onError: (e) => errors.push(e) }, restored.store);
        await merkle.start();
        await expect(merkle.signCheckpoint()).rejects.toMatchObject({ code: 'CHECKPOINT_INCONSISTENT' });
        expect(errors[0]).toMatchObject({ code: 'CHECKPOINT_INCONSISTENT' });
        expect(merkle.error).toMatchObject({ code: 'CHECKPOINT_INCONSISTENT' });
        expect(await f.shared.count(CHECKPOINTS_COLLECTION)).toBe(2);
        expect((await merkle.health()).following).toBe(false);
      } finally {
        await f.close();
      }
    });
  });

  it('refuses to sign when the shared store holds a validly signed checkpoint its tree contradicts', async () => {
    const f = fixture();
    try {
      const merkle = f.merkle('merkle.db');
      await merkle.start();
      await merkle.waitFor(await f.log.append(4));
      const origin = merkle.origin;
      const wrong = Buffer.alloc(32, 9);
      const note = signCheckpointNote({ origin, size: 3, rootHash: wrong }, ed25519NoteSigner(origin, f.keyring.signingKey().key));
      await f.shared.insertIfAbsent(CHECKPOINTS_COLLECTION, {
        id: '0000000000000003',
        size: 3,
        note,
        kid: f.keyring.activeKid,
        signedAt: 'x',
      });
      await expect(merkle.signCheckpoint()).rejects.toMatchObject({ code: 'CHECKPOINT_INCONSISTENT' });
      expect(await f.shared.count(CHECKPOINTS_COLLECTION)).toBe(1);
    } finally {
      await f.close();
    }
  });

  it('two MerkleLogs on one merkle.db following one event log, both signing: one consistent history', async () => {
    const f = fixture();
    try {
      const a = f.merkle('merkle.db', { batchSize: 3 });
      const b = f.merkle('merkle.db', { batchSize: 5 });
      await Promise.all([a.start(), b.start()]);
      const signed: StoredCheckpoint[] = [];
      for (let round = 0; round < 6; round++) {
        await f.log.append(3 + round);
        // Both sign now, whatever each has taken in so far: sizes differ, the history is one.
        signed.push(...(await Promise.all([a.signCheckpoint(), b.signCheckpoint()])));
      }
      const last = (await f.log.store.headPosition())!;
      await Promise.all([a.waitFor(last), b.waitFor(last)]);
      signed.push(await a.signCheckpoint(), await b.signCheckpoint());
      await Promise.all([a.sync(), b.sync()]);
      expect(a.checkpoints()).toEqual(b.checkpoints());
      const bodies = (await f.log.store.readAll()).map((e) => e.body);
      for (const c of a.checkpoints()) expect(b64(c.rootHash)).toBe(b64(rootFromLeafHashes(bodies.slice(0, c.size).map(leafHash))));
      const list = [...a.checkpoints()].reverse();
      for (let i = 1; i < list.length; i++) {
        const [older, newer] = [list[i - 1]!, list[i]!];
        expect(
          verifyConsistency(older.size, newer.size, older.rootHash, newer.rootHash, a.consistencyProof(older.size, newer.size)),
        ).toEqual({
          ok: true,
        });
      }
      expect(list[list.length - 1]!.size).toBe(bodies.length);
      expect(new Set(signed.map((c) => c.note)).size).toBe(list.length);
      const rows = new Database(join(f.dir, 'merkle.db'), { readonly: true }).prepare('SELECT count(*) AS n FROM leaves').get();
      expect(rows).toEqual({ n: bodies.length });
      expect(await f.shared.count(CHECKPOINTS_COLLECTION)).toBe(list.length);
      expect(a.error).toBeNull();
      expect(b.error).toBeNull();
    } finally {
      await f.close();
    }
  });

  it('a leaf that another handle wrote differently is LOG_DIVERGED, not overwritten', async () => {
    const f = fixture();
    try {
      const a = f.merkle('merkle.db');
      await a.start();
      await a.waitFor(await f.log.append(3));
      await a.stop();
      const db = new Database(join(f.dir, 'merkle.db'));
      db.prepare('DELETE FROM leaves WHERE leaf_index = 2').run();
      db.close();
      const b = f.merkle('merkle.db');
      b.open(); // two leaves
      const raw = new Database(join(f.dir, 'merkle.db'));
      raw.prepare("INSERT INTO leaves VALUES (2, 'elsewhere', 'other-stream', 0, ?)").run(Buffer.alloc(32, 1));
      raw.close();
      await b.start();
      await expect(b.signCheckpoint()).rejects.toMatchObject({ code: 'LOG_DIVERGED' });
      expect(b.error).toMatchObject({ code: 'LOG_DIVERGED' });
    } finally {
      await f.close();
    }
  });
});

/** The embedded store, but its first subscription fails once on demand, as a dropped EventStoreDB subscription does. */
class FlakyStore implements EventStore {
  readonly name = 'flaky';
  subscriptions = 0;
  private failFirst: ((error: unknown) => void) | null = null;
  constructor(private readonly inner: SqliteEventStore) {}
  append: EventStore['append'] = (...args) => this.inner.append(...args);
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  lastEvent: EventStore['lastEvent'] = (...args) => this.inner.lastEvent(...args);
  readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  countAfter: EventStore['countAfter'] = (...args) => this.inner.countAfter(...args);
  comparePositions: EventStore['comparePositions'] = (a, b) => this.inner.comparePositions(a, b);
  close = () => this.inner.close();
  subscribeAll(options: SubscribeAllOptions, handler: (event: RecordedEvent) => Promise<void> | void): Subscription {
    this.subscriptions++;
    const inner = this.inner.subscribeAll(options, handler);
    if (this.subscriptions === 1) {
      this.failFirst = (error) => {
        // The stream ends with an error: no more deliveries, then onError.
        void inner.unsubscribe().then(() => options.onError?.(error));
      };
    }
    return inner;
  }
  /** Ends the first subscription with `error`; resolves once onError was called. */
  async drop(error: unknown): Promise<void> {
    this.failFirst!(error);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('MerkleLog when the event store drops its subscription', () => {
  it('resubscribes from its last leaf with backoff, says it is stalled meanwhile, and signs again after', async () => {
    const f = fixture();
    const flaky = new FlakyStore(f.log.store);
    try {
      const errors: unknown[] = [];
      const merkle = f.merkle('merkle.db', { retryDelayMs: 20, onError: (e) => errors.push(e) }, flaky);
      await merkle.start();
      await merkle.waitFor(await f.log.append(5));
      expect((await merkle.health()).following).toBe(true);
      const unavailable = Object.assign(new Error('14 UNAVAILABLE: Connection dropped'), { code: 14 });
      await flaky.drop(unavailable);
      expect(errors).toEqual([unavailable]); // reported
      expect(merkle.error).toBeNull(); // not a permanent failure
      expect(merkle.stalledSince).not.toBeNull();
      const stalled = await merkle.health();
      expect(stalled).toMatchObject({ following: false, lastError: '14 UNAVAILABLE: Connection dropped', failure: null });
      expect(stalled.stalledSince).toEqual(expect.any(String));

      // Events appended meanwhile are taken in once resubscribed, none skipped, none twice.
      const last = await f.log.append(6);
      expect(await merkle.waitFor(last)).toBe(true);
      expect(flaky.subscriptions).toBe(2);
      expect(merkle.size).toBe(11);
      const bodies = (await f.log.store.readAll()).map((e) => e.body);
      expect(b64(merkle.root())).toBe(b64(rootFromLeafHashes(bodies.map(leafHash))));
      expect(merkle.stalledSince).toBeNull();
      expect(await merkle.health()).toMatchObject({ following: true, behind: 0, stalledSince: null, failure: null });
      expect((await merkle.signCheckpoint()).size).toBe(11);
    } finally {
      await f.close();
    }
  });

  it('on an idle log, is back once the new subscription held and nothing is left to deliver', async () => {
    const f = fixture();
    const flaky = new FlakyStore(f.log.store);
    try {
      const merkle = f.merkle('merkle.db', { retryDelayMs: 10 }, flaky);
      await merkle.start();
      await merkle.waitFor(await f.log.append(3));
      await flaky.drop(new Error('stream ended'));
      expect(merkle.stalledSince).not.toBeNull();
      await waitUntil(() => merkle.stalledSince === null);
      expect(flaky.subscriptions).toBe(2);
      expect(await merkle.health()).toMatchObject({ following: true, behind: 0, lastError: 'stream ended', failure: null });
      expect(merkle.size).toBe(3);
    } finally {
      await f.close();
    }
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
