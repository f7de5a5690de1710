import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import {
  addAddendum,
  openCorrection,
  registerSigningKey,
  revokeSigningKey,
  signingMessageFor,
  signInterview,
} from '../application/interview-service';
import { toBase64 } from '../crypto/base64';
import { commandMeta, type Context } from './context';
import type { Viewer } from '../domain/access';
import { CurrentViewer } from './viewer';
import { toInterview } from './interview.mapper';
import { Interview } from './interview.type';
import { toSigningKey } from './person.resolver';
import { SignInterviewInput } from './signature.input';
import { SignatureRoleEnum, SigningKey, SigningMessage } from './signature.type';

/**
 * Signing and locking: people's keys, the message to sign, signatures, addenda and
 * corrections. Thin: each mutation builds a command and hands it to the application service;
 * who may do what is the deciders' business (src/domain), so that every path enforces it.
 */
@Resolver()
export class SignatureResolver {
  @Authorized()
  @Mutation(() => SigningKey, {
    description: 'Registers an Ed25519 public key for yourself (or, for HR and admins, for anyone). Returns it with its kid.',
  })
  async registerSigningKey(
    @Arg('personId', () => ID) personId: string,
    @Arg('publicKey', () => String, { description: 'The raw 32-byte public key, base64.' }) publicKey: string,
    @Ctx() ctx: Context,
  ): Promise<SigningKey> {
    return toSigningKey(await registerSigningKey(ctx.app, commandMeta(ctx), { personId, publicKey }));
  }

  @Authorized()
  @Mutation(() => SigningKey, {
    description: "Revokes one of your keys (or, for HR and admins, anyone's). It signs nothing afterwards; older signatures stay valid.",
  })
  async revokeSigningKey(
    @Arg('personId', () => ID) personId: string,
    @Arg('kid', () => String) kid: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ): Promise<SigningKey> {
    return toSigningKey(await revokeSigningKey(ctx.app, commandMeta(ctx), { personId, kid, reason }));
  }

  @Authorized()
  @Query(() => SigningMessage, {
    description:
      'The exact message to sign with Ed25519 for a version and role, with the content and its digest so that the client can recompute both. ' +
      'signerId defaults to you; auditors may name another signer to rebuild the message of a recorded signature.',
  })
  async signingMessage(
    @Arg('interviewId', () => ID) interviewId: string,
    @Arg('version', () => Int) version: number,
    @Arg('role', () => SignatureRoleEnum) role: SignatureRoleEnum,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('signerId', () => ID, { nullable: true }) signerId?: string | null,
  ): Promise<SigningMessage> {
    const result = await signingMessageFor(ctx.app, viewer, { interviewId, version, role, signerId: signerId ?? null }, (key) =>
      ctx.loaders.interview.load(key),
    );
    return Object.assign(new SigningMessage(), {
      interviewId: result.interviewId,
      version: result.version,
      role: result.role as SignatureRoleEnum,
      signerId: result.signerId,
      payloadType: result.payloadType,
      contentDigest: result.contentDigest,
      content: result.content as unknown as Record<string, unknown>,
      message: toBase64(result.message),
      current: result.current,
    });
  }

  @Authorized()
  @Mutation(() => Interview, {
    description:
      'Signs the current version with your own key. When it completes the required signatures, the record is locked. ' +
      'Errors: STALE_VERSION, NOT_A_PARTY, UNKNOWN_KEY, KEY_REVOKED, BAD_SIGNATURE, ALREADY_SIGNED, LOCKED, CORRECTION_UNCHANGED.',
  })
  async signInterview(@Arg('input', () => SignInterviewInput) input: SignInterviewInput, @Ctx() ctx: Context): Promise<Interview> {
    const state = await signInterview(ctx.app, commandMeta(ctx), {
      interviewId: input.interviewId,
      version: input.version,
      role: input.role,
      kid: input.kid,
      signature: input.signature,
      signerId: input.signerId ?? null,
    });
    return toInterview(state);
  }

  @Authorized()
  @Mutation(() => Interview, {
    description: 'Adds a note to a locked record (parties, HR, admins). The signed content and version do not change.',
  })
  async addAddendum(
    @Arg('interviewId', () => ID) interviewId: string,
    @Arg('text', () => String) text: string,
    @Ctx() ctx: Context,
  ): Promise<Interview> {
    return toInterview(await addAddendum(ctx.app, commandMeta(ctx), { interviewId, text }));
  }

  @Authorized('openCorrections')
  @Mutation(() => Interview, {
    description: 'Reopens a locked record for correction (HR, admins). Edits then create new versions the parties must sign again.',
  })
  async openCorrection(
    @Arg('interviewId', () => ID) interviewId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ): Promise<Interview> {
    return toInterview(await openCorrection(ctx.app, commandMeta(ctx), { interviewId, reason }));
  }
}
