/**
 * Signature decisions: a party signs the current version with their own registered key (the
 * signature must verify over the signing message of ../signing.ts), the last required
 * signature locks the record (rules/lock.ts), a locked record takes addenda beside its signed
 * content, and HR or an admin opens a correction that the parties must sign again.
 */
import { ed25519Verify, publicKeyFromRaw } from '../../../crypto/ed25519';
import { canAddAddendum, may, viewerOf } from '../../access';
import { ForbiddenError, RuleError, ValidationError } from '../../errors';
import { assertText, LIMITS } from '../../limits';
import type { AddAddendum, OpenCorrection, SignInterview } from '../commands';
import type { BasicInfo, InterviewEvent, InterviewSigned } from '../events';
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
} from '../signing';
import type { Interview } from '../state';
import type { PartyRole } from '../template';
import { partiesOf, visible } from './access';
import { hasSigned, lockAfter } from './lock';
import { assertSubmittable, currentStep } from './steps';
import { planAgreement } from './tasks';

const PARTIES_BOTH: readonly PartyRole[] = ['employee', 'manager'];

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
export function sign(command: SignInterview, state: Interview): InterviewEvent[] {
  const { meta, data } = command;
  const current = visible(state, data.interviewId, meta);
  if (data.signerId !== meta.actor) throw new ForbiddenError('people sign for themselves: signerId must be you', 'signerId');
  if (!isSignatureRole(data.role)) throw new ValidationError(`role must be one of ${SIGNATURE_ROLES.join(', ')}`, 'role', 'INVALID_ROLE');
  if (!Number.isSafeInteger(data.version) || data.version < 1) throw new ValidationError('version must be a positive integer', 'version');
  if (typeof data.kid !== 'string' || !KEY_ID.test(data.kid))
    throw new ValidationError('kid must look like ed25519:<16 hex digits>', 'kid', 'INVALID_KEY_ID');
  const signature = decodeFixedBase64(data.signature, SIGNATURE_BYTES);
  if (!signature) throw new ValidationError(`signature must be base64 of ${SIGNATURE_BYTES} bytes`, 'signature', 'INVALID_ENCODING');

  if (!holdsRole(current.basic, data.role, data.signerId)) {
    throw new SigningRuleError('NOT_A_PARTY', `${data.signerId} is not this interview's ${data.role}`, 'role');
  }
  if (current.status === 'locked')
    throw new SigningRuleError('LOCKED', `the record is locked at version ${current.version}; it needs no more signatures`, 'interviewId');
  if (data.version !== current.version) {
    throw new SigningRuleError(
      'STALE_VERSION',
      `the record is at version ${current.version}, not ${data.version}: fetch its signing message again, read it, and sign that`,
      'version',
    );
  }
  if (current.status !== 'correction') {
    const step = currentStep(current);
    if (!step.signing) {
      const signingStep = current.flow.steps.find((s) => s.signing);
      throw new RuleError(
        'NOT_SIGNING_STEP',
        `the record is at step ${step.label.zh} (${step.key}); it is signed at step ${signingStep?.label.zh ?? 'signatures'} (${signingStep?.key ?? '?'})`,
        'interviewId',
        {
          step: step.key,
        },
      );
    }
  }
  // The record as signed must satisfy the template (in a multi-step flow earlier submissions ensured it; a correction may not undo it).
  assertSubmittable(
    current,
    PARTIES_BOTH,
    current.template.sections.map((x) => x.key),
    meta,
  );
  const correction = current.status === 'correction' ? current.corrections.at(-1) : undefined;
  if (correction && correction.fromVersion === current.version) {
    throw new SigningRuleError(
      'CORRECTION_UNCHANGED',
      `a correction is open from version ${current.version} and nothing has changed yet: edit the record, then sign the new version`,
      'version',
    );
  }
  if (hasSigned(current, data.role, data.signerId)) {
    throw new SigningRuleError('ALREADY_SIGNED', `you signed version ${current.version} as ${data.role} already`, 'role');
  }

  const key = data.signerKey;
  if (!key || key.kid !== data.kid) throw new SigningRuleError('UNKNOWN_KEY', `${data.signerId} has no registered key ${data.kid}`, 'kid');
  if (key.status !== 'active')
    throw new SigningRuleError('KEY_REVOKED', `key ${data.kid} has been revoked; register a new key and sign with it`, 'kid');
  const publicKey = decodeFixedBase64(key.publicKey, PUBLIC_KEY_BYTES);
  // The person decider only registers well-formed keys; a bad one here is a corrupt directory, not user error.
  if (!publicKey) throw new Error(`registered key ${key.kid} of ${data.signerId} is not ${PUBLIC_KEY_BYTES} bytes of base64`);

  const digest = contentDigest(current);
  const message = signingMessage({
    interviewId: current.id,
    version: current.version,
    contentDigest: digest,
    role: data.role,
    signerId: data.signerId,
  });
  if (!ed25519Verify(message, signature, publicKeyFromRaw(publicKey))) {
    throw new SigningRuleError(
      'BAD_SIGNATURE',
      `the signature does not verify with key ${data.kid} over the signing message of version ${current.version} as ${data.role}`,
      'signature',
    );
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
  const locked = lockAfter(current, signed.data, meta.now);
  if (!locked) return [signed];
  const agreed = planAgreement(current);
  return [signed, locked, ...(agreed ? [agreed] : [])];
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

export function addAddendum(command: AddAddendum, state: Interview): InterviewEvent[] {
  const { meta, data } = command;
  const current = visible(state, data.interviewId, meta);
  if (!canAddAddendum(viewerOf(meta), current.basic)) {
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

export function openCorrection(command: OpenCorrection, state: Interview): InterviewEvent[] {
  const { meta, data } = command;
  const current = visible(state, data.interviewId, meta);
  if (!may(viewerOf(meta), 'openCorrections')) throw new ForbiddenError('only HR or an admin may open a correction of a signed record');
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
