import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyIdOf } from '../../src/crypto/key-id';
import { Keyring } from '../../src/crypto/keyring';
import { Ledger } from '../../src/ledger/ledger';
import { LEDGER_KEYS, ledgerKeyDirectory } from '../../src/ledger/ledger-key-directory';
import { verifyLedger } from '../../src/ledger/verify-ledger';
import { SqliteReadModelStore } from '../../src/readmodel/sqlite-read-model-store';
import { SqliteEventStore } from '../../src/store/sqlite-event-store';
import { draft, uniqueStream } from '../support/sealed';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const T1 = new Date('2026-03-01T00:00:00.000Z');

describe('published ledger keys: every instance verifies with the union of its own and everyone published', () => {
  let dir: string;
  let events: SqliteEventStore;
  let modelsA: SqliteReadModelStore;
  let modelsB: SqliteReadModelStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
    // Two instances: one event store, one read-model store, each through its own handle.
    events = new SqliteEventStore(join(dir, 'events.db'));
    modelsA = new SqliteReadModelStore(join(dir, 'read-models.db'));
    modelsB = new SqliteReadModelStore(join(dir, 'read-models.db'));
  });
  afterEach(async () => {
    await Promise.all([events.close(), modelsA.close(), modelsB.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a key rotated on instance A verifies on instance B, which learns it when it meets the unknown kid', async () => {
    const fileA = join(dir, 'a', 'ledger-keys.json');
    const ringA = Keyring.loadOrCreate(fileA, () => T0);
    const ringB = Keyring.loadOrCreate(join(dir, 'b', 'ledger-keys.json'), () => T0);
    await ringA.attach(ledgerKeyDirectory(modelsA));
    await ringB.attach(ledgerKeyDirectory(modelsB));
    expect(ringB.published.map((k) => k.kid).sort()).toEqual([ringA.activeKid, ringB.activeKid].sort());

    // A rotates after B started: B has never heard of the new key.
    const rotated = Keyring.rotate(fileA, () => T1);
    await rotated.attach(ledgerKeyDirectory(modelsA));
    expect(ringB.publicKey(rotated.activeKid)).toBeUndefined();
    const stream = uniqueStream();
    await new Ledger(events, rotated).append(stream, null, [draft('TestEvent', { by: 'A' })]);

    const read = await new Ledger(events, ringB).readStreamVerified(stream);
    expect(read.map((e) => e.kid)).toEqual([rotated.activeKid]);
    // B now lists it (the checkpoint verifier keys, evidence bundles), with the old key's retirement.
    const listed = new Map(ringB.published.map((k) => [k.kid, k]));
    expect(listed.get(rotated.activeKid)).toMatchObject({ createdAt: T1.toISOString() });
    expect(listed.get(ringA.activeKid)?.retiredAt).toBe(T1.toISOString());
    // And the whole-ledger verifier, given B's ring, finds every key.
    const report = await verifyLedger(events, ringB, { workers: 0 });
    expect(report.ok).toBe(true);
  });

  it('publishing twice, or from two instances at once, leaves one document per key', async () => {
    const ring = Keyring.fromSeed(Buffer.alloc(32, 3), T0.toISOString());
    await Promise.all([ring.attach(ledgerKeyDirectory(modelsA)), ring.attach(ledgerKeyDirectory(modelsB))]);
    await ring.attach(ledgerKeyDirectory(modelsA));
    expect(await modelsA.count(LEDGER_KEYS)).toBe(1);
    expect(await ledgerKeyDirectory(modelsB).list()).toEqual(ring.published);
  });

  it('a published entry whose kid is not its public key’s key id is not taken', async () => {
    const honest = Keyring.fromSeed(Buffer.alloc(32, 4), T0.toISOString());
    const other = Keyring.fromSeed(Buffer.alloc(32, 5), T0.toISOString());
    const forgedKid = honest.activeKid;
    // Someone files the other key's bytes under the honest kid, and a key under a made-up kid.
    const stranger = Keyring.fromSeed(Buffer.alloc(32, 6), T0.toISOString());
    await modelsA.insertIfAbsent(LEDGER_KEYS, {
      id: 'x',
      kind: 'key',
      kid: 'ed25519:madeup',
      alg: 'Ed25519',
      publicKey: other.published[0]!.publicKey,
      createdAt: T0.toISOString(),
    });
    const ring = Keyring.fromSeed(Buffer.alloc(32, 8), T0.toISOString());
    await modelsA.insertIfAbsent(LEDGER_KEYS, {
      id: forgedKid,
      kind: 'key',
      kid: forgedKid,
      alg: 'Ed25519',
      publicKey: stranger.published[0]!.publicKey,
      createdAt: T0.toISOString(),
    });
    await ring.attach(ledgerKeyDirectory(modelsA));
    expect(ring.published.map((k) => k.kid)).toEqual([ring.activeKid]);
    expect(keyIdOf(Buffer.from(ring.published[0]!.publicKey, 'base64'))).toBe(ring.activeKid);
  });
});
