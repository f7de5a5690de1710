/**
 * The goal review section: at scheduling, the previous period's agreed next-period goals are
 * carried over as the goals to review (each item keeps where it came from, a system field).
 */
import { assertText, type JsonObject } from '../../limits';
import type { CarriedGoal } from '../commands';
import { sectionOf, type InterviewTemplate } from '../template';

export function carriedSections(template: InterviewTemplate, goals: readonly CarriedGoal[]): Record<string, JsonObject> | undefined {
  if (goals.length === 0 || !sectionOf(template, 'goalReview')) return undefined;
  const items = goals.slice(0, 30).map((g, i) => ({
    id: `G${i + 1}`,
    goal: assertText(g.goal, `carriedGoals[${i}].goal`, 500),
    target: assertText(g.target, `carriedGoals[${i}].target`, 500, { optional: true }),
    carriedFrom: { interviewId: g.interviewId, cycle: g.cycle, goalId: g.goalId },
  }));
  return { goalReview: { items } };
}
