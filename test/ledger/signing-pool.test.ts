import type { KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ed25519Verify } from '../../src/crypto/ed25519';
import { Keyring } from '../../src/crypto/keyring';
import { pae } from '../../src/crypto/pae';
import { EVENT_PAYLOAD_TYPE, type EventDraft } from '../../src/ledger/event-body';
import { Ledger } from '../../src/ledger/ledger';
import { sealEvents, sealEventsWith, type Sealed, type StreamHead } from '../../src/ledger/seal';
import { SigningPool } from '../../src/ledger/signing-pool';
import { verifyRecordedEvent, type ChainCursor } from '../../src/ledger/verify-event';
import { SqliteEventStore } from '../../src/store/sqlite-event-store';
import { draft, testKeyring, uniqueStream } from '../support/sealed';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const T1 = new Date('2026-03-01T00:00:00.000Z');
/** Every signature by a worker: none on the calling thread. */
const WORKERS_ONLY = { inlineWhenIdle: false } as const;

/** Checks signature, envelope and chain of a stream's sealed events, as Ledger.readStreamVerified does. */
function verifyChain(events: readonly Sealed[], keyring: Keyring): void {
  let cursor: ChainCursor | null = null;
  events.forEach((e, i) => {
    const recorded = { ...e, position: String(i + 1), body: Buffer.from(e.body), sig: Buffer.from(e.sig) };
    cursor = verifyRecordedEvent(recorded, cursor, (kid) => keyring.publicKey(kid)).cursor;
  });
}

/** The parts of a sealed event the store keeps, comparable with toEqual. */
const bytesOf = (e: Sealed) => ({
  stream: e.stream,
  revision: e.revision,
  type: e.type,
  kid: e.kid,
  hash: e.hash,
  body: Buffer.from(e.body).toString('hex'),
  sig: Buffer.from(e.sig).toString('hex'),
});

/** A worker that runs `source` instead of the signing worker, for the first `times` workers started. */
function failingFirst(source: string, times = 1): (real: string) => Worker {
  let started = 0;
  return (real) => new Worker(started++ < times ? source : real, { eval: true });
}

