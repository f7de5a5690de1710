import jwt from 'jsonwebtoken';
import { GraphQLError } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import { isRole, type Role } from '../domain/command';
import type { ErrorCode } from '../domain/error-codes';
import type { Context } from './context';

export const TOKEN_ISSUER = 'interview-ledger';
export const TOKEN_AUDIENCE = 'interview-ledger-api';

/** Who is calling: from a verified bearer token. */
export interface Actor {
  readonly id: string;
  readonly roles: readonly Role[];
  readonly name?: string;
}

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' satisfies ErrorCode, http: { status: 401 } } });

/**
 * Verifies an `Authorization: Bearer <jwt>` value (HS256, our issuer and audience, not
 * expired). No header means an anonymous caller; a bad token is an error, never anonymous.
 */
export function actorFromAuthorization(header: string | undefined | null, secret: string): Actor | null {
  if (header === undefined || header === null || header === '') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
  let claims: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(match[1]!, secret, { algorithms: ['HS256'], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE });
    if (typeof decoded === 'string') throw new Error('payload is not an object');
    claims = decoded;
  } catch (error) {
    const reason = error instanceof jwt.TokenExpiredError ? 'the token has expired' : 'the token is invalid';
    throw unauthenticated(reason);
  }
  const roles = Array.isArray(claims.roles) ? claims.roles.filter(isRole) : [];
  if (typeof claims.sub !== 'string' || claims.sub.length === 0 || roles.length === 0) {
    throw unauthenticated('the token names no subject or no known role');
  }
  return { id: claims.sub, roles, ...(typeof claims.name === 'string' ? { name: claims.name } : {}) };
}

/** Mints a token for local use and tests. */
export function mintToken(secret: string, actor: Actor, expiresIn: jwt.SignOptions['expiresIn'] = '8h'): string {
  return jwt.sign({ roles: actor.roles, ...(actor.name ? { name: actor.name } : {}) }, secret, {
    algorithm: 'HS256',
    subject: actor.id,
    issuer: TOKEN_ISSUER,
    audience: TOKEN_AUDIENCE,
    expiresIn,
  });
}

/** type-graphql AuthChecker: @Authorized() needs a caller; @Authorized('hr', …) needs one of the roles. */
export const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  if (!context.actor) throw unauthenticated('sign in: send a bearer token');
  if (roles.length === 0) return true;
  return context.actor.roles.some((role) => roles.includes(role));
};
