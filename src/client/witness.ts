/**
 * A witness for the ledger's Merkle log: someone other than the operator (an auditor, a works
 * council, another company) who checks that every checkpoint the log shows is consistent with
 * the last one they saw, and cosigns it (C2SP tlog-cosignature, cosignature/v1). An operator
 * holding the ledger key can rewrite history and sign it again; they cannot make a witness that
 * saw the old history cosign the new one, so a checkpoint that carries the witness's
 * cosignature is one the witness vouches was never forked (docs/ledger-format.md §11.10).
 *
 *   const key = generateWitnessKey('witness.example.org/audit');    // keep formatWitnessSkey(key) private
 *   // the log's operator lists key.vkey in WITNESS_KEYS; verifiers pin it with --witness-key
 *   const log = graphqlLogClient('https://ledger.example.org/graphql', token);
 *   const result = await runWitness({ key, log, state: await loadState(), saveState });
 *
 * One run: fetch the newest checkpoint; verify the log's signature with the log keys the witness
 * trusts; unless it is the first checkpoint it sees of that log, check it against the last one it
 * cosigned (never an older tree, never another root at the same size, a consistency proof for a
 * larger one, RFC 9162 §2.1.4.2); record it in the state, saved before anything is released;
 * then send the cosignature to the log, which stores it and serves it with the checkpoint. A
 * refused checkpoint changes nothing in the state.
 *
 * Portable: tweetnacl, the portable crypto and `fetch` (Node 20, browsers); the state file
 * (node:fs) is ./witness-state-file.ts.
 */
import nacl from 'tweetnacl';
import { fromBase64, toBase64 } from '../crypto/portable/base64';
import { readCheckpointNote, openCheckpoint, type Checkpoint } from '../crypto/portable/checkpoint';
import {
  COSIGNATURE_ED25519,
  cosignatureLine,
  cosignatureMessage,
  cosignatureVerifierWith,
  type CosignatureVerifier,
} from '../crypto/portable/cosignature';
import { verifyConsistencyWith } from '../crypto/portable/merkle-verify';
import { portableVerifyPort } from '../crypto/portable/portable-verify-port';
import {
  ed25519NoteVerifierWith,
  isValidKeyName,
  keyIdHex,
  NOTE_ED25519,
  parseNote,
  SignedNoteError,
  type NoteVerifier,
} from '../crypto/portable/signed-note';
import { bytesEqual, concatBytes } from '../crypto/portable/verify-port';

const port = portableVerifyPort;

export const WITNESS_STATE_FORMAT = 'interview-ledger-witness-state/v1';

export type WitnessErrorCode =
  /** The checkpoint is not a checkpoint note validly signed by a log key the witness trusts. */
  | 'CHECKPOINT_UNVERIFIED'
  /** The checkpoint is smaller than the one the witness cosigned last: never cosign an older tree. */
  | 'CHECKPOINT_OLDER'
  /** The checkpoint is not consistent with the last one cosigned: the log was forked or rewritten. */
  | 'CHECKPOINT_INCONSISTENT'
  /** The state file is damaged, or belongs to another witness key. */
  | 'STATE_INVALID'
  /** A key file or vkey that is not what it should be. */
  | 'KEY_INVALID'
  /** The log could not be asked, or answered something else than the protocol says. */
  | 'LOG_UNREACHABLE'
  /** The log did not store the cosignature (e.g. the witness is not in its WITNESS_KEYS). */
  | 'COSIGNATURE_REFUSED';

export class WitnessError extends Error {
  constructor(
    readonly code: WitnessErrorCode,
    message: string,
    /** For a refusal: the checkpoint note the log showed (with the witness's own, the evidence of a fork). */
    readonly note?: string,
  ) {
    super(message);
    this.name = 'WitnessError';
  }
}

// ---- the witness's key -------------------------------------------------------------------------

