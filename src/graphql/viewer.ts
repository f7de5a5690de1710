import { createParameterDecorator } from 'type-graphql';
import type { Viewer } from '../domain/access';
import { requireActor, type Context } from './context';

/** The signed-in caller as the access policy sees them; UNAUTHENTICATED without a token. */
export function CurrentViewer() {
  return createParameterDecorator<Context>(({ context }): Viewer => {
    const actor = requireActor(context);
    return { id: actor.id, roles: actor.roles };
  });
}
