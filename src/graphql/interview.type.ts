import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import type { ExistingInterview } from '../domain/interview/interview';
import { AttachmentInfo, ImprovementTaskInfo } from './workflow.type';
import { InterviewAddendum, InterviewCorrection, InterviewSignature, SignatureRoleEnum, SigningKey } from './signature.type';

export enum InterviewStatusEnum {
  scheduled = 'scheduled',
  in_progress = 'in_progress',
  awaiting_signatures = 'awaiting_signatures',
  locked = 'locked',
  correction = 'correction',
}
registerEnumType(InterviewStatusEnum, {
  name: 'InterviewStatus',
  description:
    'Where an interview stands: scheduled, in_progress (being filled in), awaiting_signatures (signed by some, not all required), ' +
    'locked (all required signatures on the current version; content frozen), correction (reopened by HR; must be signed again).',
});

@ObjectType({ description: 'A person from the company directory.' })
export class Person {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) department!: string;
  @Field(() => String) position!: string;
  @Field(() => ID, { nullable: true }) managerId!: string | null;
  @Field(() => String, { description: 'Job category: production, rnd, service, sales, functional.' }) category!: string;
  @Field(() => String, { description: 'Management level: staff, team_lead, manager, executive.' }) level!: string;
  @Field(() => [String]) roles!: string[];
  @Field(() => [SigningKey], { description: 'Keys this person signs interviews with, active and revoked.' }) signingKeys!: SigningKey[];
}

@ObjectType({ description: 'A performance interview record (绩效面谈记录) at its current version.' })
export class Interview {
  @Field(() => ID) id!: string;
  @Field(() => InterviewStatusEnum) status!: InterviewStatusEnum;
  @Field(() => Int, { description: 'Increases by one with every change; send it back as expectedVersion when editing.' }) version!: number;
  @Field(() => String) templateId!: string;
  @Field(() => String, { description: 'Review cycle, e.g. 2026-Q3.' }) cycle!: string;
  @Field(() => ID) employeeId!: string;
  @Field(() => ID) managerId!: string;
  @Field(() => [ID], { description: 'Other participants besides employee and manager (e.g. HR).' }) participantIds!: string[];
  @Field(() => String) department!: string;
  @Field(() => String) position!: string;
  @Field(() => Date, { description: 'When the meeting takes place (UTC).' }) scheduledAt!: Date;
  @Field(() => String) location!: string;
  @Field(() => GraphQLJSONObject, { description: 'Section key -> section content.' }) sections!: Record<string, unknown>;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => [SignatureRoleEnum], { description: 'Roles whose signatures on the current version lock the record (from the template).' })
  requiredSignatures!: SignatureRoleEnum[];
  @Field(() => [InterviewSignature], { description: 'Every signature, oldest first, including those of earlier versions.' })
  signatures!: InterviewSignature[];
  @Field(() => [InterviewAddendum]) addenda!: InterviewAddendum[];
  @Field(() => [InterviewCorrection]) corrections!: InterviewCorrection[];
  @Field(() => Date, { nullable: true, description: 'When the current lock was set; null while not locked.' }) lockedAt!: Date | null;
  @Field(() => Int, { description: 'The template version this record runs (a snapshot: later versions do not change it).' })
  templateVersion!: number;
  @Field(() => String, { description: 'The flow this record runs.' }) flowId!: string;
  @Field(() => [AttachmentInfo]) attachments!: AttachmentInfo[];
  @Field(() => [ImprovementTaskInfo], { description: 'The agreed improvement plan as tasks, with progress.' })
  improvementTasks!: ImprovementTaskInfo[];
  /** The record as the domain sees it, for field resolvers (not part of the schema). */
  raw!: ExistingInterview;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType()
export class InterviewEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Interview) node!: Interview;
}

@ObjectType({ description: 'A page of interviews (Relay cursor connection).' })
export class InterviewConnection {
  @Field(() => [InterviewEdge]) edges!: InterviewEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Interviews matching the filter that the caller may see.' }) totalCount!: number;
}

@ObjectType({ description: 'A run of sentences of a long text: added, removed or unchanged (shortened, for context).' })
export class TextPassage {
  @Field(() => String) kind!: string;
  @Field(() => String) text!: string;
}

@ObjectType({ description: 'One changed field between two versions.' })
export class FieldChange {
  @Field(() => String, { description: 'Dotted path, e.g. sections.highlights.items.0.case.' }) path!: string;
  @Field(() => String, { description: 'added, removed or changed.' }) kind!: string;
  @Field(() => GraphQLJSON, { nullable: true }) before!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after!: unknown;
  @Field(() => [TextPassage], { nullable: true, description: 'For a changed long text: the changed passages, sentence by sentence.' })
  passages!: TextPassage[] | null;
}

@ObjectType({
  description:
    "One event in an interview's history: who did what, when and from where. Content events create a version; signatures, locks, " +
    'addenda and corrections do not, and show the version they concern (the one signed, locked or corrected from).',
})
export class InterviewVersion {
  @Field(() => Int, { description: 'The record version after this event; for events that change no content, the version they concern.' })
  version!: number;
  @Field(() => Int, { description: 'Position of the event in the interview stream (0-based): unique, the order of the history.' })
  revision!: number;
  @Field(() => String) eventType!: string;
  @Field(() => Boolean, { description: 'False for signatures, locks, addenda and corrections.' }) contentChanged!: boolean;
  @Field(() => String, { nullable: true }) section!: string | null;
  @Field(() => ID) actor!: string;
  @Field(() => [String]) roles!: string[];
  @Field(() => String) ip!: string;
  @Field(() => String, { nullable: true }) userAgent!: string | null;
  @Field(() => Date) at!: Date;
  @Field(() => String, { description: 'SHA-256 of the sealed event body (hex).' }) eventHash!: string;
  @Field(() => [FieldChange], { description: 'Changes against the previous version; empty when contentChanged is false.' })
  changes!: FieldChange[];
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'What an event that changes no content recorded: the signature (role, signer, kid, digest, observed), the lock, the addendum or the correction.',
  })
  detail!: Record<string, unknown> | null;
}

@ObjectType({ description: 'A change to an interview the subscriber may see.' })
export class InterviewChange {
  @Field(() => ID) interviewId!: string;
  @Field(() => Int) version!: number;
  @Field(() => String) eventType!: string;
}
