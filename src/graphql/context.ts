import { GraphQLError } from 'graphql';
import type { App } from '../application/services';
import type { CommandMeta } from '../domain/command';
import type { ErrorCode } from '../domain/error-codes';
import { commandMetaOf, userAgentOf } from '../http/request-meta';
import type { Actor } from '../http/token';
import { createLoaders, type Loaders } from './loaders';

export interface Context {
  readonly app: App;
  readonly actor: Actor | null;
  readonly ip: string;
  readonly userAgent?: string;
  readonly loaders: Loaders;
  /** The request's id (src/http/request-id.ts), for the lines the server logs about it. */
  readonly requestId?: string;
}

export function createContext(app: App, actor: Actor | null, ip: string, userAgent?: string, requestId?: string): Context {
  const agent = userAgentOf(userAgent);
  return {
    app,
    actor,
    ip,
    ...(agent ? { userAgent: agent } : {}),
    loaders: createLoaders(app.readModels),
    ...(requestId ? { requestId } : {}),
  };
}

/** Command metadata (src/http/request-meta.ts): actor from the token, IP from the socket, time from the injected clock. */
export function commandMeta(ctx: Context): CommandMeta {
  return commandMetaOf(ctx.app, requireActor(ctx), ctx);
}

export function requireActor(ctx: Context): Actor {
  if (!ctx.actor) throw new GraphQLError('sign in: send a bearer token', { extensions: { code: 'UNAUTHENTICATED' satisfies ErrorCode } });
  return ctx.actor;
}
