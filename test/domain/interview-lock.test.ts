/**
 * The lock rule (src/domain/interview/rules/lock.ts): who still has to sign, on the one test of
 * whether a signature counts. The same answer serves the sign decision (when a signature
 * completes the lock) and the read model's step tasks (who must sign now). States are built
 * with evolve; signatures are not verified here (the signing specs do that).
 */
import type { SignatureRole } from '../../src/domain/interview/signing';
import {
  evolve,
  initialState,
  pendingSigners,
  type ExistingInterview,
  type Interview,
  type InterviewEvent,
  type InterviewScheduled,
  type SignatureRecord,
} from '../../src/domain/interview/interview';
import { hasSigned, lockAfter } from '../../src/domain/interview/rules/lock';
import { findTemplate } from '../../src/domain/interview/template';
import { GIVEN_AT } from '../support/given-when-then';

const ID = 'iv-lock-1';
const NOW = '2026-06-20T02:00:00.000Z';

const scheduled = (overrides: Partial<InterviewScheduled['data']> = {}): InterviewScheduled => ({
  type: 'InterviewScheduled',
  data: {
    interviewId: ID,
    templateId: 'standard-v1',
    version: 1,
    employeeId: 'emp-1',
    managerId: 'mgr-1',
    participantIds: ['peer-1'],
    department: '研发中心',
    position: '工程师',
    cycle: '2026-H1',
    scheduledAt: '2026-07-01T01:30:00.000Z',
    location: '',
    ...overrides,
  },
});
const edited = (version: number): InterviewEvent => ({
  type: 'InterviewSectionEdited',
  data: { interviewId: ID, version, section: 'remarks', content: { text: `v${version}` } },
});
const signature = (version: number, role: SignatureRole, signerId: string): SignatureRecord => ({
  interviewId: ID,
  version,
  role,
  signerId,
  kid: 'ed25519:0000000000000000',
  signature: 'AA==',
  contentDigest: 'sha256:00',
  observed: { receivedAt: NOW, ip: '203.0.113.7' },
});
const signed = (version: number, role: SignatureRole, signerId: string): InterviewEvent => ({
  type: 'InterviewSigned',
  data: signature(version, role, signerId),
});
const locked = (version: number): InterviewEvent => ({ type: 'InterviewLocked', data: { interviewId: ID, version, lockedAt: NOW } });
const correctionOpened = (fromVersion: number): InterviewEvent => ({
  type: 'InterviewCorrectionOpened',
  data: { interviewId: ID, reason: '录入错误', fromVersion, openedBy: 'hr-1', openedAt: NOW },
});

const stateOf = (events: readonly InterviewEvent[]): ExistingInterview => {
  const state = events.reduce((s: Interview, e) => evolve(s, e, GIVEN_AT), initialState());
  if (state.status === 'none') throw new Error('no interview in the given events');
  return state;
};

const FILLED = [scheduled(), edited(2)];
const LOCKED = [...FILLED, signed(2, 'employee', 'emp-1'), signed(2, 'manager', 'mgr-1'), locked(2)];

describe('lock rule: who still has to sign', () => {
  it('every required signer of the template (employee and manager here), not the other participants', () => {
    expect(pendingSigners(stateOf(FILLED))).toEqual(['emp-1', 'mgr-1']);
  });

  it('a signature of the current version counts; a participant signing changes nothing', () => {
    expect(pendingSigners(stateOf([...FILLED, signed(2, 'employee', 'emp-1')]))).toEqual(['mgr-1']);
    expect(pendingSigners(stateOf([...FILLED, signed(2, 'participant', 'peer-1')]))).toEqual(['emp-1', 'mgr-1']);
  });

  it('a signature of an older version does not count: an edit after it needs the signer again', () => {
    const state = stateOf([...FILLED, signed(2, 'employee', 'emp-1'), edited(3)]);
    expect(pendingSigners(state)).toEqual(['emp-1', 'mgr-1']);
    expect(hasSigned(state, 'employee', 'emp-1')).toBe(false);
  });

  it('nobody once the record is locked', () => {
    expect(pendingSigners(stateOf(LOCKED))).toEqual([]);
  });

  it('in an unedited correction nobody has signed yet, although the version is the one they signed', () => {
    const state = stateOf([...LOCKED, correctionOpened(2)]);
    expect(state.version).toBe(2);
    expect(pendingSigners(state)).toEqual(['emp-1', 'mgr-1']);
    expect(hasSigned(state, 'employee', 'emp-1')).toBe(false);
  });

  it('in an edited correction, signatures of the corrected version count', () => {
    const state = stateOf([...LOCKED, correctionOpened(2), edited(3), signed(3, 'manager', 'mgr-1')]);
    expect(state.status).toBe('awaiting_signatures');
    expect(pendingSigners(state)).toEqual(['emp-1']);
    expect(hasSigned(state, 'manager', 'mgr-1')).toBe(true);
  });

  it('a template that requires the participants lists each of them, each person once', () => {
    const template = { ...findTemplate('standard-v1')!, requiredSignatures: ['employee', 'manager', 'participant'] as SignatureRole[] };
    const events = [scheduled({ template, participantIds: ['peer-1', 'peer-2'] }), edited(2)];
    expect(pendingSigners(stateOf(events))).toEqual(['emp-1', 'mgr-1', 'peer-1', 'peer-2']);
    expect(pendingSigners(stateOf([...events, signed(2, 'participant', 'peer-2'), signed(2, 'manager', 'mgr-1')]))).toEqual([
      'emp-1',
      'peer-1',
    ]);
  });

  describe('lockAfter', () => {
    it('the last required signature locks the current version; an earlier one does not', () => {
      const half = stateOf([...FILLED, signed(2, 'employee', 'emp-1')]);
      expect(lockAfter(half, signature(2, 'manager', 'mgr-1'), NOW)).toEqual({
        type: 'InterviewLocked',
        data: { interviewId: ID, version: 2, lockedAt: NOW },
      });
      expect(lockAfter(stateOf(FILLED), signature(2, 'manager', 'mgr-1'), NOW)).toBeNull();
      expect(lockAfter(half, signature(2, 'participant', 'peer-1'), NOW)).toBeNull();
    });

    it('a signature of an older version completes nothing', () => {
      const state = stateOf([...FILLED, signed(2, 'employee', 'emp-1'), edited(3), signed(3, 'employee', 'emp-1')]);
      expect(lockAfter(state, signature(2, 'manager', 'mgr-1'), NOW)).toBeNull();
      expect(lockAfter(state, signature(3, 'manager', 'mgr-1'), NOW)).not.toBeNull();
    });
  });
});
