/**
 * The witness (src/client/witness.ts, `npm run witness`) against the real server over HTTP: it
 * cosigns the first checkpoint it sees, checks a grown log by a consistency proof, and the log
 * stores the cosignature and serves it with the checkpoint. It refuses an older tree, a second
 * root at a size and a checkpoint by a key it does not trust — leaving its state file as it was —
 * and the log refuses cosignatures it cannot verify or by witnesses it does not list.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cosignCheckpoint,
  emptyWitnessState,
  formatWitnessSkey,
  graphqlLogClient,
  runWitness,
  witnessKeyFromSeed,
  WitnessError,
  type LogClient,
} from '../../src/client/witness';
import { readWitnessState, writeWitnessState } from '../../src/client/witness-state-file';
import { signCheckpoint } from '../../src/crypto/checkpoint';
import { checkCosignatures, parseWitnessKey } from '../../src/crypto/cosignature';
import { privateKeyFromSeed } from '../../src/crypto/ed25519';
import { ed25519NoteSigner, parseNote } from '../../src/crypto/signed-note';
import { runTs } from '../support/run-ts';
import { startLedgerServer, type LedgerServer } from '../support/ledger-server';

const WITNESS = witnessKeyFromSeed('witness.example.org/audit', new Uint8Array(32).fill(0x11));
const UNLISTED = witnessKeyFromSeed('witness.example.org/unlisted', new Uint8Array(32).fill(0x12));
const CHECKPOINT = '{ size rootHash note cosignedNote verifierKeys cosignatures { witness keyId time line } }';

async function settle(log: LedgerServer): Promise<void> {
  const events = await log.app.store.readAll();
  expect(await log.app.merkle.waitFor(events[events.length - 1]!.position)).toBe(true);
}

const refusal = async (pending: Promise<unknown>): Promise<string> => {
  try {
    await pending;
  } catch (error) {
    if (error instanceof WitnessError) return error.code;
    throw error;
  }
  return 'accepted';
};

describe('the witness, against the real server', () => {
  let log: LedgerServer;
  const dir = mkdtempSync(join(tmpdir(), 'witness-'));
  const stateFile = join(dir, 'witness-state.json');
  let client: LogClient;
  let proofs: Array<[number, number]>;
  let submitted: number;
  let clock = 1_782_000_000;

  const run = (log: LogClient = client) =>
    runWitness({
      key: WITNESS,
      log,
      state: readWitnessState(stateFile, WITNESS),
      saveState: (next) => writeWitnessState(stateFile, next),
      now: () => clock,
    });
  const latest = async () => (await log.gql('AUD1', ['auditor'], `query { latestCheckpoint ${CHECKPOINT} }`)).data!.latestCheckpoint;

  beforeAll(async () => {
    log = await startLedgerServer({ WITNESS_KEYS: `${WITNESS.vkey}` });
    await log.interview('2026-Q2');
    await settle(log);
    await log.app.merkle.signCheckpoint();
    const http = graphqlLogClient(log.url, log.token('AUD1', ['auditor']));
    client = {
      latestCheckpoint: () => http.latestCheckpoint(),
      consistencyProof: (a, b) => (proofs.push([a, b]), http.consistencyProof(a, b)),
      addCosignature: (size, line) => (submitted++, http.addCosignature(size, line)),
    };
  }, 60_000);
  beforeEach(() => {
    proofs = [];
    submitted = 0;
  });
  afterAll(async () => {
    await log.stop();
  });

  it('cosigns the first checkpoint it sees; the log stores the cosignature and serves it with the checkpoint', async () => {
    const result = await run();
    const served = await latest();
    expect(result).toMatchObject({ size: served.size, rootHash: served.rootHash, previousSize: null, trustedOnFirstUse: true });
    expect(proofs).toEqual([]);
    expect(served.cosignatures).toEqual([
      { witness: WITNESS.name, keyId: WITNESS.vkey.split('+')[1], time: new Date(clock * 1000).toISOString(), line: result.cosignature },
    ]);
    expect(served.cosignedNote).toBe(served.note + result.cosignature);
    // Anyone holding the witness key checks it over the note the ledger signed.
    const parsed = parseNote(served.cosignedNote);
    expect(checkCosignatures(parsed.text, parsed.signatures, [parseWitnessKey(WITNESS.vkey)]).map((c) => c.status)).toEqual(['valid']);
    // The state: the checkpoint it vouched for, the log keys it trusts now, owner-only.
    const state = JSON.parse(readFileSync(stateFile, 'utf8'));
    expect(state.witness).toBe(WITNESS.vkey);
    expect(state.logs[log.app.merkle.origin]).toMatchObject({
      size: served.size,
      rootHash: served.rootHash,
      note: served.note,
      timestamp: clock,
    });
    expect(state.logs[log.app.merkle.origin].logKeys).toEqual(served.verifierKeys);
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['witness-state.json']); // no temporary file left behind
  });

  it('checks a grown log by a consistency proof from what it cosigned; the same tree again needs none', async () => {
    const before = (await latest()).size;
    await log.interview('2026-Q3');
    await settle(log);
    await log.app.merkle.signCheckpoint();
    clock += 600;
    const grown = await run();
    expect(grown).toMatchObject({ previousSize: before, trustedOnFirstUse: false });
    expect(grown.size).toBeGreaterThan(before);
    expect(proofs).toEqual([[before, grown.size]]);
    clock += 600;
    const again = await run();
    expect(again).toMatchObject({ previousSize: grown.size, size: grown.size });
    expect(proofs).toHaveLength(1);
    // The log keeps the first cosignature of a checkpoint by a witness key.
    expect((await latest()).cosignatures.map((c: { line: string }) => c.line)).toEqual([grown.cosignature]);
  });

  it('refuses an older tree, another root at the same size and a key it does not trust; its state stays as it was', async () => {
    const saved = readFileSync(stateFile);
    const state = readWitnessState(stateFile, WITNESS);
    const cosigned = state.logs[log.app.merkle.origin]!;
    const origin = log.app.merkle.origin;
    const ledgerKey = log.app.keyring.signingKey().key;
    // What an operator holding the ledger key can sign: any root at any size.
    const forged = (size: number, root: Buffer, key = ledgerKey) =>
      signCheckpoint({ origin, size, rootHash: root }, ed25519NoteSigner(origin, key));
    const serving = (note: string): LogClient => ({ ...client, latestCheckpoint: async () => ({ note, verifierKeys: cosigned.logKeys }) });
    const otherRoot = Buffer.from(cosigned.rootHash, 'base64');
    otherRoot[0] = otherRoot[0]! ^ 1;

    expect(await refusal(run(serving(forged(cosigned.size, otherRoot))))).toBe('CHECKPOINT_INCONSISTENT');
    expect(await refusal(run(serving(forged(cosigned.size - 1, otherRoot))))).toBe('CHECKPOINT_OLDER');
    // A larger tree whose consistency proof (the real log's) does not lead from the cosigned root.
    expect(await refusal(run(serving(forged(cosigned.size + 1, otherRoot))))).toBe('LOG_UNREACHABLE'); // no such size to prove
    const stranger = privateKeyFromSeed(Buffer.alloc(32, 0x33));
    expect(await refusal(run(serving(forged(cosigned.size, Buffer.from(cosigned.rootHash, 'base64'), stranger))))).toBe(
      'CHECKPOINT_UNVERIFIED',
    );
    expect(await refusal(run(serving('not a note')))).toBe('CHECKPOINT_UNVERIFIED');
    expect(submitted).toBe(0);
    expect(readFileSync(stateFile).equals(saved)).toBe(true);
    expect(readdirSync(dir)).toEqual(['witness-state.json']);
    // Another witness's state is never used.
    expect(() => readWitnessState(stateFile, UNLISTED)).toThrow(/not of/);
  });

  it('a larger tree that does not extend the cosigned one is refused on its consistency proof', async () => {
    const fresh = join(dir, 'fork-state.json');
    const origin = log.app.merkle.origin;
    const { size, rootHash } = readWitnessState(stateFile, WITNESS).logs[origin]!;
    // A state that remembers another root at an earlier size: the log's real proof cannot lead from it.
    const root = Buffer.from(rootHash, 'base64');
    root[5] = root[5]! ^ 0x40;
    const state = readWitnessState(stateFile, WITNESS);
    writeWitnessState(fresh, {
      ...state,
      logs: { [origin]: { ...state.logs[origin]!, size: size - 1, rootHash: root.toString('base64') } },
    });
    const saved = readFileSync(fresh);
    const code = await refusal(
      runWitness({ key: WITNESS, log: client, state: readWitnessState(fresh, WITNESS), saveState: (s) => writeWitnessState(fresh, s) }),
    );
    expect(code).toBe('CHECKPOINT_INCONSISTENT');
    expect(proofs).toEqual([[size - 1, size]]);
    expect(readFileSync(fresh).equals(saved)).toBe(true);
  });

  it('the log stores only cosignatures it can verify, by the witnesses it lists', async () => {
    const checkpoint = await latest();
    const text = parseNote(checkpoint.note).text;
    const add = (line: string, size = checkpoint.size) =>
      log.gql('E3', ['employee'], 'mutation($s: Int!, $c: String!) { addCosignature(treeSize: $s, cosignature: $c) { size } }', {
        s: size,
        c: line,
      });
    const codeOf = async (line: string, size?: number) => (await add(line, size)).errors?.[0]?.extensions?.code ?? 'stored';
    expect(await codeOf(cosignCheckpoint(UNLISTED, text, clock))).toBe('UNKNOWN_WITNESS');
    const line = cosignCheckpoint(WITNESS, text, clock + 1);
    const raw = Buffer.from(line.split(' ')[2]!, 'base64');
    raw[70] = raw[70]! ^ 1;
    expect(await codeOf(`\u2014 ${WITNESS.name} ${raw.toString('base64')}\n`)).toBe('BAD_SIGNATURE');
    expect(await codeOf(cosignCheckpoint(WITNESS, text.replace(/\n\d+\n/, '\n1\n'), clock))).toBe('BAD_SIGNATURE');
    expect(await codeOf('— not a cosignature')).toBe('INVALID_ENCODING');
    expect(await codeOf(line, 999_999)).toBe('NOT_FOUND');
    // A valid one by the listed witness for this checkpoint: already cosigned, so nothing changes.
    expect(await codeOf(line)).toBe('stored');
    expect((await latest()).cosignatures).toEqual(checkpoint.cosignatures);
    expect(await log.gql('E3', ['employee'], 'mutation { addCosignature(treeSize: 1, cosignature: "x") { size } }')).toMatchObject({
      errors: [{ extensions: { code: 'INVALID_ENCODING' } }],
    });
  });

  it('npm run witness: keygen and vkey, a cosignature, exit 1 on a refusal with both notes, 2 without a token', async () => {
    const keyFile = join(dir, 'cli.key');
    const made = await runTs('scripts/witness.ts', ['keygen', '--name', 'witness.example.org/cli', '--out', keyFile], {});
    expect(made.code).toBe(0);
    const vkey = made.stdout.trim();
    expect(parseWitnessKey(vkey).name).toBe('witness.example.org/cli');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect((await runTs('scripts/witness.ts', ['vkey', '--key', keyFile], {})).stdout.trim()).toBe(vkey);
    expect((await runTs('scripts/witness.ts', ['keygen', '--name', 'x', '--out', keyFile], {})).code).toBe(2); // never replaced

    // The server lists the CLI's own fixed key too: a second log process is not needed for that,
    // its WITNESS_KEYS only decides what is stored.
    const fixed = join(dir, 'fixed.key');
    writeFileSync(fixed, `${formatWitnessSkey(WITNESS)}\n`, { mode: 0o600 });
    const cliState = join(dir, 'cli-state.json');
    const env = { WITNESS_TOKEN: log.token('AUD1', ['auditor']) };
    const ran = await runTs('scripts/witness.ts', ['--key', fixed, '--log', log.url, '--state', cliState], env);
    expect(ran.stderr).toMatch(/^cosigned .* at \d+ entries, root .*: first checkpoint of this log seen by witness.example.org\/audit/);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^— witness\.example\.org\/audit \S+\n$/);
    expect(readWitnessState(cliState, WITNESS).logs[log.app.merkle.origin]).toBeDefined();

    // A state that remembers a larger tree than the log shows: refused, exit 1, state untouched.
    const state = readWitnessState(cliState, WITNESS);
    const entry = state.logs[log.app.merkle.origin]!;
    writeWitnessState(cliState, { ...state, logs: { [log.app.merkle.origin]: { ...entry, size: entry.size + 5 } } });
    const saved = readFileSync(cliState);
    const refused = await runTs('scripts/witness.ts', ['--key', fixed, '--log', log.url, '--state', cliState], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('witness: REFUSED CHECKPOINT_OLDER');
    expect(refused.stderr).toContain('the checkpoint the log showed:');
    expect(refused.stderr).toContain(`the last checkpoint of ${log.app.merkle.origin} this witness cosigned`);
    expect(refused.stdout).toBe('');
    expect(readFileSync(cliState).equals(saved)).toBe(true);

    const noToken = await runTs('scripts/witness.ts', ['--key', fixed, '--log', log.url], { WITNESS_TOKEN: '' });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('WITNESS_TOKEN');
    const otherState = await runTs('scripts/witness.ts', ['--key', keyFile, '--log', log.url, '--state', cliState], env);
    expect(otherState.code).toBe(2);
    expect(otherState.stderr).toContain('witness: STATE_INVALID');
    expect(emptyWitnessState(WITNESS).logs).toEqual({});
  }, 60_000);
});
