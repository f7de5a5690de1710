import { buildSchema, type PubSub } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { AlertResolver } from './alert.resolver';
import { authChecker } from './auth-checker';
import { ChartFields, DashboardResolver, TextAnalyticsResolver } from './dashboard.resolver';
import { EvidenceResolver } from './evidence.resolver';
import { HistoryResolver } from './history.resolver';
import { InterviewResolver } from './interview.resolver';
import { MerkleResolver } from './merkle.resolver';
import { PersonResolver } from './person.resolver';
import { SignatureResolver } from './signature.resolver';
import { FlowFields, InterviewWorkflowFields, TemplateFields, WorkflowResolver } from './workflow.resolver';

/**
 * type-graphql insists on a PubSub as soon as a schema has a subscription, even when every
 * subscription brings its own `subscribe` (ours read committed projector changes, see
 * change-stream.ts). Topic-based publishing is not part of this API; using it is a bug.
 */
const noTopicPubSub: PubSub = {
  publish(routingKey: string) {
    throw new Error(`topic publishing is not used (topic ${routingKey}); subscriptions read projector changes`);
  },
  subscribe(routingKey: string) {
    throw new Error(`topic subscriptions are not used (topic ${routingKey}); give the @Subscription a subscribe function`);
  },
};

let schema: Promise<GraphQLSchema> | null = null;

/** The schema is the same for every server in the process; build it once. */
export function getSchema(): Promise<GraphQLSchema> {
  schema ??= buildSchema({
    resolvers: [
      InterviewResolver,
      InterviewWorkflowFields,
      WorkflowResolver,
      TemplateFields,
      FlowFields,
      PersonResolver,
      SignatureResolver,
      MerkleResolver,
      EvidenceResolver,
      HistoryResolver,
      DashboardResolver,
      ChartFields,
      TextAnalyticsResolver,
      AlertResolver,
    ],
    authChecker,
    validate: false,
    pubSub: noTopicPubSub,
  });
  return schema;
}
