/**
 * The highlights section (亮点): each highlight needs a concrete case and data with a figure
 * (系统要求输入具体案例、相关数据，避免空泛表述) — "表现正常，继续努力" is exactly what HR no longer
 * wants to read. Findings are warnings while people write, and block a submission when the
 * template says so.
 */
import type { JsonObject } from '../../limits';
import type { Finding } from '../finding';
import type { ExistingInterview } from '../state';
import { hasFigure, stockPhrases, textOf } from '../vague-text';

/** Findings for each highlight item: no case, too short a case, no data, no figure, only stock phrases. */
export function highlightFindings(content: JsonObject | undefined, minCaseChars: number): Finding[] {
  const items = Array.isArray(content?.items) ? (content.items as JsonObject[]) : [];
  return items.flatMap((item, i): Finding[] => {
    const base = `highlights.items[${i}]`;
    const caseText = textOf(item.case);
    const data = textOf(item.data);
    const title = textOf(item.title);
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

/** The findings on a record's highlights, by its template's minimum case length. */
export const highlightFindingsOf = (current: ExistingInterview): Finding[] =>
  highlightFindings(current.sections.highlights, current.template.rules.minCaseChars);

/** Whether vague highlights block a submission (the template's choice) rather than only warn. */
export const vagueHighlightsBlock = (current: ExistingInterview): boolean => current.template.rules.vagueHighlights === 'block';
