import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { authChecker } from './auth';
import { InterviewResolver } from './interview.resolver';
import { PersonResolver } from './person.resolver';

let schema: Promise<GraphQLSchema> | null = null;

/** The schema is the same for every server in the process; build it once. */
export function getSchema(): Promise<GraphQLSchema> {
  schema ??= buildSchema({ resolvers: [InterviewResolver, PersonResolver], authChecker, validate: false });
  return schema;
}
