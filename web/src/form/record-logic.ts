/** Pure helpers of the record page: who the viewer is on it, what the step lets them write, diffs, findings as labels. */
import type { InterviewRecordFragment } from '../gql/graphql';
import type { Translate } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { companyToday, qualityFindings, type FormFinding } from './quality';

export type Record_ = InterviewRecordFragment;

export function viewerRole(record: Pick<Record_, 'employeeId' | 'managerId'>, viewerId: string): 'employee' | 'manager' | null {
  if (record.employeeId === viewerId) return 'employee';
  if (record.managerId === viewerId) return 'manager';
  return null;
}

export function currentStep(record: Record_) {
  return record.flow.steps.find((s) => s.key === record.workflow.step) ?? null;
}

/** Section keys the current step writes ('*': all of them). */
export function editableSections(record: Record_): Set<string> {
  const step = currentStep(record);
  if (!step || record.status === 'locked') return new Set();
  return new Set(step.edits.includes('*') ? record.template.sections.map((s) => s.key) : step.edits);
}

/** Whether the viewer's side acts at the current step. */
export function viewerActs(record: Record_, role: 'employee' | 'manager' | null): boolean {
  const step = currentStep(record);
  return role !== null && step !== null && record.status !== 'locked' && step.actors.includes(role);
}

export function partiesOf(record: Record_): Array<{ id: string; name: string }> {
  const names = new Map<string, string>();
  if (record.employee) names.set(record.employee.id, record.employee.name);
  if (record.manager) names.set(record.manager.id, record.manager.name);
  return [record.employeeId, record.managerId, ...record.participantIds]
    .filter((id, i, all) => all.indexOf(id) === i)
    .map((id) => ({ id, name: names.get(id) ?? id }));
}

/** Every leaf of a JSON value by path (`items[0].case`), its value as canonical text. */
export function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    else if (v !== undefined) out.set(path, JSON.stringify(v));
  };
  walk(value, prefix);
  return out;
}

/** Paths whose values differ between two versions of a section, with both values. */
export function changedFields(before: unknown, after: unknown, prefix = ''): Array<{ path: string; before?: string; after?: string }> {
  const a = flatten(before, prefix);
  const b = flatten(after, prefix);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.filter((p) => a.get(p) !== b.get(p)).map((p) => ({ path: p, before: a.get(p), after: b.get(p) }));
}

export function findingsFor(record: Record_, sections: Readonly<Record<string, unknown>>, now = new Date()): FormFinding[] {
  const kinds = new Set(record.template.sections.map((s) => s.kind));
  const plan = record.template.sections.find((s) => s.kind === 'improvementPlan');
  const refTo = plan?.fields.find((f) => f.key === 'items')?.items?.find((f) => f.key === 'linkedTo')?.refTo ?? undefined;
  return qualityFindings({
    sections,
    minCaseChars: record.template.minCaseChars,
    horizonDays: record.template.planHorizonDays,
    parties: partiesOf(record).map((p) => p.id),
    today: companyToday(now),
    planRefTo: refTo,
    hasHighlights: kinds.has('highlights'),
    hasPlan: kinds.has('improvementPlan'),
  });
}

const itemNumber = (field: string): number => Number(/\[(\d+)\]/.exec(field)?.[1] ?? 0) + 1;

/** A finding in the reader's language: what is missing, item by item. */
export function describeFinding(finding: Pick<FormFinding, 'field' | 'code' | 'missing'>, t: Translate): string {
  const missing = finding.missing.map((m) => {
    const key = `form.missing.${m}` as MessageKey;
    return t(key) ?? m;
  });
  const list = missing.join('、');
  if (finding.code === 'VAGUE_HIGHLIGHT') return t('form.finding.vague', { n: itemNumber(finding.field), missing: list });
  if (finding.code === 'SMART_INCOMPLETE') return t('form.finding.smart', { n: itemNumber(finding.field), missing: list });
  return finding.field;
}
