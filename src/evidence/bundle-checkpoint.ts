/**
 * The checkpoint inside a bundle: a C2SP signed note by a ledger key that states the size and
 * root the proofs use, and the cosignatures of the witnesses who checked it (§11.10, §13.6 step 6).
 */
import { toBase64 } from '../crypto/portable/base64';
import { CheckpointError, checkpointVerifiersWith, openCheckpoint, readCheckpointNote } from '../crypto/portable/checkpoint';
import { checkCosignatures, parseCosignatureVkeyWith, type CosignatureVerifier } from '../crypto/portable/cosignature';
import type { LedgerPublicKey } from '../crypto/portable/ledger-public-key';
import { portableVerifyPort } from '../crypto/portable/portable-verify-port';
import { keyIdHex, parseNote, SignedNoteError, type ParsedNote } from '../crypto/portable/signed-note';
import type { VerifyPort } from '../crypto/portable/verify-port';

export interface CheckpointProblem {
  readonly code: string;
  readonly detail: string;
}

/** Checks the note's signature through `port` (the verifier passes its own), and its size and root against the bundle's. */
export function checkCheckpointNote(
  checkpoint: { readonly note: string; readonly size: number; readonly rootHash: string },
  ledgerKeys: readonly LedgerPublicKey[],
  port: VerifyPort = portableVerifyPort,
): { problems: CheckpointProblem[] } {
  const problems: CheckpointProblem[] = [];
  try {
    // The key name is the note's origin; the keys themselves are the (pinned) ledger keys.
    const { origin } = readCheckpointNote(checkpoint.note);
    const verifiers = checkpointVerifiersWith(
      port,
      origin,
      ledgerKeys.map((k) => k.publicKey),
    );
    const opened = openCheckpoint(checkpoint.note, verifiers).checkpoint;
    if (opened.size !== checkpoint.size) {
      problems.push({ code: 'CHECKPOINT_SIZE', detail: `the signed note says ${opened.size} entries, the bundle says ${checkpoint.size}` });
    }
    if (toBase64(opened.rootHash) !== checkpoint.rootHash) {
      problems.push({ code: 'CHECKPOINT_ROOT', detail: 'the signed note states a different root hash than the bundle' });
    }
  } catch (error) {
    if (error instanceof SignedNoteError) problems.push({ code: 'CHECKPOINT_SIGNATURE', detail: `checkpoint note: ${error.message}` });
    else if (error instanceof CheckpointError) problems.push({ code: 'CHECKPOINT_FORMAT', detail: `checkpoint note: ${error.message}` });
    else throw error;
  }
  return { problems };
}

/** A cosignature line of the bundle's checkpoint, as the report lists it. */
export interface WitnessCosignatureReport {
  /** The witness's key name. */
  readonly name: string;
  /** Its key ID, 8 hex digits. */
  readonly keyId: string;
  /** POSIX seconds the cosignature states (null when the line is not a well-formed cosignature). */
  readonly timestamp: number | null;
  /** By a pinned witness key: checked. Not pinned: listed, checked against nothing. */
  readonly pinned: boolean;
  /** Pinned and valid over the checkpoint. */
  readonly verified: boolean;
}

export interface WitnessProblem extends CheckpointProblem {
  readonly where: string;
}

/**
 * The witnesses' cosignatures of the checkpoint (C2SP tlog-cosignature, cosignature/v1): every
 * signature line of `note` by a pinned witness key (`witnessKeys`, vkeys) must verify over the
 * note text [WITNESS_COSIGNATURE], and at least `threshold` distinct pinned witnesses (default:
 * all of them) must have cosigned [WITNESS_COSIGNATURE_MISSING]. A pin that is not a witness
 * vkey is [WITNESS_KEY_INVALID] (and counts as a witness that did not cosign). Without pins
 * nothing fails: the lines shaped as cosignatures are listed, unverified. `threshold` outside
 * 1..pins is a caller error (RangeError).
 */
export function checkWitnessCosignatures(
  note: string,
  witnessKeys: readonly string[],
  threshold: number | undefined,
  port: VerifyPort = portableVerifyPort,
): { problems: WitnessProblem[]; witnesses: WitnessCosignatureReport[] } {
  const problems: WitnessProblem[] = [];
  const given = new Set(witnessKeys.map((k) => (typeof k === 'string' ? k.trim() : k)));
  if (threshold !== undefined && (!Number.isSafeInteger(threshold) || threshold < 1 || threshold > given.size)) {
    throw new RangeError(`witness threshold must be from 1 to the ${given.size} pinned witness key(s), got ${threshold}`);
  }
  const required = threshold ?? given.size;
  const pinned = new Map<string, CosignatureVerifier>();
  for (const vkey of given) {
    const where = `witness key ${String(vkey).slice(0, 80)}`;
    let witness: CosignatureVerifier;
    try {
      witness = parseCosignatureVkeyWith(port, vkey);
    } catch (error) {
      if (!(error instanceof SignedNoteError)) throw error;
      problems.push({ code: 'WITNESS_KEY_INVALID', where, detail: error.message });
      continue;
    }
    const id = `${witness.name}+${keyIdHex(witness.keyId)}`;
    if (pinned.has(id)) problems.push({ code: 'WITNESS_KEY_INVALID', where, detail: `two pinned witness keys are named ${id}` });
    else pinned.set(id, witness);
  }
  let parsed: ParsedNote | null = null;
  try {
    parsed = parseNote(note);
  } catch (error) {
    if (!(error instanceof SignedNoteError)) throw error; // reported as CHECKPOINT_SIGNATURE
  }
  const witnesses: WitnessCosignatureReport[] = [];
  const cosigned = new Set<string>();
  for (const check of parsed ? checkCosignatures(parsed.text, parsed.signatures, [...pinned.values()]) : []) {
    const name = check.status === 'unknown' ? check.cosignature.name : check.witness.name;
    const keyId = keyIdHex(check.status === 'unknown' ? check.cosignature.keyId : check.witness.keyId);
    const timestamp = check.cosignature?.timestamp ?? null;
    witnesses.push({ name, keyId, timestamp, pinned: check.status !== 'unknown', verified: check.status === 'valid' });
    if (check.status === 'valid') cosigned.add(`${name}+${keyId}`);
    if (check.status === 'invalid') {
      problems.push({
        code: 'WITNESS_COSIGNATURE',
        where: `witness ${name}`,
        detail: `the cosignature by the pinned witness ${name}+${keyId} does not verify over this checkpoint`,
      });
    }
  }
  if (given.size > 0 && cosigned.size < required) {
    const missing = [...pinned.keys()].filter((id) => !cosigned.has(id));
    problems.push({
      code: 'WITNESS_COSIGNATURE_MISSING',
      where: 'checkpoint',
      detail: `${cosigned.size} of the ${given.size} pinned witness(es) cosigned this checkpoint, ${required} required${missing.length ? `; no valid cosignature by ${missing.join(', ')}` : ''}`,
    });
  }
  return { problems, witnesses };
}
