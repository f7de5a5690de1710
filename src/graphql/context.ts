import { randomUUID } from 'node:crypto';
import type { CommandMeta } from '../domain/command';
import type { App } from '../application/services';
import type { Actor } from './auth';
import { createLoaders, type Loaders } from './loaders';
import { GraphQLError } from 'graphql';

export interface Context {
  readonly app: App;
  readonly actor: Actor | null;
  readonly ip: string;
  readonly userAgent?: string;
  readonly loaders: Loaders;
}

export function createContext(app: App, actor: Actor | null, ip: string, userAgent?: string): Context {
  return { app, actor, ip, ...(userAgent ? { userAgent: userAgent.slice(0, 300) } : {}), loaders: createLoaders(app.readModels) };
}

/** Command metadata: actor from the token, IP from the socket, time from the injected clock. */
export function commandMeta(ctx: Context): CommandMeta {
  const actor = requireActor(ctx);
  return {
    actor: actor.id,
    roles: actor.roles,
    ip: ctx.ip,
    ...(ctx.userAgent ? { userAgent: ctx.userAgent } : {}),
    now: ctx.app.clock().toISOString(),
    commandId: randomUUID(),
    calendar: ctx.app.reminders.calendar(),
  };
}

export function requireActor(ctx: Context): Actor {
  if (!ctx.actor) throw new GraphQLError('sign in: send a bearer token', { extensions: { code: 'UNAUTHENTICATED' } });
  return ctx.actor;
}
