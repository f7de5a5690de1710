import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

@ObjectType({ description: 'A field of a template section: its type, whether it is required, and who fills it.' })
export class TemplateField {
  @Field(() => String) key!: string;
  @Field(() => String, { description: 'Chinese label.' }) label!: string;
  @Field(() => String) labelEn!: string;
  @Field(() => String, { description: 'text, longText, number, percent, date, person, choice, ref, attachments, list or system.' })
  type!: string;
  @Field(() => Boolean, { description: 'Must be filled when the step that writes it is submitted, and before signing.' })
  required!: boolean;
  @Field(() => [String], { description: 'employee and/or manager; empty for system fields.' }) fillers!: string[];
  @Field(() => [String], { nullable: true }) options!: string[] | null;
  @Field(() => [String], { nullable: true, description: 'ref: the lists whose item ids it may name, e.g. problems.items.' }) refTo!:
    string[] | null;
  @Field(() => Number, { nullable: true }) min!: number | null;
  @Field(() => Number, { nullable: true }) max!: number | null;
  @Field(() => Int, { nullable: true }) maxLength!: number | null;
  @Field(() => Int, { nullable: true }) maxItems!: number | null;
  @Field(() => [TemplateField], { nullable: true, description: 'list: the fields of each item.' }) items!: TemplateField[] | null;
}

@ObjectType()
export class TemplateSection {
  @Field(() => String) key!: string;
  @Field(() => String, { description: 'goalReview, goalAlignment, highlights, problems, improvementPlan, nextGoals, remarks or custom.' })
  kind!: string;
  @Field(() => String) label!: string;
  @Field(() => String) labelEn!: string;
  @Field(() => Boolean) required!: boolean;
  @Field(() => [TemplateField]) fields!: TemplateField[];
}

@ObjectType({ description: 'A performance dimension (绩效维度): an axis of the radar.' })
export class PerformanceDimensionType {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => String) labelEn!: string;
  @Field(() => [String], { description: 'Words that place a goal without a named dimension on this axis.' }) keywords!: string[];
}

@ObjectType({ description: 'An interview template version (immutable): sections, fields, rules, and the flow it runs by default.' })
export class InterviewTemplateType {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => String) name!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => [String], { description: 'Job categories it is chosen for.' }) categories!: string[];
  @Field(() => [String], { description: 'Management levels it is chosen for.' }) levels!: string[];
  @Field(() => [TemplateSection]) sections!: TemplateSection[];
  @Field(() => [String]) requiredSignatures!: string[];
  @Field(() => String, { description: 'block or warn: what a vague highlight does at submission.' }) vagueHighlights!: string;
  @Field(() => Int) minCaseChars!: number;
  @Field(() => Int) planHorizonDays!: number;
  @Field(() => String) defaultFlowId!: string;
  @Field(() => Boolean) pinnedFlow!: boolean;
  @Field(() => Boolean) active!: boolean;
  @Field(() => Boolean, { description: 'Shipped with the product (a built-in version of its id).' }) builtin!: boolean;
  @Field(() => [PerformanceDimensionType], {
    description: 'The performance dimensions its goals are reviewed on (the radar’s axes); empty: the company-wide fallback set applies.',
  })
  dimensions!: PerformanceDimensionType[];
  @Field(() => GraphQLJSONObject, {
    description:
      'The whole definition of this version, as the server checked it (name, appliesTo, sections with every field, requiredSignatures, rules, defaultFlowId, pinnedFlow, active, dimensions): what publishTemplate takes to make the next version.',
  })
  definition!: Record<string, unknown>;
}

@ObjectType({ description: 'HR’s publication of a template or flow version: the note given with it and when.' })
export class DefinitionPublication {
  @Field(() => String, { description: 'The publication note (发布说明); empty when none was given.' }) note!: string;
  @Field(() => Date) publishedAt!: Date;
}

@ObjectType({ description: 'A step of a flow: who acts, what they write, when it is due.' })
export class FlowStep {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => String) labelEn!: string;
  @Field(() => [String]) actors!: string[];
  @Field(() => String) completedBy!: string;
  @Field(() => [String], { description: 'Section keys written at this step; * means all.' }) edits!: string[];
  @Field(() => Int) dueInDays!: number;
  @Field(() => Boolean) signing!: boolean;
  @Field(() => Boolean) evaluatesNeeds!: boolean;
}

@ObjectType({ description: 'A flow version (immutable): the steps an interview goes through.' })
export class FlowType {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => String) name!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => [String], { description: 'Departments it is chosen for; empty = any.' }) departments!: string[];
  @Field(() => [String]) levels!: string[];
  @Field(() => [FlowStep]) steps!: FlowStep[];
  @Field(() => Boolean) active!: boolean;
  @Field(() => Boolean) builtin!: boolean;
  @Field(() => GraphQLJSONObject, {
    description: 'The whole definition of this version (name, appliesTo, steps): what publishFlow takes to make the next version.',
  })
  definition!: Record<string, unknown>;
}

@ObjectType({ description: 'A move between steps.' })
export class StepMove {
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
  @Field(() => Int) transition!: number;
  @Field(() => ID) by!: string;
  @Field(() => Date) at!: Date;
  @Field(() => Date) dueAt!: Date;
  @Field(() => String, { nullable: true, description: 'Why it was sent back (moves back only).' }) reason!: string | null;
}

