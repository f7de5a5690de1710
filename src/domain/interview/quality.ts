/**
 * Content quality rules from the article:
 * - highlights need a concrete case and data (系统要求输入具体案例、相关数据，避免空泛表述) —
 *   "表现正常，继续努力" is exactly what HR no longer wants to read;
 * - improvement plans follow SMART (具体、可衡量、可达成、相关性强、有时限) with an owner and a deadline.
 *
 * Pure functions returning findings; the decider decides whether a finding blocks (per the
 * template) and the API shows the rest as warnings while people write.
 */
import type { ErrorCode } from '../error-codes';
import type { JsonObject, JsonValue } from '../limits';

export interface Finding {
  /** Path of the field at fault, e.g. `highlights.items[0].data`. */
  readonly field: string;
  readonly code: ErrorCode;
  readonly message: string;
  /** For SMART: the criteria an item misses. For highlights: what is missing. */
  readonly missing: readonly string[];
}

/**
 * Stock phrases that say nothing on their own (空泛表述). A text made only of these (and
 * punctuation) is vague; one that also tells a story is not.
 */
export const STOCK_PHRASES: readonly string[] = [
  '表现正常', '继续努力', '表现良好', '表现不错', '还不错', '总体良好', '整体良好', '表现一般', '有待提高', '有待加强',
  '继续保持', '再接再厉', '工作认真', '认真负责', '态度端正', '态度良好', '积极主动', '按时完成', '按时完成任务', '基本完成',
  '完成任务', '完成较好', '较好', '良好', '正常', '一般', '不错', '努力', '加油', '辛苦了', '挺好', '很好', '优秀',
  'good job', 'keep it up', 'as expected', 'normal', 'ok', 'fine', 'good', 'well done',
];

// Longest first, so that 按时完成任务 is removed whole rather than leaving 任务 behind.
const STOCK_BY_LENGTH = [...STOCK_PHRASES].sort((a, b) => b.length - a.length);

/** A figure: Arabic digits (half or full width), percentages, or Chinese numbers with a unit. */
const FIGURE = /[0-9０-９]|百分之|[一二两三四五六七八九十百千万半]+\s*(个|件|次|天|周|月|年|小时|分钟|台|人|项|倍|元|万|成|批|单|条|家|%)/;
const PUNCTUATION = /[\s\p{P}\p{S}]/gu;

export const hasFigure = (text: string): boolean => FIGURE.test(text);

/** The stock phrases a text uses, and what is left of it once they (and punctuation) are removed. */
export function stockPhrases(text: string): { found: string[]; rest: string } {
  let rest = text.toLowerCase();
  const found: string[] = [];
  for (const phrase of STOCK_BY_LENGTH) {
    // Latin phrases count as whole words only ("ok" is not in "booked"); Chinese has no word breaks.
    const pattern = /^[a-z ]+$/.test(phrase) ? new RegExp(`(?<![a-z])${phrase}(?![a-z])`, 'g') : null;
    if (pattern ? pattern.test(rest) : rest.includes(phrase)) {
      found.push(phrase);
      rest = pattern ? rest.replace(new RegExp(pattern.source, 'g'), ' ') : rest.split(phrase).join(' ');
    }
  }
  return { found, rest: rest.replace(PUNCTUATION, '') };
}

const str = (value: JsonValue | undefined): string => (typeof value === 'string' ? value.trim() : '');

/** Findings for each highlight item: no case, too short a case, no data, no figure, only stock phrases. */
export function highlightFindings(content: JsonObject | undefined, minCaseChars: number): Finding[] {
  const items = Array.isArray(content?.items) ? (content.items as JsonObject[]) : [];
  return items.flatMap((item, i): Finding[] => {
    const base = `highlights.items[${i}]`;
    const caseText = str(item.case);
    const data = str(item.data);
    const title = str(item.title);
    const missing: string[] = [];
    const notes: string[] = [];
    const stock = stockPhrases(`${title} ${caseText}`);
    if (!caseText) {
      missing.push('case');
      notes.push('no concrete case (具体案例): say what happened, where and what you did');
    } else if (stock.rest.length < minCaseChars) {
      missing.push('case');
      notes.push(
        stock.found.length > 0
          ? `the case is only stock phrases (${stock.found.map((p) => `“${p}”`).join('、')}): describe a concrete situation`
          : `the case is too short to be concrete (fewer than ${minCaseChars} characters besides punctuation)`,
      );
    }
    if (!data) {
      missing.push('data');
      notes.push('no supporting data (相关数据)');
    } else if (!hasFigure(data) && !hasFigure(caseText)) {
      missing.push('figure');
      notes.push('the data has no figure: give a number, a percentage or a count (e.g. 故障率由 5% 降到 2%)');
    }
    if (missing.length === 0) return [];
    const field = missing[0] === 'case' ? `${base}.case` : `${base}.data`;
    return [{ field, code: 'VAGUE_HIGHLIGHT', message: `highlight ${i + 1} is vague: ${notes.join('; ')}`, missing }];
  });
}

export interface SmartContext {
  readonly sections: Readonly<Record<string, JsonObject>>;
  /** People on the record: the only possible owners. */
  readonly parties: readonly string[];
  /** Today in the company's zone, YYYY-MM-DD. */
  readonly today: string;
  readonly horizonDays: number;
}

export const SMART_CRITERIA = ['specific', 'measurable', 'achievable', 'relevant', 'time_bound'] as const;

/** Ids of a list's items, e.g. listIds(sections, 'goalReview.items'). */
export function listIds(sections: Readonly<Record<string, JsonObject>>, ref: string): string[] {
  const [section, field] = ref.split('.') as [string, string];
  const items = sections[section]?.[field];
  return Array.isArray(items) ? items.flatMap((i) => (i && typeof i === 'object' && !Array.isArray(i) && typeof i.id === 'string' ? [i.id] : [])) : [];
}

/** Which SMART criteria each plan item misses, with a sentence per criterion. */
export function smartFindings(plan: JsonObject | undefined, ctx: SmartContext, refTo: readonly string[] = ['goalReview.items', 'problems.items']): Finding[] {
  const items = Array.isArray(plan?.items) ? (plan.items as JsonObject[]) : [];
  const linkable = new Set(refTo.flatMap((r) => listIds(ctx.sections, r)));
  const horizon = addDays(ctx.today, ctx.horizonDays);
  return items.flatMap((item, i): Finding[] => {
    const base = `improvementPlan.items[${i}]`;
    const problems: Array<[criterion: string, field: string, note: string]> = [];
    const action = str(item.action);
    if (!action || stockPhrases(action).rest.length < 6) problems.push(['specific', 'action', 'the action is not specific: say what will be done, by whom, how']);
    const metric = str(item.metric);
    const target = str(item.target);
    if (!metric) problems.push(['measurable', 'metric', 'no metric to measure progress by']);
    else if (!target || !hasFigure(target)) problems.push(['measurable', 'target', 'the target needs a figure (e.g. ≥ 98%, 3 次/月)']);
    const owner = str(item.ownerId);
    const deadline = str(item.deadline);
    if (!owner) problems.push(['achievable', 'ownerId', 'no owner (责任人)']);
    else if (!ctx.parties.includes(owner)) problems.push(['achievable', 'ownerId', `owner ${owner} is not a participant of this interview`]);
    if (deadline && deadline > horizon) problems.push(['achievable', 'deadline', `the deadline is more than ${ctx.horizonDays} days away`]);
    const linked = str(item.linkedTo);
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
