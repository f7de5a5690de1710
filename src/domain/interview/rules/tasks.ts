/**
 * Improvement tasks: the agreed improvement plan becomes its owners' tasks (when the plan's
 * step is submitted, or when the record locks), and the owner or the manager reports progress
 * and completes them.
 */
import { ForbiddenError, NotFoundError, RuleError, ValidationError } from '../../errors';
import { assertText, isObject, type JsonValue } from '../../limits';
import type { CompleteTask, ReportTaskProgress } from '../commands';
import type { ImprovementPlanAgreed, InterviewEvent, PlanTask } from '../events';
import { SIGNING_LIMITS } from '../signing';
import type { ExistingInterview, Interview } from '../state';
import { visible } from './access';

const str = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : '');

/**
 * The plan as it stands becomes the owners' tasks, if it differs from what was last agreed:
 * new items open tasks, changed items update theirs (progress kept), removed items cancel.
 */
export function planAgreement(current: ExistingInterview): ImprovementPlanAgreed | null {
  const raw = current.sections.improvementPlan?.items;
  const items = Array.isArray(raw) ? raw.filter(isObject) : [];
  const tasks: PlanTask[] = items.map((i) => ({
    taskId: str(i.id),
    action: str(i.action),
    metric: str(i.metric),
    target: str(i.target),
    deadline: str(i.deadline),
    ownerId: str(i.ownerId),
    linkedTo: str(i.linkedTo),
  }));
  const live = current.tasks.filter((t) => t.status !== 'cancelled');
  const cancelled = live.filter((t) => !tasks.some((p) => p.taskId === t.taskId)).map((t) => t.taskId);
  const unchanged =
    cancelled.length === 0 &&
    tasks.every((p) => {
      const t = live.find((x) => x.taskId === p.taskId);
      return (
        t &&
        t.action === p.action &&
        t.metric === p.metric &&
        t.target === p.target &&
        t.deadline === p.deadline &&
        t.ownerId === p.ownerId &&
        t.linkedTo === p.linkedTo
      );
    });
  if (unchanged) return null;
  return { type: 'ImprovementPlanAgreed', data: { interviewId: current.id, version: current.version, tasks, cancelled } };
}

export function taskUpdate(command: ReportTaskProgress | CompleteTask, state: Interview): InterviewEvent[] {
  const { meta, data } = command;
  const current = visible(state, data.interviewId, meta);
  const task = current.tasks.find((t) => t.taskId === data.taskId);
  if (!task) throw new NotFoundError(`no improvement task ${String(data.taskId)} on this record`, 'taskId');
  if (meta.actor !== task.ownerId && meta.actor !== current.basic.managerId) {
    throw new ForbiddenError(`only the owner (${task.ownerId}) or the manager updates this task`, 'taskId');
  }
  if (task.status !== 'open') throw new RuleError('TASK_CLOSED', `task ${task.taskId} is ${task.status}`, 'taskId');
  const note = assertText(data.note, 'note', SIGNING_LIMITS.reasonChars, { optional: true });
  if (command.type === 'CompleteTask') {
    return [
      { type: 'ImprovementTaskCompleted', data: { interviewId: current.id, taskId: task.taskId, note, by: meta.actor, at: meta.now } },
    ];
  }
  const progress = command.data.progress;
  if (!Number.isInteger(progress) || progress < 0 || progress > 100)
    throw new ValidationError('progress is a whole percentage 0..100', 'progress', 'VALUE_OUT_OF_RANGE');
  return [
    {
      type: 'ImprovementTaskProgressed',
      data: { interviewId: current.id, taskId: task.taskId, progress, note, by: meta.actor, at: meta.now },
    },
  ];
}
