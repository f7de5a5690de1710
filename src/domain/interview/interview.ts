/**
 * The interview aggregate as a Decider: decide(command, state) -> events,
 * evolve(state, event) -> state. Pure: the clock, ids and actor come in the command.
 */
import type { CommandMeta, DomainEvent } from '../command';
import { hasAnyRole } from '../command';
import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError, VersionConflictError } from '../errors';
import { assertContent, assertCycle, assertId, assertInstant, assertText, LIMITS, type JsonObject } from '../limits';
import { findTemplate } from './template';

export const interviewStream = (id: string): string => `interview-${id}`;

export interface BasicInfo {
  readonly employeeId: string;
  readonly managerId: string;
  readonly participantIds: readonly string[];
  readonly department: string;
  readonly position: string;
  readonly cycle: string;
  /** UTC ISO-8601. */
  readonly scheduledAt: string;
  readonly location: string;
}

/** Basic information that may change after scheduling. Employee, manager, cycle and template may not. */
export type BasicInfoChanges = Partial<Pick<BasicInfo, 'participantIds' | 'department' | 'position' | 'scheduledAt' | 'location'>>;

// ---- events -------------------------------------------------------------------------------

export type InterviewScheduled = DomainEvent<
  'InterviewScheduled',
  { interviewId: string; templateId: string; version: 1 } & BasicInfo
>;
export type InterviewBasicInfoUpdated = DomainEvent<
  'InterviewBasicInfoUpdated',
  { interviewId: string; version: number; changes: BasicInfoChanges }
>;
export type InterviewSectionEdited = DomainEvent<
  'InterviewSectionEdited',
  { interviewId: string; version: number; section: string; content: JsonObject }
>;
export type InterviewEvent = InterviewScheduled | InterviewBasicInfoUpdated | InterviewSectionEdited;

export const INTERVIEW_EVENT_TYPES: ReadonlySet<string> = new Set<InterviewEvent['type']>([
  'InterviewScheduled',
  'InterviewBasicInfoUpdated',
  'InterviewSectionEdited',
]);

// ---- commands -----------------------------------------------------------------------------

export type ScheduleInterview = {
  type: 'ScheduleInterview';
  data: {
    interviewId: string;
    templateId: string;
    employeeId: string;
    managerId: string;
    participantIds?: string[];
    department: string;
    position: string;
    cycle: string;
    scheduledAt: string;
    location?: string;
  };
  meta: CommandMeta;
};
export type UpdateInterviewBasicInfo = {
  type: 'UpdateInterviewBasicInfo';
  data: { interviewId: string; expectedVersion: number; changes: BasicInfoChanges };
  meta: CommandMeta;
};
export type EditInterviewSection = {
  type: 'EditInterviewSection';
  data: { interviewId: string; expectedVersion: number; section: string; content: unknown };
  meta: CommandMeta;
};
export type InterviewCommand = ScheduleInterview | UpdateInterviewBasicInfo | EditInterviewSection;

// ---- state --------------------------------------------------------------------------------

export type InterviewStatus = 'scheduled' | 'in_progress';

export type Interview =
  | { readonly status: 'none' }
  | {
      readonly status: InterviewStatus;
      readonly id: string;
      readonly templateId: string;
      readonly version: number;
      readonly basic: BasicInfo;
      readonly sections: Readonly<Record<string, JsonObject>>;
      readonly createdAt: string;
      readonly updatedAt: string;
    };

export type ExistingInterview = Exclude<Interview, { status: 'none' }>;

export const initialState = (): Interview => ({ status: 'none' });

// ---- access -------------------------------------------------------------------------------

/** People named on the record: employee, manager and other participants. */
export const partiesOf = (basic: BasicInfo): string[] => [...new Set([basic.employeeId, basic.managerId, ...basic.participantIds])];

/** Who may read a record: its parties, and HR, auditors and admins. */
export function canView(actor: Pick<CommandMeta, 'actor' | 'roles'>, basic: BasicInfo): boolean {
  return hasAnyRole(actor, 'hr', 'auditor', 'admin') || partiesOf(basic).includes(actor.actor);
}

/** Who may edit content: the employee and the manager of the record, and HR and admins. Auditors only read. */
export function canEdit(actor: Pick<CommandMeta, 'actor' | 'roles'>, basic: BasicInfo): boolean {
  if (hasAnyRole(actor, 'hr', 'admin')) return true;
  return actor.actor === basic.employeeId || actor.actor === basic.managerId;
}

// ---- decide -------------------------------------------------------------------------------

