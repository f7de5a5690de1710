import type { AuthChecker } from 'type-graphql';
import { isAction, may } from '../domain/access';
import { requireActor, type Context } from './context';

/**
 * type-graphql AuthChecker: `@Authorized()` needs a signed-in caller; `@Authorized('action')`
 * names actions of the access policy (src/domain/access.ts), which alone knows which roles
 * grant them. Resolvers never list roles.
 */
export const authChecker: AuthChecker<Context> = ({ context }, actions) => {
  const actor = requireActor(context);
  return actions.every((action) => {
    if (!isAction(action)) throw new Error(`@Authorized names ${action}, which is not an action of the access policy`);
    return may(actor, action);
  });
};
