import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@InputType({ description: 'Which interviews a query bundle holds; give at least one field.' })
export class EvidenceFilter {
  @Field(() => ID, { nullable: true }) employeeId?: string;
  @Field(() => String, { nullable: true }) department?: string;
  @Field(() => String, { nullable: true }) cycle?: string;
}

@ObjectType({ description: 'An evidence bundle file: verify it offline with `npm run verify-bundle -- FILE`.' })
export class EvidenceBundleFile {
  @Field(() => String) fileName!: string;
  @Field(() => String, { description: 'The file content: canonical JSON (docs/ledger-format.md, "Evidence bundles").' }) content!: string;
  @Field(() => String, { description: 'Hex SHA-256 of the file.' }) sha256!: string;
  @Field(() => Int) bytes!: number;
  @Field(() => Int) interviews!: number;
  @Field(() => Int) events!: number;
  @Field(() => Int, { description: 'Size of the signed checkpoint the inclusion proofs refer to.' }) checkpointSize!: number;
}
