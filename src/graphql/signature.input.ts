import { Field, ID, InputType, Int } from 'type-graphql';
import { SignatureRoleEnum } from './signature.type';

@InputType({ description: 'A signature made on the client with your own key over signingMessage(interviewId, version, role).' })
export class SignInterviewInput {
  @Field(() => ID) interviewId!: string;
  @Field(() => Int, { description: 'The version you read and signed; an older one is STALE_VERSION.' }) version!: number;
  @Field(() => SignatureRoleEnum) role!: SignatureRoleEnum;
  @Field(() => ID, { nullable: true, description: 'Defaults to you; if given it must be you (people sign for themselves).' }) signerId?:
    string | null;
  @Field(() => String, { description: 'Key id of the registered key you signed with.' }) kid!: string;
  @Field(() => String, { description: 'Ed25519 signature over the message, base64 of 64 bytes.' }) signature!: string;
}
