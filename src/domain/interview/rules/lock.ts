/**
 * The lock: a record locks when every required signer has signed its current version, and a
 * locked record's content is frozen (addenda and a correction remain). This file owns who must
 * sign, whether a signature counts towards the lock (`countsTowardsLock`, the one test of it),
 * who still has to sign, when a signature completes the lock, and the status a content change
 * leaves the record in.
 */
import { SigningRuleError, type SignatureRole } from '../signing';
import type { InterviewLocked, SignatureRecord } from '../events';
import type { ExistingInterview, InterviewStatus } from '../state';

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

/** Whether `signerId` has a signature as `role` that counts towards locking the record as it is now. */
export function hasSigned(
  record: Pick<ExistingInterview, 'status' | 'version' | 'corrections' | 'signatures'>,
  role: SignatureRole,
  signerId: string,
): boolean {
  return record.signatures.some((s) => s.role === role && s.signerId === signerId && countsTowardsLock(record, s));
}

/** Who still has to sign the current version before the record locks (each person once); nobody once it is locked. */
export function pendingSigners(record: ExistingInterview): string[] {
  if (record.status === 'locked') return [];
  return [
    ...new Set(
      requiredSigners(record)
        .filter(({ role, signerId }) => !hasSigned(record, role, signerId))
        .map((s) => s.signerId),
    ),
  ];
}

/** The lock that `signature` sets, when it is the last required signature of the current version; null otherwise. */
export function lockAfter(current: ExistingInterview, signature: SignatureRecord, lockedAt: string): InterviewLocked | null {
  if (pendingSigners({ ...current, signatures: [...current.signatures, signature] }).length > 0) return null;
  return { type: 'InterviewLocked', data: { interviewId: current.id, version: current.version, lockedAt } };
}

export function assertNotLocked(current: ExistingInterview): void {
  if (current.status === 'locked') {
    throw new SigningRuleError(
      'LOCKED',
      `the record was signed and locked at version ${current.version}; add an addendum, or ask HR to open a correction`,
      'interviewId',
    );
  }
}

/**
 * Status after a content change (a new version). A change during an open correction keeps
 * the correction open; otherwise signatures of older versions no longer count, so the record
 * is back to being filled in.
 */
export function statusAfterChange(next: ExistingInterview): InterviewStatus {
  // Content can only change while unlocked, so any correction on record is the open one.
  if (next.corrections.length > 0) return 'correction';
  return Object.keys(next.sections).length > 0 ? 'in_progress' : 'scheduled';
}
