import { assertBytes } from './assert';
import { nodeVerifyPort } from './node-verify-port';
import { checkpointVerifiersWith, CheckpointError, rootLine, type Checkpoint } from './portable/checkpoint';
import { HASH_SIZE } from './portable/merkle-verify';
import { isValidKeyName, signNote, type NoteSigner, type NoteVerifier } from './signed-note';

export {
  CheckpointError,
  openCheckpoint,
  parseCheckpoint,
  readCheckpointNote,
  type Checkpoint,
  type CheckpointParseOptions,
  type OpenCheckpointOptions,
} from './portable/checkpoint';

/**
 * C2SP transparency-log checkpoints (https://c2sp.org/tlog-checkpoint) on the server. Parsing,
 * opening and verification are ./portable/checkpoint.ts, the one implementation (the browser
 * verifier runs it too); formatting and signing are here.
 */

/** The note text of a checkpoint. Refuses anything that would not parse back identically. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions = [] } = checkpoint;
  if (typeof origin !== 'string' || origin.length === 0 || origin.includes('\n'))
    throw new CheckpointError('origin must be a non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw new CheckpointError(`tree size must be a non-negative safe integer, got ${size}`);
  assertBytes(rootHash, 'checkpoint root hash', HASH_SIZE);
  for (const line of extensions) {
    if (typeof line !== 'string' || line.length === 0 || line.includes('\n'))
      throw new CheckpointError('extension lines must be non-empty lines');
  }
  return [origin, String(size), rootLine(rootHash), ...extensions].map((line) => `${line}\n`).join('');
}

/**
 * Signs a checkpoint as a note. The signer's key name must be the origin
 * (tlog-checkpoint "Signatures": SHOULD match; we make it a rule so verifiers need one name).
 */
export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): string {
  if (!isValidKeyName(checkpoint.origin)) throw new CheckpointError('origin must be a valid note key name (no spaces, no "+")');
  if (signer.name !== checkpoint.origin) throw new CheckpointError(`signer ${signer.name} is not named after origin ${checkpoint.origin}`);
  return signNote(formatCheckpoint(checkpoint), [signer]);
}

/**
 * Verifiers for checkpoints of a log that signs under its origin as key name: one per Ed25519
 * public key (raw 32 bytes, or base64 as the ledger key file publishes them). Duplicates are
 * dropped, so a key listed twice is not an ambiguous key.
 */
export function checkpointVerifiers(origin: string, publicKeys: readonly (Uint8Array | string)[]): NoteVerifier[] {
  return checkpointVerifiersWith(nodeVerifyPort, origin, publicKeys);
}
