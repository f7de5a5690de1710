/**
 * Editing a record in progress: its basic information (time, place, participants, department,
 * position; employee, manager, cycle and template never change) and its sections — written by
 * the parties the current step names, each field by its fillers, or by HR during a correction.
 * Every edit names the version it was made on and creates the next one.
 */
import type { CommandMeta } from '../../command';
import { may, viewerOf } from '../../access';
import { ForbiddenError, ValidationError, VersionConflictError } from '../../errors';
import { assertId, assertInstant, assertText, LIMITS } from '../../limits';
import type { EditInterviewSection, UpdateInterviewBasicInfo } from '../commands';
import { assertFillable, normalizeSection } from '../content';
import type { BasicInfoChanges, InterviewEvent } from '../events';
import type { ExistingInterview, Interview } from '../state';
import { sectionOf } from '../template';
import { authorizeEdit, canEdit, existing, partiesOf, partyRoleOf, visible } from './access';
import { assertNotLocked } from './lock';
import { assertStepAllows, todayOf } from './steps';

export function updateBasicInfo(command: UpdateInterviewBasicInfo, state: Interview): InterviewEvent[] {
  const current = existing(state, command.data.interviewId);
  authorizeEdit(command.meta, current);
  assertNotLocked(current);
  checkVersion(command.data.expectedVersion, current);
  const changes = validateChanges(command.data.changes);
  if (Object.keys(changes).length === 0) throw new ValidationError('changes must name at least one field', 'changes');
  const participants = changes.participantIds;
  if (participants) assertParticipants(participants, current.basic.employeeId, current.basic.managerId);
  return [{ type: 'InterviewBasicInfoUpdated', data: { interviewId: current.id, version: current.version + 1, changes } }];
}

export function editSection(command: EditInterviewSection, state: Interview): InterviewEvent[] {
  const { meta, data } = command;
  const current = visible(state, data.interviewId, meta);
  assertNotLocked(current);
  const spec = sectionOf(current.template, data.section);
  if (!spec) {
    throw new ValidationError(
      `template ${current.templateId} has no section "${String(data.section)}" (sections: ${current.template.sections.map((x) => x.key).join(', ')})`,
      'section',
      'SECTION_NOT_IN_TEMPLATE',
    );
  }
  const role = partyRoleOf(current.basic, meta.actor);
  const correcting = current.status === 'correction';
  if (correcting) {
    if (!canEdit(meta, current.basic)) throw new ForbiddenError('you may read this interview but not edit it');
  } else {
    if (!role) {
      throw new ForbiddenError(
        may(viewerOf(meta), 'correctRecords')
          ? 'HR and admins do not write a record in progress; its employee and manager do (after it is signed, HR can open a correction)'
          : 'you may read this interview but not edit it',
      );
    }
    assertStepAllows(current, role, spec.key);
  }
  checkVersion(data.expectedVersion, current);
  const previous = current.sections[spec.key];
  const content = normalizeSection(spec, data.content, previous, contentContext(current, meta));
  // HR correcting a signed record writes any field; the parties only their own, even then.
  if (role) assertFillable(spec, previous, content, role);
  return [{ type: 'InterviewSectionEdited', data: { interviewId: current.id, version: current.version + 1, section: spec.key, content } }];
}

function contentContext(current: ExistingInterview, meta: CommandMeta) {
  return {
    sections: current.sections,
    parties: partiesOf(current.basic),
    attachments: new Set(current.attachments.map((a) => a.sha256)),
    today: todayOf(meta),
    idCounters: current.idCounters,
  };
}

export function checkVersion(expected: number, current: ExistingInterview): void {
  if (!Number.isInteger(expected) || expected < 1)
    throw new ValidationError('expectedVersion must be a positive integer', 'expectedVersion');
  if (expected !== current.version) throw new VersionConflictError(expected, current.version);
}

export function assertParticipants(ids: readonly string[], employeeId: string, managerId: string): void {
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
    if (!allowed.has(key))
      throw new ValidationError(`basic information field "${key}" cannot be changed`, `changes.${key}`, 'FIELD_NOT_EDITABLE');
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
