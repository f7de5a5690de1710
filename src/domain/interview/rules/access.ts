/**
 * Who a record concerns and who may read or change it: its parties, the party role a person
 * holds, canView/canEdit, and `visible` — a record the actor may not see is reported exactly as
 * one that does not exist. The rules themselves are the access policy's (src/domain/access.ts);
 * these adapt it to the record's state and command metadata.
 */
import { canEditRecord, canViewRecord, recordViewers, viewerOf } from '../../access';
import type { CommandMeta } from '../../command';
import { ForbiddenError, NotFoundError } from '../../errors';
import type { BasicInfo } from '../events';
import type { ExistingInterview, Interview } from '../state';
import type { PartyRole } from '../template';

/** People named on the record: employee, manager and other participants (the access policy's `recordViewers`). */
export const partiesOf = (basic: BasicInfo): string[] => recordViewers(basic);

/** Who may read a record: the access policy (src/domain/access.ts). */
export function canView(actor: Pick<CommandMeta, 'actor' | 'roles'>, basic: BasicInfo): boolean {
  return canViewRecord(viewerOf(actor), basic);
}

/** Who may change a record's administrative parts and, during a correction, its content: the access policy. */
export function canEdit(actor: Pick<CommandMeta, 'actor' | 'roles'>, basic: BasicInfo): boolean {
  return canEditRecord(viewerOf(actor), basic);
}

/** The party role a person holds on the record, or null (participants, HR, auditors, admins). */
export function partyRoleOf(basic: BasicInfo, personId: string): PartyRole | null {
  if (personId === basic.employeeId) return 'employee';
  if (personId === basic.managerId) return 'manager';
  return null;
}

/** The record, if the actor may see it; NOT_FOUND otherwise, exactly as for a record that does not exist. */
export function visible(state: Interview, id: string, meta: Pick<CommandMeta, 'actor' | 'roles'>): ExistingInterview {
  const current = existing(state, id);
  if (!canView(meta, current.basic)) throw new NotFoundError(`no interview ${current.id}`, 'interviewId');
  return current;
}

export function existing(state: Interview, id: string): ExistingInterview {
  if (state.status === 'none') throw new NotFoundError(`no interview ${id}`, 'interviewId');
  return state;
}

export function authorizeEdit(meta: CommandMeta, current: ExistingInterview): void {
  if (!canView(meta, current.basic)) throw new NotFoundError(`no interview ${current.id}`, 'interviewId');
  if (!canEdit(meta, current.basic)) throw new ForbiddenError('you may read this interview but not edit it');
}
