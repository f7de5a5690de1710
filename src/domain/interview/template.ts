/**
 * Interview templates: which content sections a record has and who must sign it. The issue on
 * templates extends this with per-field rules, categories, levels and HR-designed versions;
 * the ledger core only needs to know which sections exist and which signatures lock a record.
 */
import type { SignatureRole } from './signing';

export interface SectionDefinition {
  readonly key: string;
  readonly label: { readonly zh: string; readonly en: string };
}

export interface InterviewTemplate {
  readonly id: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly sections: readonly SectionDefinition[];
  /**
   * Roles whose signatures on the current version lock the record. `participant` means every
   * other participant named on the record. Other parties may still sign; they do not lock.
   */
  readonly requiredSignatures: readonly SignatureRole[];
}

/** The article's form, less basic information (its own command) and signatures (src/domain/interview/signing.ts). */
const STANDARD_SECTIONS: readonly SectionDefinition[] = [
  { key: 'goalReview', label: { zh: '绩效目标回顾与达成情况', en: 'Goal review and achievement' } },
  { key: 'highlights', label: { zh: '工作亮点与成绩', en: 'Highlights and results' } },
  { key: 'problems', label: { zh: '存在的问题与改进建议', en: 'Problems and improvement suggestions' } },
  { key: 'improvementPlan', label: { zh: '双方共识及改进计划', en: 'Agreed consensus and improvement plan' } },
  { key: 'nextGoals', label: { zh: '下阶段目标与支持需求', en: 'Next-period goals and support needs' } },
  { key: 'remarks', label: { zh: '备注与补充说明', en: 'Remarks' } },
];

export const BUILTIN_TEMPLATES: ReadonlyMap<string, InterviewTemplate> = new Map(
  ([
    {
      id: 'standard-v1',
      name: { zh: '标准绩效面谈', en: 'Standard performance interview' },
      sections: STANDARD_SECTIONS,
      // The article: both sides sign once they agree the content is right (面谈双方…需分别电子签字).
      requiredSignatures: ['employee', 'manager'] as const,
    },
    {
      id: 'quick-checkin-v1',
      name: { zh: '简短面谈', en: 'Quick check-in' },
      sections: STANDARD_SECTIONS.filter((s) => ['goalReview', 'nextGoals', 'remarks'].includes(s.key)),
      requiredSignatures: ['employee', 'manager'] as const,
    },
  ] satisfies InterviewTemplate[]).map((t) => [t.id, t]),
);

export const DEFAULT_TEMPLATE_ID = 'standard-v1';

export function findTemplate(id: string): InterviewTemplate | undefined {
  return BUILTIN_TEMPLATES.get(id);
}
