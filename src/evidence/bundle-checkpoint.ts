/** The checkpoint inside a bundle: a C2SP signed note by a ledger key that states the size and root the proofs use. */
import { toBase64 } from '../crypto/portable/base64';
import { CheckpointError, checkpointVerifiersWith, openCheckpoint, readCheckpointNote } from '../crypto/portable/checkpoint';
import type { LedgerPublicKey } from '../crypto/portable/ledger-public-key';
import { portableVerifyPort } from '../crypto/portable/portable-verify-port';
import { SignedNoteError } from '../crypto/portable/signed-note';
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
