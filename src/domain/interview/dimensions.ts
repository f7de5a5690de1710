/**
 * Performance dimensions (绩效维度) of a record's goals, for the employee's radar: which
 * dimension each goal-review item belongs to, and the achievement per dimension. Pure: the
 * analytics projection calls it with a record's template snapshot and goal-review content.
 *
 * The fallback, for records written before templates declared dimensions (docs/analytics.md,
 * "Performance dimensions and the radar's fallback"):
 * 1. the axes are the template's declared dimensions, or FALLBACK_DIMENSIONS when it has none;
 * 2. an item that names one of the axes (`dimension`) is placed there;
 * 3. otherwise the first axis, in declaration order, one of whose keywords occurs in the goal's
 *    text (`goal`, compared without case) takes it, and the item counts as inferred;
 * 4. otherwise it goes to the catch-all `overall` (综合), also inferred.
 */
import { isObject } from '../limits';
import { OVERALL_KEY, type InterviewTemplate, type Localized, type PerformanceDimension } from './template';

/** Where goals go that name no dimension and match no keyword. Never declared by a template. */
export const OVERALL_DIMENSION: PerformanceDimension = { key: OVERALL_KEY, label: { zh: '综合', en: 'Overall' }, keywords: [] };

/**
 * The company-wide set for templates without dimensions (built-ins version 1, the single-session
 * templates, HR templates that declare none): broad enough for every job category.
 */
export const FALLBACK_DIMENSIONS: readonly PerformanceDimension[] = [
  {
    key: 'results',
    label: { zh: '工作成果', en: 'Results' },
    keywords: ['产量', '产能', '件', '销售额', '新签', '回款', '到岗', '里程碑', '交付', '处理量', '完成率', 'KPI', '达成'],
  },
  {
    key: 'quality',
    label: { zh: '质量', en: 'Quality' },
    keywords: ['合格率', '质量', '不良', '返修', '缺陷', '漏检', '覆盖率', '准确率', '差异率', '解决率', '满意度', '投诉'],
  },
  {
    key: 'efficiency',
    label: { zh: '效率与时效', en: 'Efficiency' },
    keywords: ['及时', '准时', '按期', '响应', '时长', '时效', '周期', '停机', '效率'],
  },
  { key: 'safety', label: { zh: '安全', en: 'Safety' }, keywords: ['安全', '5S', '隐患', '事故'] },
  { key: 'teamwork', label: { zh: '协作', en: 'Teamwork' }, keywords: ['协作', '沟通', '配合', '带教', '跨部门', '流失'] },
  { key: 'growth', label: { zh: '学习成长', en: 'Growth' }, keywords: ['培训', '学习', '分享', '认证', '成长', '访谈'] },
];

/** One goal-review item placed on an axis. */
export interface GoalDimension {
  readonly itemId: string;
  readonly dimension: string;
  /** The item's achievement (%); null when the manager has not given one. */
  readonly achievement: number | null;
  /** Placed by the fallback (keywords or `overall`), not by the item's own `dimension`. */
  readonly inferred: boolean;
}

/** One axis of the radar for one record. */
export interface DimensionAchievement {
  readonly key: string;
  readonly label: Localized;
  /** Mean achievement (%) of the axis's goals that have one, to one decimal; null when none has. */
  readonly achievement: number | null;
  /** Goals placed on the axis, with or without an achievement. */
  readonly goals: number;
  /** Of those, the ones the fallback placed. */
  readonly inferred: number;
}

type DimensionSource = Pick<InterviewTemplate, 'dimensions'>;

/** The axes of a template's radar: its declared dimensions, or the company-wide fallback set. */
export function templateDimensions(template: DimensionSource): readonly PerformanceDimension[] {
  return template.dimensions && template.dimensions.length > 0 ? template.dimensions : FALLBACK_DIMENSIONS;
}

/** Every goal-review item of `goalReview` (a record's section content) with its axis; items that are not objects are skipped. */
export function goalDimensions(template: DimensionSource, goalReview: unknown): GoalDimension[] {
  const axes = templateDimensions(template);
  const items = isObject(goalReview) ? goalReview.items : undefined;
  if (!Array.isArray(items)) return [];
  return items.flatMap((item, i): GoalDimension[] => {
    if (!isObject(item)) return [];
    const { id, dimension, goal, achievement } = item;
    const itemId = typeof id === 'string' ? id : `#${i + 1}`;
    const value = typeof achievement === 'number' && Number.isFinite(achievement) ? achievement : null;
    // An unknown name (old content, a template that dropped the key) falls through to the keywords.
    if (typeof dimension === 'string' && axes.some((d) => d.key === dimension))
      return [{ itemId, dimension, achievement: value, inferred: false }];
    const text = typeof goal === 'string' ? goal.toLowerCase() : '';
    const matched = text ? axes.find((d) => d.keywords.some((k) => k && text.includes(k.toLowerCase()))) : undefined;
    return [{ itemId, dimension: (matched ?? OVERALL_DIMENSION).key, achievement: value, inferred: true }];
  });
}

/**
 * The record's achievement per axis, in the template's order: every axis, even one without
 * goals (achievement null, goals 0), then `overall` when some goal landed there.
 */
export function dimensionAchievements(template: DimensionSource, goalReview: unknown): DimensionAchievement[] {
  const placed = goalDimensions(template, goalReview);
  const axes = templateDimensions(template);
  const used = placed.some((g) => g.dimension === OVERALL_KEY) ? [...axes, OVERALL_DIMENSION] : axes;
  return used.map((d) => {
    const mine = placed.filter((g) => g.dimension === d.key);
    const values = mine.flatMap((g) => (g.achievement === null ? [] : [g.achievement]));
    const mean = values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
    return { key: d.key, label: d.label, achievement: mean, goals: mine.length, inferred: mine.filter((g) => g.inferred).length };
  });
}