/** A witness's Ed25519 key under its name (a schema-less URL, tlog-cosignature "Format"). */
export interface WitnessKey {
  readonly name: string;
  /** tweetnacl's 64-byte secret key (seed and public key). */
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly keyId: number;
  /** What verifiers pin and the log lists in WITNESS_KEYS: `<name>+<key ID>+<base64(0x04 || key)>`. */
  readonly vkey: string;
}

const SKEY_PREFIX = 'PRIVATE+KEY+';

/** The witness key of a 32-byte seed. Deterministic: for key files and tests. */
export function witnessKeyFromSeed(name: string, seed: Uint8Array): WitnessKey {
  if (!isValidKeyName(name))
    throw new WitnessError('KEY_INVALID', `witness name ${JSON.stringify(name)} must be non-empty, with no spaces and no "+"`);
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new WitnessError('KEY_INVALID', 'a witness seed is 32 bytes');
  const pair = nacl.sign.keyPair.fromSeed(seed);
  const verifier = cosignatureVerifierWith(port, name, pair.publicKey);
  return { name, secretKey: pair.secretKey, publicKey: pair.publicKey, keyId: verifier.keyId, vkey: verifier.vkey };
}

/** A fresh witness key from the platform's secure random source. */
export function generateWitnessKey(name: string): WitnessKey {
  return witnessKeyFromSeed(name, nacl.randomBytes(32));
}

/**
 * The private key as text, in the signer-key form of Go's sumdb/note with the cosignature type:
 * `PRIVATE+KEY+<name>+<key ID hex>+<base64(0x04 || 32-byte seed)>`. Keep it secret.
 */
export function formatWitnessSkey(key: WitnessKey): string {
  return `${SKEY_PREFIX}${key.name}+${keyIdHex(key.keyId)}+${toBase64(concatBytes(Uint8Array.of(COSIGNATURE_ED25519), key.secretKey.slice(0, 32)))}`;
}

/** Parses `formatWitnessSkey`'s text (surrounding whitespace allowed); the key ID must match. */
export function parseWitnessSkey(text: string): WitnessKey {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (!trimmed.startsWith(SKEY_PREFIX))
    throw new WitnessError('KEY_INVALID', `a witness key file holds one line ${SKEY_PREFIX}<name>+<key ID>+<key>`);
  const [name, hex, ...rest] = trimmed.slice(SKEY_PREFIX.length).split('+');
  const raw = fromBase64(rest.join('+'));
  if (
    name === undefined ||
    hex === undefined ||
    !/^[0-9a-f]{8}$/.test(hex) ||
    raw === null ||
    raw.length !== 33 ||
    raw[0] !== COSIGNATURE_ED25519
  ) {
    throw new WitnessError('KEY_INVALID', `not a cosignature/v1 witness key (${SKEY_PREFIX}<name>+<8 hex>+<base64(0x04 || seed)>)`);
  }
  const key = witnessKeyFromSeed(name, raw.subarray(1));
  if (key.keyId !== Number.parseInt(hex, 16))
    throw new WitnessError('KEY_INVALID', 'the witness key file’s key ID does not match its name and key');
  return key;
}

/** The cosignature line of `key` over a checkpoint's note text at `timestamp` (POSIX seconds). */
export function cosignCheckpoint(key: WitnessKey, noteText: string, timestamp: number): string {
  const signature = nacl.sign.detached(cosignatureMessage(noteText, timestamp), key.secretKey);
  return cosignatureLine(key.name, key.keyId, timestamp, signature);
}

// ---- what the witness remembers ----------------------------------------------------------------

/** The last checkpoint cosigned of one log, by origin. */
export interface WitnessedLog {
  readonly size: number;
  /** base64 of the 32-byte root. */
  readonly rootHash: string;
  /** The note as the log signed it (the evidence, should the log ever show another history). */
  readonly note: string;
  /** The log's checkpoint verifier keys the witness trusts (`<origin>+<key ID>+<base64(0x01 || key)>`). */
  readonly logKeys: readonly string[];
  /** POSIX seconds of the cosignature. */
  readonly timestamp: number;
  readonly cosignedAt: string;
}