export function decide(command: InterviewCommand, state: Interview): InterviewEvent[] {
  switch (command.type) {
    case 'ScheduleInterview':
      return schedule(command, state);
    case 'UpdateInterviewBasicInfo': {
      const current = existing(state, command.data.interviewId);
      authorizeEdit(command.meta, current);
      checkVersion(command.data.expectedVersion, current);
      const changes = validateChanges(command.data.changes);
      if (Object.keys(changes).length === 0) throw new ValidationError('changes must name at least one field', 'changes');
      const participants = changes.participantIds;
      if (participants) assertParticipants(participants, current.basic.employeeId, current.basic.managerId);
      return [{ type: 'InterviewBasicInfoUpdated', data: { interviewId: current.id, version: current.version + 1, changes } }];
    }
    case 'EditInterviewSection': {
      const current = existing(state, command.data.interviewId);
      authorizeEdit(command.meta, current);
      const template = findTemplate(current.templateId);
      const section = command.data.section;
      if (!template?.sections.some((s) => s.key === section)) {
        throw new ValidationError(`template ${current.templateId} has no section "${String(section)}"`, 'section', 'SECTION_NOT_IN_TEMPLATE');
      }
      checkVersion(command.data.expectedVersion, current);
      const content = assertContent(command.data.content, 'content');
      return [{ type: 'InterviewSectionEdited', data: { interviewId: current.id, version: current.version + 1, section, content } }];
    }
  }
}

function schedule(command: ScheduleInterview, state: Interview): InterviewEvent[] {
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
  if (!findTemplate(templateId)) throw new ValidationError(`unknown template ${templateId}`, 'templateId', 'UNKNOWN_TEMPLATE');
  const participantIds = data.participantIds ?? [];
  assertParticipants(participantIds, employeeId, managerId);
  return [
    {
      type: 'InterviewScheduled',
      data: {
        interviewId,
        templateId,
        version: 1,
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

function existing(state: Interview, id: string): ExistingInterview {
  if (state.status === 'none') throw new NotFoundError(`no interview ${id}`, 'interviewId');
  return state;
}

function authorizeEdit(meta: CommandMeta, current: ExistingInterview): void {
  if (!canView(meta, current.basic)) throw new NotFoundError(`no interview ${current.id}`, 'interviewId');
  if (!canEdit(meta, current.basic)) throw new ForbiddenError('you may read this interview but not edit it');
}

function checkVersion(expected: number, current: ExistingInterview): void {
  if (!Number.isInteger(expected) || expected < 1) throw new ValidationError('expectedVersion must be a positive integer', 'expectedVersion');
  if (expected !== current.version) throw new VersionConflictError(expected, current.version);
}

function assertParticipants(ids: readonly string[], employeeId: string, managerId: string): void {
  if (!Array.isArray(ids)) throw new ValidationError('participantIds must be a list', 'participantIds');
  if (ids.length > LIMITS.participants) {
    throw new ValidationError(`at most ${LIMITS.participants} other participants`, 'participantIds', 'VALUE_TOO_LARGE');
  }
  ids.forEach((id, i) => assertId(id, `participantIds[${i}]`));
  if (new Set(ids).size !== ids.length) throw new ValidationError('participantIds has duplicates', 'participantIds');
  if (ids.includes(employeeId) || ids.includes(managerId)) {
    throw new ValidationError('the employee and manager are parties already, not other participants', 'participantIds');
  }
}

function validateChanges(changes: BasicInfoChanges | undefined): BasicInfoChanges {
  if (!changes || typeof changes !== 'object') throw new ValidationError('changes must be an object', 'changes');
  const allowed = new Set(['participantIds', 'department', 'position', 'scheduledAt', 'location']);
  for (const key of Object.keys(changes)) {
    if (!allowed.has(key)) throw new ValidationError(`basic information field "${key}" cannot be changed`, `changes.${key}`, 'FIELD_NOT_EDITABLE');
  }
  const out: { -readonly [K in keyof BasicInfoChanges]: BasicInfoChanges[K] } = {};
  if (changes.participantIds !== undefined) {
    if (!Array.isArray(changes.participantIds)) throw new ValidationError('participantIds must be a list', 'changes.participantIds');
    out.participantIds = [...changes.participantIds];
  }
  if (changes.department !== undefined) out.department = assertText(changes.department, 'changes.department');
  if (changes.position !== undefined) out.position = assertText(changes.position, 'changes.position');
  if (changes.scheduledAt !== undefined) out.scheduledAt = assertInstant(changes.scheduledAt, 'changes.scheduledAt');
  if (changes.location !== undefined) out.location = assertText(changes.location, 'changes.location', LIMITS.nameChars, { optional: true });
  return out;
}

// ---- evolve -------------------------------------------------------------------------------

/** `at` is the sealed event's meta.at; evolve stays pure by taking it as an argument. */
export function evolve(state: Interview, event: InterviewEvent, at: string): Interview {
  switch (event.type) {
    case 'InterviewScheduled': {
      const { interviewId, templateId, version, ...basic } = event.data;
      return { status: 'scheduled', id: interviewId, templateId, version, basic, sections: {}, createdAt: at, updatedAt: at };
    }
    case 'InterviewBasicInfoUpdated': {
      if (state.status === 'none') return state;
      return { ...state, version: event.data.version, basic: { ...state.basic, ...event.data.changes }, updatedAt: at };
    }
    case 'InterviewSectionEdited': {
      if (state.status === 'none') return state;
      return {
        ...state,
        status: 'in_progress',
        version: event.data.version,
        sections: { ...state.sections, [event.data.section]: event.data.content },
        updatedAt: at,
      };
    }
  }
}

/** The content of a record at its current version: what versions snapshot and signatures will cover. */
export function contentOf(state: ExistingInterview): { basic: BasicInfo; sections: Readonly<Record<string, JsonObject>> } {
  return { basic: state.basic, sections: state.sections };
}
