import { Field, ID, InputType, Int } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { InterviewStatusEnum } from './interview.type';

@InputType({ description: 'Basic information of a new interview. Omitted fields come from the directory.' })
export class ScheduleInterviewInput {
  @Field(() => ID) employeeId!: string;
  @Field(() => ID, { nullable: true, description: "Defaults to the employee's manager." }) managerId?: string | null;
  @Field(() => [ID], { nullable: true }) participantIds?: string[] | null;
  @Field(() => String, {
    nullable: true,
    description: "Defaults to the template for the employee's job category and level (see templateFor).",
  })
  templateId?: string | null;
  @Field(() => Int, { nullable: true, description: 'A specific version of templateId; default: its latest.' }) templateVersion?:
    number | null;
  @Field(() => String, {
    nullable: true,
    description: "Defaults to the flow for the department and level (see flowFor), or the template's default.",
  })
  flowId?: string | null;
  @Field(() => String, { nullable: true }) department?: string | null;
  @Field(() => String, { nullable: true }) position?: string | null;
  @Field(() => String, { description: 'e.g. 2026-Q3' }) cycle!: string;
  @Field(() => String, { description: 'ISO-8601 with zone, e.g. 2026-07-01T09:30:00+08:00' }) scheduledAt!: string;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why a second interview of the employee in this cycle (HR and admins; required then).',
  })
  reason?: string | null;
}

@InputType()
export class EditSectionInput {
  @Field(() => ID) interviewId!: string;
  @Field(() => Int, { description: 'The version you edited; a newer one on the server is a VERSION_CONFLICT.' }) expectedVersion!: number;
  @Field(() => String, { description: 'A section key of the template, e.g. highlights.' }) section!: string;
  @Field(() => GraphQLJSONObject) content!: Record<string, unknown>;
}

@InputType()
export class BasicInfoChangesInput {
  @Field(() => [ID], { nullable: true }) participantIds?: string[];
  @Field(() => String, { nullable: true }) department?: string;
  @Field(() => String, { nullable: true }) position?: string;
  @Field(() => String, { nullable: true }) scheduledAt?: string;
  @Field(() => String, { nullable: true }) location?: string;
}

@InputType()
export class UpdateBasicInfoInput {
  @Field(() => ID) interviewId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => BasicInfoChangesInput) changes!: BasicInfoChangesInput;
}

@InputType({ description: 'All given fields must match.' })
export class InterviewFilter {
  @Field(() => ID, { nullable: true }) employeeId?: string;
  @Field(() => ID, { nullable: true }) managerId?: string;
  @Field(() => String, { nullable: true }) department?: string;
  @Field(() => String, { nullable: true }) cycle?: string;
  @Field(() => InterviewStatusEnum, { nullable: true }) status?: InterviewStatusEnum;
  @Field(() => String, { nullable: true, description: 'The current step key, e.g. self_assessment.' }) step?: string;
  @Field(() => String, { nullable: true, description: 'The flow the records run, e.g. production-line.' }) flowId?: string;
  @Field(() => String, { nullable: true }) templateId?: string;
}

@InputType()
export class RegisterPersonInput {
  @Field(() => ID) personId!: string;
  @Field(() => String) name!: string;
  @Field(() => String) department!: string;
  @Field(() => String) position!: string;
  @Field(() => ID, { nullable: true }) managerId?: string | null;
  @Field(() => String) category!: string;
  @Field(() => String) level!: string;
  @Field(() => [String], { nullable: true }) roles?: string[];
}
