import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { addCosignature } from '../application/cosignatures';
import { consistencyProof, inclusionProof } from '../application/queries/proofs';
import { keyIdHex } from '../crypto/signed-note';
import type { Viewer } from '../domain/access';
import type { MerkleLog, StoredCheckpoint } from '../ledger/merkle-log';
import type { Context } from './context';
import { CurrentViewer } from './viewer';
import { Checkpoint, ConsistencyProof, InclusionProof } from './merkle.type';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export function toCheckpoint(merkle: MerkleLog, checkpoint: StoredCheckpoint): Checkpoint {
  return {
    note: checkpoint.note,
    origin: checkpoint.origin,
    size: checkpoint.size,
    rootHash: b64(checkpoint.rootHash),
    signedAt: new Date(checkpoint.signedAt),
    kid: checkpoint.kid,
    verifierKeys: merkle.verifierKeys(),
    cosignatures: merkle.cosignatures(checkpoint.size).map((c) => ({
      witness: c.witness,
      keyId: keyIdHex(c.keyId),
      time: new Date(c.timestamp * 1000),
      line: c.line,
    })),
    cosignedNote: merkle.cosignedNote(checkpoint),
  };
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
    description:
      'The newest signed checkpoint, or null before the first. Checkpoints carry no content, only a size and a root: any signed-in user may read them.',
  })
  latestCheckpoint(@Ctx() ctx: Context): Checkpoint | null {
    const merkle = ctx.app.merkle;
    const latest = merkle.latestCheckpoint();
    return latest ? toCheckpoint(merkle, latest) : null;
  }

  @Authorized('signCheckpoints')
  @Mutation(() => Checkpoint, {
    description: 'Signs a checkpoint of the log as it is now (or returns the one already signed at this size).',
  })
  async signCheckpoint(@Ctx() ctx: Context): Promise<Checkpoint> {
    return toCheckpoint(ctx.app.merkle, await ctx.app.merkle.signCheckpoint());
  }

  @Authorized('submitCosignatures')
  @Mutation(() => Checkpoint, {
    description:
      "Stores a witness's cosignature (C2SP tlog-cosignature) of the checkpoint of treeSize entries, and returns the checkpoint with its cosignatures. " +
      'Only a cosignature by a witness of WITNESS_KEYS that verifies over that checkpoint is stored (UNKNOWN_WITNESS, BAD_SIGNATURE otherwise); the first one of a witness key stays.',
  })
  async addCosignature(
    @Arg('treeSize', () => Int) treeSize: number,
    @Arg('cosignature', () => String, { description: 'The signature line "— <witness> <base64>", newline optional.' }) cosignature: string,
    @Ctx() ctx: Context,
  ): Promise<Checkpoint> {
    return toCheckpoint(ctx.app.merkle, await addCosignature(ctx.app, { treeSize, cosignature }));
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
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('treeSize', () => Int, { nullable: true, description: 'Prove against the tree of this size (default: a signed checkpoint).' })
    treeSize?: number | null,
  ): Promise<InclusionProof> {
    const result = await inclusionProof(ctx.app, viewer, { stream, revision, treeSize: treeSize ?? null }, (key) =>
      ctx.loaders.interview.load(key),
    );
    return {
      stream,
      revision,
      leafIndex: result.leafIndex,
      treeSize: result.treeSize,
      leafHash: b64(result.leafHash),
      rootHash: b64(result.rootHash),
      proof: result.proof.map(b64),
      checkpoint: result.checkpoint ? toCheckpoint(ctx.app.merkle, result.checkpoint) : null,
    };
  }

  @Authorized()
  @Query(() => ConsistencyProof, {
    description:
      'Proves that the log of size oldSize is a prefix of the log of size newSize (0 < oldSize ≤ newSize ≤ current size). Carries no content.',
  })
  consistencyProof(
    @Arg('oldSize', () => Int) oldSize: number,
    @Arg('newSize', () => Int) newSize: number,
    @Ctx() ctx: Context,
  ): ConsistencyProof {
    const r = consistencyProof(ctx.app, { oldSize, newSize });
    const checkpoint = (c: StoredCheckpoint | null) => (c ? toCheckpoint(ctx.app.merkle, c) : null);
    return {
      oldSize,
      newSize,
      oldRootHash: b64(r.oldRootHash),
      newRootHash: b64(r.newRootHash),
      proof: r.proof.map(b64),
      oldCheckpoint: checkpoint(r.oldCheckpoint),
      newCheckpoint: checkpoint(r.newCheckpoint),
    };
  }
}