export interface WitnessState {
  readonly format: typeof WITNESS_STATE_FORMAT;
  /** The vkey of the witness whose state this is: a state is never used by another key. */
  readonly witness: string;
  readonly logs: Readonly<Record<string, WitnessedLog>>;
}

export const emptyWitnessState = (key: WitnessKey): WitnessState => ({ format: WITNESS_STATE_FORMAT, witness: key.vkey, logs: {} });

/** Checks a parsed state file: its shape, and that it is this witness's. */
export function checkWitnessState(value: unknown, key: WitnessKey): WitnessState {
  const bad = (why: string) => new WitnessError('STATE_INVALID', `witness state: ${why}`);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad('not an object');
  const state = value as Partial<WitnessState>;
  if (state.format !== WITNESS_STATE_FORMAT) throw bad(`format is not ${WITNESS_STATE_FORMAT}`);
  if (state.witness !== key.vkey) throw bad(`it is the state of witness ${String(state.witness)}, not of ${key.vkey}`);
  if (!state.logs || typeof state.logs !== 'object' || Array.isArray(state.logs)) throw bad('logs is not an object');
  for (const [origin, log] of Object.entries(state.logs)) {
    const root = typeof log?.rootHash === 'string' ? fromBase64(log.rootHash) : null;
    if (
      !Number.isSafeInteger(log?.size) ||
      log.size < 0 ||
      root === null ||
      root.length !== 32 ||
      typeof log.note !== 'string' ||
      !Array.isArray(log.logKeys) ||
      !log.logKeys.every((k) => typeof k === 'string') ||
      !Number.isSafeInteger(log.timestamp) ||
      typeof log.cosignedAt !== 'string'
    ) {
      throw bad(`the entry of ${origin} is malformed`);
    }
  }
  return state as WitnessState;
}

// ---- talking to the log --------------------------------------------------------------------------

/** What a witness asks of a log. */
export interface LogClient {
  /** The newest checkpoint: its note (the log's signature, perhaps cosignatures) and the log's verifier keys. */
  latestCheckpoint(): Promise<{ readonly note: string; readonly verifierKeys: readonly string[] } | null>;
  /** RFC 9162 PROOF(oldSize, D[newSize]), base64 hashes. */
  consistencyProof(oldSize: number, newSize: number): Promise<readonly string[]>;
  /** Hands the cosignature to the log, which stores it beside the checkpoint of `treeSize`. */
  addCosignature(treeSize: number, cosignature: string): Promise<void>;
}

type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{
  ok: boolean;
  status: number;
  text(): Promise<string>;
}>;

/** The log's GraphQL API (docs/ledger-format.md §11.9–11.10) at `url`, with a bearer token. */
export function graphqlLogClient(url: string, token: string, fetchImpl: Fetch = fetch as unknown as Fetch): LogClient {
  async function call<T>(query: string, variables: Record<string, unknown>, refusal: WitnessErrorCode = 'LOG_UNREACHABLE'): Promise<T> {
    let status = 0;
    let text = '';
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw new WitnessError('LOG_UNREACHABLE', `cannot reach ${url}: ${(error as Error).message}`);
    }
    let answer: { data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      throw new WitnessError('LOG_UNREACHABLE', `${url} answered HTTP ${status} with something that is not GraphQL`);
    }
    if (answer.errors?.length) {
      const [first] = answer.errors;
      throw new WitnessError(refusal, `${url}: ${first!.extensions?.code ?? 'ERROR'}: ${first!.message}`);
    }
    if (!answer.data) throw new WitnessError('LOG_UNREACHABLE', `${url} answered HTTP ${status} without data`);
    return answer.data;
  }
  return {
    async latestCheckpoint() {
      const data = await call<{ latestCheckpoint: { note: string; verifierKeys: string[] } | null }>(
        'query { latestCheckpoint { note verifierKeys } }',
        {},
      );
      return data.latestCheckpoint;
    },
    async consistencyProof(oldSize, newSize) {
      const data = await call<{ consistencyProof: { proof: string[] } }>(
        'query ($oldSize: Int!, $newSize: Int!) { consistencyProof(oldSize: $oldSize, newSize: $newSize) { proof } }',
        { oldSize, newSize },
      );
      return data.consistencyProof.proof;
    },
    async addCosignature(treeSize, cosignature) {
      await call(
        'mutation ($treeSize: Int!, $cosignature: String!) { addCosignature(treeSize: $treeSize, cosignature: $cosignature) { size } }',
        { treeSize, cosignature },
        'COSIGNATURE_REFUSED',
      );
    },
  };
}