@ObjectType({ description: 'Where the interview stands in its flow.' })
export class WorkflowPosition {
  @Field(() => String) step!: string;
  @Field(() => String) label!: string;
  @Field(() => String) labelEn!: string;
  @Field(() => Int) stepIndex!: number;
  @Field(() => Int) stepCount!: number;
  @Field(() => Date) enteredAt!: Date;
  @Field(() => Date) dueAt!: Date;
  @Field(() => Boolean, { description: 'Past due and not locked (by the server clock).' }) overdue!: boolean;
  @Field(() => [ID], { description: 'Who must act now (at the signing step: who has not signed this version).' })
  pendingActorIds!: string[];
  @Field(() => [StepMove]) history!: StepMove[];
}

@ObjectType()
export class AttachmentInfo {
  @Field(() => String) sha256!: string;
  @Field(() => String) name!: string;
  @Field(() => String) mediaType!: string;
  @Field(() => Int) size!: number;
  @Field(() => ID) uploadedBy!: string;
  @Field(() => Date) uploadedAt!: Date;
  @Field(() => String, { description: 'GET with the bearer token to download.' }) url!: string;
}

@ObjectType()
export class TaskUpdateInfo {
  @Field(() => Int) progress!: number;
  @Field(() => String) note!: string;
  @Field(() => ID) by!: string;
  @Field(() => Date) at!: Date;
}

@ObjectType({ description: 'An improvement-plan item as agreed, followed up as a task.' })
export class ImprovementTaskInfo {
  @Field(() => String) taskId!: string;
  @Field(() => String) action!: string;
  @Field(() => String) metric!: string;
  @Field(() => String) target!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) deadline!: string;
  @Field(() => ID) ownerId!: string;
  @Field(() => String) linkedTo!: string;
  @Field(() => String, { description: 'open, done or cancelled.' }) status!: string;
  @Field(() => Int) progress!: number;
  @Field(() => [TaskUpdateInfo]) updates!: TaskUpdateInfo[];
}

@ObjectType({ description: 'Something to fix before submission (or a warning, when the template only warns).' })
export class QualityFinding {
  @Field(() => String) field!: string;
  @Field(() => String, { description: 'VAGUE_HIGHLIGHT or SMART_INCOMPLETE.' }) code!: string;
  @Field(() => String) message!: string;
  @Field(() => [String]) missing!: string[];
}

@ObjectType({ description: 'Something waiting for a person: a step of an interview, or an improvement task.' })
export class TaskItem {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'step or improvement.' }) kind!: string;
  @Field(() => ID) interviewId!: string;
  @Field(() => ID) assigneeId!: string;
  @Field(() => String, { description: 'Step key or improvement task id.' }) subject!: string;
  @Field(() => String) title!: string;
  @Field(() => String) titleEn!: string;
  @Field(() => String, { description: 'open, done or cancelled.' }) status!: string;
  @Field(() => String, { description: 'UTC instant for steps; the deadline date for improvement tasks.' }) dueAt!: string;
  @Field(() => Boolean) overdue!: boolean;
  @Field(() => Int, { nullable: true }) progress!: number | null;
  @Field(() => ID) employeeId!: string;
  @Field(() => ID) managerId!: string;
  @Field(() => String) department!: string;
  @Field(() => String) cycle!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
}

@ObjectType({ description: "A support need an employee asked for, with the manager's evaluation and HR's fulfilment." })
export class SupportNeedItem {
  @Field(() => ID) id!: string;
  @Field(() => ID) interviewId!: string;
  @Field(() => String) needId!: string;
  @Field(() => String, { description: 'resource, training, collaboration or other.' }) type!: string;
  @Field(() => String) need!: string;
  @Field(() => String, { description: 'pending, approved, partly, declined or fulfilled.' }) status!: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'decision, reason, by, at.' }) evaluation!: Record<string, unknown> | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'note, by, at.' }) fulfilment!: Record<string, unknown> | null;
  @Field(() => ID) employeeId!: string;
  @Field(() => ID) managerId!: string;
  @Field(() => String) department!: string;
  @Field(() => String) cycle!: string;
}

@ObjectType({ description: 'A reminder or overdue warning addressed to the caller (or to a role they hold).' })
export class NotificationItem {
  @Field(() => ID) id!: string;
  @Field(() => ID) interviewId!: string;
  @Field(() => String, { description: 'before_due, due or overdue.' }) kind!: string;
  @Field(() => String, { description: 'step or task.' }) workKind!: string;
  @Field(() => String) subject!: string;
  @Field(() => String) message!: string;
  @Field(() => String) messageEn!: string;
  @Field(() => [ID]) recipientIds!: string[];
  @Field(() => [String]) recipientRoles!: string[];
  @Field(() => Date) dueAt!: Date;
  @Field(() => Date) fireAt!: Date;
  @Field(() => Date) recordedAt!: Date;
}

@ObjectType()
export class ReminderSweep {
  @Field(() => Int) considered!: number;
  @Field(() => Int) recorded!: number;
}

@InputType()
export class EvaluateSupportNeedInput {
  @Field(() => ID) interviewId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String) needId!: string;
  @Field(() => String, { description: 'approved, partly or declined.' }) decision!: string;
  @Field(() => String) reason!: string;
}
