/**
 * A ledger rewritten by the holder of its key, and what witnesses make of it
 * (docs/ledger-format.md §11.10, §13.6 step 6). An honest log is witnessed; its bundles carry the
 * cosignature and verify with the witness key pinned (and without it, listing the cosignature
 * unverified). Then the operator rewrites history: an event's observed IP changed, its stream
 * sealed again with the same ledger key, the Merkle log rebuilt and signed anew. Every ledger
 * signature of the fork verifies — but the witness that saw the old checkpoint refuses the new
 * one, and the fork's bundles fail with the witness key pinned, also when the forger copies the
 * old cosignature into them.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { graphqlLogClient, runWitness, witnessKeyFromSeed, WitnessError } from '../../src/client/witness';
import { readWitnessState, writeWitnessState } from '../../src/client/witness-state-file';
import { canonicalJson } from '../../src/crypto/canonical-json';
import { ed25519Sign } from '../../src/crypto/ed25519';
import { Keyring } from '../../src/crypto/keyring';
import { pae } from '../../src/crypto/pae';
import type { EventBody } from '../../src/ledger/event-body';
import { sealEvents } from '../../src/ledger/seal';
import { BUNDLE_PAYLOAD_TYPE, type EvidenceBundle } from '../../src/evidence/bundle-format';
import { exportEvidence } from '../../src/evidence/export-bundle';
import { verifyBundle } from '../../src/evidence/verify-bundle';
import { verifyBundleInBrowser } from '../../src/evidence/verify-bundle-browser';
import { createApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { runTs } from '../support/run-ts';
import { startLedgerServer, type LedgerServer } from '../support/ledger-server';
import { testClock } from '../support/test-app';

const WITNESS = witnessKeyFromSeed('witness.example.org/audit', new Uint8Array(32).fill(0x21));
const SECOND = witnessKeyFromSeed('witness.example.org/council', new Uint8Array(32).fill(0x22));
const codes = (report: { failures: readonly { code: string }[] }) => [...new Set(report.failures.map((f) => f.code))].sort();

async function settle(log: LedgerServer): Promise<void> {
  const events = await log.app.store.readAll();
  expect(await log.app.merkle.waitFor(events[events.length - 1]!.position)).toBe(true);
}

describe('a ledger rewritten with its own key, against a witness', () => {
  const dir = mkdtempSync(join(tmpdir(), 'witness-fork-'));
  const stateFile = join(dir, 'witness-state.json');
  let honest: LedgerServer;
  let interviewId: string;
  let ledgerKey: string;
  let honestBundle: Buffer;
  let cosignedSize: number;

  const witness = (log: LedgerServer) =>
    runWitness({
      key: WITNESS,
      log: graphqlLogClient(log.url, log.token('AUD1', ['auditor'])),
      state: readWitnessState(stateFile, WITNESS),
      saveState: (next) => writeWitnessState(stateFile, next),
    });

  beforeAll(async () => {
    honest = await startLedgerServer({ WITNESS_KEYS: `${WITNESS.vkey},${SECOND.vkey}` });
    ledgerKey = honest.app.keyring.published[0]!.publicKey;
    interviewId = await honest.interview('2026-Q2');
    await settle(honest);
    const signed = await honest.app.merkle.signCheckpoint();
    expect((await witness(honest)).size).toBe(signed.size);
    cosignedSize = signed.size;
    // More events after the witnessed checkpoint: the bundle still takes the cosigned one.
    await honest.interview('2026-Q3');
    await settle(honest);
    honestBundle = (await exportEvidence(honest.app, { kind: 'interview', interviewId })).bytes;
    await honest.stop();
  }, 120_000);

  it('an honest bundle carries the cosignature and verifies with the witness key pinned', () => {
    const bundle = JSON.parse(honestBundle.toString('utf8')) as EvidenceBundle;
    expect(bundle.checkpoint.size).toBe(cosignedSize);
    expect(bundle.checkpoint.note).toContain(`\n\u2014 ${WITNESS.name} `);
    const pinned = verifyBundle(honestBundle, { trustedLedgerKeys: [ledgerKey], trustedWitnessKeys: [WITNESS.vkey] });
    expect(pinned.failures).toEqual([]);
    expect(pinned.witnesses).toEqual([
      { name: WITNESS.name, keyId: WITNESS.vkey.split('+')[1], timestamp: expect.any(Number), pinned: true, verified: true },
    ]);
    // Without pins the cosignature is listed, checked against nothing, and fails nothing.
    const unpinned = verifyBundle(honestBundle, { trustedLedgerKeys: [ledgerKey] });
    expect(unpinned.ok).toBe(true);
    expect(unpinned.witnesses).toEqual([expect.objectContaining({ name: WITNESS.name, pinned: false, verified: false })]);
    // The browser's verifier says the same.
    expect(verifyBundleInBrowser(honestBundle, { trustedLedgerKeys: [ledgerKey], trustedWitnessKeys: [WITNESS.vkey] })).toEqual(pinned);
    // A witness that never cosigned it: missing; a threshold of one of the two is met.
    expect(codes(verifyBundle(honestBundle, { trustedLedgerKeys: [ledgerKey], trustedWitnessKeys: [WITNESS.vkey, SECOND.vkey] }))).toEqual([
      'WITNESS_COSIGNATURE_MISSING',
    ]);
    expect(
      verifyBundle(honestBundle, { trustedLedgerKeys: [ledgerKey], trustedWitnessKeys: [WITNESS.vkey, SECOND.vkey], witnessThreshold: 1 })
        .ok,
    ).toBe(true);
    expect(codes(verifyBundle(honestBundle, { trustedWitnessKeys: ['witness.example.org/audit+00000000+BAAA'] }))).toEqual([
      'WITNESS_COSIGNATURE_MISSING',
      'WITNESS_KEY_INVALID',
    ]);
  });

  it('a tampered cosignature fails, even sealed again by the ledger key', () => {
    const bundle = JSON.parse(honestBundle.toString('utf8')) as EvidenceBundle;
    const at = bundle.checkpoint.note.indexOf(`\u2014 ${WITNESS.name} `) + `\u2014 ${WITNESS.name} `.length;
    const line = bundle.checkpoint.note.slice(at, -1);
    const raw = Buffer.from(line, 'base64');
    raw[40] = raw[40]! ^ 0x01;
    const checkpoint = { ...bundle.checkpoint, note: bundle.checkpoint.note.replace(line, raw.toString('base64')) };
    const resealed = reseal({ ...bundle, checkpoint }, honestKeys());
    const report = verifyBundle(resealed, { trustedLedgerKeys: [ledgerKey], trustedWitnessKeys: [WITNESS.vkey] });
    expect(codes(report)).toEqual(['WITNESS_COSIGNATURE', 'WITNESS_COSIGNATURE_MISSING']);
    expect(report.failures.find((f) => f.code === 'WITNESS_COSIGNATURE')!.where).toBe(`witness ${WITNESS.name}`);
    // Only a pinned witness's line is checked: without the pin the file is internally consistent.
    expect(verifyBundle(resealed, { trustedLedgerKeys: [ledgerKey] }).ok).toBe(true);
  });

  it('the fork: every ledger signature verifies, the witness refuses it, and its bundles fail with the witness key pinned', async () => {
    // The operator's rewrite: the interview's first event says the meeting was booked from
    // another address; the stream is sealed again with the ledger's own key, the Merkle log
    // (merkle.db, with its checkpoints and cosignatures) thrown away and rebuilt.
    const forkDir = mkdtempSync(join(tmpdir(), 'witness-forked-'));
    for (const file of ['events.db', 'ledger-keys.json']) copyFileSync(join(honest.dataDir, file), join(forkDir, file));
    const keyring = loadKeys(forkDir);
    const db = new Database(join(forkDir, 'events.db'));
    const stream = `interview-${interviewId}`;
    const rows = db.prepare('SELECT position, body FROM events WHERE stream = ? ORDER BY revision').all(stream) as Array<{
      position: number;
      body: Buffer;
    }>;
    const drafts = rows.map((r) => {
      const body = JSON.parse(r.body.toString('utf8')) as EventBody;
      return { id: body.id, type: body.type, data: body.data, meta: body.meta };
    });
    drafts[0] = { ...drafts[0]!, meta: { ...drafts[0]!.meta, ip: '192.0.2.77' } };
    const resealed = sealEvents(keyring, stream, null, drafts);
    const update = db.prepare('UPDATE events SET body = ?, sig = ? WHERE position = ?');
    resealed.forEach((event, i) => update.run(Buffer.from(event.body), Buffer.from(event.sig), rows[i]!.position));
    db.close();

    const fork = await startLedgerServer(
      {},
      await (async () => {
        const clock = testClock('2026-07-05T01:00:00.000Z');
        const config = loadConfig({
          DATA_DIR: forkDir,
          PORT: '0',
          CHECKPOINT_INTERVAL_MS: '0',
          REMINDER_INTERVAL_MS: '0',
          WITNESS_KEYS: WITNESS.vkey,
        });
        return { app: await createApp(config, { clock }), clock, dataDir: forkDir };
      })(),
    );
    try {
      await settle(fork);
      const checkpoint = await fork.app.merkle.signCheckpoint();
      expect(readWitnessState(stateFile, WITNESS).logs[checkpoint.origin]).toBeDefined(); // the same log, by its origin
      expect(checkpoint.size).toBeGreaterThan(cosignedSize);
      expect((await runTs('scripts/verify-ledger.ts', [], { DATA_DIR: forkDir })).code).toBe(0); // signatures and chains all hold

      // The witness that saw the old checkpoint: the fork's is not consistent with it.
      const saved = readFileSync(stateFile);
      const refused = await witness(fork).then(
        () => 'cosigned',
        (error: unknown) => (error instanceof WitnessError ? error.code : String(error)),
      );
      expect(refused).toBe('CHECKPOINT_INCONSISTENT');
      expect(readFileSync(stateFile).equals(saved)).toBe(true);
      expect(fork.app.merkle.cosignatures(checkpoint.size)).toEqual([]);

      // The fork's bundle: valid under the ledger key alone, which is the point of a witness.
      const forked = (await exportEvidence(fork.app, { kind: 'interview', interviewId })).bytes;
      expect(verifyBundle(forked, { trustedLedgerKeys: [ledgerKey] }).ok).toBe(true);
      const pinned = verifyBundle(forked, { trustedLedgerKeys: [ledgerKey], trustedWitnessKeys: [WITNESS.vkey] });
      expect(codes(pinned)).toEqual(['WITNESS_COSIGNATURE_MISSING']);
      const file = join(dir, 'forked.json');
      writeFileSync(file, forked);
      const cli = await runTs('scripts/verify-bundle.ts', [file, '--ledger-key', ledgerKey, '--witness-key', WITNESS.vkey], {});
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain('FAIL WITNESS_COSIGNATURE_MISSING checkpoint: 0 of the 1 pinned witness(es) cosigned this checkpoint');
      expect(cli.stdout).toContain('witness cosignatures: none');

      // The forger copies the real checkpoint's cosignature into the fork's, and seals again.
      const honestNote = (JSON.parse(honestBundle.toString('utf8')) as EvidenceBundle).checkpoint.note;
      const stolen = honestNote.slice(honestNote.indexOf(`\u2014 ${WITNESS.name} `));
      const bundle = JSON.parse(forked.toString('utf8')) as EvidenceBundle;
      const withStolen = { ...bundle, checkpoint: { ...bundle.checkpoint, note: bundle.checkpoint.note + stolen } };
      const transplanted = verifyBundle(reseal(withStolen, keyring), {
        trustedLedgerKeys: [ledgerKey],
        trustedWitnessKeys: [WITNESS.vkey],
      });
      expect(codes(transplanted)).toEqual(['WITNESS_COSIGNATURE', 'WITNESS_COSIGNATURE_MISSING']);
    } finally {
      await fork.stop();
    }
  }, 120_000);

  function honestKeys() {
    return loadKeys(honest.dataDir);
  }
});

/** The ledger key file of that DATA_DIR: what the operator holds. */
const loadKeys = (dataDir: string): Keyring => Keyring.loadOrCreate(join(dataDir, 'ledger-keys.json'), () => new Date());

/** Seals `bundle` again with the ledger key, as the key holder can. */
function reseal(bundle: EvidenceBundle, keyring: Keyring): Buffer {
  const { seal: _seal, ...unsealed } = bundle;
  const { kid, key } = keyring.signingKey();
  const sig = ed25519Sign(pae(BUNDLE_PAYLOAD_TYPE, canonicalJson(unsealed)), key);
  return canonicalJson({ ...unsealed, seal: { kid, sig: Buffer.from(sig).toString('base64') } });
}
