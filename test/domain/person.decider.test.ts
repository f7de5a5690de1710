import { personDecider } from '../../src/domain/person/decider';
import type { CommandMeta, Role } from '../../src/domain/command';
import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '../../src/domain/errors';
import { LIMITS } from '../../src/domain/limits';
import {
  decidePerson,
  evolvePerson,
  initialPerson,
  type Person,
  type PersonCommand,
  type PersonProfile,
  type PersonRegistered,
  type RegisterPerson,
  type UpdatePersonProfile,
} from '../../src/domain/person/person';
import { randomBytes } from 'node:crypto';
import { keyIdOf } from '../../src/crypto/key-id';
import { SigningRuleError, SIGNING_LIMITS } from '../../src/domain/interview/signing';
import type { PersonEvent, RegisterSigningKey, RevokeSigningKey } from '../../src/domain/person/person';
import { specFor } from '../support/given-when-then';

const { given } = specFor(personDecider);

const meta = (actor: string, ...roles: Role[]): CommandMeta => ({
  actor,
  roles,
  ip: '203.0.113.7',
  now: '2026-06-01T00:00:00.000Z',
  commandId: `cmd-${actor}`,
});
const HR = meta('hr-1', 'hr');
const ADMIN = meta('adm-1', 'admin');

type Changes = UpdatePersonProfile['data']['changes'];

const registerData = (overrides: Partial<RegisterPerson['data']> = {}): RegisterPerson['data'] => ({
  personId: 'emp-1',
  name: '张三',
  department: '研发中心',
  position: '高级工程师',
  managerId: 'mgr-1',
  category: 'rnd',
  level: 'staff',
  ...overrides,
});

const register = (by: CommandMeta, overrides: Partial<RegisterPerson['data']> = {}): RegisterPerson => ({
  type: 'RegisterPerson',
  data: registerData(overrides),
  meta: by,
});

const registered = (overrides: Partial<PersonProfile> = {}): PersonRegistered => ({
  type: 'PersonRegistered',
  data: {
    personId: 'emp-1',
    name: '张三',
    department: '研发中心',
    position: '高级工程师',
    managerId: 'mgr-1',
    category: 'rnd',
    level: 'staff',
    roles: ['employee'],
    ...overrides,
  },
});

const updateProfile = (by: CommandMeta, changes: Changes, personId = 'emp-1'): UpdatePersonProfile => ({
  type: 'UpdatePersonProfile',
  data: { personId, changes },
  meta: by,
});

const profileUpdated = (changes: Changes) => ({ type: 'PersonProfileUpdated' as const, data: { personId: 'emp-1', changes } });

