/**
 * Proofs from the global Merkle log: inclusion of one event (signing a checkpoint on demand
 * when none covers it yet) and consistency between two sizes. Who may have which event proven
 * is the access policy's: overseers any event; parties the events of a record they may see.
 * The check comes first, and every refusal reads like an event that does not exist.
 */
import { canViewRecord, may, type Viewer } from '../../domain/access';
import { DomainError, NotFoundError, ValidationError } from '../../domain/errors';
import { interviewStream } from '../../domain/interview/interview';
import type { StoredCheckpoint } from '../../ledger/merkle-log';
import { INTERVIEWS, type InterviewDoc } from '../../projections/interview.projection';
import type { App } from '../services';
import type { RecordLoader } from './interviews';

const INTERVIEW_PREFIX = interviewStream('');

/** The log has not yet followed an event that the store holds: try again shortly. */
export class NotReadyError extends DomainError {
  readonly code = 'NOT_READY';
}

async function assertMayProve(
  app: Pick<App, 'readModels'>,
  viewer: Viewer,
  stream: string,
  revision: number,
  load?: RecordLoader,
): Promise<void> {
  if (may(viewer, 'proveAnyEvent')) return;
  const id = stream.startsWith(INTERVIEW_PREFIX) ? stream.slice(INTERVIEW_PREFIX.length) : '';
  const doc = id ? await (load ?? ((key: string) => app.readModels.get<InterviewDoc>(INTERVIEWS, key)))(id) : null;
  if (!doc || !canViewRecord(viewer, doc)) throw new NotFoundError(`no event ${stream}@${revision}`, 'stream');
}

export function assertSize(value: number, field: string, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new ValidationError(`${field} must be an integer from ${min} to ${max}`, field);
}

export interface InclusionResult {
  readonly stream: string;
  readonly revision: number;
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: Uint8Array;
  readonly rootHash: Uint8Array;
  readonly proof: readonly Uint8Array[];
  readonly checkpoint: StoredCheckpoint | null;
}

export async function inclusionProof(
  app: Pick<App, 'readModels' | 'merkle' | 'store'>,
  viewer: Viewer,
  input: { stream: string; revision: number; treeSize?: number | null },
  load?: RecordLoader,
): Promise<InclusionResult> {
  const { stream, revision, treeSize } = input;
  await assertMayProve(app, viewer, stream, revision, load);
  assertSize(revision, 'revision', 0, Number.MAX_SAFE_INTEGER);
  const merkle = app.merkle;
  let leafIndex = merkle.leafIndexOfEvent(stream, revision);
  if (leafIndex === undefined) {
    // Written but perhaps not yet followed by the log: wait for it briefly.
    const [event] = await app.store.readStream(stream, { fromRevision: revision, maxCount: 1 });
    if (!event || event.revision !== revision) throw new NotFoundError(`no event ${stream}@${revision}`, 'revision');
    await merkle.waitFor(event.position);
    leafIndex = merkle.leafIndexOfEvent(stream, revision);
    if (leafIndex === undefined) throw new NotReadyError('the Merkle log has not reached this event yet; try again shortly');
  }
  let size: number;
  let checkpoint: StoredCheckpoint | null;
  if (treeSize === undefined || treeSize === null) {
    const latest = merkle.latestCheckpoint(merkle.size);
    checkpoint = latest !== null && latest.size > leafIndex ? latest : await merkle.signCheckpoint();
    size = checkpoint.size;
  } else {
    assertSize(treeSize, 'treeSize', leafIndex + 1, merkle.size);
    size = treeSize;
    // Signed by another instance a moment ago: pulled from the shared record when not mirrored yet.
    if (!merkle.checkpointAt(size)) await merkle.sync();
    checkpoint = merkle.checkpointAt(size);
  }
  return {
    stream,
    revision,
    leafIndex,
    treeSize: size,
    leafHash: merkle.leaf(leafIndex)!.leafHash,
    rootHash: merkle.root(size),
    proof: merkle.inclusionProof(leafIndex, size),
    checkpoint,
  };
}

export interface ConsistencyResult {
  readonly oldSize: number;
  readonly newSize: number;
  readonly oldRootHash: Uint8Array;
  readonly newRootHash: Uint8Array;
  readonly proof: readonly Uint8Array[];
  readonly oldCheckpoint: StoredCheckpoint | null;
  readonly newCheckpoint: StoredCheckpoint | null;
}

/** Consistency carries no content: any signed-in person may ask. */
export function consistencyProof(app: Pick<App, 'merkle'>, input: { oldSize: number; newSize: number }): ConsistencyResult {
  const { oldSize, newSize } = input;
  const merkle = app.merkle;
  assertSize(newSize, 'newSize', 1, merkle.size);
  assertSize(oldSize, 'oldSize', 1, newSize);
  return {
    oldSize,
    newSize,
    oldRootHash: merkle.root(oldSize),
    newRootHash: merkle.root(newSize),
    proof: merkle.consistencyProof(oldSize, newSize),
    oldCheckpoint: merkle.checkpointAt(oldSize),
    newCheckpoint: merkle.checkpointAt(newSize),
  };
}
