/**
 * People in the company directory: who an interview names, who reports to whom, and the job
 * category and level that pick templates and flows. A Decider like the interview.
 */
import type { CommandMeta, DomainEvent } from '../command';
import { hasAnyRole, isRole, type Role } from '../command';
import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '../errors';
import { assertId, assertText } from '../limits';

export const personStream = (id: string): string => `person-${id}`;

export const JOB_CATEGORIES = ['production', 'rnd', 'service', 'sales', 'functional'] as const;
export const LEVELS = ['staff', 'team_lead', 'manager', 'executive'] as const;
export type JobCategory = (typeof JOB_CATEGORIES)[number];
export type Level = (typeof LEVELS)[number];

export interface PersonProfile {
  readonly personId: string;
  readonly name: string;
  readonly department: string;
  readonly position: string;
  readonly managerId: string | null;
  readonly category: JobCategory;
  readonly level: Level;
  readonly roles: readonly Role[];
}

export type PersonRegistered = DomainEvent<'PersonRegistered', PersonProfile>;
export type PersonProfileUpdated = DomainEvent<'PersonProfileUpdated', { personId: string; changes: Partial<Omit<PersonProfile, 'personId'>> }>;
export type PersonEvent = PersonRegistered | PersonProfileUpdated;
export const PERSON_EVENT_TYPES: ReadonlySet<string> = new Set<PersonEvent['type']>(['PersonRegistered', 'PersonProfileUpdated']);

export type RegisterPerson = { type: 'RegisterPerson'; data: Omit<PersonProfile, 'roles'> & { roles?: Role[] }; meta: CommandMeta };
export type UpdatePersonProfile = { type: 'UpdatePersonProfile'; data: { personId: string; changes: Partial<Omit<PersonProfile, 'personId'>> }; meta: CommandMeta };
export type PersonCommand = RegisterPerson | UpdatePersonProfile;

export type Person = { readonly status: 'none' } | ({ readonly status: 'active' } & PersonProfile);

export const initialPerson = (): Person => ({ status: 'none' });

export function decidePerson(command: PersonCommand, state: Person): PersonEvent[] {
  if (!hasAnyRole(command.meta, 'hr', 'admin')) throw new ForbiddenError('only HR or an admin may change the directory');
  switch (command.type) {
    case 'RegisterPerson': {
      if (state.status !== 'none') throw new IllegalStateError(`person ${command.data.personId} is already registered`, 'personId');
      const d = command.data;
      const personId = assertId(d.personId, 'personId');
      const managerId = d.managerId === null || d.managerId === undefined ? null : assertId(d.managerId, 'managerId');
      if (managerId === personId) throw new ValidationError('a person cannot be their own manager', 'managerId');
      return [
        {
          type: 'PersonRegistered',
          data: {
            personId,
            name: assertText(d.name, 'name'),
            department: assertText(d.department, 'department'),
            position: assertText(d.position, 'position'),
            managerId,
            category: assertOneOf(d.category, JOB_CATEGORIES, 'category'),
            level: assertOneOf(d.level, LEVELS, 'level'),
            roles: assertRoles(d.roles ?? ['employee']),
          },
        },
      ];
    }
    case 'UpdatePersonProfile': {
      if (state.status === 'none') throw new NotFoundError(`no person ${command.data.personId}`, 'personId');
      const c = command.data.changes ?? {};
      const editable = new Set(['name', 'department', 'position', 'managerId', 'category', 'level', 'roles']);
      for (const key of Object.keys(c)) {
        if (!editable.has(key)) throw new ValidationError(`profile field "${key}" cannot be changed`, `changes.${key}`, 'FIELD_NOT_EDITABLE');
      }
      const changes: { -readonly [K in keyof PersonProfile]?: PersonProfile[K] } = {};
      if (c.name !== undefined) changes.name = assertText(c.name, 'changes.name');
      if (c.department !== undefined) changes.department = assertText(c.department, 'changes.department');
      if (c.position !== undefined) changes.position = assertText(c.position, 'changes.position');
      if (c.managerId !== undefined) changes.managerId = c.managerId === null ? null : assertId(c.managerId, 'changes.managerId');
      if (c.category !== undefined) changes.category = assertOneOf(c.category, JOB_CATEGORIES, 'changes.category');
      if (c.level !== undefined) changes.level = assertOneOf(c.level, LEVELS, 'changes.level');
      if (c.roles !== undefined) changes.roles = assertRoles(c.roles, 'changes.roles');
      if (changes.managerId === state.personId) throw new ValidationError('a person cannot be their own manager', 'changes.managerId');
      if (Object.keys(changes).length === 0) throw new ValidationError('changes must name at least one field', 'changes');
      return [{ type: 'PersonProfileUpdated', data: { personId: state.personId, changes } }];
    }
  }
}

export function evolvePerson(state: Person, event: PersonEvent): Person {
  switch (event.type) {
    case 'PersonRegistered':
      return { status: 'active', ...event.data };
    case 'PersonProfileUpdated':
      return state.status === 'none' ? state : { ...state, ...event.data.changes };
  }
}

function assertOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) throw new ValidationError(`${field} must be one of ${allowed.join(', ')}`, field);
  return value as T;
}

function assertRoles(roles: unknown, field = 'roles'): Role[] {
  if (!Array.isArray(roles) || roles.length === 0 || roles.length > 5 || !roles.every(isRole)) {
    throw new ValidationError('roles must list one or more of employee, manager, hr, auditor, admin', field);
  }
  return [...new Set(roles)];
}