// ---- one run -----------------------------------------------------------------------------------

export interface WitnessRun {
  readonly key: WitnessKey;
  readonly log: LogClient;
  /** The witness's state as last saved (`emptyWitnessState(key)` the first time). */
  readonly state: WitnessState;
  /** Saves the new state durably; called before the cosignature leaves the witness. */
  readonly saveState: (state: WitnessState) => Promise<void> | void;
  /**
   * Checkpoint verifier keys of the log (`<origin>+<key ID>+<base64(0x01 || key)>`), as the
   * operator publishes them, added to those the state already trusts. Without any (the first
   * run of a log, no keys given) the log's own `verifierKeys` are trusted on first use.
   */
  readonly logKeys?: readonly string[];
  /** POSIX seconds; default: the system clock. */
  readonly now?: () => number;
}

export interface WitnessResult {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: string;
  /** The size the witness had cosigned before, or null on its first checkpoint of this log. */
  readonly previousSize: number | null;
  /** The log keys were taken from the log itself (first use, none given). */
  readonly trustedOnFirstUse: boolean;
  readonly cosignature: string;
  readonly state: WitnessState;
}

/** Checkpoint note verifiers of a log from its verifier keys (`<origin>+<key ID>+<base64(0x01 || key)>`, §11.4). */
function logVerifiers(origin: string, vkeys: readonly string[]): NoteVerifier[] {
  return vkeys.map((vkey) => {
    const parts = vkey.trim().split('+');
    const raw = fromBase64(parts.slice(2).join('+'));
    const verifier =
      parts[0] === origin && raw !== null && raw.length === 33 && raw[0] === NOTE_ED25519
        ? ed25519NoteVerifierWith(port, origin, raw.subarray(1))
        : null;
    if (verifier === null || parts[1] !== keyIdHex(verifier.keyId)) {
      throw new WitnessError('KEY_INVALID', `${vkey} is not a checkpoint verifier key of the log ${origin}`);
    }
    return verifier;
  });
}

/**
 * Decides on the log's newest checkpoint and, if it is consistent with everything this witness
 * cosigned, saves the state and sends the cosignature. Throws `WitnessError`; a refusal saves
 * nothing and sends nothing.
 */
