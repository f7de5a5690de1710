import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ChartLocale {
  zh = 'zh',
  en = 'en',
}
registerEnumType(ChartLocale, { name: 'ChartLocale', description: 'Language of a chart’s titles and labels (Chinese by default).' });

@ObjectType({
  description:
    'One dashboard: its data as JSON (the shapes of docs/analytics.md, the same the HTTP route /dashboards/<name>.json serves) and the chart drawn from it as SVG.',
})
export class Chart {
  @Field({ description: 'completion, progress, completionTrend, radar, themes, sentiment, goalPressure or supportNeeds.' })
  name!: string;

  @Field(() => GraphQLJSON, { description: 'The dashboard’s figures, as the chart draws them.' })
  data!: unknown;
}

@ObjectType({ description: 'The dashboards, narrowed to what the viewer may see (docs/analytics.md, "Who sees what").' })
export class Dashboard {}

@ObjectType()
export class WeightedWordType {
  @Field() word!: string;
  @Field(() => Float) weight!: number;
}

@ObjectType()
export class SectionKeywordsType {
  @Field() section!: string;
  @Field(() => [WeightedWordType]) keywords!: WeightedWordType[];
}

@ObjectType({
  description: 'Keywords of an interview (TF-IDF over jieba’s words and the domain dictionary), for the whole record and per section.',
})
export class InterviewKeywords {
  @Field(() => ID) interviewId!: string;
  @Field(() => Int) version!: number;
  @Field(() => [WeightedWordType]) keywords!: WeightedWordType[];
  @Field(() => [SectionKeywordsType]) sections!: SectionKeywordsType[];
}

@ObjectType({ description: 'A word that moved a score, and why it weighs what it weighs.' })
export class SentimentContribution {
  @Field() word!: string;
  @Field(() => Int) start!: number;
  @Field(() => Int) end!: number;
  @Field(() => Float) base!: number;
  @Field(() => Float) contribution!: number;
  @Field(() => [String], { description: 'E.g. "degree 非常 ×1.8", "negated by 不", "after 但是 ×1.5".' }) because!: string[];
}

@ObjectType()
export class PassageSentimentType {
  @Field({ description: 'The sentence.' }) text!: string;
  @Field({ description: 'positive, neutral or negative.' }) label!: string;
  @Field(() => Float) score!: number;
  @Field(() => [SentimentContribution]) contributions!: SentimentContribution[];
}

@ObjectType()
export class SectionSentimentType {
  @Field() section!: string;
  @Field() label!: string;
  @Field(() => Float) score!: number;
  @Field(() => [PassageSentimentType]) passages!: PassageSentimentType[];
}

@ObjectType({ description: 'The sentiment of an interview: the mean over its sentences, each with the words that produced its score.' })
export class InterviewSentimentType {
  @Field(() => ID) interviewId!: string;
  @Field(() => Int) version!: number;
  @Field() label!: string;
  @Field(() => Float) score!: number;
  @Field(() => [SectionSentimentType]) sections!: SectionSentimentType[];
}
