/**
 * The interview aggregate as a Decider: decide(command, state) -> events,
 * evolve(state, event) -> state. Pure: the clock, ids and actor come in the command.
 */
import { ed25519Verify, publicKeyFromRaw } from '../../crypto/ed25519';
import { DateTime } from 'luxon';
import type { CommandMeta, DomainEvent } from '../command';
import { DEFAULT_CALENDAR, hasAnyRole } from '../command';
import { assertMaySchedule, may, viewerOf } from '../access';
import { ForbiddenError, IllegalStateError, NotFoundError, RuleError, ValidationError, VersionConflictError } from '../errors';
import { assertCycle, assertId, assertInstant, assertText, LIMITS, type JsonObject, type JsonValue } from '../limits';
import { computeDueAt } from '../workflow/reminder-schedule';
import { BUILTIN_FLOWS, flowMismatch, stepEdits, type FlowDefinition, type StepSpec } from '../workflow/flow';
import { assertFillable, idCountersOf, isObject, missingRequired, normalizeSection } from './content';
import { highlightFindings, smartFindings, type Finding } from './quality';
import {
  contentDigest,
  decodeFixedBase64,
  isSignatureRole,
  KEY_ID,
  PUBLIC_KEY_BYTES,
  SIGNATURE_BYTES,
  SIGNATURE_ROLES,
  signingMessage,
  SIGNING_LIMITS,
  SigningRuleError,
  type SignatureRole,
} from './signing';
import { findTemplate, sectionOf, type InterviewTemplate, type PartyRole } from './template';

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

/**
 * Scheduling snapshots the template and flow versions the record runs (so later versions never
 * change it), the first step's due time, and goals carried over from the previous period.
 * Records written before templates were versioned have only `templateId`: a built-in.
 */
export type InterviewScheduled = DomainEvent<
  'InterviewScheduled',
  {
    interviewId: string;
    templateId: string;
    version: 1;
    templateVersion?: number;
    template?: InterviewTemplate;
    flow?: FlowDefinition;
    /** Due time of the first step (UTC). */
    dueAt?: string;
    /** Initial content: the previous period's agreed next-period goals, as goals to review. */
    sections?: Record<string, JsonObject>;
    /** Why this is a second interview of the employee in the cycle (given by HR or an admin). */
    secondInCycleReason?: string;
  } & BasicInfo
>;
export type InterviewBasicInfoUpdated = DomainEvent<
  'InterviewBasicInfoUpdated',
  { interviewId: string; version: number; changes: BasicInfoChanges }
>;
export type InterviewSectionEdited = DomainEvent<
  'InterviewSectionEdited',
  { interviewId: string; version: number; section: string; content: JsonObject }
>;
/** What the server observed when it received a signature (DESIGN.md, "The ledger" 5). */
export interface SignatureObservation {
  /** UTC instant the server accepted the signature. */
  readonly receivedAt: string;
  readonly ip: string;
  /** Absent when the client sent none. */
  readonly userAgent?: string;
}

export interface SignatureRecord {
  readonly interviewId: string;
  readonly version: number;
  readonly role: SignatureRole;
  readonly signerId: string;
  readonly kid: string;
  /** base64 of the 64-byte Ed25519 signature over signingMessage(...) (signing.ts). */
  readonly signature: string;
  readonly contentDigest: string;
  readonly observed: SignatureObservation;
}

export interface AddendumRecord {
  readonly interviewId: string;
  readonly addendumId: string;
  readonly text: string;
  readonly authorId: string;
  readonly at: string;
}

export interface CorrectionRecord {
  readonly interviewId: string;
  readonly reason: string;
  /** The locked version the correction starts from; the corrected record continues at fromVersion + 1. */
  readonly fromVersion: number;
  readonly openedBy: string;
  readonly openedAt: string;
}

export interface AttachmentRecord {
  readonly sha256: string;
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly uploadedBy: string;
  readonly uploadedAt: string;
}

/** A move between steps of the flow; `transition` counts moves (it identifies a stay in a step). */
export interface StepTransition {
  readonly interviewId: string;
  readonly from: string;
  readonly to: string;
  readonly transition: number;
  readonly by: string;
  readonly at: string;
  /** Due time of the step entered (UTC). */
  readonly dueAt: string;
  /** Moving back needs one. */
  readonly reason?: string;
}

export const NEED_DECISIONS = ['approved', 'partly', 'declined'] as const;
export type NeedDecision = (typeof NEED_DECISIONS)[number];

