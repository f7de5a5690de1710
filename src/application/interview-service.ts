/**
 * Application services: the use cases the API and the scripts call. They add what the pure
 * deciders cannot know (the directory, ids) and wait until read models include the change.
 */
import { randomUUID } from 'node:crypto';
import type { CommandMeta } from '../domain/command';
import { NotFoundError } from '../domain/errors';
import {
  interviewStream,
  type BasicInfoChanges,
  type ExistingInterview,
  type ScheduleInterview,
} from '../domain/interview/interview';
import { DEFAULT_TEMPLATE_ID } from '../domain/interview/template';
import { personStream, type Person, type RegisterPerson, type UpdatePersonProfile } from '../domain/person/person';
import { PEOPLE, type PersonDoc } from '../projections/person.projection';
import type { App } from '../server/app';
import { interviewDecider, personDecider } from './deciders';

export interface ScheduleInput {
  interviewId?: string;
  templateId?: string | null;
  employeeId: string;
  managerId?: string | null;
  participantIds?: string[] | null;
  department?: string | null;
  position?: string | null;
  cycle: string;
  scheduledAt: string;
  location?: string | null;
}

type Services = Pick<App, 'commands' | 'projector' | 'readModels'>;

export async function scheduleInterview(app: Services, meta: CommandMeta, input: ScheduleInput): Promise<ExistingInterview> {
  const employee = await app.readModels.get<PersonDoc>(PEOPLE, input.employeeId);
  if (!employee) throw new NotFoundError(`no person ${input.employeeId} in the directory`, 'employeeId');
  const managerId = input.managerId ?? employee.managerId;
  if (!managerId) throw new NotFoundError(`${employee.name} has no manager on record; name one`, 'managerId');
  if (!(await app.readModels.get<PersonDoc>(PEOPLE, managerId))) throw new NotFoundError(`no person ${managerId} in the directory`, 'managerId');
  const participantIds = input.participantIds ?? [];
  const known = await app.readModels.getMany<PersonDoc>(PEOPLE, participantIds);
  known.forEach((person, i) => {
    if (!person) throw new NotFoundError(`no person ${participantIds[i]} in the directory`, `participantIds[${i}]`);
  });
  const interviewId = input.interviewId ?? randomUUID();
  const command: ScheduleInterview = {
    type: 'ScheduleInterview',
    data: {
      interviewId,
      templateId: input.templateId ?? DEFAULT_TEMPLATE_ID,
      employeeId: employee.id,
      managerId,
      participantIds,
      department: input.department ?? employee.department,
      position: input.position ?? employee.position,
      cycle: input.cycle,
      scheduledAt: input.scheduledAt,
      location: input.location ?? '',
    },
    meta,
  };
  return run(app, interviewStream(interviewId), command);
}

export async function editInterviewSection(
  app: Services,
  meta: CommandMeta,
  input: { interviewId: string; expectedVersion: number; section: string; content: unknown },
): Promise<ExistingInterview> {
  return run(app, interviewStream(input.interviewId), { type: 'EditInterviewSection', data: input, meta });
}

export async function updateInterviewBasicInfo(
  app: Services,
  meta: CommandMeta,
  input: { interviewId: string; expectedVersion: number; changes: BasicInfoChanges },
): Promise<ExistingInterview> {
  return run(app, interviewStream(input.interviewId), { type: 'UpdateInterviewBasicInfo', data: input, meta });
}

/**
 * Read-your-writes: the change is committed once appended; waiting for the projector only
 * makes the next query see it. A projector that is stopped or far behind is worth a warning,
 * not a failed command.
 */
async function settle(app: Services, position: string | null): Promise<void> {
  if (position && !(await app.projector.waitFor(position))) {
    console.warn(`read models have not caught up with position ${position} yet; queries may lag`);
  }
}

async function run(app: Services, stream: string, command: Parameters<typeof interviewDecider.decide>[0]): Promise<ExistingInterview> {
  const result = await app.commands.handle(stream, interviewDecider, command);
  await settle(app, result.position);
  if (result.state.status === 'none') throw new NotFoundError('interview vanished', 'interviewId');
  return result.state;
}

export async function registerPerson(app: Services, meta: CommandMeta, data: RegisterPerson['data']): Promise<Extract<Person, { status: 'active' }>> {
  const result = await app.commands.handle(personStream(data.personId), personDecider, { type: 'RegisterPerson', data, meta });
  await settle(app, result.position);
  return result.state as Extract<Person, { status: 'active' }>;
}

export async function updatePersonProfile(app: Services, meta: CommandMeta, data: UpdatePersonProfile['data']): Promise<Extract<Person, { status: 'active' }>> {
  const result = await app.commands.handle(personStream(data.personId), personDecider, { type: 'UpdatePersonProfile', data, meta });
  await settle(app, result.position);
  return result.state as Extract<Person, { status: 'active' }>;
}

/** Metadata for commands the system itself issues (demo data, migrations). */
export function systemMeta(now: Date, actor = 'system'): CommandMeta {
  return { actor, roles: ['admin'], ip: '127.0.0.1', userAgent: 'interview-ledger/system', now: now.toISOString(), commandId: randomUUID() };
}
