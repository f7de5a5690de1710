import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { FieldChange } from './interview.type';

@ObjectType({ description: 'What changed between two versions of one interview.' })
export class VersionComparison {
  @Field(() => ID) interviewId!: string;
  @Field(() => Int) fromVersion!: number;
  @Field(() => Int) toVersion!: number;
  @Field(() => [FieldChange]) changes!: FieldChange[];
}

@ObjectType({ description: "One of an employee's interviews, with the sections asked for." })
export class TimelineEntry {
  @Field(() => ID) interviewId!: string;
  @Field(() => String) cycle!: string;
  @Field(() => Date) scheduledAt!: Date;
  @Field(() => String) status!: string;
  @Field(() => Int) version!: number;
  @Field(() => GraphQLJSONObject, { description: 'Section key -> content, for the sections asked for.' }) sections!: Record<
    string,
    unknown
  >;
}

@ObjectType({ description: 'A problem raised in two or more cycles.' })
export class RecurringProblem {
  @Field(() => String) problem!: string;
  @Field(() => [String]) cycles!: string[];
  @Field(() => [ID]) interviewIds!: string[];
}

@ObjectType({ description: "An employee's interviews across cycles, side by side, with recurring problems." })
export class EmployeeTimeline {
  @Field(() => ID) employeeId!: string;
  @Field(() => [TimelineEntry]) entries!: TimelineEntry[];
  @Field(() => [RecurringProblem]) recurringProblems!: RecurringProblem[];
}