export interface NeedEvaluation {
  readonly decision: NeedDecision;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/** An improvement-plan item as agreed: it becomes a task in the owner's list. */
export interface PlanTask {
  readonly taskId: string;
  readonly action: string;
  readonly metric: string;
  readonly target: string;
  readonly deadline: string;
  readonly ownerId: string;
  readonly linkedTo: string;
}

export interface TaskUpdate {
  readonly progress: number;
  readonly note: string;
  readonly by: string;
  readonly at: string;
}

export interface ImprovementTask extends PlanTask {
  readonly status: 'open' | 'done' | 'cancelled';
  readonly progress: number;
  readonly updates: readonly TaskUpdate[];
  readonly agreedAt: string;
  readonly completedAt: string | null;
}

export type InterviewSigned = DomainEvent<'InterviewSigned', SignatureRecord>;
export type InterviewStepAdvanced = DomainEvent<'InterviewStepAdvanced', StepTransition>;
export type InterviewStepReturned = DomainEvent<'InterviewStepReturned', StepTransition & { reason: string }>;
export type InterviewAttachmentAdded = DomainEvent<'InterviewAttachmentAdded', { interviewId: string } & AttachmentRecord>;
export type SupportNeedEvaluated = DomainEvent<'SupportNeedEvaluated', { interviewId: string; version: number; needId: string; evaluation: NeedEvaluation }>;
export type SupportNeedFulfilled = DomainEvent<'SupportNeedFulfilled', { interviewId: string; needId: string; note: string; by: string; at: string }>;
export type ImprovementPlanAgreed = DomainEvent<'ImprovementPlanAgreed', { interviewId: string; version: number; tasks: PlanTask[]; cancelled: string[] }>;
export type ImprovementTaskProgressed = DomainEvent<'ImprovementTaskProgressed', { interviewId: string; taskId: string } & TaskUpdate>;
export type ImprovementTaskCompleted = DomainEvent<'ImprovementTaskCompleted', { interviewId: string; taskId: string; note: string; by: string; at: string }>;
export type InterviewLocked = DomainEvent<'InterviewLocked', { interviewId: string; version: number; lockedAt: string }>;
export type InterviewAddendumAdded = DomainEvent<'InterviewAddendumAdded', AddendumRecord>;
export type InterviewCorrectionOpened = DomainEvent<'InterviewCorrectionOpened', CorrectionRecord>;

export type InterviewEvent =
  | InterviewScheduled
  | InterviewBasicInfoUpdated
  | InterviewSectionEdited
  | InterviewSigned
  | InterviewLocked
  | InterviewAddendumAdded
  | InterviewCorrectionOpened
  | InterviewStepAdvanced
  | InterviewStepReturned
  | InterviewAttachmentAdded
  | SupportNeedEvaluated
  | SupportNeedFulfilled
  | ImprovementPlanAgreed
  | ImprovementTaskProgressed
  | ImprovementTaskCompleted;

export const INTERVIEW_EVENT_TYPES: ReadonlySet<string> = new Set<InterviewEvent['type']>([
  'InterviewScheduled',
  'InterviewBasicInfoUpdated',
  'InterviewSectionEdited',
  'InterviewSigned',
  'InterviewLocked',
  'InterviewAddendumAdded',
  'InterviewCorrectionOpened',
  'InterviewStepAdvanced',
  'InterviewStepReturned',
  'InterviewAttachmentAdded',
  'SupportNeedEvaluated',
  'SupportNeedFulfilled',
  'ImprovementPlanAgreed',
  'ImprovementTaskProgressed',
  'ImprovementTaskCompleted',
]);

/** Events that change the content and create a new version; the others record something about a version. */
export const CONTENT_EVENT_TYPES: ReadonlySet<string> = new Set<InterviewEvent['type']>([
  'InterviewScheduled',
  'InterviewBasicInfoUpdated',
  'InterviewSectionEdited',
  'SupportNeedEvaluated',
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
    /** The template version to snapshot (resolved by the application); a built-in by templateId when absent. */
    template?: InterviewTemplate;
    /** The flow to run; the template's default built-in flow when absent. */
    flow?: FlowDefinition;
    /** The previous period's agreed next-period goals (application: the employee's last signed record). */
    carriedGoals?: CarriedGoal[];
    /** From the directory, never from the caller: the employee's manager of record, then theirs, up the chain. */
    reportingLine: { managerChain: readonly string[] };
    /** Interviews the employee already has in this cycle (application: from the read model). */
    sameCycleInterviewIds?: readonly string[];
    /** Why a second interview in the cycle (HR and admins only; required then). */
    reason?: string;
  };
  meta: CommandMeta;
};

export interface CarriedGoal {
  readonly interviewId: string;
  readonly cycle: string;
  readonly goalId: string;
  readonly goal: string;
  readonly target: string;
}
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
/**
 * The signer's key as the person stream holds it when the command runs. The application
 * service folds the signer's person events from the ledger (not the read model, which may
 * lag behind a revocation) and puts the key here, so that `decide` stays pure.
 */
export interface SignerKey {
  readonly kid: string;
  /** base64 of the raw 32-byte Ed25519 public key. */
  readonly publicKey: string;
  readonly status: 'active' | 'revoked';
}

export type SignInterview = {
  type: 'SignInterview';
  data: {
    interviewId: string;
    version: number;
    role: SignatureRole;
    /** Must be the actor: people sign for themselves. */
    signerId: string;
    kid: string;
    /** base64 of the 64-byte signature over signingMessage({ interviewId, version, contentDigest, role, signerId }). */
    signature: string;
    /** null when the signer has no key with this kid. */
    signerKey: SignerKey | null;
  };
  meta: CommandMeta;
};
export type AddAddendum = { type: 'AddAddendum'; data: { interviewId: string; text: string }; meta: CommandMeta };
export type OpenCorrection = { type: 'OpenCorrection'; data: { interviewId: string; reason: string }; meta: CommandMeta };

/** Completes the current step; `step` names it, so a repeated submission cannot skip the next one. */
export type AdvanceStep = { type: 'AdvanceStep'; data: { interviewId: string; step: string }; meta: CommandMeta };
export type ReturnStep = { type: 'ReturnStep'; data: { interviewId: string; toStep: string; reason: string }; meta: CommandMeta };
export type AddInterviewAttachment = {
  type: 'AddInterviewAttachment';
  data: { interviewId: string; sha256: string; name: string; mediaType: string; size: number };
  meta: CommandMeta;
};
export type EvaluateSupportNeed = {
  type: 'EvaluateSupportNeed';
  data: { interviewId: string; expectedVersion: number; needId: string; decision: string; reason: string };
  meta: CommandMeta;
};
export type FulfilSupportNeed = { type: 'FulfilSupportNeed'; data: { interviewId: string; needId: string; note: string }; meta: CommandMeta };
export type ReportTaskProgress = { type: 'ReportTaskProgress'; data: { interviewId: string; taskId: string; progress: number; note?: string }; meta: CommandMeta };
export type CompleteTask = { type: 'CompleteTask'; data: { interviewId: string; taskId: string; note?: string }; meta: CommandMeta };

export type InterviewCommand =
  | ScheduleInterview
  | UpdateInterviewBasicInfo
  | EditInterviewSection
  | SignInterview
  | AddAddendum
  | OpenCorrection
  | AdvanceStep
  | ReturnStep
  | AddInterviewAttachment
  | EvaluateSupportNeed
  | FulfilSupportNeed
  | ReportTaskProgress
  | CompleteTask;

// ---- state --------------------------------------------------------------------------------

/**
 * - `scheduled`: no section written yet; `in_progress`: being filled in;
 * - `awaiting_signatures`: someone signed the current version, required signatures are missing
 *   (an edit creates a new version and goes back to `in_progress`: older signatures stay in the
 *   history but no longer count);
 * - `locked`: every required role signed the current version; content is frozen, only addenda
 *   and a correction remain possible;
 * - `correction`: HR or an admin reopened a locked record; edits create new versions that the
 *   parties must sign again, which locks it again.
 */
export const INTERVIEW_STATUSES = ['scheduled', 'in_progress', 'awaiting_signatures', 'locked', 'correction'] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

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
      /** Every signature ever given, oldest first; those of older versions stay as history. */
      readonly signatures: readonly SignatureRecord[];
      readonly addenda: readonly AddendumRecord[];
      readonly corrections: readonly CorrectionRecord[];
      /** When the current lock was set; null while not locked. */
      readonly lockedAt: string | null;
      readonly template: InterviewTemplate;
      readonly flow: FlowDefinition;
      readonly workflow: WorkflowState;
      readonly attachments: readonly AttachmentRecord[];
      /** Highest item number used per `section.list` (ids are never reused). */
      readonly idCounters: Readonly<Record<string, number>>;
      /** Improvement tasks from the agreed plan, in plan order; cancelled ones stay. */
      readonly tasks: readonly ImprovementTask[];
      /** Version whose plan was last agreed; null before. */
      readonly planAgreedVersion: number | null;
      readonly fulfilledNeeds: Readonly<Record<string, { note: string; by: string; at: string }>>;
    };

