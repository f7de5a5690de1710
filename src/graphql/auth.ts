import { GraphQLError } from 'graphql';
import type { ErrorCode } from '../domain/error-codes';
import { authenticate, NoRoleError, UnauthenticatedError, type Actor, type TokenVerifier, type VerifiedToken } from '../http/token';
import type { Context } from './context';

// Token verification lives in src/http/token.ts; these names stay importable from here.
export { mintToken, TOKEN_AUDIENCE, TOKEN_ISSUER, type Actor } from '../http/token';

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' satisfies ErrorCode, http: { status: 401 } } });
const forbidden = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'FORBIDDEN' satisfies ErrorCode, http: { status: 403 } } });

/**
 * src/http's token check for GraphQL requests: a refused token becomes UNAUTHENTICATED with
 * status 401, a valid one that grants no role FORBIDDEN with 403. Apollo answers errors from
 * context creation without formatError, so the mapping happens here rather than there.
 */
export async function verifiedToken(header: string | undefined | null, tokens: TokenVerifier): Promise<VerifiedToken | null> {
  try {
    return await authenticate(header, tokens);
  } catch (error) {
    if (error instanceof UnauthenticatedError) throw unauthenticated(error.message);
    if (error instanceof NoRoleError) throw forbidden(error.message);
    throw error;
  }
}

export async function actorFromAuthorization(header: string | undefined | null, tokens: TokenVerifier): Promise<Actor | null> {
  return (await verifiedToken(header, tokens))?.actor ?? null;
}
