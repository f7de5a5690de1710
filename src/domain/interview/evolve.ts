/**
 * The interview's evolve: how each event changes the record. Pure: the sealed time comes in
 * as an argument. The status after a content change is the lock rule's (rules/lock.ts).
 */
import { BUILTIN_FLOWS } from '../workflow/flow';
import { idCountersOf } from './content';
import type { ImprovementTask, InterviewEvent } from './events';
import { statusAfterChange } from './rules/lock';
import { withEvaluation } from './sections/support-needs';
import type { Interview, WorkflowState } from './state';
import { findTemplate, sectionOf } from './template';

/** `at` is the sealed event's meta.at; evolve stays pure by taking it as an argument. */
export function evolve(state: Interview, event: InterviewEvent, at: string): Interview {
  switch (event.type) {
    case 'InterviewScheduled': {
      const {
        interviewId,
        templateId,
        version,
        templateVersion,
        template: snapshot,
        flow: flowSnapshot,
        dueAt,
        sections,
        secondInCycleReason: _reason,
        ...basic
      } = event.data;
      // An event without a snapshot predates template versions: it ran the built-in's version 1.
      const template = snapshot ?? findTemplate(templateId, templateVersion ?? 1);
      if (!template) throw new Error(`interview ${interviewId} names unknown template ${templateId} and carries no snapshot`);
      const flow = flowSnapshot ?? BUILTIN_FLOWS.get(template.defaultFlowId)!;
      const first = flow.steps[0]!;
      const initial = sections ?? {};
      return {
        status: 'scheduled',
        id: interviewId,
        templateId,
        version,
        basic,
        sections: initial,
        createdAt: at,
        updatedAt: at,
        signatures: [],
        addenda: [],
        corrections: [],
        lockedAt: null,
        template,
        flow,
        workflow: { step: first.key, stepIndex: 0, enteredAt: at, dueAt: dueAt ?? at, transitions: 0, history: [] },
        attachments: [],
        idCounters: Object.entries(initial).reduce(
          (c, [key, content]) => {
            const spec = sectionOf(template, key);
            return spec ? idCountersOf(spec, content, c) : c;
          },
          {} as Record<string, number>,
        ),
        tasks: [],
        planAgreedVersion: null,
        fulfilledNeeds: {},
      };
    }
    case 'InterviewBasicInfoUpdated': {
      if (state.status === 'none') return state;
      const next = { ...state, version: event.data.version, basic: { ...state.basic, ...event.data.changes }, updatedAt: at };
      // Rescheduling is not filling in: a record nobody has written yet stays scheduled (carried-over goals included).
      return { ...next, status: state.status === 'scheduled' ? 'scheduled' : statusAfterChange(next) };
    }
    case 'InterviewSectionEdited': {
      if (state.status === 'none') return state;
      const spec = sectionOf(state.template, event.data.section);
      const idCounters = spec ? idCountersOf(spec, event.data.content, state.idCounters) : state.idCounters;
      const next = {
        ...state,
        version: event.data.version,
        sections: { ...state.sections, [event.data.section]: event.data.content },
        idCounters,
        updatedAt: at,
      };
      return { ...next, status: statusAfterChange(next) };
    }
    case 'SupportNeedEvaluated': {
      if (state.status === 'none') return state;
      const next = {
        ...state,
        version: event.data.version,
        sections: withEvaluation(state.sections, event.data.needId, event.data.evaluation),
        updatedAt: at,
      };
      return { ...next, status: statusAfterChange(next) };
    }
    case 'SupportNeedFulfilled':
      if (state.status === 'none') return state;
      return {
        ...state,
        fulfilledNeeds: { ...state.fulfilledNeeds, [event.data.needId]: { note: event.data.note, by: event.data.by, at: event.data.at } },
        updatedAt: at,
      };
    case 'InterviewStepAdvanced':
    case 'InterviewStepReturned': {
      if (state.status === 'none') return state;
      const stepIndex = Math.max(
        0,
        state.flow.steps.findIndex((s) => s.key === event.data.to),
      );
      const workflow: WorkflowState = {
        step: event.data.to,
        stepIndex,
        enteredAt: event.data.at,
        dueAt: event.data.dueAt,
        transitions: event.data.transition,
        history: [...state.workflow.history, event.data],
      };
      // Sent back from the signatures: no longer waiting for signatures, being reworked.
      const status = event.type === 'InterviewStepReturned' && state.status === 'awaiting_signatures' ? 'in_progress' : state.status;
      return { ...state, workflow, status, updatedAt: at };
    }
    case 'InterviewAttachmentAdded': {
      if (state.status === 'none') return state;
      const { interviewId: _id, ...record } = event.data;
      return { ...state, attachments: [...state.attachments, record], updatedAt: at };
    }
    case 'ImprovementPlanAgreed': {
      if (state.status === 'none') return state;
      const tasks: ImprovementTask[] = state.tasks.map((t) =>
        event.data.cancelled.includes(t.taskId) ? { ...t, status: 'cancelled' as const } : t,
      );
      for (const plan of event.data.tasks) {
        const i = tasks.findIndex((t) => t.taskId === plan.taskId);
        const before = i >= 0 ? tasks[i]! : null;
        const task: ImprovementTask = before
          ? { ...before, ...plan, status: before.status === 'cancelled' ? 'open' : before.status }
          : { ...plan, status: 'open', progress: 0, updates: [], agreedAt: at, completedAt: null };
        if (i >= 0) tasks[i] = task;
        else tasks.push(task);
      }
      return { ...state, tasks, planAgreedVersion: event.data.version, updatedAt: at };
    }
    case 'ImprovementTaskProgressed':
    case 'ImprovementTaskCompleted': {
      if (state.status === 'none') return state;
      const { data } = event;
      const tasks = state.tasks.map((t): ImprovementTask => {
        if (t.taskId !== data.taskId) return t;
        if (event.type === 'ImprovementTaskCompleted') {
          return {
            ...t,
            status: 'done',
            progress: 100,
            completedAt: event.data.at,
            updates: [...t.updates, { progress: 100, note: event.data.note, by: event.data.by, at: event.data.at }],
          };
        }
        return {
          ...t,
          progress: event.data.progress,
          updates: [...t.updates, { progress: event.data.progress, note: event.data.note, by: event.data.by, at: event.data.at }],
        };
      });
      return { ...state, tasks, updatedAt: at };
    }
    case 'InterviewSigned':
      if (state.status === 'none') return state;
      return { ...state, status: 'awaiting_signatures', signatures: [...state.signatures, event.data], updatedAt: at };
    case 'InterviewLocked':
      if (state.status === 'none') return state;
      return { ...state, status: 'locked', lockedAt: event.data.lockedAt, updatedAt: at };
    case 'InterviewAddendumAdded':
      // An addendum sits beside the signed content: no new version, status unchanged.
      if (state.status === 'none') return state;
      return { ...state, addenda: [...state.addenda, event.data], updatedAt: at };
    case 'InterviewCorrectionOpened':
      if (state.status === 'none') return state;
      return { ...state, status: 'correction', corrections: [...state.corrections, event.data], lockedAt: null, updatedAt: at };
  }
}