export interface WorkflowState {
  readonly step: string;
  readonly stepIndex: number;
  readonly enteredAt: string;
  readonly dueAt: string;
  /** Moves so far; identifies the current stay in the step (reminder ids use it). */
  readonly transitions: number;
  readonly history: readonly StepTransition[];
}

export type ExistingInterview = Exclude<Interview, { status: 'none' }>;

export const initialState = (): Interview => ({ status: 'none' });

// ---- access -------------------------------------------------------------------------------

/** People named on the record: employee, manager and other participants. */
export const partiesOf = (basic: BasicInfo): string[] => [...new Set([basic.employeeId, basic.managerId, ...basic.participantIds])];

/** Who may read a record: its parties, and HR, auditors and admins. */
export function canView(actor: Pick<CommandMeta, 'actor' | 'roles'>, basic: BasicInfo): boolean {
  return hasAnyRole(actor, 'hr', 'auditor', 'admin') || partiesOf(basic).includes(actor.actor);
}

/**
 * Who may change a record's administrative parts (time, place, participants, attachments) and,
 * during a correction, its content: the employee and the manager of the record, HR and admins.
 * Section content in progress is written only by the parties the flow's current step names.
 */
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
      assertNotLocked(current);
      checkVersion(command.data.expectedVersion, current);
      const changes = validateChanges(command.data.changes);
      if (Object.keys(changes).length === 0) throw new ValidationError('changes must name at least one field', 'changes');
      const participants = changes.participantIds;
      if (participants) assertParticipants(participants, current.basic.employeeId, current.basic.managerId);
      return [{ type: 'InterviewBasicInfoUpdated', data: { interviewId: current.id, version: current.version + 1, changes } }];
    }
    case 'EditInterviewSection':
      return editSection(command, state);
    case 'SignInterview':
      return sign(command, state);
    case 'AddAddendum': {
      const { meta, data } = command;
      const current = visible(state, data.interviewId, meta);
      if (!hasAnyRole(meta, 'hr', 'admin') && !partiesOf(current.basic).includes(meta.actor)) {
        throw new ForbiddenError('only the parties to this interview, HR and admins may add an addendum');
      }
      if (current.status !== 'locked') {
        throw new SigningRuleError('NOT_LOCKED', 'addenda are for locked records; this one is not locked, so edit it instead', 'interviewId');
      }
      const text = assertText(data.text, 'text', LIMITS.stringChars);
      if (current.addenda.length >= SIGNING_LIMITS.addenda) {
        throw new ValidationError(`a record takes at most ${SIGNING_LIMITS.addenda} addenda`, 'text', 'VALUE_TOO_LARGE');
      }
      // Numbered in order: the handler appends with the expected revision, so two addenda cannot get the same number.
      const addendumId = `A${current.addenda.length + 1}`;
      return [{ type: 'InterviewAddendumAdded', data: { interviewId: current.id, addendumId, text, authorId: meta.actor, at: meta.now } }];
    }
    case 'AdvanceStep':
      return advance(command, state);
    case 'ReturnStep':
      return returnStep(command, state);
    case 'AddInterviewAttachment':
      return addAttachment(command, state);
    case 'EvaluateSupportNeed':
      return evaluateNeed(command, state);
    case 'FulfilSupportNeed':
      return fulfilNeed(command, state);
    case 'ReportTaskProgress':
    case 'CompleteTask':
      return taskUpdate(command, state);
    case 'OpenCorrection': {
      const { meta, data } = command;
      const current = visible(state, data.interviewId, meta);
      if (!hasAnyRole(meta, 'hr', 'admin')) throw new ForbiddenError('only HR or an admin may open a correction of a signed record');
      if (current.status !== 'locked') {
        throw new SigningRuleError('NOT_LOCKED', 'only a locked record can be corrected; this one can still be edited', 'interviewId');
      }
      const reason = assertText(data.reason, 'reason', SIGNING_LIMITS.reasonChars);
      return [
        {
          type: 'InterviewCorrectionOpened',
          data: { interviewId: current.id, reason, fromVersion: current.version, openedBy: meta.actor, openedAt: meta.now },
        },
      ];
    }
  }
}

