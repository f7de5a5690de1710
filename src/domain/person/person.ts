/**
 * People in the company directory: who an interview names, who reports to whom, the job
 * category and level that pick templates and flows, and the Ed25519 keys each person signs
 * interviews with. A Decider like the interview.
 */
import { publicKeyFromRaw } from '../../crypto/ed25519';
import { keyIdOf } from '../../crypto/key-id';
import { toBase64 } from '../../crypto/base64';
import type { CommandMeta, DomainEvent } from '../command';
import { canManageKeysOf, may, viewerOf } from '../access';
import { isRole, type Role } from '../command';
import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '../errors';
import { assertId, assertText } from '../limits';
import { decodeFixedBase64, KEY_ID, PUBLIC_KEY_BYTES, SIGNING_LIMITS, SigningRuleError } from '../interview/signing';

export const personStream = (id: string): string => `person-${id}`;

export { isJobCategory, isLevel, JOB_CATEGORIES, LEVELS, type JobCategory, type Level } from './categories';
import { JOB_CATEGORIES, LEVELS, type JobCategory, type Level } from './categories';

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

/** A key a person signs interviews with. Revoked keys stay listed: old signatures still name them. */
export interface SigningKey {
  /** "ed25519:" + first 16 hex digits of SHA-256(raw public key) (src/crypto/key-id.ts). */
  readonly kid: string;
  /** base64 of the raw 32-byte Ed25519 public key (RFC 8032 §5.1.5). */
  readonly publicKey: string;
  readonly status: 'active' | 'revoked';
  readonly registeredAt: string;
  readonly revokedAt: string | null;
  readonly revokeReason: string | null;
}

export type PersonRegistered = DomainEvent<'PersonRegistered', PersonProfile>;
export type PersonProfileUpdated = DomainEvent<
  'PersonProfileUpdated',
  { personId: string; changes: Partial<Omit<PersonProfile, 'personId'>> }
>;
export type SigningKeyRegistered = DomainEvent<
  'SigningKeyRegistered',
  { personId: string; kid: string; publicKey: string; registeredAt: string }
>;
export type SigningKeyRevoked = DomainEvent<'SigningKeyRevoked', { personId: string; kid: string; reason: string; revokedAt: string }>;
export type PersonEvent = PersonRegistered | PersonProfileUpdated | SigningKeyRegistered | SigningKeyRevoked;
export const PERSON_EVENT_TYPES: ReadonlySet<string> = new Set<PersonEvent['type']>([
  'PersonRegistered',
  'PersonProfileUpdated',
  'SigningKeyRegistered',
  'SigningKeyRevoked',
]);

export type RegisterPerson = { type: 'RegisterPerson'; data: Omit<PersonProfile, 'roles'> & { roles?: Role[] }; meta: CommandMeta };
export type UpdatePersonProfile = {
  type: 'UpdatePersonProfile';
  data: { personId: string; changes: Partial<Omit<PersonProfile, 'personId'>> };
  meta: CommandMeta;
};
export type RegisterSigningKey = { type: 'RegisterSigningKey'; data: { personId: string; publicKey: string }; meta: CommandMeta };
export type RevokeSigningKey = { type: 'RevokeSigningKey'; data: { personId: string; kid: string; reason: string }; meta: CommandMeta };
export type PersonCommand = RegisterPerson | UpdatePersonProfile | RegisterSigningKey | RevokeSigningKey;

export type ActivePerson = { readonly status: 'active' } & PersonProfile & { readonly signingKeys: readonly SigningKey[] };
export type Person = { readonly status: 'none' } | ActivePerson;

export const initialPerson = (): Person => ({ status: 'none' });

