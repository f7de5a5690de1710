/**
 * Signing and locking (issue 4): SignInterview, AddAddendum, OpenCorrection, and how locks
 * stop edits. Signatures are made with node:crypto here for speed; one spec signs with
 * tweetnacl through the client module to prove the decider accepts what browsers produce.
 */
import { interviewDecider } from '../../src/domain/interview/decider';
import { keyPairFromSeed, signInterview as clientSign } from '../../src/client/signer';
import { ed25519Sign, privateKeyFromSeed, rawPublicKey } from '../../src/crypto/ed25519';
import { keyIdOf } from '../../src/crypto/key-id';
import type { CommandMeta, Role } from '../../src/domain/command';
import { ForbiddenError, NotFoundError, ValidationError } from '../../src/domain/errors';
import {
  countsTowardsLock,
  evolve,
  initialState,
  type AddAddendum,
  type EditInterviewSection,
  type ExistingInterview,
  type Interview,
  type InterviewEvent,
  type InterviewScheduled,
  type OpenCorrection,
  type SignerKey,
  type SignInterview,
  type UpdateInterviewBasicInfo,
} from '../../src/domain/interview/interview';
import {
  contentDigest,
  signedContent,
  signingMessage,
  SIGNING_LIMITS,
  SigningRuleError,
  type SignatureRole,
} from '../../src/domain/interview/signing';
import { LIMITS } from '../../src/domain/limits';
import { GIVEN_AT, specFor } from '../support/given-when-then';

const { given } = specFor(interviewDecider);

const NOW = '2026-06-20T02:00:00.000Z';
const meta = (actor: string, ...roles: Role[]): CommandMeta => ({ actor, roles, ip: '203.0.113.7', now: NOW, commandId: `cmd-${actor}` });

const EMPLOYEE = meta('emp-1', 'employee');
const MANAGER = meta('mgr-1', 'manager', 'employee');
const PARTICIPANT = meta('peer-1', 'employee');
const STRANGER = meta('emp-9', 'employee');
const HR = meta('hr-1', 'hr');
const ADMIN = meta('adm-1', 'admin');
const AUDITOR = meta('aud-1', 'auditor');

const ID = 'iv-2026-0001';

/** A person's signing key: seed, node private key, registered form. */
function key(seedByte: number) {
  const seed = new Uint8Array(32).fill(seedByte);
  const privateKey = privateKeyFromSeed(seed);
  const publicKey = rawPublicKey(privateKey);
  const registered: SignerKey = { kid: keyIdOf(publicKey), publicKey: publicKey.toString('base64'), status: 'active' };
  return { seed, privateKey, registered };
}
const KEYS = { 'emp-1': key(1), 'mgr-1': key(2), 'peer-1': key(3), 'hr-1': key(4) } as const;
type Signer = keyof typeof KEYS;

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
    position: '高级工程师',
    cycle: '2026-H1',
    scheduledAt: '2026-07-01T01:30:00.000Z',
    location: '3F 会议室',
    ...overrides,
  },
});

const edited = (
  version: number,
  section = 'goalReview',
  content: Record<string, unknown> = { summary: `v${version}` },
): InterviewEvent => ({
  type: 'InterviewSectionEdited',
  data: { interviewId: ID, version, section, content: content as never },
});

const stateOf = (events: readonly InterviewEvent[]): ExistingInterview => {
  const state = events.reduce((s: Interview, e) => evolve(s, e, GIVEN_AT), initialState());
  if (state.status === 'none') throw new Error('no interview in the given events');
  return state;
};

/** The signature `signer` makes over the record as `events` leave it, in `role`. */
function signatureOver(events: readonly InterviewEvent[], role: SignatureRole, signer: Signer, by: Signer = signer): string {
  const state = stateOf(events);
  const message = signingMessage({
    interviewId: state.id,
    version: state.version,
    contentDigest: contentDigest(state),
    role,
    signerId: signer,
  });
  return ed25519Sign(message, KEYS[by].privateKey).toString('base64');
}

