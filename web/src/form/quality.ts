/**
 * The quality checks the server runs at submission, run in the browser while people type: the
 * very same functions (src/domain/interview/sections/highlights.ts and smart-plan.ts are pure
 * TypeScript, no node imports), so the form and the server agree on what is vague or not SMART.
 */
import type { JsonObject } from '../../../src/domain/limits';
import { highlightFindings } from '../../../src/domain/interview/sections/highlights';
import { smartFindings } from '../../../src/domain/interview/sections/smart-plan';

export interface FormFinding {
  readonly field: string;
  readonly code: string;
  readonly message: string;
  readonly missing: readonly string[];
}

export interface QualityInput {
  readonly sections: Readonly<Record<string, unknown>>;
  readonly minCaseChars: number;
  readonly horizonDays: number;
  readonly parties: readonly string[];
  /** YYYY-MM-DD in the company's zone. */
  readonly today: string;
  /** The plan's linkedTo targets (the template's refTo). */
  readonly planRefTo?: readonly string[];
  readonly hasHighlights: boolean;
  readonly hasPlan: boolean;
}

export function qualityFindings(input: QualityInput): FormFinding[] {
  const sections = input.sections as Record<string, JsonObject>;
  return [
    ...(input.hasHighlights ? highlightFindings(sections.highlights, input.minCaseChars) : []),
    ...(input.hasPlan
      ? smartFindings(
          sections.improvementPlan,
          { sections, parties: input.parties, today: input.today, horizonDays: input.horizonDays },
          input.planRefTo ?? ['goalReview.items', 'problems.items'],
        )
      : []),
  ];
}

/** Today in the company's zone (Asia/Shanghai, the server's default TZ_COMPANY), YYYY-MM-DD. */
export function companyToday(now: Date = new Date(), zone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** `highlights.items[0].case` → the item path `highlights.items[0]`, for findings shown on an item. */
export const itemPathOf = (field: string): string => field.replace(/\.[^.[\]]+$/, '');
