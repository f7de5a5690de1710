/**
 * The improvement plan section: every item follows SMART (具体、可衡量、可达成、相关性强、有时限)
 * — a specific action, a metric with a figure as target, an owner on the record, a link to a
 * goal or problem of this interview, a deadline within the template's horizon. Findings are
 * warnings while people write and block the submission of the plan.
 */
import type { JsonObject } from '../../limits';
import { listIds } from '../content';
import type { Finding } from '../finding';
import { partiesOf } from '../rules/access';
import type { ExistingInterview } from '../state';
import { sectionOf } from '../template';
import { hasFigure, stockPhrases, textOf } from '../vague-text';

export interface SmartContext {
  readonly sections: Readonly<Record<string, JsonObject>>;
  /** People on the record: the only possible owners. */
  readonly parties: readonly string[];
  /** Today in the company's zone, YYYY-MM-DD. */
  readonly today: string;
  readonly horizonDays: number;
}

export const SMART_CRITERIA = ['specific', 'measurable', 'achievable', 'relevant', 'time_bound'] as const;

/** Which SMART criteria each plan item misses, with a sentence per criterion. */
export function smartFindings(
  plan: JsonObject | undefined,
  ctx: SmartContext,
  refTo: readonly string[] = ['goalReview.items', 'problems.items'],
): Finding[] {
  const items = Array.isArray(plan?.items) ? (plan.items as JsonObject[]) : [];
  const linkable = new Set(refTo.flatMap((r) => listIds(ctx.sections, r)));
  const horizon = addDays(ctx.today, ctx.horizonDays);
  return items.flatMap((item, i): Finding[] => {
    const base = `improvementPlan.items[${i}]`;
    const problems: Array<[criterion: string, field: string, note: string]> = [];
    const action = textOf(item.action);
    if (!action || stockPhrases(action).rest.length < 6)
      problems.push(['specific', 'action', 'the action is not specific: say what will be done, by whom, how']);
    const metric = textOf(item.metric);
    const target = textOf(item.target);
    if (!metric) problems.push(['measurable', 'metric', 'no metric to measure progress by']);
    else if (!target || !hasFigure(target)) problems.push(['measurable', 'target', 'the target needs a figure (e.g. ≥ 98%, 3 次/月)']);
    const owner = textOf(item.ownerId);
    const deadline = textOf(item.deadline);
    if (!owner) problems.push(['achievable', 'ownerId', 'no owner (责任人)']);
    else if (!ctx.parties.includes(owner))
      problems.push(['achievable', 'ownerId', `owner ${owner} is not a participant of this interview`]);
    if (deadline && deadline > horizon) problems.push(['achievable', 'deadline', `the deadline is more than ${ctx.horizonDays} days away`]);
    const linked = textOf(item.linkedTo);
    if (!linked) problems.push(['relevant', 'linkedTo', 'not linked to a goal or a problem of this interview']);
    else if (!linkable.has(linked)) problems.push(['relevant', 'linkedTo', `${linked} is not a goal or problem of this interview`]);
    if (!deadline) problems.push(['time_bound', 'deadline', 'no deadline (完成节点)']);
    else if (deadline < ctx.today) problems.push(['time_bound', 'deadline', `the deadline ${deadline} is in the past`]);
    if (problems.length === 0) return [];
    const missing = [...new Set(problems.map(([c]) => c))];
    return [
      {
        field: `${base}.${problems[0]![1]}`,
        code: 'SMART_INCOMPLETE',
        message: `plan item ${i + 1} is not SMART — ${problems.map(([c, , note]) => `${c}: ${note}`).join('; ')}`,
        missing,
      },
    ];
  });
}

/** YYYY-MM-DD plus n days (calendar arithmetic on the date alone; no zone involved). */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** What a plan item may link to: the template's `linkedTo` targets. */
function refTargets(current: ExistingInterview): readonly string[] {
  const items = sectionOf(current.template, 'improvementPlan')?.fields.find((x) => x.key === 'items');
  return items?.items?.find((x) => x.key === 'linkedTo')?.refTo ?? ['goalReview.items', 'problems.items'];
}

function smartContext(current: ExistingInterview, today: string): SmartContext {
  return { sections: current.sections, parties: partiesOf(current.basic), today, horizonDays: current.template.rules.planHorizonDays };
}

/** The findings on a record's improvement plan, `today` being the date in the company's zone. */
export const planFindingsOf = (current: ExistingInterview, today: string): Finding[] =>
  smartFindings(current.sections.improvementPlan, smartContext(current, today), refTargets(current));
