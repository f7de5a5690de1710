/**
 * Scheduling an interview: who may (the access policy: a manager in the employee's reporting
 * line from the directory, with the manager of record; HR or an admin for anyone), at most one
 * interview per employee and cycle (a second one needs HR or an admin and a reason), the parties,
 * and the template and flow versions the record runs from then on (snapshotted, so later
 * versions never change it), with the first step's due time and the goals carried over.
 */
import { assertMaySchedule, may, viewerOf } from '../../access';
import type { CommandMeta } from '../../command';
import { IllegalStateError, RuleError, ValidationError } from '../../errors';
import { SIGNING_LIMITS } from '../signing';
import { assertCycle, assertId, assertInstant, assertText, LIMITS } from '../../limits';
import { BUILTIN_FLOWS, flowMismatch } from '../../workflow/flow';
import type { ScheduleInterview } from '../commands';
import type { InterviewEvent } from '../events';
import { carriedSections } from '../sections/goal-review';
import type { Interview } from '../state';
import { findTemplate } from '../template';
import { assertParticipants } from './edit';
import { dueFrom } from './steps';

export function schedule(command: ScheduleInterview, state: Interview): InterviewEvent[] {
  if (state.status !== 'none') throw new IllegalStateError(`interview ${command.data.interviewId} already exists`, 'interviewId');
  const { meta, data } = command;
  const interviewId = assertId(data.interviewId, 'interviewId');
  const employeeId = assertId(data.employeeId, 'employeeId');
  const managerId = assertId(data.managerId, 'managerId');
  if (employeeId === managerId) throw new ValidationError('employee and manager must be different people', 'managerId');
  assertMaySchedule(viewerOf(meta), { employeeId, managerChain: data.reportingLine?.managerChain ?? [] }, managerId);
  const templateId = assertText(data.templateId, 'templateId', LIMITS.idChars);
  const template = data.template ?? findTemplate(templateId);
  if (!template || template.id !== templateId)
    throw new ValidationError(`unknown template ${templateId}`, 'templateId', 'UNKNOWN_TEMPLATE');
  if (!template.active) throw new ValidationError(`template ${templateId} is retired`, 'templateId', 'TEMPLATE_RETIRED');
  const flow = data.flow ?? BUILTIN_FLOWS.get(template.defaultFlowId);
  if (!flow)
    throw new ValidationError(
      `template ${templateId} names flow ${template.defaultFlowId}, which does not exist`,
      'flowId',
      'UNKNOWN_FLOW',
    );
  const mismatch = flowMismatch(flow, template);
  if (mismatch)
    throw new ValidationError(`flow ${flow.id} cannot run template ${template.id}: ${mismatch}`, 'flowId', 'FLOW_TEMPLATE_MISMATCH');
  const participantIds = data.participantIds ?? [];
  assertParticipants(participantIds, employeeId, managerId);
  const sections = carriedSections(template, data.carriedGoals ?? []);
  const department = assertText(data.department, 'department');
  const position = assertText(data.position, 'position');
  const cycle = assertCycle(data.cycle);
  const scheduledAt = assertInstant(data.scheduledAt, 'scheduledAt');
  const location = assertText(data.location, 'location', LIMITS.nameChars, { optional: true });
  // Checked once the input is known to be well-formed, so that bad input reads as bad input.
  const secondInCycleReason = assertSecondInCycle(meta, data);
  return [
    {
      type: 'InterviewScheduled',
      data: {
        interviewId,
        templateId,
        version: 1,
        templateVersion: template.version,
        template,
        flow,
        dueAt: dueFrom(meta, flow.steps[0]!),
        ...(sections ? { sections } : {}),
        ...(secondInCycleReason ? { secondInCycleReason } : {}),
        employeeId,
        managerId,
        participantIds: [...participantIds],
        department,
        position,
        cycle,
        scheduledAt,
        location,
      },
    },
  ];
}

/**
 * At most one interview per employee and cycle: a second one needs HR or an admin and a
 * reason, which the event keeps. Returns the reason for a second interview, else undefined.
 */
function assertSecondInCycle(meta: CommandMeta, data: ScheduleInterview['data']): string | undefined {
  const existing = data.sameCycleInterviewIds ?? [];
  if (existing.length === 0) return undefined;
  const which = `${data.employeeId} already has interview ${existing.join(', ')} in cycle ${data.cycle}`;
  if (!may(viewerOf(meta), 'overrideScheduling')) {
    throw new RuleError('INTERVIEW_EXISTS_IN_CYCLE', `${which}; only HR or an admin may schedule another, with a reason`, 'cycle');
  }
  if (typeof data.reason !== 'string' || data.reason.trim() === '') {
    throw new RuleError('INTERVIEW_EXISTS_IN_CYCLE', `${which}; give the reason for a second one`, 'reason');
  }
  return assertText(data.reason, 'reason', SIGNING_LIMITS.reasonChars);
}
