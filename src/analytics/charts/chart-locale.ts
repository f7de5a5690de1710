import type { Localized } from '../../domain/localized';
import { ValidationError } from '../../domain/errors';

/** The languages a chart is drawn in; Chinese unless asked otherwise. */
export const CHART_LOCALES = ['zh', 'en'] as const;
export type ChartLocale = (typeof CHART_LOCALES)[number];

export function assertChartLocale(locale: unknown): asserts locale is ChartLocale {
  if (!CHART_LOCALES.includes(locale as ChartLocale)) throw new ValidationError('locale must be "zh" or "en"', 'locale');
}

export function localize(text: Localized, locale: ChartLocale): string {
  return text[locale];
}

/** Every fixed word a chart draws, in both languages, so that a missing translation fails to compile. */
const WORDS = {
  noData: { zh: '暂无数据', en: 'No data' },
  withheld: { zh: '样本不足，已隐藏', en: 'Group too small: withheld' },
  allDepartments: { zh: '全部部门', en: 'All departments' },
  allCycles: { zh: '全部周期', en: 'All cycles' },
  department: { zh: '部门', en: 'Department' },
  cycle: { zh: '周期', en: 'Cycle' },
  records: { zh: '记录数', en: 'Records' },
  people: { zh: '人数', en: 'People' },

  completionTitle: { zh: '面谈完成率', en: 'Interview completion' },
  scheduled: { zh: '已排期', en: 'Scheduled' },
  inProgress: { zh: '进行中', en: 'In progress' },
  awaitingSignatures: { zh: '待签字', en: 'Awaiting signatures' },
  locked: { zh: '已锁定', en: 'Locked' },
  overdue: { zh: '逾期', en: 'Overdue' },
  completionRate: { zh: '完成率', en: 'Completion rate' },
  total: { zh: '合计', en: 'Total' },

  progressTitle: { zh: '面谈进度', en: 'Interview progress' },

  trendTitle: { zh: '面谈完成率趋势', en: 'Completion rate by cycle' },

  radarTitle: { zh: '目标达成雷达图', en: 'Goal achievement radar' },
  employee: { zh: '员工', en: 'Employee' },
  departmentMedian: { zh: '部门中位数', en: 'Department median' },
  noGoal: { zh: '无目标', en: 'no goal' },

  themesTitle: { zh: '反复出现的问题', en: 'Recurring concerns' },

  sentimentTitle: { zh: '面谈情绪趋势', en: 'Interview sentiment by cycle' },
  meanScore: { zh: '平均情绪分', en: 'Mean score' },
  turningNegative: { zh: '连续下降', en: 'falling' },

  goalPressureTitle: { zh: '目标压力', en: 'Goal pressure' },
  meanAchievement: { zh: '平均达成率', en: 'Mean achievement' },
  missedShare: { zh: '未达成占比', en: 'Goals missed' },
  highPressure: { zh: '压力较大', en: 'high pressure' },

  supportNeedsTitle: { zh: '支持需求', en: 'Support needs' },
} as const satisfies Record<string, Localized>;

export type ChartWord = keyof typeof WORDS;

export function word(key: ChartWord, locale: ChartLocale): string {
  return WORDS[key][locale];
}

/** `SupportNeedTotal` carries keys only; these are the template's support types and the projection's need statuses. */
const SUPPORT_LABELS: Readonly<Record<string, Localized>> = {
  resource: { zh: '资源', en: 'Resources' },
  training: { zh: '培训', en: 'Training' },
  collaboration: { zh: '协作', en: 'Collaboration' },
  other: { zh: '其他', en: 'Other' },
  pending: { zh: '待评估', en: 'Pending' },
  approved: { zh: '已批准', en: 'Approved' },
  partly: { zh: '部分批准', en: 'Partly approved' },
  declined: { zh: '未批准', en: 'Declined' },
  fulfilled: { zh: '已落实', en: 'Fulfilled' },
};

/** A support type's or status's label; an unknown key is shown as it is. */
export function supportLabel(key: string, locale: ChartLocale): string {
  const label = Object.hasOwn(SUPPORT_LABELS, key) ? SUPPORT_LABELS[key] : undefined;
  return label ? label[locale] : key;
}

/** "name（note）" in Chinese, "name (note)" in English. */
export function qualify(name: string, note: string, locale: ChartLocale): string {
  return locale === 'zh' ? `${name}（${note}）` : `${name} (${note})`;
}

/** A fraction from 0 to 1 as a percentage with at most one decimal, the way every chart prints rates. */
export function percent(fraction: number): number {
  return Math.round(fraction * 1000) / 10;
}