describe('person decider', () => {
  describe('RegisterPerson', () => {
    it('HR registers a person; roles default to employee', () => {
      given([]).when(register(HR)).then([registered()]);
    });

    it('an admin may register', () => {
      given([]).when(register(ADMIN)).then([registered()]);
    });

    it.each<[string, CommandMeta]>([
      ['an employee', meta('emp-2', 'employee')],
      ['a manager', meta('mgr-1', 'manager')],
      ['an auditor', meta('aud-1', 'auditor')],
      ['the person themself', meta('emp-1', 'employee')],
      ['someone with no roles', meta('x-1')],
    ])('%s may not: FORBIDDEN', (_who, by) => {
      given([]).when(register(by)).thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('trims text fields and keeps Chinese names as written', () => {
      given([])
        .when(register(HR, { name: '  李四 ', department: ' 财务部' }))
        .then([registered({ name: '李四', department: '财务部' })]);
    });

    it('accepts a person without a manager (null or absent)', () => {
      given([])
        .when(register(HR, { managerId: null }))
        .then([registered({ managerId: null })]);
      given([])
        .when(register(HR, { managerId: undefined as unknown as null }))
        .then([registered({ managerId: null })]);
    });

    it('rejects a person as their own manager', () => {
      given([])
        .when(register(HR, { managerId: 'emp-1' }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'managerId');
    });

    it('registering the same person twice is ILLEGAL_STATE', () => {
      given([registered()]).when(register(HR)).thenThrows(IllegalStateError, 'ILLEGAL_STATE', 'personId');
    });

    it('validates ids', () => {
      given([])
        .when(register(HR, { personId: 'no spaces' }))
        .thenThrows(ValidationError, 'INVALID_ID', 'personId');
      given([])
        .when(register(HR, { personId: 'x'.repeat(LIMITS.idChars + 1) }))
        .thenThrows(ValidationError, 'INVALID_ID', 'personId');
      given([])
        .when(register(HR, { managerId: 'bad/id' }))
        .thenThrows(ValidationError, 'INVALID_ID', 'managerId');
    });

    it('requires name, department and position within the length limit', () => {
      given([])
        .when(register(HR, { name: '  ' }))
        .thenThrows(ValidationError, 'REQUIRED', 'name');
      given([])
        .when(register(HR, { department: undefined as unknown as string }))
        .thenThrows(ValidationError, 'REQUIRED', 'department');
      given([])
        .when(register(HR, { position: 'x'.repeat(LIMITS.nameChars + 1) }))
        .thenThrows(ValidationError, 'VALUE_TOO_LARGE', 'position');
      given([])
        .when(register(HR, { name: 7 as unknown as string }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'name');
    });

    it.each(['production', 'rnd', 'service', 'sales', 'functional'] as const)('accepts job category %s', (category) => {
      given([])
        .when(register(HR, { category }))
        .then([registered({ category })]);
    });

    it.each(['staff', 'team_lead', 'manager', 'executive'] as const)('accepts level %s', (level) => {
      given([])
        .when(register(HR, { level }))
        .then([registered({ level })]);
    });

    it('rejects an unknown category or level', () => {
      given([])
        .when(register(HR, { category: 'marketing' as never }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'category');
      given([])
        .when(register(HR, { level: 'intern' as never }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'level');
    });

    describe('roles', () => {
      it('keeps the roles given, dropping duplicates', () => {
        given([])
          .when(register(HR, { roles: ['manager', 'employee'] }))
          .then([registered({ roles: ['manager', 'employee'] })]);
        given([])
          .when(register(HR, { roles: ['hr', 'hr', 'auditor'] }))
          .then([registered({ roles: ['hr', 'auditor'] })]);
      });

      it('accepts all five roles at once', () => {
        const all: Role[] = ['employee', 'manager', 'hr', 'auditor', 'admin'];
        given([])
          .when(register(HR, { roles: all }))
          .then([registered({ roles: all })]);
      });

      it.each<[string, unknown]>([
        ['an empty list', []],
        ['an unknown role', ['employee', 'superuser']],
        ['a role in the wrong case', ['HR']],
        ['more than five entries', ['employee', 'employee', 'employee', 'employee', 'employee', 'employee']],
        ['not a list', 'employee'],
        ['null inside', [null]],
      ])('rejects %s', (_what, roles) => {
        given([])
          .when(register(HR, { roles: roles as Role[] }))
          .thenThrows(ValidationError, 'VALIDATION_FAILED', 'roles');
      });
    });
  });

  describe('UpdatePersonProfile', () => {
    it.each<[string, Changes, Changes]>([
      ['name', { name: ' 张三丰 ' }, { name: '张三丰' }],
      ['department', { department: '产品部' }, { department: '产品部' }],
      ['position', { position: '架构师' }, { position: '架构师' }],
      ['manager', { managerId: 'mgr-2' }, { managerId: 'mgr-2' }],
      ['manager removed', { managerId: null }, { managerId: null }],
      ['category', { category: 'sales' }, { category: 'sales' }],
      ['level', { level: 'team_lead' }, { level: 'team_lead' }],
      ['roles', { roles: ['employee', 'manager'] }, { roles: ['employee', 'manager'] }],
      ['several fields', { level: 'manager', roles: ['manager'] }, { level: 'manager', roles: ['manager'] }],
    ])('HR changes %s: PersonProfileUpdated with only the validated changes', (_what, changes, expected) => {
      given([registered()])
        .when(updateProfile(HR, changes))
        .then([profileUpdated(expected)]);
    });

    it('only HR or an admin may update', () => {
      given([registered()])
        .when(updateProfile(ADMIN, { name: 'x' }))
        .then([profileUpdated({ name: 'x' })]);
      given([registered()])
        .when(updateProfile(meta('emp-1', 'employee'), { name: 'x' }))
        .thenThrows(ForbiddenError, 'FORBIDDEN');
      given([registered()])
        .when(updateProfile(meta('mgr-1', 'manager'), { level: 'executive' }))
        .thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('updating someone not registered is NOT_FOUND', () => {
      given([])
        .when(updateProfile(HR, { name: 'x' }))
        .thenThrows(NotFoundError, 'NOT_FOUND', 'personId');
    });

    it('rejects making a person their own manager', () => {
      given([registered()])
        .when(updateProfile(HR, { managerId: 'emp-1' }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'changes.managerId');
    });

    it('requires at least one change', () => {
      given([registered()]).when(updateProfile(HR, {})).thenThrows(ValidationError, 'VALIDATION_FAILED', 'changes');
      given([registered()])
        .when(updateProfile(HR, undefined as unknown as Changes))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'changes');
    });

    it('validates each changed field, naming it', () => {
      given([registered()])
        .when(updateProfile(HR, { name: ' ' }))
        .thenThrows(ValidationError, 'REQUIRED', 'changes.name');
      given([registered()])
        .when(updateProfile(HR, { managerId: 'bad id' }))
        .thenThrows(ValidationError, 'INVALID_ID', 'changes.managerId');
      given([registered()])
        .when(updateProfile(HR, { category: 'x' as never }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'changes.category');
      given([registered()])
        .when(updateProfile(HR, { level: 'x' as never }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', 'changes.level');
      given([registered()])
        .when(updateProfile(HR, { roles: [] }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED');
    });
  });

  describe('evolvePerson', () => {
    it('PersonRegistered makes an active person with the registered profile', () => {
      expect(evolvePerson(initialPerson(), registered())).toStrictEqual({ status: 'active', ...registered().data, signingKeys: [] });
    });

    it('PersonProfileUpdated merges the changes and keeps the rest', () => {
      const before = evolvePerson(initialPerson(), registered());
      const after = evolvePerson(before, profileUpdated({ level: 'team_lead', managerId: null }));
      expect(after).toStrictEqual({ ...before, level: 'team_lead', managerId: null });
      expect(before).toMatchObject({ level: 'staff', managerId: 'mgr-1' });
    });

    it('an update for a person never registered changes nothing', () => {
      expect(evolvePerson(initialPerson(), profileUpdated({ name: 'x' }))).toStrictEqual({ status: 'none' });
    });

    it('the decider folds only person event types, and its evolve ignores the sealed time', () => {
      expect([...personDecider.eventTypes].sort()).toEqual([
        'PersonProfileUpdated',
        'PersonRegistered',
        'SigningKeyRegistered',
        'SigningKeyRevoked',
      ]);
      expect(personDecider.evolve(initialPerson(), registered(), '2026-01-01T00:00:00.000Z')).toStrictEqual(
        personDecider.evolve(initialPerson(), registered(), '2030-01-01T00:00:00.000Z'),
      );
    });
  });
});

describe('person decider: signing keys', () => {
  const NOW = '2026-06-01T00:00:00.000Z';
  const PUBLIC_KEYS = Array.from({ length: 8 }, (_, i) => Buffer.alloc(32, i + 1));
  const pk = (i: number) => PUBLIC_KEYS[i]!.toString('base64');
  const kid = (i: number) => keyIdOf(PUBLIC_KEYS[i]!);
  const SELF = meta('emp-1', 'employee');

  const registerKey = (by: CommandMeta, publicKey: unknown = pk(0), personId = 'emp-1'): RegisterSigningKey => ({
    type: 'RegisterSigningKey',
    data: { personId, publicKey: publicKey as string },
    meta: by,
  });
  const revokeKey = (by: CommandMeta, k: unknown = kid(0), reason: unknown = '笔记本丢失'): RevokeSigningKey => ({
    type: 'RevokeSigningKey',
    data: { personId: 'emp-1', kid: k as string, reason: reason as string },
    meta: by,
  });
  const keyRegistered = (i: number): PersonEvent => ({
    type: 'SigningKeyRegistered',
    data: { personId: 'emp-1', kid: kid(i), publicKey: pk(i), registeredAt: NOW },
  });
  const keyRevoked = (i: number, reason = '笔记本丢失'): PersonEvent => ({
    type: 'SigningKeyRevoked',
    data: { personId: 'emp-1', kid: kid(i), reason, revokedAt: NOW },
  });

  describe('RegisterSigningKey', () => {
    it.each<[string, CommandMeta]>([
      ['the person themself', SELF],
      ['HR for them', HR],
      ['an admin for them', ADMIN],
    ])('%s registers a key; its kid is derived from the public key', (_who, by) => {
      given([registered()])
        .when(registerKey(by))
        .then([keyRegistered(0)]);
    });

    it.each<[string, CommandMeta]>([
      ['another employee', meta('emp-2', 'employee')],
      ['their manager', meta('mgr-1', 'manager')],
      ['an auditor', meta('aud-1', 'auditor')],
    ])('%s may not: FORBIDDEN', (_who, by) => {
      given([registered()]).when(registerKey(by)).thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('a person who is not in the directory: NOT_FOUND', () => {
      given([]).when(registerKey(HR)).thenThrows(NotFoundError, 'NOT_FOUND', 'personId');
    });

    it.each<[string, CommandMeta]>([
      ['another employee', meta('emp-2', 'employee')],
      ['a manager', meta('mgr-1', 'manager')],
      ['an auditor', meta('aud-1', 'auditor')],
    ])('%s gets the same answer for a person who exists and one who does not, registering or revoking', (_who, by) => {
      const refusal = (command: PersonCommand, state: Person) => {
        try {
          decidePerson(command, state);
        } catch (error) {
          const { code, field, message } = error as { code: string; field?: string; message: string };
          return { kind: (error as Error).constructor.name, code, field, message };
        }
        throw new Error('expected a refusal');
      };
      const existing = [registered()].reduce(evolvePerson, initialPerson());
      for (const [known, unknown] of [
        [registerKey(by), registerKey(by, pk(0), 'emp-404')],
        [revokeKey(by), { ...revokeKey(by), data: { ...revokeKey(by).data, personId: 'emp-404' } }],
      ] as Array<[PersonCommand, PersonCommand]>) {
        const answer = refusal(known, existing);
        expect(answer).toMatchObject({ code: 'FORBIDDEN' });
        expect(refusal(unknown, initialPerson())).toEqual(answer);
        expect(answer.message).not.toMatch(/emp-1|emp-404/);
      }
    });

    it.each([
      ['31 bytes', Buffer.alloc(31, 1).toString('base64')],
      ['33 bytes', Buffer.alloc(33, 1).toString('base64')],
      ['hex instead of base64', PUBLIC_KEYS[0]!.toString('hex')],
      ['base64url', randomBytes(32).toString('base64url')],
      ['unpadded base64', pk(0).replace(/=$/, '')],
      ['not a string', 42],
      ['null', null],
    ])('INVALID_ENCODING on publicKey: %s', (_case, publicKey) => {
      given([registered()]).when(registerKey(SELF, publicKey)).thenThrows(ValidationError, 'INVALID_ENCODING', 'publicKey');
    });

    it('DUPLICATE_KEY: the same key again, even after it was revoked', () => {
      given([registered(), keyRegistered(0)])
        .when(registerKey(SELF))
        .thenThrows(SigningRuleError, 'DUPLICATE_KEY', 'publicKey');
      given([registered(), keyRegistered(0), keyRevoked(0)])
        .when(registerKey(SELF))
        .thenThrows(SigningRuleError, 'DUPLICATE_KEY', 'publicKey');
    });

    it(`TOO_MANY_KEYS: at most ${SIGNING_LIMITS.activeKeys} active keys; revoked ones do not count`, () => {
      const five = [registered(), ...[0, 1, 2, 3, 4].map(keyRegistered)];
      given(five)
        .when(registerKey(SELF, pk(5)))
        .thenThrows(SigningRuleError, 'TOO_MANY_KEYS', 'publicKey');
      given([...five, keyRevoked(2)])
        .when(registerKey(SELF, pk(5)))
        .then([keyRegistered(5)]);
    });
  });

  describe('RevokeSigningKey', () => {
    it.each<[string, CommandMeta]>([
      ['the person themself', SELF],
      ['HR', HR],
      ['an admin', ADMIN],
    ])('%s revokes a key with a reason', (_who, by) => {
      given([registered(), keyRegistered(0)])
        .when(revokeKey(by))
        .then([keyRevoked(0)]);
    });

    it('another employee may not: FORBIDDEN', () => {
      given([registered(), keyRegistered(0)])
        .when(revokeKey(meta('emp-2', 'employee')))
        .thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('UNKNOWN_KEY: a kid the person does not have; ALREADY_REVOKED: twice', () => {
      given([registered(), keyRegistered(0)])
        .when(revokeKey(SELF, kid(1)))
        .thenThrows(SigningRuleError, 'UNKNOWN_KEY', 'kid');
      given([registered(), keyRegistered(0), keyRevoked(0)])
        .when(revokeKey(SELF))
        .thenThrows(SigningRuleError, 'ALREADY_REVOKED', 'kid');
    });

    it('validates the kid and requires a reason', () => {
      given([registered(), keyRegistered(0)])
        .when(revokeKey(SELF, 'key-1'))
        .thenThrows(ValidationError, 'INVALID_KEY_ID', 'kid');
      given([registered(), keyRegistered(0)])
        .when(revokeKey(SELF, kid(0), ' '))
        .thenThrows(ValidationError, 'REQUIRED', 'reason');
      given([registered(), keyRegistered(0)])
        .when(revokeKey(SELF, kid(0), 'x'.repeat(SIGNING_LIMITS.reasonChars + 1)))
        .thenThrows(ValidationError, 'VALUE_TOO_LARGE', 'reason');
    });
  });

  describe('evolve', () => {
    it('keeps keys in order with their status; a revoked key stays listed with when and why', () => {
      const state = [registered(), keyRegistered(0), keyRegistered(1), keyRevoked(0, '离职交接')].reduce(evolvePerson, initialPerson());
      expect(state.status === 'active' && state.signingKeys).toEqual([
        { kid: kid(0), publicKey: pk(0), status: 'revoked', registeredAt: NOW, revokedAt: NOW, revokeReason: '离职交接' },
        { kid: kid(1), publicKey: pk(1), status: 'active', registeredAt: NOW, revokedAt: null, revokeReason: null },
      ]);
    });

    it('profile updates leave keys alone', () => {
      const state = [registered(), keyRegistered(0), profileUpdated({ level: 'team_lead' })].reduce(evolvePerson, initialPerson());
      expect(state.status === 'active' && state.signingKeys.map((k) => k.kid)).toEqual([kid(0)]);
    });
  });
});