export async function runWitness(run: WitnessRun): Promise<WitnessResult> {
  const { key, log } = run;
  const state = run.state;
  if (state.witness !== key.vkey) throw new WitnessError('STATE_INVALID', `the state is witness ${state.witness}'s, not ${key.vkey}'s`);
  const latest = await log.latestCheckpoint();
  if (!latest) throw new WitnessError('LOG_UNREACHABLE', 'the log has signed no checkpoint yet');

  let origin: string;
  try {
    origin = readCheckpointNote(latest.note).origin;
  } catch (error) {
    throw new WitnessError('CHECKPOINT_UNVERIFIED', `the log's checkpoint is malformed: ${(error as Error).message}`, latest.note);
  }
  const previous = state.logs[origin] ?? null;
  const given = [...(previous?.logKeys ?? []), ...(run.logKeys ?? [])];
  const trustedOnFirstUse = given.length === 0;
  const logKeys = [...new Set(trustedOnFirstUse ? latest.verifierKeys.filter((k) => k.startsWith(`${origin}+`)) : given)];
  let checkpoint: Checkpoint;
  try {
    checkpoint = openCheckpoint(latest.note, logVerifiers(origin, logKeys), { origin }).checkpoint;
  } catch (error) {
    if (error instanceof WitnessError) throw error;
    const why =
      error instanceof SignedNoteError && error.code === 'UNVERIFIED_NOTE'
        ? 'it is not signed by a log key this witness trusts'
        : (error as Error).message;
    throw new WitnessError('CHECKPOINT_UNVERIFIED', `checkpoint of ${origin}: ${why}`, latest.note);
  }

  if (previous) {
    const oldRoot = fromBase64(previous.rootHash)!;
    if (checkpoint.size < previous.size) {
      throw new WitnessError(
        'CHECKPOINT_OLDER',
        `the log shows ${checkpoint.size} entries, but this witness cosigned ${previous.size} already: a log never shrinks`,
        latest.note,
      );
    }
    if (checkpoint.size === previous.size && !bytesEqual(checkpoint.rootHash, oldRoot)) {
      throw new WitnessError(
        'CHECKPOINT_INCONSISTENT',
        `two checkpoints of ${origin} at size ${checkpoint.size} with different roots (${previous.rootHash} cosigned, ${toBase64(checkpoint.rootHash)} now): the log was forked`,
        latest.note,
      );
    }
    if (checkpoint.size > previous.size && previous.size > 0) {
      const proof = await log.consistencyProof(previous.size, checkpoint.size);
      const hashes = Array.isArray(proof) ? proof.map((h) => (typeof h === 'string' ? fromBase64(h) : null)) : [null];
      if (hashes.some((h) => h === null)) throw new WitnessError('LOG_UNREACHABLE', 'the consistency proof is not a list of base64 hashes');
      const verdict = verifyConsistencyWith(port, previous.size, checkpoint.size, oldRoot, checkpoint.rootHash, hashes as Uint8Array[]);
      if (!verdict.ok) {
        throw new WitnessError(
          'CHECKPOINT_INCONSISTENT',
          `the checkpoint at size ${checkpoint.size} is not consistent with the one cosigned at size ${previous.size} (${verdict.reason}): the log was rewritten`,
          latest.note,
        );
      }
    }
  }

  const now = run.now?.() ?? Math.floor(Date.now() / 1000);
  // Never go back in time for one log: a later cosignature states a later observation.
  const timestamp = Math.max(now, previous?.timestamp ?? 0);
  const text = parseNote(latest.note).text;
  const cosignature = cosignCheckpoint(key, text, timestamp);
  const ledgerNote = `${text}\n${parseNote(latest.note)
    .signatures.filter((s) => s.name === origin)
    .map((s) => `\u2014 ${s.name} ${s.base64}\n`)
    .join('')}`;
  const next: WitnessState = {
    ...state,
    logs: {
      ...state.logs,
      [origin]: {
        size: checkpoint.size,
        rootHash: toBase64(checkpoint.rootHash),
        note: ledgerNote,
        logKeys,
        timestamp,
        cosignedAt: new Date(timestamp * 1000).toISOString(),
      },
    },
  };
  // Saved before the cosignature is released: a witness that crashed after sending it must still
  // remember what it vouched for.
  await run.saveState(next);
  await log.addCosignature(checkpoint.size, cosignature);
  return {
    origin,
    size: checkpoint.size,
    rootHash: toBase64(checkpoint.rootHash),
    previousSize: previous?.size ?? null,
    trustedOnFirstUse,
    cosignature,
    state: next,
  };
}

/** The verifier of this witness's cosignatures, as a bundle verifier pins it. */
export function witnessVerifier(key: WitnessKey): CosignatureVerifier {
  return cosignatureVerifierWith(port, key.name, key.publicKey);
}
