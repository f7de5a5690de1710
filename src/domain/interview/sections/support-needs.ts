/**
 * Support needs, written in the next-goals section: the needs on a record, the manager's
 * evaluation (a system field written by SupportNeedEvaluated, dropped when the need itself
 * changes), and the check that a step evaluating needs leaves none unevaluated. Who may
 * evaluate and fulfil them is the needs rule (rules/needs.ts).
 */
import { RuleError } from '../../errors';
import { isObject, type JsonObject, type JsonValue } from '../../limits';
import type { NeedEvaluation } from '../events';
import type { ExistingInterview } from '../state';

export function supportNeeds(current: ExistingInterview): JsonObject[] {
  const needs = current.sections.nextGoals?.supportNeeds;
  return Array.isArray(needs) ? needs.filter(isObject) : [];
}

/** The manager's evaluation of a need, or null while it has none. */
export function evaluationOf(need: JsonObject): JsonObject | null {
  return isObject(need.evaluation ?? null) ? (need.evaluation as JsonObject) : null;
}

const str = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : '');

/** Whether an edit changed a need's substance: its evaluation then no longer applies (the manager evaluated something else). */
export const needChanged = (before: JsonObject, after: JsonObject): boolean =>
  str(before.need) !== str(after.need) || str(before.type) !== str(after.type);

/** The sections with `evaluation` written into support need `needId`. */
export function withEvaluation(
  sections: Readonly<Record<string, JsonObject>>,
  needId: string,
  evaluation: NeedEvaluation,
): Record<string, JsonObject> {
  const nextGoals = sections.nextGoals ?? {};
  const needs = Array.isArray(nextGoals.supportNeeds) ? nextGoals.supportNeeds : [];
  const value = evaluation as unknown as JsonObject;
  const supportNeeds = needs.map((n) => (isObject(n) && n.id === needId ? { ...n, evaluation: value } : n));
  return { ...sections, nextGoals: { ...nextGoals, supportNeeds } };
}

/** A step that evaluates needs completes only when the manager has evaluated every one. */
export function assertNeedsEvaluated(current: ExistingInterview): void {
  const needs = supportNeeds(current);
  const open = needs.findIndex((n) => !evaluationOf(n));
  if (open >= 0) {
    throw new RuleError(
      'SUPPORT_NEED_UNEVALUATED',
      `support need ${needs[open]!.id} has not been evaluated by the manager yet`,
      `nextGoals.supportNeeds[${open}].evaluation`,
      { needId: needs[open]!.id },
    );
  }
}