/**
 * A party signs the current version with their own key. Checks, in order: the record exists
 * and the caller may see it; the caller signs for themselves; the input is well-formed; the
 * signer holds the role claimed; the record is not locked; the version is current (and, in a
 * correction, new); the role has not signed this version yet; the key is known and not
 * revoked; the signature verifies over the message for the current content. Cheap checks
 * come first, and the one a person can never fix (the role) before those they can. Emits
 * InterviewSigned and, when that completes the template's required signatures,
 * InterviewLocked in the same append.
 */
function sign(command: SignInterview, state: Interview): InterviewEvent[] {
  const { meta, data } = command;
  const current = visible(state, data.interviewId, meta);
  if (data.signerId !== meta.actor) throw new ForbiddenError('people sign for themselves: signerId must be you', 'signerId');
  if (!isSignatureRole(data.role)) throw new ValidationError(`role must be one of ${SIGNATURE_ROLES.join(', ')}`, 'role', 'INVALID_ROLE');
  if (!Number.isSafeInteger(data.version) || data.version < 1) throw new ValidationError('version must be a positive integer', 'version');
  if (typeof data.kid !== 'string' || !KEY_ID.test(data.kid)) throw new ValidationError('kid must look like ed25519:<16 hex digits>', 'kid', 'INVALID_KEY_ID');
  const signature = decodeFixedBase64(data.signature, SIGNATURE_BYTES);
  if (!signature) throw new ValidationError(`signature must be base64 of ${SIGNATURE_BYTES} bytes`, 'signature', 'INVALID_ENCODING');

  if (!holdsRole(current.basic, data.role, data.signerId)) {
    throw new SigningRuleError('NOT_A_PARTY', `${data.signerId} is not this interview's ${data.role}`, 'role');
  }
  if (current.status === 'locked') throw new SigningRuleError('LOCKED', `the record is locked at version ${current.version}; it needs no more signatures`, 'interviewId');
  if (data.version !== current.version) {
    throw new SigningRuleError('STALE_VERSION', `the record is at version ${current.version}, not ${data.version}: fetch its signing message again, read it, and sign that`, 'version');
  }
  if (current.status !== 'correction') {
    const step = currentStep(current);
    if (!step.signing) {
      const signingStep = current.flow.steps.find((s) => s.signing);
      throw new RuleError('NOT_SIGNING_STEP', `the record is at step ${step.label.zh} (${step.key}); it is signed at step ${signingStep?.label.zh ?? 'signatures'} (${signingStep?.key ?? '?'})`, 'interviewId', {
        step: step.key,
      });
    }
  }
  // The record as signed must satisfy the template (in a multi-step flow earlier submissions ensured it; a correction may not undo it).
  assertSubmittable(current, PARTIES_BOTH, current.template.sections.map((x) => x.key), meta);
  const correction = current.status === 'correction' ? current.corrections.at(-1) : undefined;
  if (correction && correction.fromVersion === current.version) {
    throw new SigningRuleError('CORRECTION_UNCHANGED', `a correction is open from version ${current.version} and nothing has changed yet: edit the record, then sign the new version`, 'version');
  }
  if (current.signatures.some((s) => s.version === current.version && s.role === data.role && s.signerId === data.signerId)) {
    throw new SigningRuleError('ALREADY_SIGNED', `you signed version ${current.version} as ${data.role} already`, 'role');
  }

  const key = data.signerKey;
  if (!key || key.kid !== data.kid) throw new SigningRuleError('UNKNOWN_KEY', `${data.signerId} has no registered key ${data.kid}`, 'kid');
  if (key.status !== 'active') throw new SigningRuleError('KEY_REVOKED', `key ${data.kid} has been revoked; register a new key and sign with it`, 'kid');
  const publicKey = decodeFixedBase64(key.publicKey, PUBLIC_KEY_BYTES);
  // The person decider only registers well-formed keys; a bad one here is a corrupt directory, not user error.
  if (!publicKey) throw new Error(`registered key ${key.kid} of ${data.signerId} is not ${PUBLIC_KEY_BYTES} bytes of base64`);

  const digest = contentDigest(current);
  const message = signingMessage({ interviewId: current.id, version: current.version, contentDigest: digest, role: data.role, signerId: data.signerId });
  if (!ed25519Verify(message, signature, publicKeyFromRaw(publicKey))) {
    throw new SigningRuleError('BAD_SIGNATURE', `the signature does not verify with key ${data.kid} over the signing message of version ${current.version} as ${data.role}`, 'signature');
  }

  const signed: InterviewSigned = {
    type: 'InterviewSigned',
    data: {
      interviewId: current.id,
      version: current.version,
      role: data.role,
      signerId: data.signerId,
      kid: data.kid,
      signature: data.signature,
      contentDigest: digest,
      observed: { receivedAt: meta.now, ip: meta.ip, ...(meta.userAgent ? { userAgent: meta.userAgent } : {}) },
    },
  };
  const signatures = [...current.signatures, signed.data];
  const complete = requiredSigners(current).every(({ role, signerId }) =>
    signatures.some((s) => s.version === current.version && s.role === role && s.signerId === signerId),
  );
  if (!complete) return [signed];
  const agreed = planAgreement(current);
  return [signed, { type: 'InterviewLocked', data: { interviewId: current.id, version: current.version, lockedAt: meta.now } }, ...(agreed ? [agreed] : [])];
}

