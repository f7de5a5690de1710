/**
 * Application services: the use cases the API and the scripts call. They add what the pure
 * deciders cannot know (the directory, ids) and wait until read models include the change.
 */
import { randomUUID } from 'node:crypto';
import type { CommandMeta } from '../domain/command';
import { NotFoundError, ValidationError } from '../domain/errors';
import {
  countsTowardsLock,
  interviewStream,
  type BasicInfoChanges,
  type ExistingInterview,
  type Interview,
  type InterviewEvent,
  type ScheduleInterview,
  type SignerKey,
  type SignInterview,
} from '../domain/interview/interview';
import {
  contentDigestOf,
  isSignatureRole,
  SIGNATURE_PAYLOAD_TYPE,
  SIGNATURE_ROLES,
  signedContent,
  signingMessage,
  type SignatureRole,
  type SignedContent,
} from '../domain/interview/signing';
import { DEFAULT_TEMPLATE_ID, selectTemplate } from '../domain/interview/template';
import { isObject } from '../domain/interview/content';
import { selectFlow } from '../domain/workflow/flow';
import type { CarriedGoal } from '../domain/interview/interview';
import { INTERVIEWS, type InterviewDoc } from '../projections/interview.projection';
import { allFlows, allTemplates, findFlow, findCatalogTemplate } from './catalog-service';
import {
  personStream,
  signingKeyOf,
  type ActivePerson,
  type RegisterPerson,
  type SigningKey,
  type UpdatePersonProfile,
} from '../domain/person/person';
import { assertId } from '../domain/limits';
import { PEOPLE, type PersonDoc } from '../projections/person.projection';
import type { App } from './services';
import { assertMaySchedule, may, viewerOf, type Viewer } from '../domain/access';
import { recorded, replay, replayCreation } from '../domain/interview/replay';
import { visibleInterview, type RecordLoader } from './queries/interviews';
import { fold } from './command-handler';
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
  /** HR's pick; otherwise the flow for the department and level (see selectFlow). */
  flowId?: string | null;
  templateVersion?: number | null;
  /** Why a second interview in the cycle (HR and admins). */
  reason?: string | null;
}

type Services = Pick<App, 'commands' | 'projector' | 'readModels' | 'log'>;

export async function scheduleInterview(app: Services, meta: CommandMeta, input: ScheduleInput): Promise<ExistingInterview> {
  const viewer = viewerOf(meta);
  const employee = await app.readModels.get<PersonDoc>(PEOPLE, input.employeeId);
  if (!employee) {
    // Only those who may schedule for anyone learn whether an id is in the directory.
    if (!may(viewer, 'overrideScheduling')) assertMaySchedule(viewer, { employeeId: input.employeeId, managerChain: [] }, '');
    throw new NotFoundError(`no person ${input.employeeId} in the directory`, 'employeeId');
  }
  const reportingLine = { managerChain: await managerChain(app, employee) };
  const managerId = input.managerId ?? employee.managerId;
  if (!managerId) throw new NotFoundError(`${employee.name} has no manager on record; name one`, 'managerId');
  assertMaySchedule(viewer, { employeeId: employee.id, managerChain: reportingLine.managerChain }, managerId);
  if (!(await app.readModels.get<PersonDoc>(PEOPLE, managerId)))
    throw new NotFoundError(`no person ${managerId} in the directory`, 'managerId');
  const participantIds = input.participantIds ?? [];
  const known = await app.readModels.getMany<PersonDoc>(PEOPLE, participantIds);
  known.forEach((person, i) => {
    if (!person) throw new NotFoundError(`no person ${participantIds[i]} in the directory`, `participantIds[${i}]`);
  });
  const interviewId = input.interviewId ?? randomUUID();
  const department = input.department ?? employee.department;
  // Templates follow the employee's category and level unless HR (or a manager) names one.
  const templates = await allTemplates(app);
  const template = input.templateId
    ? await findCatalogTemplate(app, input.templateId, input.templateVersion ?? undefined)
    : (selectTemplate(templates, employee.category, employee.level) ?? templates.find((t) => t.id === DEFAULT_TEMPLATE_ID));
  if (!template)
    throw new ValidationError(
      `unknown template ${input.templateId}${input.templateVersion ? ` version ${input.templateVersion}` : ''}`,
      'templateId',
      'UNKNOWN_TEMPLATE',
    );
  const flows = await allFlows(app);
  const flow = input.flowId ? await findFlow(app, input.flowId) : selectFlow(flows, template, department, employee.level);
  if (!flow) throw new ValidationError(`unknown flow ${input.flowId ?? template.defaultFlowId}`, 'flowId', 'UNKNOWN_FLOW');
  const command: ScheduleInterview = {
    type: 'ScheduleInterview',
    data: {
      interviewId,
      templateId: template.id,
      template,
      flow,
      carriedGoals: await carriedGoals(app, employee.id, input.cycle),
      employeeId: employee.id,
      managerId,
      participantIds,
      department,
      position: input.position ?? employee.position,
      cycle: input.cycle,
      scheduledAt: input.scheduledAt,
      location: input.location ?? '',
      reportingLine,
      sameCycleInterviewIds: await sameCycleInterviews(app, employee.id, input.cycle),
      ...(input.reason ? { reason: input.reason } : {}),
    },
    meta,
  };
  return run(app, interviewStream(interviewId), command);
}

