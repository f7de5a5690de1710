/**
 * Bearer tokens on graphql-ws sockets. A socket is opened with a token (connection_init's
 * `authorization`) and lives no longer than it: it closes with 4401 when the token expires (a
 * timer) or is refused on a later operation (every subscribe checks it again, which also
 * catches a key the issuer has retired), and with 4403 when the token grants no role. The
 * client signs in again by reconnecting with a new token.
 */
import { GraphQLError } from 'graphql';
import type { WebSocket } from 'ws';
import type { App } from '../application/services';
import type { ErrorCode } from '../domain/error-codes';
import type { Context } from '../graphql/context';
import { authenticate, bearerToken, NoRoleError, UnauthenticatedError, type VerifiedToken } from '../http/token';

/** What a graphql-ws socket keeps between messages (the `extra` of its context). */
export type SocketSession = {
  context?: Context;
  /** The bearer token the socket was opened with, checked again on every operation. */
  token?: string;
  /** Closes the socket when the token expires. */
  expiry?: NodeJS.Timeout;
};

/** 4401: no token, or one refused (expired, retired key…); 4403: valid but grants no role. */
export type SocketVerdict = { ok: true; token: string; verified: VerifiedToken } | { ok: false; code: 4401 | 4403; reason: string };

export async function socketToken(app: Pick<App, 'tokens'>, authorization: string | undefined): Promise<SocketVerdict> {
  try {
    const token = bearerToken(authorization);
    const verified = token === undefined ? null : await authenticate(authorization, app.tokens);
    if (!token || !verified) return { ok: false, code: 4401, reason: 'sign in: send connectionParams.authorization = "Bearer <token>"' };
    return { ok: true, token, verified };
  } catch (error) {
    if (error instanceof NoRoleError) return { ok: false, code: 4403, reason: error.message };
    if (error instanceof UnauthenticatedError) return { ok: false, code: 4401, reason: error.message };
    throw error;
  }
}

export function closeSocket(extra: SocketSession & { socket: WebSocket }, verdict: { code: 4401 | 4403; reason: string }): false {
  clearTimeout(extra.expiry);
  // A close reason is at most 123 bytes (RFC 6455 §5.5: a control frame's payload is ≤ 125).
  let reason = verdict.reason;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  extra.socket.close(verdict.code, reason);
  // graphql-ws then closes with 4403 too; the socket is closing already, so that changes nothing.
  return false;
}

/** Closes the socket the moment its token stops being accepted (exp plus the allowed clock skew). */
export function closeAtExpiry(extra: SocketSession & { socket: WebSocket }, verified: VerifiedToken, skewSeconds: number): void {
  const left = verified.expiresAt.getTime() + skewSeconds * 1000 - Date.now();
  // setTimeout takes at most 2^31-1 ms (24.8 days); a longer token is looked at again then.
  extra.expiry = setTimeout(
    () =>
      left > MAX_TIMER_MS
        ? closeAtExpiry(extra, verified, skewSeconds)
        : closeSocket(extra, { code: 4401, reason: 'the token has expired: reconnect with a new one' }),
    Math.max(0, Math.min(left, MAX_TIMER_MS)),
  );
  extra.expiry.unref();
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Closes the socket and answers the operation with the same refusal, so it never runs. */
export function socketRefusal(
  extra: SocketSession & { socket: WebSocket },
  verdict: { code: 4401 | 4403; reason: string },
): GraphQLError[] {
  closeSocket(extra, verdict);
  const code: ErrorCode = verdict.code === 4403 ? 'FORBIDDEN' : 'UNAUTHENTICATED';
  return [new GraphQLError(verdict.reason, { extensions: { code } })];
}
