import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { App } from '../application/services';
import type { CommandMeta } from '../domain/command';
import { clientIp } from './client-ip';
import type { Actor } from './token';

/** Longer User-Agent values are cut: the record keeps what identifies a client, not a payload. */
export const MAX_USER_AGENT_CHARS = 300;

/** Where a request came from, as recorded on the events it causes. */
export interface RequestOrigin {
  readonly ip: string;
  readonly userAgent?: string;
}

export const userAgentOf = (header: string | undefined): string | undefined => (header ? header.slice(0, MAX_USER_AGENT_CHARS) : undefined);

/** The client address (trusted proxies honoured, src/http/client-ip.ts) and user agent of a request. */
export function requestOrigin(req: Pick<IncomingMessage, 'socket' | 'headers'>, trustedProxies: readonly string[]): RequestOrigin {
  const ip = clientIp(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustedProxies);
  const userAgent = userAgentOf(req.headers['user-agent']);
  return { ip, ...(userAgent ? { userAgent } : {}) };
}

/**
 * Command metadata for a request, the same for GraphQL and the HTTP routes: actor from the
 * token, IP from the socket, time from the injected clock, the company calendar for due times.
 */
export function commandMetaOf(app: Pick<App, 'clock' | 'reminders'>, actor: Actor, origin: RequestOrigin): CommandMeta {
  const userAgent = userAgentOf(origin.userAgent);
  return {
    actor: actor.id,
    roles: actor.roles,
    ip: origin.ip,
    ...(userAgent ? { userAgent } : {}),
    now: app.clock().toISOString(),
    commandId: randomUUID(),
    calendar: app.reminders.calendar(),
  };
}
