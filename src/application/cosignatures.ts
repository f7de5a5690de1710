/**
 * Witness cosignatures of the log's checkpoints (docs/ledger-format.md §11.10): a witness
 * (src/client/witness.ts, `npm run witness`) checks a checkpoint against the last one it saw and
 * cosigns it; this stores the cosignature beside the checkpoint, which then serves it (GraphQL
 * `Checkpoint.cosignatures`, `Checkpoint.cosignedNote`) and carries it into evidence bundles.
 *
 * Only what verifies is stored: a cosignature of a checkpoint the log signed, by a witness the
 * operator lists in WITNESS_KEYS, valid over that checkpoint's exact note text. Anything else is
 * refused with a code and changes nothing. Append-only: the first cosignature of a checkpoint by
 * a witness key stays; a repeat is answered with what is stored.
 */
import { checkCosignatures, cosignaturePayload, parseCosignatureLine, parseWitnessKeyList } from '../crypto/cosignature';
import { parseNote, SignedNoteError } from '../crypto/signed-note';
import { NotFoundError, RuleError, ValidationError } from '../domain/errors';
import type { StoredCheckpoint } from '../ledger/merkle-log';
import { assertSize } from './queries/proofs';
import type { App } from './services';

export interface AddCosignatureInput {
  readonly treeSize: number;
  /** One signature line, `— <witness name> <base64(key ID || timestamp || signature)>`, newline optional. */
  readonly cosignature: string;
}

export async function addCosignature(app: Pick<App, 'merkle' | 'config'>, input: AddCosignatureInput): Promise<StoredCheckpoint> {
  const { treeSize } = input;
  assertSize(treeSize, 'treeSize', 0, Number.MAX_SAFE_INTEGER);
  if (typeof input.cosignature !== 'string') throw new ValidationError('cosignature must be a signature line', 'cosignature');
  let cosignature;
  try {
    cosignature = parseCosignatureLine(input.cosignature);
  } catch (error) {
    if (!(error instanceof SignedNoteError)) throw error;
    throw new ValidationError(`cosignature: ${error.message}`, 'cosignature', 'INVALID_ENCODING');
  }
  // Another instance may have signed it a moment ago: the shared record is pulled when it is not mirrored yet.
  if (!app.merkle.checkpointAt(treeSize)) await app.merkle.sync();
  const checkpoint = app.merkle.checkpointAt(treeSize);
  if (!checkpoint) throw new NotFoundError(`the log signed no checkpoint of ${treeSize} entries`, 'treeSize');
  const witnesses = parseWitnessKeyList(app.config.witnessKeys.join(','));
  const [check] = checkCosignatures(
    parseNote(checkpoint.note).text,
    [
      {
        name: cosignature.name,
        keyId: cosignature.keyId,
        signature: cosignaturePayload(cosignature.timestamp, cosignature.signature),
        base64: '',
      },
    ],
    witnesses,
  );
  if (!check || check.status === 'unknown') {
    throw new RuleError('UNKNOWN_WITNESS', `${cosignature.name} is not a witness this log accepts (WITNESS_KEYS)`, 'cosignature');
  }
  if (check.status === 'invalid') {
    throw new RuleError(
      'BAD_SIGNATURE',
      `the cosignature by ${cosignature.name} does not verify over the checkpoint of ${treeSize} entries`,
      'cosignature',
    );
  }
  await app.merkle.addCosignature({
    size: treeSize,
    witness: cosignature.name,
    keyId: cosignature.keyId,
    timestamp: cosignature.timestamp,
    line: cosignature.line,
  });
  return checkpoint;
}
