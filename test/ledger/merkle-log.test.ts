/**
 * The global Merkle log over a real embedded event store: the tree is exactly the RFC 9162 tree
 * of the event bodies in commit order, survives restarts, proves inclusion and consistency
 * against its own signed checkpoints, signs periodically, and refuses to sign for a log it
 * does not match.
 */
import Database from 'better-sqlite3';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCheckpoint, signCheckpoint as signCheckpointNote } from '../../src/crypto/checkpoint';
import { Keyring } from '../../src/crypto/keyring';
import { leafHash, rootFromLeafHashes, verifyConsistency, verifyInclusion } from '../../src/crypto/merkle';
import { ed25519NoteSigner, parseVerifierKey } from '../../src/crypto/signed-note';
import { Ledger } from '../../src/ledger/ledger';
import {
  MerkleLog,
  MerkleLogError,
  readStoredCheckpoints,
  type MerkleLogOptions,
  type StoredCheckpoint,
} from '../../src/ledger/merkle-log';
import { sealEvents, type StreamHead } from '../../src/ledger/seal';
import { verifyLedger } from '../../src/ledger/verify-ledger';
import { createApp, loadKeyring } from '../../src/server/app';
import { loadConfig, paths } from '../../src/server/config';
import type { RecordedEvent } from '../../src/store/event-store';
import { SqliteEventStore } from '../../src/store/sqlite-event-store';
import { runTs } from '../support/run-ts';
import { draft, testKeyring } from '../support/sealed';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** A fresh data directory with an event store, a ledger and helpers to write and follow it. */
function fixture(keyring: Keyring = testKeyring()) {
  const dir = mkdtempSync(join(tmpdir(), 'merkle-'));
  const store = new SqliteEventStore(join(dir, 'events.db'), { pollIntervalMs: 20 });
  const ledger = new Ledger(store, keyring);
  const heads = new Map<string, StreamHead | null>();
  const logs: MerkleLog[] = [];
  let at = Date.parse('2026-07-01T00:00:00.000Z');
  const clock = () => new Date(at);
  return {
    dir,
    store,
    keyring,
    clock,
    advance: (ms: number) => (at += ms),
    merkleFile: join(dir, 'merkle.db'),
    /** Appends `count` events, round-robin over `streams` streams (one event per append). */
    async append(count: number, streams = 3, prefix = 'interview-m') {
      let last = '';
      for (let i = 0; i < count; i++) {
        const stream = `${prefix}${i % streams}`;
        const result = await ledger.append(stream, heads.get(stream) ?? null, [draft('TestEvent', { i, text: '面谈记录 '.repeat(i % 5) })]);
        heads.set(stream, { revision: result.nextRevision, hash: result.sealed[0]!.hash });
        last = result.position;
      }
      return last;
    },
    /** Every event body in commit order. */
    async bodies() {
      return (await store.readAll()).map((e) => e.body);
    },
    log(options: Partial<MerkleLogOptions> = {}) {
      const log = new MerkleLog(store, keyring, { file: join(dir, 'merkle.db'), clock, onError: () => undefined, ...options });
      logs.push(log);
      return log;
    },
    async close() {
      for (const log of logs) await log.stop();
      await store.close();
    },
  };
}

