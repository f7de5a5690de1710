/** What both kinds of token share: refusals, the checks jose makes, reading the caller from claims. */
import type { VerifiedToken } from '../application/services';
import { isRole, type Role } from '../domain/command';
import { DomainError } from '../domain/errors';
import { assertId } from '../domain/limits';
import { jose, type JWTPayload, type JWTVerifyOptions } from './jose';

/**
 * No caller, or a token we do not accept. Each transport answers it its own way: GraphQL as
 * `extensions.code` UNAUTHENTICATED with status 401 (src/graphql/auth.ts), the attachment
 * routes as a 401 JSON error, a WebSocket by closing with 4401.
 */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}

/**
 * A valid token that grants no role in this service (say, a company account in none of the
 * groups OIDC_ROLE_MAP names): FORBIDDEN, 403, and 4403 on a WebSocket.
 */
export class NoRoleError extends DomainError {
  readonly code = 'FORBIDDEN';
}

/** Which claims name the caller: both kinds of token end here, so they are read alike. */
export interface ClaimNames {
  /** The claim that holds the person id (`sub` unless configured). */
  readonly personId: string;
  readonly name: string;
}

/** The actor a verified claims set names. `roles` come from the caller (local claim or OIDC mapping). */
export function actorFromClaims(claims: JWTPayload, names: ClaimNames, roles: readonly Role[]): VerifiedToken {
  const id = claimAt(claims, names.personId);
  if (typeof id !== 'string' || id.length === 0)
    throw new UnauthenticatedError(`the token has no ${names.personId} claim naming the person`);
  try {
    assertId(id, names.personId);
  } catch {
    throw new UnauthenticatedError(`the token's ${names.personId} claim is not a person id (1..64 letters, digits, _, ., : or -)`);
  }
  const known = [...new Set(roles.filter(isRole))];
  if (known.length === 0) throw new NoRoleError('the token is valid but grants no role in this service');
  const name = claimAt(claims, names.name);
  // jwtVerify was told to require exp, so it is a number here.
  const expiresAt = new Date((claims.exp as number) * 1000);
  return { actor: { id, roles: known, ...(typeof name === 'string' && name ? { name } : {}) }, expiresAt };
}

/**
 * A claim by name, or by a dotted path into nested claims (`realm_access.roles`). A name that
 * exists as it is wins, since claim names may contain dots (`https://corp.example/roles`).
 */
export function claimAt(claims: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(claims, name)) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** What jwtVerify is asked to check, the same for both kinds of token. */
export interface VerifyRules {
  readonly issuer: string;
  readonly audience: string;
  readonly algorithms: readonly string[];
  readonly clockSkewSeconds: number;
}

export const verifyOptions = (rules: VerifyRules): JWTVerifyOptions => ({
  issuer: rules.issuer,
  audience: rules.audience,
  algorithms: [...rules.algorithms],
  clockTolerance: rules.clockSkewSeconds,
  // A token without exp would never expire (RFC 7519 §4.1.4 makes it optional; we do not).
  requiredClaims: ['exp'],
});

/**
 * jose's verdict in words a client can act on. Only refusals of the token become
 * UNAUTHENTICATED; anything else (a bug, the issuer unreachable) is passed on unchanged.
 */
export function refusal(error: unknown, rules: VerifyRules): unknown {
  if (error instanceof jose.errors.JWTExpired) return new UnauthenticatedError('the token has expired: sign in again');
  if (error instanceof jose.errors.JWTClaimValidationFailed) {
    if (error.claim === 'exp') return new UnauthenticatedError('the token has no expiry (exp): tokens without one are not accepted');
    if (error.claim === 'iss') return new UnauthenticatedError(`the token is not from the configured issuer (${rules.issuer})`);
    if (error.claim === 'aud') return new UnauthenticatedError(`the token is not meant for this service (audience ${rules.audience})`);
    if (error.claim === 'nbf') return new UnauthenticatedError('the token is not valid yet (nbf)');
    return new UnauthenticatedError(`the token's ${error.claim} claim is invalid`);
  }
  if (error instanceof jose.errors.JOSEAlgNotAllowed) {
    return new UnauthenticatedError(`the token's signing algorithm is not accepted here (accepted: ${rules.algorithms.join(', ')})`);
  }
  if (error instanceof jose.errors.JWKSNoMatchingKey) {
    return new UnauthenticatedError('the token is signed with a key the issuer does not publish (unknown or retired kid)');
  }
  if (error instanceof jose.errors.JWSSignatureVerificationFailed) return new UnauthenticatedError('the token signature does not verify');
  if (
    error instanceof jose.errors.JWSInvalid ||
    error instanceof jose.errors.JWTInvalid ||
    error instanceof jose.errors.JOSENotSupported ||
    error instanceof jose.errors.JWKSMultipleMatchingKeys
  ) {
    return new UnauthenticatedError('the token is invalid');
  }
  return error;
}