/** The employee's manager of record, then theirs, up the directory (loops and very long chains cut). */
async function managerChain(app: Pick<App, 'readModels'>, employee: PersonDoc): Promise<string[]> {
  const chain: string[] = [];
  let next = employee.managerId;
  while (next && !chain.includes(next) && next !== employee.id && chain.length < 32) {
    chain.push(next);
    next = (await app.readModels.get<PersonDoc>(PEOPLE, next))?.managerId ?? null;
  }
  return chain;
}

/** Interviews the employee already has in the cycle. */
async function sameCycleInterviews(app: Pick<App, 'readModels'>, employeeId: string, cycle: string): Promise<string[]> {
  const docs = await app.readModels.find<InterviewDoc>(INTERVIEWS, {
    where: { employeeId, cycle },
    orderBy: { field: 'scheduledAt', direction: 'asc' },
    limit: 20,
  });
  return docs.map((d) => d.id);
}

/**
 * The previous period's agreed next-period goals: from the employee's latest signed (locked)
 * record of an earlier cycle. They open this period's goal review (the article: 自动与历史数据关联).
 */
export async function carriedGoals(app: Pick<App, 'readModels'>, employeeId: string, cycle: string): Promise<CarriedGoal[]> {
  const docs = await app.readModels.find<InterviewDoc>(INTERVIEWS, {
    where: { employeeId },
    orderBy: { field: 'scheduledAt', direction: 'desc' },
    limit: 50,
  });
  const previous = docs.find((d) => d.cycle < cycle && d.status === 'locked');
  const goals = previous?.sections.nextGoals;
  const items = isObject(goals) && Array.isArray(goals.goals) ? goals.goals.filter(isObject) : [];
  return items.map((g) => ({
    interviewId: previous!.id,
    cycle: previous!.cycle,
    goalId: String(g.id),
    goal: String(g.goal ?? ''),
    target: String(g.target ?? ''),
  }));
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
 * Signs an interview for the actor. The signer's key comes from their person stream in the
 * ledger, folded now, not from the people read model: a key revoked a moment ago must not
 * slip through while the projector catches up. (A revocation committed after this read and
 * before the signature's append is ordered after the signature, as the log shows.)
 */
export async function signInterview(
  app: Services & Pick<App, 'ledger'>,
  meta: CommandMeta,
  input: { interviewId: string; version: number; role: SignatureRole; kid: string; signature: string; signerId?: string | null },
): Promise<ExistingInterview> {
  const signerId = input.signerId ?? meta.actor;
  // Only the actor's own stream is read; signing for someone else is refused by decide anyway.
  const signerKey = signerId === meta.actor ? await currentSignerKey(app, signerId, input.kid) : null;
  const command: SignInterview = { type: 'SignInterview', data: { ...input, signerId, signerKey }, meta };
  return run(app, interviewStream(input.interviewId), command);
}

async function currentSignerKey(app: Pick<App, 'ledger'>, personId: string, kid: string): Promise<SignerKey | null> {
  const person = fold(personDecider, await app.ledger.readStream(personStream(personId)));
  const key = signingKeyOf(person, kid);
  return key ? { kid: key.kid, publicKey: key.publicKey, status: key.status } : null;
}

export async function advanceStep(
  app: Services,
  meta: CommandMeta,
  input: { interviewId: string; step: string },
): Promise<ExistingInterview> {
  return run(app, interviewStream(input.interviewId), { type: 'AdvanceStep', data: input, meta });
}

export async function returnStep(
  app: Services,
  meta: CommandMeta,
  input: { interviewId: string; toStep: string; reason: string },
): Promise<ExistingInterview> {
  return run(app, interviewStream(input.interviewId), { type: 'ReturnStep', data: input, meta });
}

export async function evaluateSupportNeed(
  app: Services,
  meta: CommandMeta,
  input: { interviewId: string; expectedVersion: number; needId: string; decision: string; reason: string },
): Promise<ExistingInterview> {
  return run(app, interviewStream(input.interviewId), { type: 'EvaluateSupportNeed', data: input, meta });
}

export async function fulfilSupportNeed(
  app: Services,
  meta: CommandMeta,
  input: { interviewId: string; needId: string; note: string },
): Promise<ExistingInterview> {
  return run(app, interviewStream(input.interviewId), { type: 'FulfilSupportNeed', data: input, meta });
}

export async function reportTaskProgress(
  app: Services,
  meta: CommandMeta,
  input: { interviewId: string; taskId: string; progress: number; note?: string },
): Promise<ExistingInterview> {
  return run(app, interviewStream(input.interviewId), { type: 'ReportTaskProgress', data: input, meta });
}

export async function completeTask(
  app: Services,
  meta: CommandMeta,
  input: { interviewId: string; taskId: string; note?: string },
): Promise<ExistingInterview> {
  return run(app, interviewStream(input.interviewId), { type: 'CompleteTask', data: input, meta });
}

export async function addAddendum(
  app: Services,
  meta: CommandMeta,
  input: { interviewId: string; text: string },
): Promise<ExistingInterview> {
  return run(app, interviewStream(input.interviewId), { type: 'AddAddendum', data: input, meta });
}

export async function openCorrection(
  app: Services,
  meta: CommandMeta,
  input: { interviewId: string; reason: string },
): Promise<ExistingInterview> {
  return run(app, interviewStream(input.interviewId), { type: 'OpenCorrection', data: input, meta });
}

export interface SigningMessageResult {
  readonly interviewId: string;
  readonly version: number;
  readonly role: SignatureRole;
  readonly signerId: string;
  readonly payloadType: string;
  readonly content: SignedContent;
  readonly contentDigest: string;
  readonly message: Uint8Array;
  /** Whether `version` is the record's current, signable version. */
  readonly current: boolean;
}

/**
 * The exact bytes `signerId` signs for `version` in `role`, from the verified log: the
 * content as the ledger holds it at that version, never the read model's copy. Any version
 * the caller may see can be asked for, so that auditors can rebuild the message of an old
 * signature; `current` says whether signing it now could succeed.
 */
export async function signingMessageFor(
  app: Pick<App, 'ledger' | 'readModels'>,
  viewer: Viewer,
  input: { interviewId: string; version: number; role: string; signerId?: string | null },
  load?: RecordLoader,
): Promise<SigningMessageResult> {
  await visibleInterview(app, viewer, input.interviewId, load, 'interviewId');
  if (!isSignatureRole(input.role)) throw new ValidationError(`role must be one of ${SIGNATURE_ROLES.join(', ')}`, 'role', 'INVALID_ROLE');
  const signerId = assertId(input.signerId ?? viewer.id, 'signerId');
  const events = (await app.ledger.readStreamVerified(interviewStream(input.interviewId))).map(recorded);
  const latest = replay(events);
  // The content after the event that created the version; later non-content events do not change it.
  const atVersion = replayCreation(events, input.version);
  if (latest.status === 'none' || !atVersion)
    throw new NotFoundError(`interview ${input.interviewId} has no version ${input.version}`, 'version');
  const content = signedContent(atVersion);
  const contentDigest = contentDigestOf(content);
  const message = signingMessage({ interviewId: content.interviewId, version: content.version, contentDigest, role: input.role, signerId });
  const current = latest.status !== 'locked' && countsTowardsLock(latest, { version: input.version });
  return {
    interviewId: content.interviewId,
    version: content.version,
    role: input.role,
    signerId,
    payloadType: SIGNATURE_PAYLOAD_TYPE,
    content,
    contentDigest,
    message,
    current,
  };
}

/**
 * Read-your-writes: the change is committed once appended; waiting for the projector only
 * makes the next query see it. A projector that is stopped or far behind is worth a warning,
 * not a failed command.
 */
export async function settle(app: Pick<App, 'projector' | 'log'>, position: string | null): Promise<void> {
  if (position && !(await app.projector.waitFor(position))) {
    app.log.warn({ component: 'projector', position }, 'read models have not caught up with this position yet; queries may lag');
  }
}

async function run(app: Services, stream: string, command: Parameters<typeof interviewDecider.decide>[0]): Promise<ExistingInterview> {
  const result = await app.commands.handle(stream, interviewDecider, command);
  await settle(app, result.position);
  if (result.state.status === 'none') throw new NotFoundError('interview vanished', 'interviewId');
  return result.state;
}

export async function registerPerson(app: Services, meta: CommandMeta, data: RegisterPerson['data']): Promise<ActivePerson> {
  const result = await app.commands.handle(personStream(data.personId), personDecider, { type: 'RegisterPerson', data, meta });
  await settle(app, result.position);
  return result.state as ActivePerson;
}

export async function updatePersonProfile(app: Services, meta: CommandMeta, data: UpdatePersonProfile['data']): Promise<ActivePerson> {
  const result = await app.commands.handle(personStream(data.personId), personDecider, { type: 'UpdatePersonProfile', data, meta });
  await settle(app, result.position);
  return result.state as ActivePerson;
}

/** Registers an Ed25519 public key (base64, 32 bytes) for a person; returns the key with its kid. */
export async function registerSigningKey(
  app: Services,
  meta: CommandMeta,
  data: { personId: string; publicKey: string },
): Promise<SigningKey> {
  const result = await app.commands.handle(personStream(data.personId), personDecider, { type: 'RegisterSigningKey', data, meta });
  await settle(app, result.position);
  const event = result.events[0];
  if (event?.type !== 'SigningKeyRegistered') throw new Error('RegisterSigningKey produced no SigningKeyRegistered');
  return keyAfter(result.state, event.data.kid);
}

export async function revokeSigningKey(
  app: Services,
  meta: CommandMeta,
  data: { personId: string; kid: string; reason: string },
): Promise<SigningKey> {
  const result = await app.commands.handle(personStream(data.personId), personDecider, { type: 'RevokeSigningKey', data, meta });
  await settle(app, result.position);
  return keyAfter(result.state, data.kid);
}

function keyAfter(state: Parameters<typeof signingKeyOf>[0], kid: string): SigningKey {
  const key = signingKeyOf(state, kid);
  if (!key) throw new Error(`key ${kid} missing after its own command`);
  return key;
}

/** Metadata for commands the system itself issues (demo data, migrations). */
export function systemMeta(now: Date, actor = 'system'): CommandMeta {
  return {
    actor,
    roles: ['admin'],
    ip: '127.0.0.1',
    userAgent: 'interview-ledger/system',
    now: now.toISOString(),
    commandId: randomUUID(),
  };
}
