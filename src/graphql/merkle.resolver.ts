import { GraphQLError } from 'graphql';
import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { hasAnyRole } from '../domain/command';
import type { ErrorCode } from '../domain/error-codes';
import { NotFoundError, ValidationError } from '../domain/errors';
import { canView, interviewStream } from '../domain/interview/interview';
import type { MerkleLog, StoredCheckpoint } from '../ledger/merkle-log';
import { requireActor, type Context } from './context';
import { Checkpoint, ConsistencyProof, InclusionProof } from './merkle.type';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const INTERVIEW_PREFIX = interviewStream('');

export function toCheckpoint(merkle: MerkleLog, checkpoint: StoredCheckpoint): Checkpoint {
  return {
    note: checkpoint.note,
    origin: checkpoint.origin,
    size: checkpoint.size,
    rootHash: b64(checkpoint.rootHash),
    signedAt: new Date(checkpoint.signedAt),
    kid: checkpoint.kid,
    verifierKeys: merkle.verifierKeys(),
  };
}

/**
 * HR, auditors and admins may have any event proven; anyone else only the events of an
 * interview they may see. Anything else is NOT_FOUND, so probing stream names leaks nothing.
 */
async function assertMayProve(ctx: Context, stream: string, revision: number): Promise<void> {
  const actor = requireActor(ctx);
  if (hasAnyRole({ roles: actor.roles }, 'hr', 'auditor', 'admin')) return;
  const id = stream.startsWith(INTERVIEW_PREFIX) ? stream.slice(INTERVIEW_PREFIX.length) : '';
  const doc = id ? await ctx.loaders.interview.load(id) : null;
  if (!doc || !canView({ actor: actor.id, roles: actor.roles }, doc)) throw new NotFoundError(`no event ${stream}@${revision}`, 'stream');
}

function assertSize(value: number, field: string, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ValidationError(`${field} must be an integer from ${min} to ${max}`, field);
  }
}

/**
 * The global Merkle log (docs/ledger-format.md §11): checkpoints, inclusion and consistency
 * proofs. Everything a client gets here verifies offline with src/crypto/merkle.ts and
 * src/crypto/checkpoint.ts (or any RFC 9162 / C2SP implementation), without trusting us.
 */
@Resolver()
export class MerkleResolver {
  @Authorized()
  @Query(() => Checkpoint, {
    nullable: true,
    description: 'The newest signed checkpoint, or null before the first. Checkpoints carry no content, only a size and a root: any signed-in user may read them.',
  })
  latestCheckpoint(@Ctx() ctx: Context): Checkpoint | null {
    const merkle = ctx.app.merkle;
    const latest = merkle.latestCheckpoint();
    return latest ? toCheckpoint(merkle, latest) : null;
  }

  @Authorized('auditor', 'admin')
  @Mutation(() => Checkpoint, { description: 'Signs a checkpoint of the log as it is now (or returns the one already signed at this size).' })
  async signCheckpoint(@Ctx() ctx: Context): Promise<Checkpoint> {
    return toCheckpoint(ctx.app.merkle, await ctx.app.merkle.signCheckpoint());
  }

  @Authorized()
  @Query(() => InclusionProof, {
    description:
      'Proves that event `revision` of `stream` is in the log. Without treeSize: against the newest signed checkpoint that contains it, signing one now if none does. ' +
      'HR, auditors and admins may ask about any event; parties of an interview about the events of its stream.',
  })
  async inclusionProof(
    @Arg('stream', () => String) stream: string,
    @Arg('revision', () => Int) revision: number,
    @Ctx() ctx: Context,
    @Arg('treeSize', () => Int, { nullable: true, description: 'Prove against the tree of this size (default: a signed checkpoint).' }) treeSize?: number | null,
  ): Promise<InclusionProof> {
    await assertMayProve(ctx, stream, revision);
    assertSize(revision, 'revision', 0, Number.MAX_SAFE_INTEGER);
    const merkle = ctx.app.merkle;
    let leafIndex = merkle.leafIndexOfEvent(stream, revision);
    if (leafIndex === undefined) {
      // Written but perhaps not yet followed by the log: wait for it briefly.
      const [event] = await ctx.app.store.readStream(stream, { fromRevision: revision, maxCount: 1 });
      if (!event || event.revision !== revision) throw new NotFoundError(`no event ${stream}@${revision}`, 'revision');
      await merkle.waitFor(event.position);
      leafIndex = merkle.leafIndexOfEvent(stream, revision);
      if (leafIndex === undefined) {
        throw new GraphQLError('the Merkle log has not reached this event yet; try again shortly', { extensions: { code: 'NOT_READY' satisfies ErrorCode } });
      }
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
      checkpoint = merkle.checkpointAt(size);
    }
    const leaf = merkle.leaf(leafIndex)!;
    return {
      stream,
      revision,
      leafIndex,
      treeSize: size,
      leafHash: b64(leaf.leafHash),
      rootHash: b64(merkle.root(size)),
      proof: merkle.inclusionProof(leafIndex, size).map(b64),
      checkpoint: checkpoint ? toCheckpoint(merkle, checkpoint) : null,
    };
  }

  @Authorized()
  @Query(() => ConsistencyProof, {
    description: 'Proves that the log of size oldSize is a prefix of the log of size newSize (0 < oldSize ≤ newSize ≤ current size). Carries no content.',
  })
  consistencyProof(
    @Arg('oldSize', () => Int) oldSize: number,
    @Arg('newSize', () => Int) newSize: number,
    @Ctx() ctx: Context,
  ): ConsistencyProof {
    const merkle = ctx.app.merkle;
    assertSize(newSize, 'newSize', 1, merkle.size);
    assertSize(oldSize, 'oldSize', 1, newSize);
    const oldCheckpoint = merkle.checkpointAt(oldSize);
    const newCheckpoint = merkle.checkpointAt(newSize);
    return {
      oldSize,
      newSize,
      oldRootHash: b64(merkle.root(oldSize)),
      newRootHash: b64(merkle.root(newSize)),
      proof: merkle.consistencyProof(oldSize, newSize).map(b64),
      oldCheckpoint: oldCheckpoint ? toCheckpoint(merkle, oldCheckpoint) : null,
      newCheckpoint: newCheckpoint ? toCheckpoint(merkle, newCheckpoint) : null,
    };
  }
}
