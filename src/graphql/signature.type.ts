import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

export enum SignatureRoleEnum {
  employee = 'employee',
  manager = 'manager',
  participant = 'participant',
}
registerEnumType(SignatureRoleEnum, {
  name: 'SignatureRole',
  description: "The capacity someone signs in: the record's employee, its manager, or one of its other participants.",
});

export enum SigningKeyStatusEnum {
  active = 'active',
  revoked = 'revoked',
}
registerEnumType(SigningKeyStatusEnum, { name: 'SigningKeyStatus' });

@ObjectType({ description: 'An Ed25519 public key a person signs interviews with. Revoked keys stay listed: older signatures name them.' })
export class SigningKey {
  @Field(() => ID, { description: 'ed25519:<first 16 hex digits of SHA-256(public key)>.' }) kid!: string;
  @Field(() => String, { description: 'The raw 32-byte public key, base64.' }) publicKey!: string;
  @Field(() => SigningKeyStatusEnum) status!: SigningKeyStatusEnum;
  @Field(() => Date) registeredAt!: Date;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => String, { nullable: true }) revokeReason!: string | null;
}

@ObjectType({ description: "A party's signature on one version, with what the server observed when it arrived." })
export class InterviewSignature {
  @Field(() => Int, { description: 'The version signed.' }) version!: number;
  @Field(() => SignatureRoleEnum) role!: SignatureRoleEnum;
  @Field(() => ID) signerId!: string;
  @Field(() => String) kid!: string;
  @Field(() => String, { description: 'Ed25519 signature over the signing message, base64 (64 bytes).' }) signature!: string;
  @Field(() => String, { description: 'Hex SHA-256 of the canonical content at that version.' }) contentDigest!: string;
  @Field(() => Date, { description: 'When the server received it (UTC).' }) receivedAt!: Date;
  @Field(() => String, { description: 'Client IP the server saw.' }) ip!: string;
  @Field(() => String, { nullable: true }) userAgent!: string | null;
  @Field(() => Boolean, { description: "True when it is for the record's current version and so counts towards the lock." })
  current!: boolean;
}

@ObjectType({ description: 'A note added to a locked record. It never changes the signed content.' })
export class InterviewAddendum {
  @Field(() => ID) addendumId!: string;
  @Field(() => String) text!: string;
  @Field(() => ID) authorId!: string;
  @Field(() => Date) at!: Date;
}

@ObjectType({ description: 'HR or an admin reopened a locked record; the corrected versions must be signed again.' })
export class InterviewCorrection {
  @Field(() => String) reason!: string;
  @Field(() => Int, { description: 'The locked version the correction starts from.' }) fromVersion!: number;
  @Field(() => ID) openedBy!: string;
  @Field(() => Date) openedAt!: Date;
}

@ObjectType({ description: 'The exact bytes to sign for one version and role (src/domain/interview/signing.ts).' })
export class SigningMessage {
  @Field(() => ID) interviewId!: string;
  @Field(() => Int) version!: number;
  @Field(() => SignatureRoleEnum) role!: SignatureRoleEnum;
  @Field(() => ID) signerId!: string;
  @Field(() => String, { description: 'application/vnd.interview-ledger.signature+json;v=1' }) payloadType!: string;
  @Field(() => String, { description: 'Hex SHA-256 of the canonical JSON of `content`.' }) contentDigest!: string;
  @Field(() => GraphQLJSONObject, {
    description: 'The signed content at this version: recompute the digest from it rather than trust the server.',
  })
  content!: Record<string, unknown>;
  @Field(() => String, { description: 'The message to sign with Ed25519, base64.' }) message!: string;
  @Field(() => Boolean, { description: 'False when the record has moved on: a signature for this version would be STALE_VERSION.' })
  current!: boolean;
}
