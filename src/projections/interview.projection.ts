/**
 * Interview read models, from interview events:
 * - `interviews`: the current record (detail and list, filterable, with `viewers` for access),
 *   with its signatures, addenda, corrections and lock;
 * - `interview_versions`: the history, one document per event of the stream with the change
 *   it made and who made it, when and from where. History folds them with the domain's
 *   `evolve` to get each version's content and diff it; storing deltas rather than snapshots
 *   keeps writes (and rebuilds) small.
 *
 * History entries and versions: content events (scheduled, basic info updated, section
 * edited) create version N and their entry shows `version: N`. Signatures, locks, addenda and
 * corrections create no version; their entry shows the version the record was at, which is
 * the version they are about (the version signed, locked, or corrected from), with
 * `contentChanged: false` and no diff. Entries are keyed and ordered by stream `revision`,
 * which is unique per event, so a version can have several entries (its edit, then its
 * signatures and lock).
 *
 * Guarded by the stream revision, so an event delivered twice changes nothing.
 */
import { isObject } from '../domain/interview/content';
import {
  CONTENT_EVENT_TYPES,
  currentStep,
  evolve,
  pendingSigners,
  type AttachmentRecord,
  type ImprovementTask,
  type WorkflowState,
  type AddendumRecord,
  type CorrectionRecord,
  type ExistingInterview,
  type Interview,
  type InterviewEvent,
  INTERVIEW_EVENT_TYPES,
  type SignatureRecord,
} from '../domain/interview/interview';
import type { LedgerEvent } from '../ledger/ledger';
import { recordViewers, supportNeedViewers, taskViewers } from '../domain/access';
import type { Change, Projection, ProjectionTx } from './projection';

import { canonicalJson } from '../crypto/canonical-json';
import { BUILTIN_FLOWS, type FlowDefinition } from '../domain/workflow/flow';
import { builtinTemplateVersion, type InterviewTemplate } from '../domain/interview/template';

export const INTERVIEWS = 'interviews';
export const INTERVIEW_VERSIONS = 'interview_versions';
/** Who must do what: one document per step task (per person, per stay in a step) and per improvement task. */
export const TASKS = 'tasks';
/** Support needs across all records, for HR to allocate resources. */
export const SUPPORT_NEEDS = 'support_needs';

export interface InterviewDoc {
  id: string;
  status: string;
  version: number;
  templateId: string;
  employeeId: string;
  managerId: string;
  participantIds: string[];
  department: string;
  position: string;
  cycle: string;
  scheduledAt: string;
  location: string;
  sections: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  signatures: SignatureRecord[];
  addenda: AddendumRecord[];
  corrections: CorrectionRecord[];
  lockedAt: string | null;
  viewers: string[];
  /** Last stream revision applied: the idempotency guard. */
  revision: number;
  templateVersion: number;
  /** The template snapshot; null when it is exactly the built-in of templateId@templateVersion (kept in code). */
  template: InterviewTemplate | null;
  /** The flow snapshot; null when it is exactly the built-in of flowId@version. */
  flow: FlowDefinition | null;
  flowVersion: number;
  flowId: string;
  workflow: WorkflowState;
  /** Current step key and due time, top-level for queries and the reminder sweep. */
  step: string;
  stepDueAt: string;
  /** Not locked: steps, reminders and edits still apply. */
  open: boolean;
  attachments: AttachmentRecord[];
  idCounters: Record<string, number>;
  tasks: ImprovementTask[];
  planAgreedVersion: number | null;
  fulfilledNeeds: Record<string, { note: string; by: string; at: string }>;
  [key: string]: unknown;
}

export interface TaskDoc {
  id: string;
  kind: 'step' | 'improvement';
  interviewId: string;
  assigneeId: string;
  /** Step key, or the improvement task id (plan item id). */
  subject: string;
  title: string;
  titleEn: string;
  status: 'open' | 'done' | 'cancelled';
  dueAt: string;
  /** Improvement tasks: the plan's date-only deadline. */
  deadline: string | null;
  progress: number | null;
  createdAt: string;
  closedAt: string | null;
  employeeId: string;
  managerId: string;
  department: string;
  cycle: string;
  viewers: string[];
  [key: string]: unknown;
}

export interface SupportNeedDoc {
  id: string;
  interviewId: string;
  needId: string;
  type: string;
  need: string;
  /** pending (not evaluated), approved, partly, declined, fulfilled. */
  status: string;
  /** pending, approved or partly and not fulfilled: what HR still has to act on or wait for. */
  open: boolean;
  evaluation: Record<string, unknown> | null;
  fulfilment: { note: string; by: string; at: string } | null;
  employeeId: string;
  managerId: string;
  department: string;
  cycle: string;
  updatedAt: string;
  viewers: string[];
  [key: string]: unknown;
}

export interface InterviewVersionDoc {
  id: string;
  interviewId: string;
  version: number;
  revision: number;
  eventId: string;
  eventType: string;
  eventHash: string;
  position: string;
  /** False for signatures, locks, addenda and corrections: same version, no diff. */
  contentChanged: boolean;
  section: string | null;
  actor: string;
  roles: string[];
  ip: string;
  userAgent: string | null;
  at: string;
  /** The event's data: the change this version made. History folds these with `evolve`. */
  data: Record<string, unknown>;
  [key: string]: unknown;
}

