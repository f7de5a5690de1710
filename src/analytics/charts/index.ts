/** Dashboards drawn as SVG on the server with Apache ECharts; docs/analytics.md#charts. */
import { ValidationError } from '../../domain/errors';
import type {
  CompletionDashboard,
  CompletionTrend,
  GoalPressureRow,
  ProgressDashboard,
  RadarDashboard,
  SentimentDashboard,
  SupportNeedTotal,
  ThemesDashboard,
} from '../dashboard-types';
import { type ChartLocale, assertChartLocale } from './chart-locale';
import { completionChart } from './completion-chart';
import { completionTrendChart } from './completion-trend-chart';
import { goalPressureChart } from './goal-pressure-chart';
import { progressChart } from './progress-chart';
import { radarChart } from './radar-chart';
import { sentimentChart } from './sentiment-chart';
import { supportNeedsChart } from './support-needs-chart';
import { themesChart } from './themes-chart';

export {
  completionChart,
  completionTrendChart,
  goalPressureChart,
  progressChart,
  radarChart,
  sentimentChart,
  supportNeedsChart,
  themesChart,
};
export { CHART_LOCALES, type ChartLocale } from './chart-locale';
export { CHART_FONT_FAMILY } from './render-svg';

/** The charts by name, as routes and GraphQL fields name them. */
export const CHART_NAMES = [
  'completion',
  'progress',
  'completionTrend',
  'radar',
  'themes',
  'sentiment',
  'goalPressure',
  'supportNeeds',
] as const;
export type ChartName = (typeof CHART_NAMES)[number];

/** The data each chart draws: the same objects the dashboards serve as JSON. */
export interface ChartData {
  readonly completion: CompletionDashboard;
  readonly progress: ProgressDashboard;
  readonly completionTrend: CompletionTrend;
  readonly radar: RadarDashboard;
  readonly themes: ThemesDashboard;
  readonly sentiment: SentimentDashboard;
  readonly goalPressure: readonly GoalPressureRow[];
  readonly supportNeeds: readonly SupportNeedTotal[];
}

const CHARTS: { readonly [N in ChartName]: (data: ChartData[N], locale: ChartLocale) => string } = {
  completion: completionChart,
  progress: progressChart,
  completionTrend: completionTrendChart,
  radar: radarChart,
  themes: themesChart,
  sentiment: sentimentChart,
  goalPressure: goalPressureChart,
  supportNeeds: supportNeedsChart,
};

export function isChartName(name: unknown): name is ChartName {
  return CHART_NAMES.includes(name as ChartName);
}

/** Draws the named dashboard as an SVG document. An unknown name or locale is a `VALIDATION_FAILED`. */
export function renderChart<N extends ChartName>(name: N, data: ChartData[N], locale: ChartLocale = 'zh'): string {
  if (!isChartName(name)) throw new ValidationError(`unknown chart; one of ${CHART_NAMES.join(', ')}`, 'chart');
  assertChartLocale(locale);
  const render: (data: ChartData[N], locale: ChartLocale) => string = CHARTS[name];
  return render(data, locale);
}