function holdsRole(basic: BasicInfo, role: SignatureRole, personId: string): boolean {
  switch (role) {
    case 'employee':
      return basic.employeeId === personId;
    case 'manager':
      return basic.managerId === personId;
    case 'participant':
      return basic.participantIds.includes(personId);
  }
}

/** Who must sign the current version for it to lock: the template's roles, each participant for `participant`. */
export function requiredSigners(current: ExistingInterview): Array<{ role: SignatureRole; signerId: string }> {
  // The template version the record was scheduled with, not today's catalog.
  const roles: readonly SignatureRole[] = current.template.requiredSignatures;
  return roles.flatMap((role): Array<{ role: SignatureRole; signerId: string }> => {
    if (role === 'employee') return [{ role, signerId: current.basic.employeeId }];
    if (role === 'manager') return [{ role, signerId: current.basic.managerId }];
    return current.basic.participantIds.map((signerId) => ({ role, signerId }));
  });
}

function assertNotLocked(current: ExistingInterview): void {
  if (current.status === 'locked') {
    throw new SigningRuleError('LOCKED', `the record was signed and locked at version ${current.version}; add an addendum, or ask HR to open a correction`, 'interviewId');
  }
}

function schedule(command: ScheduleInterview, state: Interview): InterviewEvent[] {
  if (state.status !== 'none') throw new IllegalStateError(`interview ${command.data.interviewId} already exists`, 'interviewId');
  const { meta, data } = command;
  const interviewId = assertId(data.interviewId, 'interviewId');
  const employeeId = assertId(data.employeeId, 'employeeId');
  const managerId = assertId(data.managerId, 'managerId');
  if (employeeId === managerId) throw new ValidationError('employee and manager must be different people', 'managerId');
  assertMaySchedule(viewerOf(meta), { employeeId, managerChain: data.reportingLine?.managerChain ?? [] }, managerId);
  const secondInCycleReason = assertSecondInCycle(meta, data);
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
        ...(secondInCycleReason ? { secondInCycleReason } : {}),
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

/**
 * At most one interview per employee and cycle: a second one needs HR or an admin and a
 * reason, which the event keeps. Returns the reason for a second interview, else undefined.
 */
function assertSecondInCycle(meta: CommandMeta, data: ScheduleInterview['data']): string | undefined {
  const existing = data.sameCycleInterviewIds ?? [];
  if (existing.length === 0) return undefined;
  const which = `${data.employeeId} already has interview ${existing.join(', ')} in cycle ${data.cycle}`;
  if (!may(viewerOf(meta), 'overrideScheduling')) {
    throw new RuleError('INTERVIEW_EXISTS_IN_CYCLE', `${which}; only HR or an admin may schedule another, with a reason`, 'cycle');
  }
  if (typeof data.reason !== 'string' || data.reason.trim() === '') {
    throw new RuleError('INTERVIEW_EXISTS_IN_CYCLE', `${which}; give the reason for a second one`, 'reason');
  }
  return assertText(data.reason, 'reason', SIGNING_LIMITS.reasonChars);
}

/** The record, if the actor may see it; NOT_FOUND otherwise, exactly as for a record that does not exist. */
function visible(state: Interview, id: string, meta: Pick<CommandMeta, 'actor' | 'roles'>): ExistingInterview {
  const current = existing(state, id);
  if (!canView(meta, current.basic)) throw new NotFoundError(`no interview ${current.id}`, 'interviewId');
  return current;
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


// ---- sections, steps and the rest of the flow ------------------------------------------------

const PARTIES_BOTH: readonly PartyRole[] = ['employee', 'manager'];

/** The party role a person holds on the record, or null (participants, HR, auditors, admins). */
export function partyRoleOf(basic: BasicInfo, personId: string): PartyRole | null {
  if (personId === basic.employeeId) return 'employee';
  if (personId === basic.managerId) return 'manager';
  return null;
}

export function currentStep(current: ExistingInterview): StepSpec {
  return current.flow.steps[current.workflow.stepIndex] ?? current.flow.steps.at(-1)!;
}

/** Today in the company zone, for deadlines. */
export function todayOf(meta: Pick<CommandMeta, 'now' | 'calendar'>): string {
  const zone = (meta.calendar ?? DEFAULT_CALENDAR).zone;
  return DateTime.fromISO(meta.now, { zone: 'utc' }).setZone(zone).toISODate() ?? meta.now.slice(0, 10);
}

function dueFrom(meta: Pick<CommandMeta, 'now' | 'calendar'>, step: StepSpec): string {
  const calendar = meta.calendar ?? DEFAULT_CALENDAR;
  return computeDueAt(meta.now, step.dueInDays, calendar.zone, calendar);
}

function carriedSections(template: InterviewTemplate, goals: readonly CarriedGoal[]): Record<string, JsonObject> | undefined {
  if (goals.length === 0 || !sectionOf(template, 'goalReview')) return undefined;
  const items = goals.slice(0, 30).map((g, i) => ({
    id: `G${i + 1}`,
    goal: assertText(g.goal, `carriedGoals[${i}].goal`, 500),
    target: assertText(g.target, `carriedGoals[${i}].target`, 500, { optional: true }),
    carriedFrom: { interviewId: g.interviewId, cycle: g.cycle, goalId: g.goalId },
  }));
  return { goalReview: { items } };
}

function editSection(command: EditInterviewSection, state: Interview): InterviewEvent[] {
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
        hasAnyRole(meta, 'hr', 'admin')
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

function assertStepAllows(current: ExistingInterview, role: PartyRole, section: string): void {
  const step = currentStep(current);
  if (!step.actors.includes(role)) {
    throw new RuleError('STEP_ROLE_FORBIDDEN', `at step ${step.label.zh} (${step.key}) the ${step.actors.join(' and ')} act${step.actors.length > 1 ? '' : 's'}, not the ${role}`, 'section', {
      step: step.key,
      actors: step.actors,
    });
  }
  if (!stepEdits(step, current.template).includes(section)) {
    throw new RuleError('SECTION_NOT_EDITABLE_AT_STEP', `section ${section} is not written at step ${step.label.zh} (${step.key}); this step writes ${stepEdits(step, current.template).join(', ') || 'nothing'}`, 'section', {
      step: step.key,
    });
  }
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

/**
 * Checks that `sections`, as filled by `roles`, can be submitted: required sections and
 * fields, then highlights (blocking when the template says so), then the SMART plan.
 */
function assertSubmittable(current: ExistingInterview, roles: readonly PartyRole[], sections: readonly string[], meta: CommandMeta): void {
  for (const key of sections) {
    const spec = sectionOf(current.template, key);
    if (!spec) continue;
    const missing = missingRequired(spec, current.sections[key], roles);
    if (missing) throw missing;
  }
  if (sections.includes('highlights') && current.template.rules.vagueHighlights === 'block') {
    const first = highlightFindings(current.sections.highlights, current.template.rules.minCaseChars)[0];
    if (first) throw findingError(first);
  }
  if (sections.includes('improvementPlan')) {
    const first = smartFindings(current.sections.improvementPlan, smartContext(current, meta), refTargets(current))[0];
    if (first) throw findingError(first);
  }
}

const findingError = (f: Finding): RuleError => new RuleError(f.code, f.message, f.field, { missing: f.missing });

function refTargets(current: ExistingInterview): readonly string[] {
  const items = sectionOf(current.template, 'improvementPlan')?.fields.find((x) => x.key === 'items');
  return items?.items?.find((x) => x.key === 'linkedTo')?.refTo ?? ['goalReview.items', 'problems.items'];
}

function smartContext(current: ExistingInterview, meta: Pick<CommandMeta, 'now' | 'calendar'>) {
  return { sections: current.sections, parties: partiesOf(current.basic), today: todayOf(meta), horizonDays: current.template.rules.planHorizonDays };
}

/** Findings that do not block (or not yet): what the API shows as warnings while people write. */
export function qualityFindings(current: ExistingInterview, meta: Pick<CommandMeta, 'now' | 'calendar'>): Finding[] {
  return [
    ...highlightFindings(current.sections.highlights, current.template.rules.minCaseChars),
    ...(current.sections.improvementPlan ? smartFindings(current.sections.improvementPlan, smartContext(current, meta), refTargets(current)) : []),
  ];
}

function advance(command: AdvanceStep, state: Interview): InterviewEvent[] {
  const { meta, data } = command;
  const current = visible(state, data.interviewId, meta);
  assertNotLocked(current);
  if (current.status === 'correction') throw new RuleError('CORRECTION_OPEN', 'a correction is open: edit the record and sign it again; steps do not move', 'interviewId');
  const step = currentStep(current);
  if (data.step !== step.key) {
    throw new RuleError('WRONG_STEP', `the record is at step ${step.label.zh} (${step.key}), not ${String(data.step)}; steps are completed in order`, 'step', { step: step.key });
  }
  if (step.signing) throw new RuleError('SIGNING_STEP', `step ${step.key} completes when the required parties have signed`, 'step', { step: step.key });
  const role = partyRoleOf(current.basic, meta.actor);
  if (role !== step.completedBy) {
    throw new RuleError('STEP_ROLE_FORBIDDEN', `step ${step.label.zh} (${step.key}) is completed by the ${step.completedBy}`, 'step', { step: step.key, completedBy: step.completedBy });
  }
  const edits = stepEdits(step, current.template);
  assertSubmittable(current, step.actors, edits, meta);
  if (step.evaluatesNeeds) {
    const needs = supportNeeds(current);
    const open = needs.findIndex((n) => !isObject(n.evaluation ?? null));
    if (open >= 0) {
      throw new RuleError('SUPPORT_NEED_UNEVALUATED', `support need ${needs[open]!.id} has not been evaluated by the manager yet`, `nextGoals.supportNeeds[${open}].evaluation`, { needId: needs[open]!.id });
    }
  }
  const next = current.flow.steps[current.workflow.stepIndex + 1]!;
  const moved: InterviewStepAdvanced = {
    type: 'InterviewStepAdvanced',
    data: { interviewId: current.id, from: step.key, to: next.key, transition: current.workflow.transitions + 1, by: meta.actor, at: meta.now, dueAt: dueFrom(meta, next) },
  };
  const agreed = edits.includes('improvementPlan') ? planAgreement(current) : null;
  return agreed ? [moved, agreed] : [moved];
}

function returnStep(command: ReturnStep, state: Interview): InterviewEvent[] {
  const { meta, data } = command;
  const current = visible(state, data.interviewId, meta);
  assertNotLocked(current);
  if (current.status === 'correction') throw new RuleError('CORRECTION_OPEN', 'a correction is open: edit the record and sign it again; steps do not move', 'interviewId');
  const step = currentStep(current);
  const role = partyRoleOf(current.basic, meta.actor);
  if (!(role && step.actors.includes(role)) && role !== 'manager' && !hasAnyRole(meta, 'hr', 'admin')) {
    throw new RuleError('STEP_ROLE_FORBIDDEN', `only the ${step.actors.join(' or ')} of step ${step.key}, the manager or HR may send the record back`, 'toStep');
  }
  const target = current.flow.steps.findIndex((s) => s.key === data.toStep);
  if (target < 0) throw new ValidationError(`flow ${current.flow.id} has no step ${String(data.toStep)}`, 'toStep', 'UNKNOWN_STEP');
  if (target >= current.workflow.stepIndex) {
    throw new RuleError('NOT_AN_EARLIER_STEP', `a record moves back to an earlier step only; it is at ${step.key}, forward moves are submissions`, 'toStep');
  }
  const reason = assertText(data.reason, 'reason', SIGNING_LIMITS.reasonChars);
  const to = current.flow.steps[target]!;
  return [
    {
      type: 'InterviewStepReturned',
      data: { interviewId: current.id, from: step.key, to: to.key, transition: current.workflow.transitions + 1, by: meta.actor, at: meta.now, dueAt: dueFrom(meta, to), reason },
    },
  ];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_ATTACHMENTS = 50;

function addAttachment(command: AddInterviewAttachment, state: Interview): InterviewEvent[] {
  const { meta, data } = command;
  const current = visible(state, data.interviewId, meta);
  if (!canEdit(meta, current.basic)) throw new ForbiddenError('only the employee, the manager and HR may attach files to this interview');
  assertNotLocked(current);
  if (typeof data.sha256 !== 'string' || !SHA256_HEX.test(data.sha256)) throw new ValidationError('sha256 must be 64 lowercase hex digits', 'sha256', 'INVALID_VALUE');
  if (current.attachments.some((a) => a.sha256 === data.sha256)) return []; // same bytes again: nothing new
  if (current.attachments.length >= MAX_ATTACHMENTS) throw new ValidationError(`a record takes at most ${MAX_ATTACHMENTS} attachments`, 'file', 'VALUE_TOO_LARGE');
  if (!Number.isSafeInteger(data.size) || data.size <= 0) throw new ValidationError('size must be a positive integer', 'size', 'INVALID_VALUE');
  return [
    {
      type: 'InterviewAttachmentAdded',
      data: {
        interviewId: current.id,
        sha256: data.sha256,
        name: assertText(data.name, 'fileName', 200),
        mediaType: assertText(data.mediaType, 'mediaType', 200),
        size: data.size,
        uploadedBy: meta.actor,
        uploadedAt: meta.now,
      },
    },
  ];
}

function supportNeeds(current: ExistingInterview): JsonObject[] {
  const needs = current.sections.nextGoals?.supportNeeds;
  return Array.isArray(needs) ? needs.filter(isObject) : [];
}

function evaluateNeed(command: EvaluateSupportNeed, state: Interview): InterviewEvent[] {
  const { meta, data } = command;
  const current = visible(state, data.interviewId, meta);
  if (meta.actor !== current.basic.managerId) throw new ForbiddenError("only the interview's manager evaluates support needs");
  assertNotLocked(current);
  if (current.status !== 'correction') {
    const step = currentStep(current);
    if (!step.evaluatesNeeds) {
      const at = current.flow.steps.find((s) => s.evaluatesNeeds);
      throw new RuleError('SECTION_NOT_EDITABLE_AT_STEP', `support needs are evaluated at step ${at?.label.zh ?? '?'} (${at?.key ?? '?'}), and the record is at ${step.key}`, 'needId', { step: step.key });
    }
  }
  checkVersion(data.expectedVersion, current);
  const needs = supportNeeds(current);
  const need = needs.find((n) => n.id === data.needId);
  if (!need) throw new NotFoundError(`no support need ${String(data.needId)} on this record (needs: ${needs.map((n) => n.id).join(', ') || 'none'})`, 'needId');
  if (!(NEED_DECISIONS as readonly unknown[]).includes(data.decision)) throw new ValidationError(`decision must be one of ${NEED_DECISIONS.join(', ')}`, 'decision', 'INVALID_VALUE');
  const reason = assertText(data.reason, 'reason', SIGNING_LIMITS.reasonChars);
  return [
    {
      type: 'SupportNeedEvaluated',
      data: { interviewId: current.id, version: current.version + 1, needId: data.needId, evaluation: { decision: data.decision as NeedDecision, reason, by: meta.actor, at: meta.now } },
    },
  ];
}

function fulfilNeed(command: FulfilSupportNeed, state: Interview): InterviewEvent[] {
  const { meta, data } = command;
  const current = visible(state, data.interviewId, meta);
  if (!hasAnyRole(meta, 'hr', 'admin')) throw new ForbiddenError('HR allocates resources for support needs');
  const need = supportNeeds(current).find((n) => n.id === data.needId);
  if (!need) throw new NotFoundError(`no support need ${String(data.needId)} on this record`, 'needId');
  const decision = isObject(need.evaluation ?? null) ? (need.evaluation as JsonObject).decision : undefined;
  if (decision !== 'approved' && decision !== 'partly') {
    throw new RuleError('NEED_NOT_APPROVED', `support need ${data.needId} is ${decision ?? 'not evaluated yet'}; only approved needs are fulfilled`, 'needId');
  }
  if (current.fulfilledNeeds[data.needId]) throw new IllegalStateError(`support need ${data.needId} was fulfilled already`, 'needId');
  const note = assertText(data.note, 'note', SIGNING_LIMITS.reasonChars);
  return [{ type: 'SupportNeedFulfilled', data: { interviewId: current.id, needId: data.needId, note, by: meta.actor, at: meta.now } }];
}

const str = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : '');

/**
 * The plan as it stands becomes the owners' tasks, if it differs from what was last agreed:
 * new items open tasks, changed items update theirs (progress kept), removed items cancel.
 */
function planAgreement(current: ExistingInterview): ImprovementPlanAgreed | null {
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
      return t && t.action === p.action && t.metric === p.metric && t.target === p.target && t.deadline === p.deadline && t.ownerId === p.ownerId && t.linkedTo === p.linkedTo;
    });
  if (unchanged) return null;
  return { type: 'ImprovementPlanAgreed', data: { interviewId: current.id, version: current.version, tasks, cancelled } };
}

function taskUpdate(command: ReportTaskProgress | CompleteTask, state: Interview): InterviewEvent[] {
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
    return [{ type: 'ImprovementTaskCompleted', data: { interviewId: current.id, taskId: task.taskId, note, by: meta.actor, at: meta.now } }];
  }
  const progress = command.data.progress;
  if (!Number.isInteger(progress) || progress < 0 || progress > 100) throw new ValidationError('progress is a whole percentage 0..100', 'progress', 'VALUE_OUT_OF_RANGE');
  return [{ type: 'ImprovementTaskProgressed', data: { interviewId: current.id, taskId: task.taskId, progress, note, by: meta.actor, at: meta.now } }];
}

// ---- evolve -------------------------------------------------------------------------------

/** `at` is the sealed event's meta.at; evolve stays pure by taking it as an argument. */
export function evolve(state: Interview, event: InterviewEvent, at: string): Interview {
  switch (event.type) {
    case 'InterviewScheduled': {
      const { interviewId, templateId, version, templateVersion: _v, template: snapshot, flow: flowSnapshot, dueAt, sections, secondInCycleReason: _reason, ...basic } = event.data;
      const template = snapshot ?? findTemplate(templateId);
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
        idCounters: Object.entries(initial).reduce((c, [key, content]) => {
          const spec = sectionOf(template, key);
          return spec ? idCountersOf(spec, content, c) : c;
        }, {} as Record<string, number>),
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
      const next = { ...state, version: event.data.version, sections: { ...state.sections, [event.data.section]: event.data.content }, idCounters, updatedAt: at };
      return { ...next, status: statusAfterChange(next) };
    }
    case 'SupportNeedEvaluated': {
      if (state.status === 'none') return state;
      const nextGoals = state.sections.nextGoals ?? {};
      const needs = Array.isArray(nextGoals.supportNeeds) ? nextGoals.supportNeeds : [];
      const evaluation = event.data.evaluation as unknown as JsonObject;
      const supportNeeds = needs.map((n) => (isObject(n) && n.id === event.data.needId ? { ...n, evaluation } : n));
      const next = { ...state, version: event.data.version, sections: { ...state.sections, nextGoals: { ...nextGoals, supportNeeds } }, updatedAt: at };
      return { ...next, status: statusAfterChange(next) };
    }
    case 'SupportNeedFulfilled':
      if (state.status === 'none') return state;
      return { ...state, fulfilledNeeds: { ...state.fulfilledNeeds, [event.data.needId]: { note: event.data.note, by: event.data.by, at: event.data.at } }, updatedAt: at };
    case 'InterviewStepAdvanced':
    case 'InterviewStepReturned': {
      if (state.status === 'none') return state;
      const stepIndex = Math.max(0, state.flow.steps.findIndex((s) => s.key === event.data.to));
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
      const tasks: ImprovementTask[] = state.tasks.map((t) => (event.data.cancelled.includes(t.taskId) ? { ...t, status: 'cancelled' as const } : t));
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
          return { ...t, status: 'done', progress: 100, completedAt: event.data.at, updates: [...t.updates, { progress: 100, note: event.data.note, by: event.data.by, at: event.data.at }] };
        }
        return { ...t, progress: event.data.progress, updates: [...t.updates, { progress: event.data.progress, note: event.data.note, by: event.data.by, at: event.data.at }] };
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

/**
 * Status after a content change (a new version). A change during an open correction keeps
 * the correction open; otherwise signatures of older versions no longer count, so the record
 * is back to being filled in.
 */
function statusAfterChange(next: ExistingInterview): InterviewStatus {
  // Content can only change while unlocked, so any correction on record is the open one.
  if (next.corrections.length > 0) return 'correction';
  return Object.keys(next.sections).length > 0 ? 'in_progress' : 'scheduled';
}

/**
 * Whether a signature counts towards locking the record as it is now: it is for the current
 * version, and that version is not the one a still-unedited correction started from.
 */
export function countsTowardsLock(
  record: Pick<ExistingInterview, 'status' | 'version' | 'corrections'>,
  signature: Pick<SignatureRecord, 'version'>,
): boolean {
  if (signature.version !== record.version) return false;
  return !(record.status === 'correction' && record.corrections.at(-1)?.fromVersion === record.version);
}

/** The content of a record at its current version: what versions snapshot and signatures will cover. */
export function contentOf(state: ExistingInterview): { basic: BasicInfo; sections: Readonly<Record<string, JsonObject>> } {
  return { basic: state.basic, sections: state.sections };
}