/** One history entry per stream revision (see the header on versions). */
export const historyEntryId = (interviewId: string, revision: number): string => `${interviewId}:${String(revision).padStart(6, '0')}`;

export function toState(doc: InterviewDoc): ExistingInterview {
  return {
    status: doc.status as ExistingInterview['status'],
    id: doc.id,
    templateId: doc.templateId,
    version: doc.version,
    basic: {
      employeeId: doc.employeeId,
      managerId: doc.managerId,
      participantIds: doc.participantIds,
      department: doc.department,
      position: doc.position,
      cycle: doc.cycle,
      scheduledAt: doc.scheduledAt,
      location: doc.location,
    },
    sections: doc.sections as ExistingInterview['sections'],
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    // Documents written before signing existed have none of these.
    signatures: doc.signatures ?? [],
    addenda: doc.addenda ?? [],
    corrections: doc.corrections ?? [],
    lockedAt: doc.lockedAt ?? null,
    template: doc.template ?? builtinTemplate(doc.templateId, doc.templateVersion),
    flow: doc.flow ?? builtinFlow(doc.flowId, doc.flowVersion),
    workflow: doc.workflow,
    attachments: doc.attachments ?? [],
    idCounters: doc.idCounters ?? {},
    tasks: doc.tasks ?? [],
    planAgreedVersion: doc.planAgreedVersion ?? null,
    fulfilledNeeds: doc.fulfilledNeeds ?? {},
  };
}

export function toDoc(state: ExistingInterview, revision: number): InterviewDoc {
  return {
    id: state.id,
    status: state.status,
    version: state.version,
    templateId: state.templateId,
    ...state.basic,
    participantIds: [...state.basic.participantIds],
    sections: { ...state.sections },
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    signatures: [...state.signatures],
    addenda: [...state.addenda],
    corrections: [...state.corrections],
    lockedAt: state.lockedAt,
    viewers: recordViewers(state.basic),
    revision,
    templateVersion: state.template.version,
    // Most records run a built-in version: the document then names it instead of repeating ~10 KB
    // of definition in every write (the ledger event keeps the full snapshot either way).
    template: isBuiltin(state.template, builtinTemplateVersion) ? null : state.template,
    flow: isBuiltin(state.flow, builtinFlowVersion) ? null : state.flow,
    flowVersion: state.flow.version,
    flowId: state.flow.id,
    workflow: state.workflow,
    step: state.workflow.step,
    stepDueAt: state.workflow.dueAt,
    open: state.status !== 'locked',
    attachments: [...state.attachments],
    idCounters: { ...state.idCounters },
    tasks: [...state.tasks],
    planAgreedVersion: state.planAgreedVersion,
    fulfilledNeeds: { ...state.fulfilledNeeds },
  };
}

const sameAsBuiltin = new WeakMap<object, boolean>();

/** Flows ship one version each in code. */
const builtinFlowVersion = (id: string, version: number): FlowDefinition | undefined => {
  const f = BUILTIN_FLOWS.get(id);
  return f?.version === version ? f : undefined;
};

/**
 * Whether a snapshot is exactly the built-in of its id and version (checked once per snapshot
 * object). Every built-in version stays in code, so a record scheduled with version 1 of a
 * template that has since gained a version 2 still names `id@1` and resolves to it.
 */
function isBuiltin<T extends { id: string; version: number }>(
  definition: T,
  builtinOf: (id: string, version: number) => T | undefined,
): boolean {
  const builtin = builtinOf(definition.id, definition.version);
  if (!builtin) return false;
  if (builtin === definition) return true;
  let same = sameAsBuiltin.get(definition);
  if (same === undefined) {
    same = canonicalJson(builtin).equals(canonicalJson(definition));
    sameAsBuiltin.set(definition, same);
  }
  return same;
}

function builtinTemplate(id: string, version: number): InterviewTemplate {
  const t = builtinTemplateVersion(id, version);
  if (!t) throw new Error(`interview document names template ${id}@${version} without a snapshot, and no such built-in exists`);
  return t;
}

function builtinFlow(id: string, version: number): FlowDefinition {
  const f = builtinFlowVersion(id, version);
  if (!f) throw new Error(`interview document names flow ${id}@${version} without a snapshot, and no such built-in exists`);
  return f;
}

/** Who must act now: the step's actors, or, at the signing step and during a correction, who still has to sign (the lock rule's). */
export function pendingActors(state: ExistingInterview): string[] {
  if (state.status === 'locked') return [];
  const step = currentStep(state);
  if (state.status === 'correction' || step.signing) return pendingSigners(state);
  return step.actors.map((r) => (r === 'employee' ? state.basic.employeeId : state.basic.managerId));
}

