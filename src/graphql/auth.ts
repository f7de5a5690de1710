import { GraphQLError } from 'graphql';
import type { ErrorCode } from '../domain/error-codes';
import { actorFromAuthorization as verifyAuthorization, UnauthenticatedError, type Actor } from '../http/token';
import type { Context } from './context';

// Token verification lives in src/http/token.ts; these names stay importable from here.
export { mintToken, TOKEN_AUDIENCE, TOKEN_ISSUER, type Actor } from '../http/token';

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' satisfies ErrorCode, http: { status: 401 } } });

/**
 * src/http's token check for GraphQL requests: a refused token becomes UNAUTHENTICATED with
 * status 401. Apollo answers errors from context creation without formatError, so the
 * mapping happens here rather than there.
 */
export function actorFromAuthorization(header: string | undefined | null, secret: string): Actor | null {
  try {
    return verifyAuthorization(header, secret);
  } catch (error) {
    if (error instanceof UnauthenticatedError) throw unauthenticated(error.message);
    throw error;
  }
}