export function decidePerson(command: PersonCommand, state: Person): PersonEvent[] {
  switch (command.type) {
    case 'RegisterSigningKey':
    case 'RevokeSigningKey':
      return decideKey(command, state);
  }
  if (!may(viewerOf(command.meta), 'manageDirectory')) throw new ForbiddenError('only HR or an admin may change the directory');
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
        if (!editable.has(key))
          throw new ValidationError(`profile field "${key}" cannot be changed`, `changes.${key}`, 'FIELD_NOT_EDITABLE');
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

/**
 * Key registration and revocation: by the person themself (they hold the private key) or by
 * HR or an admin for them (enrolment at a desk, or revoking a lost laptop's key on their
 * behalf). Either way the person stream records who did it.
 */
function decideKey(command: RegisterSigningKey | RevokeSigningKey, state: Person): PersonEvent[] {
  const { meta, data } = command;
  // Asked before the person is looked up, and in the same words for anyone: a caller who may
  // not manage these keys learns nothing about whether the person exists.
  if (!canManageKeysOf(viewerOf(meta), String(data.personId))) {
    throw new ForbiddenError("only the person themself, HR or an admin may manage a person's signing keys");
  }
  if (state.status === 'none') throw new NotFoundError(`no person ${String(data.personId)}`, 'personId');
  if (command.type === 'RegisterSigningKey') {
    const raw = decodeFixedBase64(command.data.publicKey, PUBLIC_KEY_BYTES);
    if (!raw)
      throw new ValidationError(
        `publicKey must be base64 of a raw ${PUBLIC_KEY_BYTES}-byte Ed25519 public key`,
        'publicKey',
        'INVALID_ENCODING',
      );
    try {
      publicKeyFromRaw(raw);
    } catch {
      throw new ValidationError('publicKey is not an Ed25519 public key', 'publicKey', 'INVALID_ENCODING');
    }
    const kid = keyIdOf(raw);
    // Also for revoked keys: a revoked key never comes back, or old evidence of its revocation would mislead.
    if (state.signingKeys.some((key) => key.kid === kid)) {
      throw new SigningRuleError('DUPLICATE_KEY', `key ${kid} is already registered for ${state.personId}`, 'publicKey');
    }
    if (state.signingKeys.filter((key) => key.status === 'active').length >= SIGNING_LIMITS.activeKeys) {
      throw new SigningRuleError(
        'TOO_MANY_KEYS',
        `at most ${SIGNING_LIMITS.activeKeys} active keys per person: revoke one first`,
        'publicKey',
      );
    }
    return [{ type: 'SigningKeyRegistered', data: { personId: state.personId, kid, publicKey: toBase64(raw), registeredAt: meta.now } }];
  }
  const kid = command.data.kid;
  if (typeof kid !== 'string' || !KEY_ID.test(kid))
    throw new ValidationError('kid must look like ed25519:<16 hex digits>', 'kid', 'INVALID_KEY_ID');
  const key = state.signingKeys.find((k) => k.kid === kid);
  if (!key) throw new SigningRuleError('UNKNOWN_KEY', `${state.personId} has no key ${kid}`, 'kid');
  if (key.status === 'revoked') throw new SigningRuleError('ALREADY_REVOKED', `key ${kid} was revoked at ${key.revokedAt}`, 'kid');
  const reason = assertText(command.data.reason, 'reason', SIGNING_LIMITS.reasonChars);
  return [{ type: 'SigningKeyRevoked', data: { personId: state.personId, kid, reason, revokedAt: meta.now } }];
}

export function evolvePerson(state: Person, event: PersonEvent): Person {
  switch (event.type) {
    case 'PersonRegistered':
      return { status: 'active', ...event.data, signingKeys: [] };
    case 'PersonProfileUpdated':
      return state.status === 'none' ? state : { ...state, ...event.data.changes };
    case 'SigningKeyRegistered': {
      if (state.status === 'none') return state;
      const { kid, publicKey, registeredAt } = event.data;
      return {
        ...state,
        signingKeys: [...state.signingKeys, { kid, publicKey, status: 'active', registeredAt, revokedAt: null, revokeReason: null }],
      };
    }
    case 'SigningKeyRevoked': {
      if (state.status === 'none') return state;
      const { kid, reason, revokedAt } = event.data;
      return {
        ...state,
        signingKeys: state.signingKeys.map((key) =>
          key.kid === kid ? { ...key, status: 'revoked', revokedAt, revokeReason: reason } : key,
        ),
      };
    }
  }
}

/** The signer's key as the decider needs it, or null when the person has no key with this kid. */
export function signingKeyOf(state: Person, kid: string): SigningKey | null {
  return state.status === 'active' ? (state.signingKeys.find((key) => key.kid === kid) ?? null) : null;
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
