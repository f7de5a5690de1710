import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { renderChart, type ChartName } from '../analytics/charts';
import {
  completionDashboard,
  completionTrend,
  goalPressureDashboard,
  progressDashboard,
  radarDashboard,
  sentimentDashboard,
  supportNeedTotals,
  themesDashboard,
} from '../application/queries/dashboards';
import { interviewKeywords, interviewSentiment } from '../application/queries/text-analytics';
import type { Viewer } from '../domain/access';
import type { Context } from './context';
import { Chart, ChartLocale, Dashboard, InterviewKeywords, InterviewSentimentType } from './dashboard.type';
import { CurrentViewer } from './viewer';

const chart = (name: ChartName, data: unknown): Chart => Object.assign(new Chart(), { name, data });

@Resolver(() => Chart)
export class ChartFields {
  @FieldResolver(() => String, { description: 'The chart as an SVG document, drawn on the server with Apache ECharts.' })
  svg(@Root() root: Chart, @Arg('locale', () => ChartLocale, { defaultValue: ChartLocale.zh }) locale: ChartLocale): string {
    return renderChart(root.name as ChartName, root.data as never, locale);
  }
}

/**
 * The dashboards and per-interview text analytics. Every field reads through its use case
 * (src/application/queries/dashboards.ts, text-analytics.ts), which narrows to the viewer.
 */
@Resolver(() => Dashboard)
export class DashboardResolver {
  @Authorized()
  @Query(() => Dashboard, {
    description:
      'The dashboards: HR, auditors and admins see the company; a manager their team (text-derived figures only for groups of ANALYTICS_MIN_GROUP_SIZE people or more); anyone else their own records.',
  })
  dashboard(): Dashboard {
    return new Dashboard();
  }

  @FieldResolver(() => Chart, {
    description: 'Completion by department in a cycle: scheduled, in progress per step, awaiting signatures, locked, overdue.',
  })
  async completion(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('cycle') cycle: string,
    @Arg('department', () => String, { nullable: true }) department?: string | null,
  ): Promise<Chart> {
    return chart('completion', await completionDashboard(ctx.app, viewer, { cycle, department }));
  }

  @FieldResolver(() => Chart, { description: 'Progress of a cycle: records by status and open records by step.' })
  async progress(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('cycle') cycle: string,
    @Arg('department', () => String, { nullable: true }) department?: string | null,
  ): Promise<Chart> {
    return chart('progress', await progressDashboard(ctx.app, viewer, { cycle, department }));
  }

  @FieldResolver(() => Chart, { description: 'Completion rate per department across cycles.' })
  async completionTrend(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('department', () => String, { nullable: true }) department?: string | null,
  ): Promise<Chart> {
    return chart('completionTrend', await completionTrend(ctx.app, viewer, { department }));
  }

  @FieldResolver(() => Chart, {
    nullable: true,
    description:
      "An employee's achievement per performance dimension in a cycle, with the department's median; null when there is none the viewer may see.",
  })
  async radar(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('employeeId', () => ID) employeeId: string,
    @Arg('cycle') cycle: string,
  ): Promise<Chart | null> {
    const data = await radarDashboard(ctx.app, viewer, { employeeId, cycle });
    return data ? chart('radar', data) : null;
  }

  @FieldResolver(() => Chart, {
    description: 'Recurring concerns across employees: themes with records, people, counts per cycle and the passages behind them.',
  })
  async themes(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('cycle', () => String, { nullable: true }) cycle?: string | null,
    @Arg('department', () => String, { nullable: true }) department?: string | null,
  ): Promise<Chart> {
    return chart('themes', await themesDashboard(ctx.app, viewer, { cycle, department }));
  }

  @FieldResolver(() => Chart, {
    description: 'Sentiment of the records per department and cycle, and the departments whose feedback turns negative.',
  })
  async sentiment(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('department', () => String, { nullable: true }) department?: string | null,
  ): Promise<Chart> {
    return chart('sentiment', await sentimentDashboard(ctx.app, viewer, { department }));
  }

  @FieldResolver(() => Chart, { description: 'Goal pressure per department: achievement against targets, goals missed, pressure words.' })
  async goalPressure(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('cycle', () => String, { nullable: true }) cycle?: string | null,
    @Arg('department', () => String, { nullable: true }) department?: string | null,
  ): Promise<Chart> {
    return chart('goalPressure', await goalPressureDashboard(ctx.app, viewer, { cycle, department }));
  }

  @FieldResolver(() => Chart, { description: 'Support needs by department, type and status, for resource planning.' })
  async supportNeeds(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('cycle', () => String, { nullable: true }) cycle?: string | null,
    @Arg('department', () => String, { nullable: true }) department?: string | null,
  ): Promise<Chart> {
    return chart('supportNeeds', await supportNeedTotals(ctx.app, viewer, { cycle, department }));
  }
}

@Resolver()
export class TextAnalyticsResolver {
  @Authorized()
  @Query(() => InterviewKeywords, { description: 'Keywords of an interview, whole and per section (its parties, HR, auditors, admins).' })
  async keywords(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('interviewId', () => ID) interviewId: string,
    @Arg('topK', () => Int, { defaultValue: 10 }) topK: number,
  ): Promise<InterviewKeywords> {
    const found = await interviewKeywords(ctx.app, viewer, interviewId, topK, (id) => ctx.loaders.interview.load(id));
    return Object.assign(new InterviewKeywords(), {
      ...found,
      keywords: [...found.keywords],
      sections: found.sections.map((s) => ({ section: s.section, keywords: [...s.keywords] })),
    });
  }

  @Authorized()
  @Query(() => InterviewSentimentType, {
    description: 'Sentiment of an interview with the words behind every score (its parties, HR, auditors, admins).',
  })
  async sentiment(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Arg('interviewId', () => ID) interviewId: string,
  ): Promise<InterviewSentimentType> {
    const { sentiment, ...rest } = await interviewSentiment(ctx.app, viewer, interviewId, (id) => ctx.loaders.interview.load(id));
    return Object.assign(new InterviewSentimentType(), {
      ...rest,
      label: sentiment.label,
      score: sentiment.score,
      sections: sentiment.sections.map((s) => ({
        section: s.section,
        label: s.label,
        score: s.score,
        passages: s.passages.map((p) => ({
          text: p.passage.text,
          label: p.label,
          score: p.score,
          contributions: p.contributions.map((c) => ({ ...c, because: [...c.because] })),
        })),
      })),
    });
  }
}