describe('SigningPool: ledger signatures on worker threads', () => {
  let pool: SigningPool;
  afterEach(async () => {
    await pool?.close();
  });

  it('seals the same drafts to the same bytes as sealEvents on the calling thread, in one batch and across workers', async () => {
    pool = new SigningPool({ workers: 2, ...WORKERS_ONLY });
    const keyring = testKeyring();
    const appends: Array<{ stream: string; head: StreamHead | null; drafts: EventDraft[] }> = Array.from({ length: 24 }, (_, i) => ({
      stream: `interview-pool-${i}`,
      head: i % 3 === 0 ? null : { revision: i, hash: 'ab'.repeat(32) },
      drafts: Array.from({ length: 1 + (i % 4) }, (_, k) => draft('InterviewSectionEdited', { i, k, text: '绩效面谈 ✓', n: k / 3 })),
    }));
    // All in one turn: they go out as batches split between the two workers.
    const pooled = await Promise.all(appends.map((a) => sealEventsWith(pool, keyring, a.stream, a.head, a.drafts)));
    appends.forEach((a, i) => {
      const inline = sealEvents(keyring, a.stream, a.head, a.drafts);
      expect(pooled[i]!.map(bytesOf)).toEqual(inline.map(bytesOf));
      if (a.head === null) verifyChain(pooled[i]!, keyring);
    });
  });

  it('a Ledger with a pool writes events that readStreamVerified accepts, with 32 writers at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signing-pool-'));
    const store = new SqliteEventStore(join(dir, 'events.db'));
    try {
      pool = new SigningPool({ workers: 2 });
      const ledger = new Ledger(store, testKeyring(), { signer: pool });
      const streams = Array.from({ length: 32 }, () => uniqueStream('interview'));
      await Promise.all(
        streams.map(async (stream) => {
          let head: StreamHead | null = null;
          for (let i = 0; i < 5; i++) {
            const { sealed } = await ledger.append(stream, head, [draft('TestEvent', { i })]);
            head = { revision: sealed[0]!.revision, hash: sealed[0]!.hash };
          }
        }),
      );
      for (const stream of streams) expect((await ledger.readStreamVerified(stream)).map((e) => e.body.revision)).toEqual([0, 1, 2, 3, 4]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('signs with the key active when the append began: after a rotation each event names the key that signed it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signing-pool-rotate-'));
    try {
      pool = new SigningPool({ workers: 2, ...WORKERS_ONLY });
      const file = join(dir, 'ledger-keys.json');
      const before = Keyring.loadOrCreate(file, () => T0);
      const first = await sealEventsWith(pool, before, 'interview-rot', null, [draft('TestEvent', { n: 0 })]);
      const after = Keyring.rotate(file, () => T1);
      expect(after.activeKid).not.toBe(before.activeKid);
      const head = { revision: 0, hash: first[0]!.hash };
      // The old and the new key in one turn: one batch per key, each event signed by its own.
      const [old, rotated] = await Promise.all([
        sealEventsWith(pool, before, 'interview-old', null, [draft('TestEvent')]),
        sealEventsWith(pool, after, 'interview-rot', head, [draft('TestEvent', { n: 1 })]),
      ]);
      expect(first[0]!.kid).toBe(before.activeKid);
      expect(old![0]!.kid).toBe(before.activeKid);
      expect(rotated![0]!.kid).toBe(after.activeKid);
      // The rotated ring still holds the old public key: the whole chain verifies across the rotation.
      verifyChain([...first, ...rotated!], after);
      verifyChain(old!, after);
      // And the signature is the new key's, not the old one's.
      const message = pae(EVENT_PAYLOAD_TYPE, rotated![0]!.body);
      expect(ed25519Verify(message, rotated![0]!.sig, after.publicKey(after.activeKid)!)).toBe(true);
      expect(ed25519Verify(message, rotated![0]!.sig, before.publicKey(before.activeKid)!)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a worker that dies rejects the appends it held, writes nothing of them, and the pool starts a new one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signing-pool-crash-'));
    const store = new SqliteEventStore(join(dir, 'events.db'));
    try {
      const crash = `require('node:worker_threads').parentPort.on('message', () => process.exit(7));`;
      pool = new SigningPool({ workers: 1, ...WORKERS_ONLY, spawn: failingFirst(crash) });
      const ledger = new Ledger(store, testKeyring(), { signer: pool });
      const streams = ['interview-crash-a', 'interview-crash-b', 'interview-crash-c'];
      const outcomes = await Promise.allSettled(streams.map((s) => ledger.append(s, null, [draft('TestEvent')])));
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/signing worker exited with code 7/);
      }
      for (const stream of streams) expect(await store.lastEvent(stream)).toBeNull();
      expect(store.countSync()).toBe(0);
      // The next append gets a fresh worker.
      await ledger.append('interview-crash-a', null, [draft('TestEvent')]);
      expect((await ledger.readStreamVerified('interview-crash-a')).length).toBe(1);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a worker that answers an error rejects that append and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signing-pool-error-'));
    const store = new SqliteEventStore(join(dir, 'events.db'));
    try {
      const refuse = `const { parentPort } = require('node:worker_threads');
        parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, error: 'OpenSSL said no' }));`;
      pool = new SigningPool({ workers: 1, ...WORKERS_ONLY, spawn: failingFirst(refuse) });
      const ledger = new Ledger(store, testKeyring(), { signer: pool });
      await expect(ledger.append('interview-refused', null, [draft('TestEvent')])).rejects.toThrow(
        /signing worker failed: OpenSSL said no/,
      );
      expect(store.countSync()).toBe(0);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a worker answering the wrong number of signatures is a failure, not a short append', async () => {
    const short = `const { parentPort } = require('node:worker_threads');
      parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, sigs: new Uint8Array(64 * (m.count - 1)) }));`;
    pool = new SigningPool({ workers: 1, ...WORKERS_ONLY, spawn: failingFirst(short) });
    await expect(sealEventsWith(pool, testKeyring(), 'interview-short', null, [draft('A'), draft('B')])).rejects.toThrow(
      /wrong number of signature bytes/,
    );
  });

  it('a call whose key cannot be sent to a worker is rejected, and the pool goes on signing', async () => {
    pool = new SigningPool({ workers: 1, ...WORKERS_ONLY });
    const unsendable = { kid: 'not-a-key', key: (() => undefined) as unknown as KeyObject };
    const message = pae(EVENT_PAYLOAD_TYPE, Buffer.from('{}'));
    await expect(pool.sign(unsendable, [message])).rejects.toThrow(/could not be sent/);
    const keyring = testKeyring();
    const [sealed] = await sealEventsWith(pool, keyring, 'interview-after', null, [draft('TestEvent')]);
    verifyChain([sealed!], keyring);
  });

  it('close rejects calls not answered yet and every later call', async () => {
    pool = new SigningPool({ workers: 1, ...WORKERS_ONLY });
    const pending = sealEventsWith(pool, testKeyring(), 'interview-closing', null, [draft('TestEvent')]);
    await pool.close();
    await expect(pending).rejects.toThrow(/signing pool is closed/);
    await expect(sealEventsWith(pool, testKeyring(), 'interview-closed', null, [draft('TestEvent')])).rejects.toThrow(
      /signing pool is closed/,
    );
  });
});