const sign = (
  events: readonly InterviewEvent[],
  by: CommandMeta,
  role: SignatureRole,
  overrides: Partial<SignInterview['data']> = {},
): SignInterview => {
  const signer = by.actor as Signer;
  const state = stateOf(events);
  return {
    type: 'SignInterview',
    data: {
      interviewId: ID,
      version: state.version,
      role,
      signerId: by.actor,
      kid: KEYS[signer]?.registered.kid ?? 'ed25519:0000000000000000',
      signature: KEYS[signer] ? signatureOver(events, role, signer) : Buffer.alloc(64).toString('base64'),
      signerKey: KEYS[signer]?.registered ?? null,
      ...overrides,
    },
    meta: by,
  };
};

/** The InterviewSigned event decide emits for `sign(events, by, role)`. */
const signed = (events: readonly InterviewEvent[], by: CommandMeta, role: SignatureRole): InterviewEvent => {
  const state = stateOf(events);
  const signer = by.actor as Signer;
  return {
    type: 'InterviewSigned',
    data: {
      interviewId: ID,
      version: state.version,
      role,
      signerId: by.actor,
      kid: KEYS[signer].registered.kid,
      signature: signatureOver(events, role, signer),
      contentDigest: contentDigest(state),
      observed: { receivedAt: NOW, ip: '203.0.113.7', ...(by.userAgent ? { userAgent: by.userAgent } : {}) },
    },
  };
};

const locked = (version: number): InterviewEvent => ({ type: 'InterviewLocked', data: { interviewId: ID, version, lockedAt: NOW } });

const edit = (by: CommandMeta, expectedVersion: number, section = 'remarks'): EditInterviewSection => ({
  type: 'EditInterviewSection',
  data: { interviewId: ID, expectedVersion, section, content: { text: 'changed' } },
  meta: by,
});
const update = (by: CommandMeta, expectedVersion: number): UpdateInterviewBasicInfo => ({
  type: 'UpdateInterviewBasicInfo',
  data: { interviewId: ID, expectedVersion, changes: { location: '线上' } },
  meta: by,
});
const addendum = (by: CommandMeta, text: unknown = '补充:改进计划的第二项延后到 Q4。'): AddAddendum => ({
  type: 'AddAddendum',
  data: { interviewId: ID, text: text as string },
  meta: by,
});
const correction = (by: CommandMeta, reason: unknown = '员工姓名之外的目标数据录入错误'): OpenCorrection => ({
  type: 'OpenCorrection',
  data: { interviewId: ID, reason: reason as string },
  meta: by,
});

// A record filled in to version 3, then the same record signed by the employee, then locked.
const FILLED: InterviewEvent[] = [scheduled(), edited(2), edited(3, 'remarks')];
const HALF_SIGNED: InterviewEvent[] = [...FILLED, signed(FILLED, EMPLOYEE, 'employee')];
const LOCKED: InterviewEvent[] = [...HALF_SIGNED, signed(FILLED, MANAGER, 'manager'), locked(3)];
const CORRECTING: InterviewEvent[] = [
  ...LOCKED,
  { type: 'InterviewCorrectionOpened', data: { interviewId: ID, reason: '录入错误', fromVersion: 3, openedBy: 'hr-1', openedAt: NOW } },
];

