/**
 * Steps of the flow: the record's current step, due dates in the company's calendar,
 * who acts and which sections are written at a step, what a submission must satisfy
 * (required fields, concrete highlights, a SMART plan — also shown early as warnings), and
 * moving forward (the step's owner submits) or back (with a reason).
 */
import { DateTime } from 'luxon';
import type { CommandMeta } from '../../command';
import { may, viewerOf } from '../../access';
import { DEFAULT_CALENDAR } from '../../command';
import { RuleError, ValidationError } from '../../errors';
import { assertText } from '../../limits';
import { computeDueAt } from '../../workflow/reminder-schedule';
import { stepEdits, type StepSpec } from '../../workflow/flow';
import type { AdvanceStep, ReturnStep } from '../commands';
import { missingRequired } from '../content';
import type { InterviewEvent, InterviewStepAdvanced } from '../events';
import type { Finding } from '../quality';
import { highlightFindingsOf, vagueHighlightsBlock } from '../sections/highlights';
import { planFindingsOf } from '../sections/smart-plan';
import { assertNeedsEvaluated } from '../sections/support-needs';
import { SIGNING_LIMITS } from '../signing';
import type { ExistingInterview, Interview } from '../state';
import { sectionOf, type PartyRole } from '../template';
import { partyRoleOf, visible } from './access';
import { assertNotLocked } from './lock';
import { planAgreement } from './tasks';

export function currentStep(current: ExistingInterview): StepSpec {
  return current.flow.steps[current.workflow.stepIndex] ?? current.flow.steps.at(-1)!;
}

/** Today in the company zone, for deadlines. */
export function todayOf(meta: Pick<CommandMeta, 'now' | 'calendar'>): string {
  const zone = (meta.calendar ?? DEFAULT_CALENDAR).zone;
  return DateTime.fromISO(meta.now, { zone: 'utc' }).setZone(zone).toISODate() ?? meta.now.slice(0, 10);
}

export function dueFrom(meta: Pick<CommandMeta, 'now' | 'calendar'>, step: StepSpec): string {
  const calendar = meta.calendar ?? DEFAULT_CALENDAR;
  return computeDueAt(meta.now, step.dueInDays, calendar.zone, calendar);
}

export function assertStepAllows(current: ExistingInterview, role: PartyRole, section: string): void {
  const step = currentStep(current);
  if (!step.actors.includes(role)) {
    throw new RuleError(
      'STEP_ROLE_FORBIDDEN',
      `at step ${step.label.zh} (${step.key}) the ${step.actors.join(' and ')} act${step.actors.length > 1 ? '' : 's'}, not the ${role}`,
      'section',
      {
        step: step.key,
        actors: step.actors,
      },
    );
  }
  if (!stepEdits(step, current.template).includes(section)) {
    throw new RuleError(
      'SECTION_NOT_EDITABLE_AT_STEP',
      `section ${section} is not written at step ${step.label.zh} (${step.key}); this step writes ${stepEdits(step, current.template).join(', ') || 'nothing'}`,
      'section',
      {
        step: step.key,
      },
    );
  }
}

/**
 * Checks that `sections`, as filled by `roles`, can be submitted: required sections and
 * fields, then highlights (blocking when the template says so), then the SMART plan.
 */
export function assertSubmittable(
  current: ExistingInterview,
  roles: readonly PartyRole[],
  sections: readonly string[],
  meta: CommandMeta,
): void {
  for (const key of sections) {
    const spec = sectionOf(current.template, key);
    if (!spec) continue;
    const missing = missingRequired(spec, current.sections[key], roles);
    if (missing) throw missing;
  }
  if (sections.includes('highlights') && vagueHighlightsBlock(current)) {
    const first = highlightFindingsOf(current)[0];
    if (first) throw findingError(first);
  }
  if (sections.includes('improvementPlan')) {
    const first = planFindingsOf(current, todayOf(meta))[0];
    if (first) throw findingError(first);
  }
}

const findingError = (f: Finding): RuleError => new RuleError(f.code, f.message, f.field, { missing: f.missing });

