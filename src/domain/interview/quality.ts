/**
 * Content quality rules from the article:
 * - highlights need a concrete case and data (系统要求输入具体案例、相关数据，避免空泛表述) —
 *   "表现正常，继续努力" is exactly what HR no longer wants to read;
 * - improvement plans follow SMART (具体、可衡量、可达成、相关性强、有时限) with an owner and a deadline.
 *
 * Each lives with its section (sections/highlights.ts, sections/smart-plan.ts; what makes text
 * vague in vague-text.ts); this module keeps the Finding both return.
 *
 * Pure functions returning findings; the decider decides whether a finding blocks (per the
 * template) and the API shows the rest as warnings while people write.
 */
export type { Finding } from './finding';

// The rules live with their sections; these names stay importable from here.
export { highlightFindings } from './sections/highlights';
export { addDays, SMART_CRITERIA, smartFindings, type SmartContext } from './sections/smart-plan';
export { hasFigure, STOCK_PHRASES, stockPhrases } from './vague-text';
export { listIds } from './content';
