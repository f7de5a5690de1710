/**
 * The interview aggregate as a Decider: decide(command, state) -> events,
 * evolve(state, event) -> state. Pure: the clock, ids and actor come in the command.
 */
import { ed25519Verify, publicKeyFromRaw } from '../../crypto/ed25519';
import type { CommandMeta, DomainEvent } from '../command';
import { hasAnyRole } from '../command';
import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError, VersionConflictError } from '../errors';
import { assertContent, assertCycle, assertId, assertInstant, assertText, LIMITS, type JsonObject } from '../limits';
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

export type InterviewSigned = DomainEvent<'InterviewSigned', SignatureRecord>;
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
  | InterviewCorrectionOpened;

export const INTERVIEW_EVENT_TYPES: ReadonlySet<string> = new Set<InterviewEvent['type']>([
  'InterviewScheduled',
  'InterviewBasicInfoUpdated',
  'InterviewSectionEdited',
  'InterviewSigned',
  'InterviewLocked',
  'InterviewAddendumAdded',
  'InterviewCorrectionOpened',
]);

/** Events that change the content and create a new version; the others record something about a version. */
export const CONTENT_EVENT_TYPES: ReadonlySet<string> = new Set<InterviewEvent['type']>([
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

export type InterviewCommand = ScheduleInterview | UpdateInterviewBasicInfo | EditInterviewSection | SignInterview | AddAddendum | OpenCorrection;

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
      assertNotLocked(current);
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
      assertNotLocked(current);
      const template = findTemplate(current.templateId);
      const section = command.data.section;
      if (!template?.sections.some((s) => s.key === section)) {
        throw new ValidationError(`template ${current.templateId} has no section "${String(section)}"`, 'section', 'SECTION_NOT_IN_TEMPLATE');
      }
      checkVersion(command.data.expectedVersion, current);
      const content = assertContent(command.data.content, 'content');
      return [{ type: 'InterviewSectionEdited', data: { interviewId: current.id, version: current.version + 1, section, content } }];
    }
    case 'SignInterview':
      return sign(command, state);
    case 'AddAddendum': {
      const { meta, data } = command;
      const current = existing(state, data.interviewId);
      if (!canView(meta, current.basic)) throw new NotFoundError(`no interview ${current.id}`, 'interviewId');
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
    case 'OpenCorrection': {
      const { meta, data } = command;
      const current = existing(state, data.interviewId);
      if (!canView(meta, current.basic)) throw new NotFoundError(`no interview ${current.id}`, 'interviewId');
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
  const current = existing(state, data.interviewId);
  if (!canView(meta, current.basic)) throw new NotFoundError(`no interview ${current.id}`, 'interviewId');
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
  return [signed, { type: 'InterviewLocked', data: { interviewId: current.id, version: current.version, lockedAt: meta.now } }];
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
  const roles: readonly SignatureRole[] = findTemplate(current.templateId)?.requiredSignatures ?? ['employee', 'manager'];
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
      return {
        status: 'scheduled',
        id: interviewId,
        templateId,
        version,
        basic,
        sections: {},
        createdAt: at,
        updatedAt: at,
        signatures: [],
        addenda: [],
        corrections: [],
        lockedAt: null,
      };
    }
    case 'InterviewBasicInfoUpdated': {
      if (state.status === 'none') return state;
      const next = { ...state, version: event.data.version, basic: { ...state.basic, ...event.data.changes }, updatedAt: at };
      return { ...next, status: statusAfterChange(next) };
    }
    case 'InterviewSectionEdited': {
      if (state.status === 'none') return state;
      const next = { ...state, version: event.data.version, sections: { ...state.sections, [event.data.section]: event.data.content }, updatedAt: at };
      return { ...next, status: statusAfterChange(next) };
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