/** Task documents for the current stay in the current step and for the improvement tasks. */
export function taskDocs(state: ExistingInterview): TaskDoc[] {
  const common = {
    interviewId: state.id,
    employeeId: state.basic.employeeId,
    managerId: state.basic.managerId,
    department: state.basic.department,
    cycle: state.basic.cycle,
  };
  const step = currentStep(state);
  const stepTasks = pendingActors(state).map((assigneeId): TaskDoc => ({
    id: `step:${state.id}:${state.workflow.transitions}:${assigneeId}`,
    kind: 'step',
    ...common,
    assigneeId,
    subject: state.status === 'correction' ? 'correction' : step.key,
    title: state.status === 'correction' ? '更正后重新签字' : step.label.zh,
    titleEn: state.status === 'correction' ? 'Sign the corrected record' : step.label.en,
    status: 'open',
    dueAt: state.workflow.dueAt,
    deadline: null,
    progress: null,
    createdAt: state.workflow.enteredAt,
    closedAt: null,
    viewers: taskViewers(state.basic, assigneeId),
  }));
  const improvement = state.tasks.map((t): TaskDoc => ({
    id: `plan:${state.id}:${t.taskId}`,
    kind: 'improvement',
    ...common,
    assigneeId: t.ownerId,
    subject: t.taskId,
    title: t.action,
    titleEn: t.action,
    status: t.status,
    dueAt: t.deadline,
    deadline: t.deadline,
    progress: t.progress,
    createdAt: t.agreedAt,
    closedAt: t.completedAt,
    viewers: taskViewers(state.basic, t.ownerId),
  }));
  return [...stepTasks, ...improvement];
}

export function supportNeedDocs(state: ExistingInterview): SupportNeedDoc[] {
  const needs = state.sections.nextGoals?.supportNeeds;
  return (Array.isArray(needs) ? needs.filter(isObject) : []).map((n): SupportNeedDoc => {
    const needId = String(n.id);
    const evaluation = isObject(n.evaluation ?? null) ? (n.evaluation as Record<string, unknown>) : null;
    const fulfilment = state.fulfilledNeeds[needId] ?? null;
    const status = fulfilment ? 'fulfilled' : evaluation ? String(evaluation.decision) : 'pending';
    return {
      id: `${state.id}:${needId}`,
      interviewId: state.id,
      needId,
      type: String(n.type ?? ''),
      need: String(n.need ?? ''),
      status,
      open: status === 'pending' || status === 'approved' || status === 'partly',
      evaluation,
      fulfilment,
      employeeId: state.basic.employeeId,
      managerId: state.basic.managerId,
      department: state.basic.department,
      cycle: state.basic.cycle,
      updatedAt: state.updatedAt,
      viewers: supportNeedViewers(state.basic),
    };
  });
}

export const interviewProjection: Projection = {
  name: 'interviews',
  collections: [INTERVIEWS, INTERVIEW_VERSIONS, TASKS, SUPPORT_NEEDS],
  async apply(event: LedgerEvent, tx: ProjectionTx): Promise<Change | void> {
    const { body } = event;
    if (!INTERVIEW_EVENT_TYPES.has(body.type)) return;
    const domainEvent = { type: body.type, data: body.data } as InterviewEvent;
    const id = domainEvent.data.interviewId;
    const current = await tx.get<InterviewDoc>(INTERVIEWS, id);
    if (current && current.revision >= body.revision) return; // delivered before
    const before: Interview = current ? toState(current) : { status: 'none' };
    const after = evolve(before, domainEvent, body.meta.at);
    if (after.status === 'none') return;
    const doc = toDoc(after, body.revision);
    tx.put(INTERVIEWS, doc);
    // Step tasks of the stay just left (or of signers who just signed) close; the rest is rewritten as it stands.
    const nextTasks = taskDocs(after);
    if (before.status !== 'none') {
      for (const old of taskDocs(before)) {
        if (old.status === 'open' && old.kind === 'step' && !nextTasks.some((t) => t.id === old.id))
          tx.put(TASKS, { ...old, status: 'done', closedAt: body.meta.at });
      }
    }
    for (const task of nextTasks) tx.put(TASKS, task);
    const needs = supportNeedDocs(after);
    if (before.status !== 'none') {
      for (const old of supportNeedDocs(before)) if (!needs.some((n) => n.id === old.id)) tx.delete(SUPPORT_NEEDS, old.id);
    }
    for (const need of needs) tx.put(SUPPORT_NEEDS, need);
    const version: InterviewVersionDoc = {
      id: historyEntryId(id, body.revision),
      interviewId: id,
      version: after.version,
      revision: body.revision,
      eventId: body.id,
      eventType: body.type,
      eventHash: event.hash,
      position: event.position,
      contentChanged: CONTENT_EVENT_TYPES.has(body.type),
      section: domainEvent.type === 'InterviewSectionEdited' ? domainEvent.data.section : null,
      actor: body.meta.actor,
      roles: [...body.meta.roles],
      ip: body.meta.ip,
      userAgent: body.meta.userAgent ?? null,
      at: body.meta.at,
      data: domainEvent.data as unknown as Record<string, unknown>,
    };
    tx.put(INTERVIEW_VERSIONS, version);
    return { kind: 'interview', id, viewers: doc.viewers, version: after.version, eventType: body.type, position: event.position };
  },
};