/** Findings that do not block (or not yet): what the API shows as warnings while people write. */
export function qualityFindings(current: ExistingInterview, meta: Pick<CommandMeta, 'now' | 'calendar'>): Finding[] {
  return [...highlightFindingsOf(current), ...(current.sections.improvementPlan ? planFindingsOf(current, todayOf(meta)) : [])];
}

/** The record, if the actor may see it and its steps can move: not locked, no correction open. */
function movable(state: Interview, id: string, meta: CommandMeta): ExistingInterview {
  const current = visible(state, id, meta);
  assertNotLocked(current);
  if (current.status === 'correction')
    throw new RuleError('CORRECTION_OPEN', 'a correction is open: edit the record and sign it again; steps do not move', 'interviewId');
  return current;
}

export function advance(command: AdvanceStep, state: Interview): InterviewEvent[] {
  const { meta, data } = command;
  const current = movable(state, data.interviewId, meta);
  const step = currentStep(current);
  if (data.step !== step.key) {
    throw new RuleError(
      'WRONG_STEP',
      `the record is at step ${step.label.zh} (${step.key}), not ${String(data.step)}; steps are completed in order`,
      'step',
      { step: step.key },
    );
  }
  if (step.signing)
    throw new RuleError('SIGNING_STEP', `step ${step.key} completes when the required parties have signed`, 'step', { step: step.key });
  const role = partyRoleOf(current.basic, meta.actor);
  if (role !== step.completedBy) {
    throw new RuleError('STEP_ROLE_FORBIDDEN', `step ${step.label.zh} (${step.key}) is completed by the ${step.completedBy}`, 'step', {
      step: step.key,
      completedBy: step.completedBy,
    });
  }
  const edits = stepEdits(step, current.template);
  assertSubmittable(current, step.actors, edits, meta);
  if (step.evaluatesNeeds) assertNeedsEvaluated(current);
  const next = current.flow.steps[current.workflow.stepIndex + 1]!;
  const moved: InterviewStepAdvanced = {
    type: 'InterviewStepAdvanced',
    data: {
      interviewId: current.id,
      from: step.key,
      to: next.key,
      transition: current.workflow.transitions + 1,
      by: meta.actor,
      at: meta.now,
      dueAt: dueFrom(meta, next),
    },
  };
  const agreed = edits.includes('improvementPlan') ? planAgreement(current) : null;
  return agreed ? [moved, agreed] : [moved];
}

export function returnStep(command: ReturnStep, state: Interview): InterviewEvent[] {
  const { meta, data } = command;
  const current = movable(state, data.interviewId, meta);
  const step = currentStep(current);
  const role = partyRoleOf(current.basic, meta.actor);
  if (!(role && step.actors.includes(role)) && role !== 'manager' && !may(viewerOf(meta), 'sendBackAnyStep')) {
    throw new RuleError(
      'STEP_ROLE_FORBIDDEN',
      `only the ${step.actors.join(' or ')} of step ${step.key}, the manager or HR may send the record back`,
      'toStep',
    );
  }
  const target = current.flow.steps.findIndex((s) => s.key === data.toStep);
  if (target < 0) throw new ValidationError(`flow ${current.flow.id} has no step ${String(data.toStep)}`, 'toStep', 'UNKNOWN_STEP');
  if (target >= current.workflow.stepIndex) {
    throw new RuleError(
      'NOT_AN_EARLIER_STEP',
      `a record moves back to an earlier step only; it is at ${step.key}, forward moves are submissions`,
      'toStep',
    );
  }
  const reason = assertText(data.reason, 'reason', SIGNING_LIMITS.reasonChars);
  const to = current.flow.steps[target]!;
  return [
    {
      type: 'InterviewStepReturned',
      data: {
        interviewId: current.id,
        from: step.key,
        to: to.key,
        transition: current.workflow.transitions + 1,
        by: meta.actor,
        at: meta.now,
        dueAt: dueFrom(meta, to),
        reason,
      },
    },
  ];
}