describe('interview decider: signing and locking', () => {
  describe('SignInterview', () => {
    it('the employee signs the current version: InterviewSigned with the content digest and what the server observed', () => {
      given(FILLED)
        .when(sign(FILLED, EMPLOYEE, 'employee'))
        .then([signed(FILLED, EMPLOYEE, 'employee')]);
      const event = signed(FILLED, EMPLOYEE, 'employee');
      expect(event.data).toMatchObject({
        version: 3,
        contentDigest: contentDigest(stateOf(FILLED)),
        observed: { receivedAt: NOW, ip: '203.0.113.7' },
      });
      expect(event.data).not.toHaveProperty('observed.userAgent');
    });

    it('records the user agent when the client sent one', () => {
      const withAgent = { ...EMPLOYEE, userAgent: 'Mozilla/5.0 面谈客户端/1.0' };
      const [event] = interviewDecider.decide(sign(FILLED, withAgent, 'employee'), stateOf(FILLED));
      expect(event?.data).toMatchObject({ observed: { receivedAt: NOW, ip: '203.0.113.7', userAgent: 'Mozilla/5.0 面谈客户端/1.0' } });
    });

    it('the second required signature also locks the record in the same command', () => {
      given(HALF_SIGNED)
        .when(sign(HALF_SIGNED, MANAGER, 'manager'))
        .then([signed(HALF_SIGNED, MANAGER, 'manager'), locked(3)]);
    });

    it('in either order: the manager first, then the employee locks it', () => {
      const managerFirst = [...FILLED, signed(FILLED, MANAGER, 'manager')];
      given(managerFirst)
        .when(sign(managerFirst, EMPLOYEE, 'employee'))
        .then([signed(managerFirst, EMPLOYEE, 'employee'), locked(3)]);
    });

    it('accepts a signature made with tweetnacl through the browser client module', () => {
      const state = stateOf(FILLED);
      const {
        signature,
        kid,
        contentDigest: digest,
      } = clientSign(
        { interviewId: ID, version: 3, role: 'employee', signerId: 'emp-1', content: signedContent(state) },
        keyPairFromSeed(KEYS['emp-1'].seed).secretKey,
      );
      expect(kid).toBe(KEYS['emp-1'].registered.kid);
      expect(digest).toBe(contentDigest(state));
      // Ed25519 is deterministic: tweetnacl's bytes are node's bytes.
      expect(signature).toBe(signatureOver(FILLED, 'employee', 'emp-1'));
      given(FILLED)
        .when(sign(FILLED, EMPLOYEE, 'employee', { signature }))
        .then([signed(FILLED, EMPLOYEE, 'employee')]);
    });

    it('a participant may sign as participant; it does not lock a record whose template requires employee and manager', () => {
      given(FILLED)
        .when(sign(FILLED, PARTICIPANT, 'participant'))
        .then([signed(FILLED, PARTICIPANT, 'participant')]);
      const withParticipant = [...HALF_SIGNED, signed(HALF_SIGNED, PARTICIPANT, 'participant')];
      given(withParticipant)
        .when(sign(withParticipant, MANAGER, 'manager'))
        .then([signed(withParticipant, MANAGER, 'manager'), locked(3)]);
    });

    it('signatures of an older version do not count: an edit after the employee signed needs the employee again', () => {
      const reEdited = [...HALF_SIGNED, edited(4, 'remarks', { text: '改了' })];
      given(reEdited)
        .when(sign(reEdited, MANAGER, 'manager'))
        .then([signed(reEdited, MANAGER, 'manager')]);
      const managerSigned = [...reEdited, signed(reEdited, MANAGER, 'manager')];
      given(managerSigned)
        .when(sign(managerSigned, EMPLOYEE, 'employee'))
        .then([signed(managerSigned, EMPLOYEE, 'employee'), locked(4)]);
    });

    describe('rejections', () => {
      it('STALE_VERSION: a valid signature of version 2 when the record is at version 3', () => {
        const v2 = FILLED.slice(0, 2);
        given(FILLED)
          .when(sign(FILLED, EMPLOYEE, 'employee', { version: 2, signature: signatureOver(v2, 'employee', 'emp-1') }))
          .thenThrows(SigningRuleError, 'STALE_VERSION', 'version');
      });

      it('STALE_VERSION: a version the record has not reached', () => {
        given(FILLED)
          .when(sign(FILLED, EMPLOYEE, 'employee', { version: 4 }))
          .thenThrows(SigningRuleError, 'STALE_VERSION', 'version');
      });

      it.each([
        ['the employee claiming the manager role', EMPLOYEE, 'manager'],
        ['the manager claiming the employee role', MANAGER, 'employee'],
        ['a participant claiming the employee role', PARTICIPANT, 'employee'],
        ['the manager claiming the participant role', MANAGER, 'participant'],
        ['HR, who may see the record but is not on it', HR, 'employee'],
      ] as const)('NOT_A_PARTY: %s', (_who, by, role) => {
        given(FILLED)
          .when(sign(FILLED, by, role))
          .thenThrows(SigningRuleError, 'NOT_A_PARTY', 'role');
      });

      it('a stranger gets NOT_FOUND, as for any record they cannot see', () => {
        given(FILLED)
          .when(sign(FILLED, STRANGER, 'employee'))
          .thenThrows(NotFoundError, 'NOT_FOUND', 'interviewId');
        given([])
          .when(sign(FILLED, EMPLOYEE, 'employee'))
          .thenThrows(NotFoundError, 'NOT_FOUND', 'interviewId');
      });

      it('FORBIDDEN on signerId: nobody signs for someone else, not even HR', () => {
        given(FILLED)
          .when(sign(FILLED, HR, 'employee', { signerId: 'emp-1' }))
          .thenThrows(ForbiddenError, 'FORBIDDEN', 'signerId');
        given(FILLED)
          .when(sign(FILLED, MANAGER, 'employee', { signerId: 'emp-1' }))
          .thenThrows(ForbiddenError, 'FORBIDDEN', 'signerId');
      });

      it('KEY_REVOKED: the key was revoked in the person stream', () => {
        const revoked: SignerKey = { ...KEYS['emp-1'].registered, status: 'revoked' };
        given(FILLED)
          .when(sign(FILLED, EMPLOYEE, 'employee', { signerKey: revoked }))
          .thenThrows(SigningRuleError, 'KEY_REVOKED', 'kid');
      });

      it('UNKNOWN_KEY: no key with that kid, or a key of another kid handed in', () => {
        given(FILLED)
          .when(sign(FILLED, EMPLOYEE, 'employee', { signerKey: null }))
          .thenThrows(SigningRuleError, 'UNKNOWN_KEY', 'kid');
        given(FILLED)
          .when(sign(FILLED, EMPLOYEE, 'employee', { signerKey: KEYS['mgr-1'].registered }))
          .thenThrows(SigningRuleError, 'UNKNOWN_KEY', 'kid');
      });

      it.each([
        ['made with another key than the registered one', () => signatureOver(FILLED, 'employee', 'emp-1', 'mgr-1')],
        ['made over the manager-role message', () => signatureOver(FILLED, 'manager', 'emp-1')],
        ['made over another signer id', () => signatureOver(FILLED, 'employee', 'peer-1', 'emp-1')],
        [
          'made over different content at the same version',
          () => signatureOver([scheduled(), edited(2), edited(3, 'remarks', { text: '别的内容' })], 'employee', 'emp-1'),
        ],
        [
          'made for another interview with the same content',
          () => {
            const other = [scheduled({ interviewId: 'iv-2026-0002' }), edited(2), edited(3, 'remarks')].map((e) => ({
              ...e,
              data: { ...e.data, interviewId: 'iv-2026-0002' },
            })) as InterviewEvent[];
            return signatureOver(other, 'employee', 'emp-1');
          },
        ],
        [
          'with one bit flipped',
          () => {
            const bytes = Buffer.from(signatureOver(FILLED, 'employee', 'emp-1'), 'base64');
            bytes[10]! ^= 0x01;
            return bytes.toString('base64');
          },
        ],
        ['of 64 zero bytes', () => Buffer.alloc(64).toString('base64')],
      ])('BAD_SIGNATURE: a signature %s', (_case, makeSignature) => {
        given(FILLED)
          .when(sign(FILLED, EMPLOYEE, 'employee', { signature: makeSignature() }))
          .thenThrows(SigningRuleError, 'BAD_SIGNATURE', 'signature');
      });

      it('ALREADY_SIGNED: the same role twice on one version, and a replay of the very same signature', () => {
        const replay = signed(FILLED, EMPLOYEE, 'employee').data as { signature: string };
        given(HALF_SIGNED)
          .when(sign(HALF_SIGNED, EMPLOYEE, 'employee', { signature: replay.signature }))
          .thenThrows(SigningRuleError, 'ALREADY_SIGNED', 'role');
        const bothParticipant = [...FILLED, signed(FILLED, PARTICIPANT, 'participant')];
        given(bothParticipant)
          .when(sign(bothParticipant, PARTICIPANT, 'participant'))
          .thenThrows(SigningRuleError, 'ALREADY_SIGNED', 'role');
      });

      it('LOCKED: a locked record takes no more signatures, not even a replay', () => {
        given(LOCKED)
          .when(sign(FILLED, EMPLOYEE, 'employee'))
          .thenThrows(SigningRuleError, 'LOCKED', 'interviewId');
        given(LOCKED)
          .when(sign(FILLED, PARTICIPANT, 'participant'))
          .thenThrows(SigningRuleError, 'LOCKED', 'interviewId');
      });

      it.each([
        ['an unknown role', { role: 'boss' }, ValidationError, 'INVALID_ROLE', 'role'],
        ['version 0', { version: 0 }, ValidationError, 'VALIDATION_FAILED', 'version'],
        ['a fractional version', { version: 2.5 }, ValidationError, 'VALIDATION_FAILED', 'version'],
        ['a kid that is not ed25519:<16 hex>', { kid: 'my-key' }, ValidationError, 'INVALID_KEY_ID', 'kid'],
        ['a signature that is not base64', { signature: 'not base64!' }, ValidationError, 'INVALID_ENCODING', 'signature'],
        ['a signature of 63 bytes', { signature: Buffer.alloc(63).toString('base64') }, ValidationError, 'INVALID_ENCODING', 'signature'],
        ['a signature with its padding stripped', { signature: 'A'.repeat(86) }, ValidationError, 'INVALID_ENCODING', 'signature'],
      ] as const)('rejects %s before looking at keys', (_case, change, errorClass, code, field) => {
        given(FILLED)
          .when(sign(FILLED, EMPLOYEE, 'employee', change as unknown as Partial<SignInterview['data']>))
          .thenThrows(errorClass, code, field);
      });
    });
  });

  describe('after the lock', () => {
    it('LOCKED: edits and basic-information updates are refused, even at the current version', () => {
      given(LOCKED).when(edit(EMPLOYEE, 3)).thenThrows(SigningRuleError, 'LOCKED', 'interviewId');
      given(LOCKED).when(edit(HR, 3)).thenThrows(SigningRuleError, 'LOCKED', 'interviewId');
      given(LOCKED).when(update(ADMIN, 3)).thenThrows(SigningRuleError, 'LOCKED', 'interviewId');
    });

    it('LOCKED is reported before a stale version: the fix is a correction, not a reload', () => {
      given(LOCKED).when(edit(EMPLOYEE, 2)).thenThrows(SigningRuleError, 'LOCKED', 'interviewId');
    });

    it('awaiting signatures is not locked: an edit is a new version', () => {
      given(HALF_SIGNED)
        .when(edit(MANAGER, 3))
        .then([
          { type: 'InterviewSectionEdited', data: { interviewId: ID, version: 4, section: 'remarks', content: { text: 'changed' } } },
        ]);
    });
  });

  describe('AddAddendum', () => {
    const added = (authorId: string, addendumId = 'A1', text = '补充:改进计划的第二项延后到 Q4。'): InterviewEvent => ({
      type: 'InterviewAddendumAdded',
      data: { interviewId: ID, addendumId, text, authorId, at: NOW },
    });

    it.each([
      ['the employee', EMPLOYEE],
      ['the manager', MANAGER],
      ['another participant', PARTICIPANT],
      ['HR', HR],
      ['an admin', ADMIN],
    ])('%s may add one to a locked record', (_who, by) => {
      given(LOCKED)
        .when(addendum(by))
        .then([added(by.actor)]);
    });

    it('numbers addenda in order', () => {
      given([...LOCKED, added('emp-1')])
        .when(addendum(MANAGER, '同意'))
        .then([added('mgr-1', 'A2', '同意')]);
    });

    it('an auditor may not (FORBIDDEN); a stranger does not see the record (NOT_FOUND)', () => {
      given(LOCKED).when(addendum(AUDITOR)).thenThrows(ForbiddenError, 'FORBIDDEN');
      given(LOCKED).when(addendum(STRANGER)).thenThrows(NotFoundError, 'NOT_FOUND', 'interviewId');
    });

    it('NOT_LOCKED: a record that can still be edited gets an edit, not an addendum', () => {
      given(FILLED).when(addendum(EMPLOYEE)).thenThrows(SigningRuleError, 'NOT_LOCKED', 'interviewId');
      given(HALF_SIGNED).when(addendum(EMPLOYEE)).thenThrows(SigningRuleError, 'NOT_LOCKED', 'interviewId');
      given(CORRECTING).when(addendum(EMPLOYEE)).thenThrows(SigningRuleError, 'NOT_LOCKED', 'interviewId');
    });

    it('text is required and limited', () => {
      given(LOCKED).when(addendum(EMPLOYEE, '  ')).thenThrows(ValidationError, 'REQUIRED', 'text');
      given(LOCKED)
        .when(addendum(EMPLOYEE, 'x'.repeat(LIMITS.stringChars + 1)))
        .thenThrows(ValidationError, 'VALUE_TOO_LARGE', 'text');
    });

    it(`at most ${SIGNING_LIMITS.addenda} per record`, () => {
      const many = Array.from({ length: SIGNING_LIMITS.addenda - 1 }, (_, i) => added('emp-1', `A${i + 1}`));
      given([...LOCKED, ...many])
        .when(addendum(HR, '最后一条'))
        .then([added('hr-1', `A${SIGNING_LIMITS.addenda}`, '最后一条')]);
      given([...LOCKED, ...many, added('hr-1', `A${SIGNING_LIMITS.addenda}`)])
        .when(addendum(HR))
        .thenThrows(ValidationError, 'VALUE_TOO_LARGE', 'text');
    });

    it('changes neither the version, the status, nor the signed content', () => {
      const before = stateOf(LOCKED);
      const after = stateOf([...LOCKED, added('emp-1')]);
      expect(after).toMatchObject({ status: 'locked', version: 3, lockedAt: NOW });
      expect(contentDigest(after)).toBe(contentDigest(before));
      expect(after.addenda).toEqual([
        { interviewId: ID, addendumId: 'A1', text: '补充:改进计划的第二项延后到 Q4。', authorId: 'emp-1', at: NOW },
      ]);
    });
  });

  describe('OpenCorrection', () => {
    it.each([
      ['HR', HR],
      ['an admin', ADMIN],
    ])('%s opens one from the locked version', (_who, by) => {
      given(LOCKED)
        .when(correction(by))
        .then([
          {
            type: 'InterviewCorrectionOpened',
            data: { interviewId: ID, reason: '员工姓名之外的目标数据录入错误', fromVersion: 3, openedBy: by.actor, openedAt: NOW },
          },
        ]);
    });

    it('the parties may not (FORBIDDEN); a stranger does not see the record', () => {
      given(LOCKED).when(correction(EMPLOYEE)).thenThrows(ForbiddenError, 'FORBIDDEN');
      given(LOCKED).when(correction(MANAGER)).thenThrows(ForbiddenError, 'FORBIDDEN');
      given(LOCKED).when(correction(AUDITOR)).thenThrows(ForbiddenError, 'FORBIDDEN');
      given(LOCKED).when(correction(STRANGER)).thenThrows(NotFoundError, 'NOT_FOUND', 'interviewId');
    });

    it('NOT_LOCKED: only a locked record is corrected, and not twice at once', () => {
      given(HALF_SIGNED).when(correction(HR)).thenThrows(SigningRuleError, 'NOT_LOCKED', 'interviewId');
      given(CORRECTING).when(correction(HR)).thenThrows(SigningRuleError, 'NOT_LOCKED', 'interviewId');
    });

    it('a reason is required', () => {
      given(LOCKED).when(correction(HR, '')).thenThrows(ValidationError, 'REQUIRED', 'reason');
    });

    it('reopens the record: status correction, no lock, edits allowed as new versions', () => {
      expect(stateOf(CORRECTING)).toMatchObject({ status: 'correction', lockedAt: null, version: 3 });
      given(CORRECTING)
        .when(edit(EMPLOYEE, 3))
        .then([
          { type: 'InterviewSectionEdited', data: { interviewId: ID, version: 4, section: 'remarks', content: { text: 'changed' } } },
        ]);
      given(CORRECTING)
        .when(update(HR, 3))
        .then([{ type: 'InterviewBasicInfoUpdated', data: { interviewId: ID, version: 4, changes: { location: '线上' } } }]);
      expect(stateOf([...CORRECTING, edited(4)]).status).toBe('correction');
    });

    it('CORRECTION_UNCHANGED: nothing to sign until the correction changes something', () => {
      given(CORRECTING)
        .when(sign(FILLED, EMPLOYEE, 'employee'))
        .thenThrows(SigningRuleError, 'CORRECTION_UNCHANGED', 'version');
    });

    it('the corrected version must be signed by both again, which locks it again', () => {
      const corrected = [...CORRECTING, edited(4, 'goalReview', { summary: '更正后的目标数据' })];
      given(corrected)
        .when(sign(corrected, EMPLOYEE, 'employee'))
        .then([signed(corrected, EMPLOYEE, 'employee')]);
      const oneSigned = [...corrected, signed(corrected, EMPLOYEE, 'employee')];
      expect(stateOf(oneSigned).status).toBe('awaiting_signatures');
      given(oneSigned)
        .when(sign(oneSigned, MANAGER, 'manager'))
        .then([signed(oneSigned, MANAGER, 'manager'), locked(4)]);
      const relocked = stateOf([...oneSigned, signed(oneSigned, MANAGER, 'manager'), locked(4)]);
      expect(relocked).toMatchObject({ status: 'locked', version: 4, lockedAt: NOW });
      expect(relocked.signatures.map((s) => [s.version, s.role])).toEqual([
        [3, 'employee'],
        [3, 'manager'],
        [4, 'employee'],
        [4, 'manager'],
      ]);
      expect(relocked.corrections).toHaveLength(1);
    });

    it('an edit during a correction after one party signed goes back to correction, not in_progress', () => {
      const corrected = [...CORRECTING, edited(4)];
      const oneSigned = [...corrected, signed(corrected, EMPLOYEE, 'employee')];
      expect(stateOf([...oneSigned, edited(5)]).status).toBe('correction');
    });
  });

  describe('evolve', () => {
    it('status: awaiting_signatures after the first signature, locked with lockedAt after the lock', () => {
      expect(stateOf(HALF_SIGNED)).toMatchObject({ status: 'awaiting_signatures', version: 3, lockedAt: null });
      expect(stateOf(LOCKED)).toMatchObject({ status: 'locked', version: 3, lockedAt: NOW });
    });

    it('an edit after a signature goes back to in_progress; a basic-information update with no sections yet back to scheduled', () => {
      expect(stateOf([...HALF_SIGNED, edited(4)]).status).toBe('in_progress');
      const early = [scheduled()];
      const signedEarly = [...early, signed(early, EMPLOYEE, 'employee')];
      expect(stateOf(signedEarly).status).toBe('awaiting_signatures');
      expect(
        stateOf([...signedEarly, { type: 'InterviewBasicInfoUpdated', data: { interviewId: ID, version: 2, changes: { location: 'B2' } } }])
          .status,
      ).toBe('scheduled');
    });

    it('signatures are kept for the history; only those on the current version count towards the lock', () => {
      const state = stateOf([...HALF_SIGNED, edited(4)]);
      expect(state.signatures).toHaveLength(1);
      expect(countsTowardsLock(state, state.signatures[0]!)).toBe(false);
      const half = stateOf(HALF_SIGNED);
      expect(countsTowardsLock(half, half.signatures[0]!)).toBe(true);
      // In an unedited correction the version is the same, but the old signatures no longer count.
      const correcting = stateOf(CORRECTING);
      expect(correcting.signatures.map((s) => countsTowardsLock(correcting, s))).toEqual([false, false]);
    });
  });
});
