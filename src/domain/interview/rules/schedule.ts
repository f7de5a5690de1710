/**
 * Scheduling an interview: who may (HR, an admin, or the employee's own manager), the parties,
 * and the template and flow versions the record runs from then on (snapshotted, so later
 * versions never change it), with the first step's due time and the goals carried over.
 */
import { hasAnyRole } from '../../command';
import { ForbiddenError, IllegalStateError, ValidationError } from '../../errors';
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
  if (!hasAnyRole(meta, 'hr', 'admin') && !(hasAnyRole(meta, 'manager') && meta.actor === managerId)) {
    throw new ForbiddenError('only HR, an admin, or the employee\'s own manager may schedule an interview');
  }
  const templateId = assertText(data.templateId, 'templateId', LIMITS.idChars);
  const template = data.template ?? findTemplate(templateId);
  if (!template || template.id !== templateId) throw new ValidationError(`unknown template ${templateId}`, 'templateId', 'UNKNOWN_TEMPLATE');
  if (!template.active) throw new ValidationError(`template ${templateId} is retired`, 'templateId', 'TEMPLATE_RETIRED');
  const flow = data.flow ?? BUILTIN_FLOWS.get(template.defaultFlowId);
  if (!flow) throw new ValidationError(`template ${templateId} names flow ${template.defaultFlowId}, which does not exist`, 'flowId', 'UNKNOWN_FLOW');
  const mismatch = flowMismatch(flow, template);
  if (mismatch) throw new ValidationError(`flow ${flow.id} cannot run template ${template.id}: ${mismatch}`, 'flowId', 'FLOW_TEMPLATE_MISMATCH');
  const participantIds = data.participantIds ?? [];
  assertParticipants(participantIds, employeeId, managerId);
  const sections = carriedSections(template, data.carriedGoals ?? []);
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
        employeeId,
        managerId,
        participantIds: [...participantIds],
        department: assertText(data.department, 'department'),
        position: assertText(data.position, 'position'),
        cycle: assertCycle(data.cycle),
        scheduledAt: assertInstant(data.scheduledAt, 'scheduledAt'),
        location: assertText(data.location, 'location', LIMITS.nameChars, { optional: true }),
      },
    },
  ];
}
