/**
 * Bearer tokens, the one module GraphQL (HTTP and WebSocket) and the attachment routes ask.
 * Two kinds of verifier stand behind it: the company's OpenID Connect issuer
 * (./oidc-tokens.ts) and local keys for the demo and development (./local-tokens.ts).
 */
import type { Actor, TokenVerifier, VerifiedToken } from '../application/services';
import { UnauthenticatedError } from './token-rules';

export type { Actor, TokenVerifier, VerifiedToken } from '../application/services';
export { NoRoleError, UnauthenticatedError } from './token-rules';
export { LocalTokens, mintToken, TOKEN_AUDIENCE, TOKEN_ISSUER } from './local-tokens';
export { OidcTokens } from './oidc-tokens';

/** The token of an `Authorization: Bearer <jwt>` value; undefined for no header. */
export function bearerToken(header: string | undefined | null): string | undefined {
  if (header === undefined || header === null || header === '') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new UnauthenticatedError('the Authorization header must be "Bearer <token>"');
  return match[1]!;
}

/**
 * Verifies an `Authorization: Bearer <jwt>` value with the configured verifier. No header
 * means an anonymous caller (null); a bad token is an error, never anonymous.
 */
export async function authenticate(header: string | undefined | null, tokens: TokenVerifier): Promise<VerifiedToken | null> {
  const token = bearerToken(header);
  return token === undefined ? null : tokens.verify(token);
}

/** The caller an `Authorization` value names (null for none); see authenticate. */
export async function actorFromAuthorization(header: string | undefined | null, tokens: TokenVerifier): Promise<Actor | null> {
  return (await authenticate(header, tokens))?.actor ?? null;
}