describe('MerkleLog', () => {
  it('is the RFC 9162 tree of the event bodies in commit order, live and after a restart', async () => {
    const f = fixture();
    try {
      await f.append(40);
      const log = f.log();
      await log.start();
      let last = await f.append(30, 4, 'person-p');
      expect(await log.waitFor(last)).toBe(true);
      const bodies = await f.bodies();
      expect(log.size).toBe(70);
      expect(b64(log.root())).toBe(b64(rootFromLeafHashes(bodies.map(leafHash))));
      // Every prefix, not only the whole tree.
      for (const size of [0, 1, 2, 3, 31, 32, 33, 69])
        expect(b64(log.root(size))).toBe(b64(rootFromLeafHashes(bodies.slice(0, size).map(leafHash))));
      const rootAt70 = b64(log.root());
      await log.stop();

      // While it is stopped the log grows; a new instance reloads the 70 stored leaves, then follows.
      last = await f.append(25);
      const again = f.log();
      again.open();
      expect(again.size).toBe(70);
      expect(b64(again.root())).toBe(rootAt70);
      await again.start();
      expect(await again.waitFor(last)).toBe(true);
      expect(again.size).toBe(95);
      const all = await f.bodies();
      expect(b64(again.root())).toBe(b64(rootFromLeafHashes(all.map(leafHash))));
      const rows = new Database(f.merkleFile, { readonly: true }).prepare('SELECT count(*) AS n, max(leaf_index) AS m FROM leaves').get();
      expect(rows).toEqual({ n: 95, m: 94 });
    } finally {
      await f.close();
    }
  });

  it('maps events to leaf indexes', async () => {
    const f = fixture();
    try {
      await f.append(10);
      const log = f.log();
      await log.start();
      const events = await f.store.readAll();
      await log.waitFor(events[9]!.position);
      events.forEach((event, index) => {
        expect(log.leafIndexOf(event.position)).toBe(index);
        expect(log.leafIndexOfEvent(event.stream, event.revision)).toBe(index);
        expect(log.leaf(index)).toMatchObject({ index, position: event.position, stream: event.stream, revision: event.revision });
        expect(log.leaf(index)!.leafHash.equals(leafHash(event.body))).toBe(true);
      });
      expect(log.leafIndexOf('999999')).toBeUndefined();
      expect(log.leafIndexOfEvent('interview-m0', 99)).toBeUndefined();
      expect(log.leaf(10)).toBeUndefined();
      expect(await log.waitFor('999999', 50)).toBe(false);
    } finally {
      await f.close();
    }
  });

  it('proves every event included under a signed checkpoint, and consistency between checkpoints', async () => {
    const f = fixture();
    try {
      const log = f.log();
      await log.start();
      await log.waitFor(await f.append(13));
      const first = await log.signCheckpoint();
      expect(first).toMatchObject({ size: 13, origin: log.origin, kid: f.keyring.activeKid, signedAt: '2026-07-01T00:00:00.000Z' });
      // The note verifies with the published verifier keys, and says what the record says.
      const verifiers = log.verifierKeys().map(parseVerifierKey);
      const opened = openCheckpoint(first.note, verifiers, { origin: log.origin });
      expect(opened.checkpoint.size).toBe(13);
      expect(b64(opened.checkpoint.rootHash)).toBe(b64(first.rootHash));

      const events = await f.store.readAll();
      for (let i = 0; i < events.length; i++) {
        const proof = log.inclusionProof(i, first.size);
        expect(verifyInclusion(leafHash(events[i]!.body), i, first.size, proof, first.rootHash)).toEqual({ ok: true });
        // The proof is for this event only.
        const other = events[(i + 1) % events.length]!;
        expect(verifyInclusion(leafHash(other.body), i, first.size, proof, first.rootHash).ok).toBe(false);
      }

      f.advance(60_000);
      await log.waitFor(await f.append(20));
      const second = await log.signCheckpoint();
      expect(second.size).toBe(33);
      expect(second.signedAt).toBe('2026-07-01T00:01:00.000Z');
      const proof = log.consistencyProof(first.size, second.size);
      expect(verifyConsistency(first.size, second.size, first.rootHash, second.rootHash, proof)).toEqual({ ok: true });
      // A rewritten history (an old root that is not a prefix of the new tree) fails.
      const forged = Buffer.from(first.rootHash);
      forged[0] = forged[0]! ^ 1;
      expect(verifyConsistency(first.size, second.size, forged, second.rootHash, proof).ok).toBe(false);

      // Signing again at the same size returns the stored checkpoint; the store lists them.
      expect(await log.signCheckpoint()).toEqual(second);
      expect(log.latestCheckpoint()).toEqual(second);
      expect(log.latestCheckpoint(32)).toEqual(first);
      expect(log.checkpointAt(13)).toEqual(first);
      expect(log.checkpointAt(14)).toBeNull();
      expect(log.checkpoints().map((c) => c.size)).toEqual([33, 13]);
      expect(log.checkpoints({ beforeSize: 33 }).map((c) => c.size)).toEqual([13]);
      expect(readStoredCheckpoints(f.merkleFile)).toEqual({
        origin: log.origin,
        checkpoints: [first, second].map(({ size, note, kid, signedAt }) => ({ size, note, kid, signedAt })),
      });
    } finally {
      await f.close();
    }
  });

  it('signs periodically, only when the log grew', async () => {
    const f = fixture();
    try {
      const log = f.log({ checkpointIntervalMs: 40 });
      await log.start();
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(log.latestCheckpoint()).toBeNull(); // nothing to commit to yet
      await f.append(5); // a tick may land between these appends: then it signs a smaller size first
      await waitUntil(() => log.latestCheckpoint()?.size === 5);
      const atFive = log.checkpoints().map((c) => c.size);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(log.checkpoints().map((c) => c.size)).toEqual(atFive); // no growth, no new checkpoint
      await f.append(3);
      await waitUntil(() => log.latestCheckpoint()?.size === 8);
      const sizes = log.checkpoints().map((c) => c.size);
      expect(sizes.slice(-atFive.length)).toEqual(atFive);
      expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
      expect(new Set(sizes).size).toBe(sizes.length);
      await log.stop();
      await f.append(2);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(
        readStoredCheckpoints(f.merkleFile)!
          .checkpoints.map((c) => c.size)
          .reverse(),
      ).toEqual(sizes); // the timer stopped with it
    } finally {
      await f.close();
    }
  });

  it('catches up without following live, for one-shot scripts, beside a live instance', async () => {
    const f = fixture();
    try {
      await f.append(12);
      const server = f.log();
      await server.start();
      const last = await f.append(8);
      const script = f.log();
      // It reloads what the server already stored, then reads only the rest from the log.
      const added = await script.catchUp();
      expect(script.size).toBe(20);
      expect(added).toBeLessThanOrEqual(20);
      const note = await script.signCheckpoint();
      expect(note.size).toBe(20);
      expect(await server.waitFor(last)).toBe(true);
      // Both wrote the same leaves into the same merkle.db; the server sees the script's checkpoint.
      expect(b64(server.root())).toBe(b64(note.rootHash));
      expect(server.latestCheckpoint()).toEqual(note);
      expect(await server.signCheckpoint()).toEqual(note);
      expect(server.error).toBeNull();
    } finally {
      await f.close();
    }
  });

  it('keeps its origin: configurable for a new log, refused when it changes', async () => {
    const f = fixture();
    try {
      const log = f.log({ origin: 'ledger.example.com/interviews' });
      await log.start();
      await log.waitFor(await f.append(2));
      const checkpoint = await log.signCheckpoint();
      expect(checkpoint.note.startsWith('ledger.example.com/interviews\n2\n')).toBe(true);
      expect(checkpoint.note).toContain('\n— ledger.example.com/interviews ');
      await log.stop();
      expect(() => f.log({ origin: 'another.example/log' }).open()).toThrow(expect.objectContaining({ code: 'ORIGIN_MISMATCH' }));
      const reopened = f.log();
      reopened.open();
      expect(reopened.origin).toBe('ledger.example.com/interviews');
      expect(() => f.log({ file: join(f.dir, 'other.db'), origin: 'bad origin' }).open()).toThrow(
        expect.objectContaining({ code: 'ORIGIN_MISMATCH' }),
      );
      const fresh = f.log({ file: join(f.dir, 'default.db') });
      fresh.open();
      expect(fresh.origin).toBe(`interview-ledger/${f.keyring.activeKid}`);
    } finally {
      await f.close();
    }
  });

  it('never extends or signs a merkle.db that belongs to another event log', async () => {
    const a = fixture();
    const b = fixture();
    try {
      const log = a.log();
      await log.start();
      await log.waitFor(await a.append(6));
      await log.stop();
      await b.append(6); // same keys, same streams, other events (fresh ids)
      const stranger = new MerkleLog(b.store, b.keyring, { file: a.merkleFile, onError: () => undefined });
      await expect(stranger.start()).rejects.toMatchObject({ code: 'LOG_DIVERGED' });
      await expect(stranger.signCheckpoint()).rejects.toMatchObject({ code: 'LOG_DIVERGED' });
      await stranger.stop();
      // A log that is shorter than merkle.db (events deleted from the end).
      const c = fixture();
      try {
        await c.append(3);
        const truncated = new MerkleLog(c.store, c.keyring, { file: a.merkleFile, onError: () => undefined });
        await expect(truncated.catchUp()).rejects.toBeInstanceOf(MerkleLogError);
        await truncated.stop();
      } finally {
        await c.close();
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('refuses to sign when a stored checkpoint does not match the tree', async () => {
    const f = fixture();
    try {
      const log = f.log();
      await log.start();
      await log.waitFor(await f.append(9));
      const good = await log.signCheckpoint();
      await log.stop();
      // A validly signed checkpoint whose root is not this log's (a rewritten history).
      const origin = good.origin;
      const wrongRoot = Buffer.from(good.rootHash);
      wrongRoot[31] = wrongRoot[31]! ^ 0xff;
      const forged = signCheckpointNote({ origin, size: 9, rootHash: wrongRoot }, ed25519NoteSigner(origin, f.keyring.signingKey().key));
      const db = new Database(f.merkleFile);
      db.prepare('UPDATE checkpoints SET note = ? WHERE tree_size = 9').run(forged);
      db.close();
      const errors: unknown[] = [];
      const reopened = f.log({ onError: (e) => errors.push(e) });
      expect(() => reopened.open()).toThrow(expect.objectContaining({ code: 'CHECKPOINT_INCONSISTENT' }));
      expect(errors).toHaveLength(1);
    } finally {
      await f.close();
    }
  });

  it('reports a damaged merkle.db instead of loading a wrong tree', async () => {
    const f = fixture();
    try {
      const log = f.log();
      await log.start();
      await log.waitFor(await f.append(5));
      await log.stop();
      const db = new Database(f.merkleFile);
      db.prepare('DELETE FROM leaves WHERE leaf_index = 2').run();
      db.close();
      expect(() => f.log().open()).toThrow(expect.objectContaining({ code: 'CORRUPT_STORE' }));
    } finally {
      await f.close();
    }
  });

  it('signs with the active key after a rotation, and old checkpoints still verify', async () => {
    const f = fixture(Keyring.fromSeed(Buffer.alloc(32, 3), '2026-01-01T00:00:00.000Z'));
    try {
      const log = f.log();
      await log.start();
      await log.waitFor(await f.append(4));
      const before = await log.signCheckpoint();
      await log.stop();
      const rotated = Keyring.fromSeed(Buffer.alloc(32, 4), '2026-06-01T00:00:00.000Z', f.keyring.published);
      const after = new MerkleLog(f.store, rotated, { file: f.merkleFile, onError: () => undefined });
      await after.start();
      await after.waitFor(
        await new Ledger(f.store, rotated)
          .append('interview-m0', await new Ledger(f.store, rotated).head('interview-m0'), [draft('TestEvent')])
          .then((r) => r.position),
      );
      const later = await after.signCheckpoint();
      expect(later.kid).toBe(rotated.activeKid);
      expect(later.kid).not.toBe(before.kid);
      const verifiers = after.verifiers();
      expect(verifiers).toHaveLength(2);
      for (const c of [before, later]) expect(openCheckpoint(c.note, verifiers, { origin: after.origin }).checkpoint.size).toBe(c.size);
      await after.stop();
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

describe('whole-ledger verification against the signed checkpoints', () => {
  const source = mkdtempSync(join(tmpdir(), 'merkle-verify-'));
  let signed: StoredCheckpoint[];
  let events: RecordedEvent[];

  /** A private copy of the signed ledger to damage, with its keys. */
  function damaged(damage: (db: { events: Database.Database; merkle: Database.Database; keyring: Keyring }) => void): string {
    const dataDir = mkdtempSync(join(tmpdir(), 'merkle-damaged-'));
    cpSync(source, dataDir, { recursive: true });
    const files = paths({ dataDir });
    const db = {
      events: new Database(files.events),
      merkle: new Database(files.merkle),
      keyring: Keyring.loadOrCreate(files.ledgerKeys, () => new Date()),
    };
    try {
      damage(db);
    } finally {
      db.events.close();
      db.merkle.close();
    }
    return dataDir;
  }

  async function verify(dataDir: string) {
    const config = loadConfig({ DATA_DIR: dataDir });
    const store = new SqliteEventStore(paths(config).events);
    try {
      const stored = readStoredCheckpoints(paths(config).merkle)!;
      return await verifyLedger(store, loadKeyring(config), {
        workers: 1,
        checkpoints: { origin: stored.origin, checkpoints: stored.checkpoints },
      });
    } finally {
      await store.close();
    }
  }

  /** A validly signed checkpoint note by the ledger key, for any size and root. */
  const forgedNote = (keyring: Keyring, size: number, rootHash: Uint8Array) =>
    signCheckpointNote({ origin: signed[0]!.origin, size, rootHash }, ed25519NoteSigner(signed[0]!.origin, keyring.signingKey().key));

  beforeAll(async () => {
    // No projector: these test events are not domain events.
    const app = await createApp(loadConfig({ DATA_DIR: source, JWT_SECRET: 'x', CHECKPOINT_INTERVAL_MS: '0' }), { startProjector: false });
    await app.merkle.start();
    const heads = new Map<string, StreamHead | null>();
    const append = async (count: number) => {
      let position = '';
      for (let i = 0; i < count; i++) {
        const stream = `interview-v${i % 4}`;
        const result = await app.ledger.append(stream, heads.get(stream) ?? null, [draft('InterviewSectionEdited', { i, ip: '10.0.0.1' })]);
        heads.set(stream, { revision: result.nextRevision, hash: result.sealed[0]!.hash });
        position = result.position;
      }
      expect(await app.merkle.waitFor(position)).toBe(true);
    };
    await append(11);
    // One stream with a single event under the first checkpoint: rewritable without breaking a chain.
    const solo = await app.ledger.append('interview-solo', null, [draft('InterviewScheduled', { ip: '10.0.0.1' })]);
    expect(await app.merkle.waitFor(solo.position)).toBe(true);
    const first = await app.merkle.signCheckpoint();
    await append(8);
    const second = await app.merkle.signCheckpoint();
    await append(2); // beyond the last checkpoint
    signed = [first, second];
    expect(signed.map((c) => c.size)).toEqual([12, 20]);
    events = await app.store.readAll();
    expect(events).toHaveLength(22);
    await app.close();
  });

  it('passes an untouched ledger and reports the Merkle root', async () => {
    const report = await verify(source);
    expect(report.firstFailure).toBeUndefined();
    expect(report).toMatchObject({
      ok: true,
      events: 22,
      checkpoints: 2,
      merkleRoot: b64(rootFromLeafHashes(events.map((e) => leafHash(e.body)))),
    });
    const cli = await runTs('scripts/verify-ledger.ts', [], { DATA_DIR: source, JWT_SECRET: 'x' });
    expect(cli.stdout).toContain('2 signed checkpoint(s) match');
    expect(cli.code).toBe(0);
  }, 60_000);

  it('names the first bad event when a body byte changed under a checkpoint', async () => {
    const target = events[5]!; // under both checkpoints
    const dataDir = damaged(({ events: db }) => {
      const body = Buffer.from(target.body);
      body[body.indexOf('10.0.0.1')] = '9'.charCodeAt(0);
      db.prepare('UPDATE events SET body = ? WHERE position = ?').run(body, Number(target.position));
    });
    const report = await verify(dataDir);
    expect(report.firstFailure).toMatchObject({
      position: target.position,
      stream: target.stream,
      revision: target.revision,
      fault: 'BAD_SIGNATURE',
    });
    expect(report.events).toBe(5);
    const cli = await runTs('scripts/verify-ledger.ts', [], { DATA_DIR: dataDir, JWT_SECRET: 'x' });
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(
      `FAIL position=${target.position} stream=${target.stream} revision=${target.revision} fault=BAD_SIGNATURE`,
    );
  }, 60_000);

  it("reports CHECKPOINT_MISMATCH for a stored checkpoint whose signed root is not the log's", async () => {
    const dataDir = damaged(({ merkle, keyring }) => {
      const root = Buffer.from(signed[1]!.rootHash);
      root[0] = root[0]! ^ 0x80;
      merkle.prepare('UPDATE checkpoints SET note = ? WHERE tree_size = 20').run(forgedNote(keyring, 20, root));
    });
    const report = await verify(dataDir);
    const last = events[19]!;
    expect(report.firstFailure).toMatchObject({
      fault: 'CHECKPOINT_MISMATCH',
      checkpointSize: 20,
      position: last.position,
      stream: last.stream,
      revision: last.revision,
    });
    expect(report.firstFailure!.detail).toMatch(/^checkpoint size=20 signs root .*, but the first 20 events of the log hash to /);
    expect(report).toMatchObject({ ok: false, events: 20, checkpoints: 1 });
    const cli = await runTs('scripts/verify-ledger.ts', [], { DATA_DIR: dataDir, JWT_SECRET: 'x' });
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(
      `FAIL position=${last.position} stream=${last.stream} revision=${last.revision} fault=CHECKPOINT_MISMATCH: checkpoint size=20`,
    );
  }, 60_000);

  it('reports CHECKPOINT_SIGNATURE for a stored note that is not validly signed', async () => {
    const dataDir = damaged(({ merkle }) => {
      // The root line edited in place: the signature no longer covers the text.
      const note = signed[0]!.note.replace(/^(.*\n\d+\n)(.)/, (_m, head: string, c: string) => head + (c === 'A' ? 'B' : 'A'));
      expect(note).not.toBe(signed[0]!.note);
      merkle.prepare('UPDATE checkpoints SET note = ? WHERE tree_size = 12').run(note);
    });
    const report = await verify(dataDir);
    expect(report.firstFailure).toMatchObject({ fault: 'CHECKPOINT_SIGNATURE', checkpointSize: 12, position: events[11]!.position });
    expect(report.firstFailure!.detail).toContain('checkpoint size=12');
  });

  it('detects a history rewritten with the ledger key, which chains and signatures cannot', async () => {
    // The only event of its stream, re-sealed with other content by the ledger key: a valid
    // chain start, validly signed; only the checkpoints remember what was there.
    const target = events.find((e) => e.stream === 'interview-solo')!;
    expect(target.revision).toBe(0);
    const dataDir = damaged(({ events: db, keyring }) => {
      const [resealed] = sealEvents(keyring, target.stream, null, [draft('InterviewScheduled', { ip: '10.9.9.9' })]);
      db.prepare('UPDATE events SET body = ?, sig = ? WHERE position = ?').run(
        Buffer.from(resealed!.body),
        Buffer.from(resealed!.sig),
        Number(target.position),
      );
    });
    const store = new SqliteEventStore(paths({ dataDir }).events);
    try {
      const chainsOnly = await verifyLedger(store, loadKeyring(loadConfig({ DATA_DIR: dataDir })), { workers: 0 });
      expect(chainsOnly).toMatchObject({ ok: true, events: 22 });
    } finally {
      await store.close();
    }
    const report = await verify(dataDir);
    const last = events[11]!;
    expect(report.firstFailure).toMatchObject({ fault: 'CHECKPOINT_MISMATCH', checkpointSize: 12, position: last.position });
    expect(report).toMatchObject({ ok: false, events: 12, checkpoints: 0 });
  });

  it('detects events removed from the end of the log (a truncation no chain can see)', async () => {
    const dataDir = damaged(({ events: db }) => {
      db.prepare('DELETE FROM events WHERE position > ?').run(Number(events[16]!.position));
    });
    const report = await verify(dataDir);
    expect(report.firstFailure).toMatchObject({ fault: 'CHECKPOINT_MISMATCH', checkpointSize: 20, position: events[16]!.position });
    expect(report.firstFailure!.detail).toBe(
      'checkpoint size=20 commits to 20 events, but the log holds only 17: events were removed from its end',
    );
    expect(report).toMatchObject({ ok: false, events: 17, checkpoints: 1 });
  });

  it('reports a checkpoint filed under another size than it states', async () => {
    const dataDir = damaged(({ merkle }) => {
      merkle.prepare('UPDATE checkpoints SET tree_size = 13 WHERE tree_size = 12').run();
    });
    const report = await verify(dataDir);
    expect(report.firstFailure).toMatchObject({ fault: 'CHECKPOINT_MISMATCH', checkpointSize: 13, position: events[12]!.position });
    expect(report.firstFailure!.detail).toBe('checkpoint size=13: the signed note states size 12');
  });

  it('npm run checkpoint: catches up, signs now, prints the note; verify then checks it too', async () => {
    // merkle.db behind the log by two events, as when the server was not running.
    const dataDir = damaged(({ merkle }) => merkle.prepare('DELETE FROM leaves WHERE leaf_index >= 20').run());
    const result = await runTs('scripts/checkpoint.ts', [], { DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    const vkeys = result.stderr
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim());
    expect(vkeys).toHaveLength(1);
    const { checkpoint } = openCheckpoint(result.stdout, vkeys.map(parseVerifierKey), { origin: signed[0]!.origin });
    expect(checkpoint.size).toBe(22);
    expect(b64(checkpoint.rootHash)).toBe(b64(rootFromLeafHashes(events.map((e) => leafHash(e.body)))));
    expect(result.stderr).toContain('checkpoint of 22 events (2 added to');
    expect(await verify(dataDir)).toMatchObject({ ok: true, checkpoints: 3 });
    const missing = await runTs('scripts/checkpoint.ts', [], { DATA_DIR: join(dataDir, 'nothing-here') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^checkpoint: no event log at /);
  }, 60_000);

  it('needs the ledger public keys to check checkpoints', async () => {
    const store = new SqliteEventStore(paths({ dataDir: source }).events);
    try {
      const keyring = loadKeyring(loadConfig({ DATA_DIR: source }));
      await expect(
        verifyLedger(store, (kid) => keyring.publicKey(kid), { workers: 0, checkpoints: { checkpoints: signed } }),
      ).rejects.toThrow(/ledger public keys/);
      const report = await verifyLedger(store, (kid) => keyring.publicKey(kid), {
        workers: 0,
        checkpoints: { checkpoints: signed, publicKeys: keyring.published.map((k) => k.publicKey) },
      });
      expect(report).toMatchObject({ ok: true, checkpoints: 2 });
    } finally {
      await store.close();
    }
  });
});
