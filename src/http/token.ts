import jwt from 'jsonwebtoken';
import { isRole, type Role } from '../domain/command';
import { DomainError } from '../domain/errors';

export const TOKEN_ISSUER = 'interview-ledger';
export const TOKEN_AUDIENCE = 'interview-ledger-api';

/** Who is calling: from a verified bearer token. */
export interface Actor {
  readonly id: string;
  readonly roles: readonly Role[];
  readonly name?: string;
}

/**
 * No caller, or a token we do not accept. Each transport answers it its own way: GraphQL as
 * `extensions.code` UNAUTHENTICATED with status 401 (src/graphql/auth.ts), the attachment
 * routes as a 401 JSON error.
 */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}

/**
 * Verifies an `Authorization: Bearer <jwt>` value (HS256, our issuer and audience, not
 * expired). No header means an anonymous caller; a bad token is an error, never anonymous.
 * The messages are written for clients ("the token has expired").
 */
export function actorFromAuthorization(header: string | undefined | null, secret: string): Actor | null {
  if (header === undefined || header === null || header === '') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new UnauthenticatedError('the Authorization header must be "Bearer <token>"');
  let claims: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(match[1]!, secret, { algorithms: ['HS256'], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE });
    if (typeof decoded === 'string') throw new Error('payload is not an object');
    claims = decoded;
  } catch (error) {
    const reason = error instanceof jwt.TokenExpiredError ? 'the token has expired' : 'the token is invalid';
    throw new UnauthenticatedError(reason);
  }
  const roles = Array.isArray(claims.roles) ? claims.roles.filter(isRole) : [];
  if (typeof claims.sub !== 'string' || claims.sub.length === 0 || roles.length === 0) {
    throw new UnauthenticatedError('the token names no subject or no known role');
  }
  return { id: claims.sub, roles, ...(typeof claims.name === 'string' ? { name: claims.name } : {}) };
}

/** Mints a token that actorFromAuthorization accepts: for `npm run token`, the demo and tests. */
export function mintToken(secret: string, actor: Actor, expiresIn: jwt.SignOptions['expiresIn'] = '8h'): string {
  return jwt.sign({ roles: [...new Set(actor.roles)], ...(actor.name ? { name: actor.name } : {}) }, secret, {
    algorithm: 'HS256',
    subject: actor.id,
    issuer: TOKEN_ISSUER,
    audience: TOKEN_AUDIENCE,
    expiresIn,
  });
}
