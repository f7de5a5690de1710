import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { PageInfo } from './interview.type';

@ObjectType({ description: 'A passage of the employee’s own text an alert cites, with what proves it.' })
export class AlertPassageType {
  @Field(() => ID) interviewId!: string;
  @Field(() => Int, { description: 'The record’s version that holds the text.' }) version!: number;
  @Field(() => String, { description: 'Content path, e.g. problems.items[P2].problem.' }) path!: string;
  @Field(() => String) text!: string;
  @Field(() => String, { description: 'SHA-256 of the body of the event that wrote the text (docs/ledger-format.md).' })
  eventHash!: string;
  @Field(() => [String], { description: 'The cue words found, e.g. 压力很大.' }) terms!: string[];
}

@ObjectType({ description: 'A note HR wrote when acknowledging or closing an alert.' })
export class AlertNoteType {
  @Field(() => String, { description: 'acknowledged or closed.' }) action!: string;
  @Field(() => String) note!: string;
  @Field(() => ID, { description: 'Who wrote it.' }) by!: string;
  @Field(() => Date) at!: Date;
}

@ObjectType()
export class AlertThresholdsType {
  @Field(() => Int, { description: 'Distinct passages of one kind in one cycle that raise an alert.' }) perCycle!: number;
  @Field(() => Int, { description: 'Adjacent cycles with a passage of one kind that raise an alert.' }) consecutiveCycles!: number;
}

@ObjectType({ description: 'A stress or overtime alert: the employee’s own words reported it again and again.' })
export class AlertType {
  @Field(() => ID, { description: '<kind>-<employeeId>-<cycle>: one alert per kind, employee and cycle, whatever restarts.' }) id!: string;
  @Field(() => String, { description: 'stress or overtime.' }) kind!: string;
  @Field(() => String, { description: 'open, acknowledged or closed.' }) status!: string;
  @Field(() => ID) employeeId!: string;
  @Field(() => ID) managerId!: string;
  @Field(() => String) department!: string;
  @Field(() => String, { description: 'The cycle in which the threshold was met.' }) cycle!: string;
  @Field(() => String, { description: 'perCycle or consecutiveCycles: which threshold was met.' }) rule!: string;
  @Field(() => [AlertPassageType]) passages!: AlertPassageType[];
  @Field(() => Int, { description: 'The analytics configuration version whose thresholds applied (0: the defaults).' })
  configVersion!: number;
  @Field(() => AlertThresholdsType) thresholds!: AlertThresholdsType;
  @Field(() => [AlertNoteType]) notes!: AlertNoteType[];
  @Field(() => String, { description: 'SHA-256 of the AlertRaised event.' }) eventHash!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType()
export class AlertEdge {
  @Field(() => String) cursor!: string;
  @Field(() => AlertType) node!: AlertType;
}

@ObjectType({ description: 'A page of alerts, newest first (Relay cursor connection).' })
export class AlertConnection {
  @Field(() => [AlertEdge]) edges!: AlertEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType({ description: 'One recorded read of alerts: who, when, which, with what query.' })
export class AlertReadType {
  @Field(() => ID, { description: 'The AlertsRead event’s id.' }) id!: string;
  @Field(() => ID) readerId!: string;
  @Field(() => [String]) readerRoles!: string[];
  @Field(() => Date) at!: Date;
  @Field(() => [ID]) alertIds!: string[];
  @Field(() => GraphQLJSONObject, { description: 'The field read (alerts or alert) and its arguments.' }) query!: Record<string, unknown>;
  @Field(() => String, { description: 'The ledger stream that records it.' }) stream!: string;
}

@ObjectType({ description: 'A theme the company added (or extended), with its terms.' })
export class ThemeWordsType {
  @Field(() => String) theme!: string;
  @Field(() => [String]) terms!: string[];
}

@ObjectType({ description: 'The company’s monitored words for alerts (lists it replaced; null: the default list).' })
export class MonitoredWordsType {
  @Field(() => [String], { nullable: true }) stress!: string[] | null;
  @Field(() => [String], { nullable: true }) overtime!: string[] | null;
  @Field(() => [String], { nullable: true }) domainTerms!: string[] | null;
}

@ObjectType({
  description: 'The analytics word lists and alert thresholds in effect (an AnalyticsWordsSet event; version 0: the defaults).',
})
export class AnalyticsWordsType {
  @Field(() => Int) version!: number;
  @Field(() => MonitoredWordsType) monitoredWords!: MonitoredWordsType;
  @Field(() => [String], { description: 'Extra domain dictionary words.' }) domainTerms!: string[];
  @Field(() => [ThemeWordsType], { description: 'Extra themes.' }) themes!: ThemeWordsType[];
  @Field(() => AlertThresholdsType) thresholds!: AlertThresholdsType;
  @Field(() => ID, { nullable: true }) setBy!: string | null;
  @Field(() => Date, { nullable: true }) setAt!: Date | null;
}

@InputType()
export class MonitoredWordsInput {
  @Field(() => [String], {
    nullable: true,
    description: 'Stress cues ("A…B": A then B in one clause); [] for none; left out: the default.',
  })
  stress?: string[];
  @Field(() => [String], { nullable: true, description: 'Overtime cues; [] for none; left out: the default.' }) overtime?: string[];
  @Field(() => [String], { nullable: true, description: 'Words that contain a cue but report nothing (压力表, 加班费).' })
  domainTerms?: string[];
}

@InputType()
export class ThemeWordsInput {
  @Field(() => String) theme!: string;
  @Field(() => [String]) terms!: string[];
}

@InputType()
export class AlertThresholdsInput {
  @Field(() => Int, { nullable: true, description: '1..50 (default 2).' }) perCycle?: number;
  @Field(() => Int, { nullable: true, description: '1..8 (default 2).' }) consecutiveCycles?: number;
}

@InputType()
export class AnalyticsWordsInput {
  @Field(() => MonitoredWordsInput, { nullable: true }) monitoredWords?: MonitoredWordsInput;
  @Field(() => [String], { nullable: true, description: 'Extra domain dictionary words (single words).' }) domainTerms?: string[];
  @Field(() => [ThemeWordsInput], { nullable: true, description: 'Extra themes (a default theme named again gets the extra terms).' })
  themes?: ThemeWordsInput[];
  @Field(() => AlertThresholdsInput, { nullable: true }) thresholds?: AlertThresholdsInput;
}
