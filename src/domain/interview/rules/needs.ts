/**
 * Support needs as a rule of the record's life: the interview's manager evaluates each need
 * (approved, partly, declined, with a reason) at the step that evaluates needs, or during a
 * correction, which creates a version; HR then fulfils approved needs. The section itself is
 * sections/support-needs.ts.
 */
import { may, viewerOf } from '../../access';
import { ForbiddenError, IllegalStateError, NotFoundError, RuleError, ValidationError } from '../../errors';
import { assertText } from '../../limits';
import type { EvaluateSupportNeed, FulfilSupportNeed } from '../commands';
import { NEED_DECISIONS, type InterviewEvent, type NeedDecision } from '../events';
import { evaluationOf, supportNeeds } from '../sections/support-needs';
import { SIGNING_LIMITS } from '../signing';
import type { Interview } from '../state';
import { visible } from './access';
import { checkVersion } from './edit';
import { assertNotLocked } from './lock';
import { currentStep } from './steps';

export function evaluateNeed(command: EvaluateSupportNeed, state: Interview): InterviewEvent[] {
  const { meta, data } = command;
  const current = visible(state, data.interviewId, meta);
  if (meta.actor !== current.basic.managerId) throw new ForbiddenError("only the interview's manager evaluates support needs");
  assertNotLocked(current);
  if (current.status !== 'correction') {
    const step = currentStep(current);
    if (!step.evaluatesNeeds) {
      const at = current.flow.steps.find((s) => s.evaluatesNeeds);
      throw new RuleError(
        'SECTION_NOT_EDITABLE_AT_STEP',
        `support needs are evaluated at step ${at?.label.zh ?? '?'} (${at?.key ?? '?'}), and the record is at ${step.key}`,
        'needId',
        { step: step.key },
      );
    }
  }
  checkVersion(data.expectedVersion, current);
  const needs = supportNeeds(current);
  const need = needs.find((n) => n.id === data.needId);
  if (!need)
    throw new NotFoundError(
      `no support need ${String(data.needId)} on this record (needs: ${needs.map((n) => n.id).join(', ') || 'none'})`,
      'needId',
    );
  if (!(NEED_DECISIONS as readonly unknown[]).includes(data.decision))
    throw new ValidationError(`decision must be one of ${NEED_DECISIONS.join(', ')}`, 'decision', 'INVALID_VALUE');
  const reason = assertText(data.reason, 'reason', SIGNING_LIMITS.reasonChars);
  return [
    {
      type: 'SupportNeedEvaluated',
      data: {
        interviewId: current.id,
        version: current.version + 1,
        needId: data.needId,
        evaluation: { decision: data.decision as NeedDecision, reason, by: meta.actor, at: meta.now },
      },
    },
  ];
}

export function fulfilNeed(command: FulfilSupportNeed, state: Interview): InterviewEvent[] {
  const { meta, data } = command;
  const current = visible(state, data.interviewId, meta);
  if (!may(viewerOf(meta), 'fulfilSupportNeeds')) throw new ForbiddenError('HR allocates resources for support needs');
  const need = supportNeeds(current).find((n) => n.id === data.needId);
  if (!need) throw new NotFoundError(`no support need ${String(data.needId)} on this record`, 'needId');
  const decision = evaluationOf(need)?.decision;
  if (decision !== 'approved' && decision !== 'partly') {
    throw new RuleError(
      'NEED_NOT_APPROVED',
      `support need ${data.needId} is ${decision ?? 'not evaluated yet'}; only approved needs are fulfilled`,
      'needId',
    );
  }
  if (current.fulfilledNeeds[data.needId]) throw new IllegalStateError(`support need ${data.needId} was fulfilled already`, 'needId');
  const note = assertText(data.note, 'note', SIGNING_LIMITS.reasonChars);
  return [{ type: 'SupportNeedFulfilled', data: { interviewId: current.id, needId: data.needId, note, by: meta.actor, at: meta.now } }];
}
