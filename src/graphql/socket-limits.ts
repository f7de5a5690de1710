import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import type { ErrorCode } from '../domain/error-codes';
import { checkCost, queryShapeRules, tokenLimitRefusal, type QueryLimits } from './query-limits';

/** How many subscriptions may be open at once, on one socket and for one user over all their sockets. */
export interface SubscriptionLimits {
  readonly maxSubscriptionsPerSocket: number;
  readonly maxSubscriptionsPerUser: number;
}

/** An error as graphql-ws sends it (no formatError runs there): message and code, never the HTTP hints. */
const socketError = (message: string, extensions: Record<string, unknown>): GraphQLError => {
  const { http: _http, ...rest } = extensions;
  return new GraphQLError(message, { extensions: rest });
};

const coded = (code: ErrorCode) => (error: GraphQLError, hideSchema: boolean) =>
  socketError(hideSchema ? error.message.replace(/ ?Did you mean(.+?)\?$/, '') : error.message, { ...error.extensions, code });

/**
 * The checks an HTTP request gets from Apollo and query-limits.ts, for an operation sent over
 * graphql-ws (which parses and validates on its own): the token limit while parsing, the schema's
 * rules with the shape limits (and no introspection unless allowed), then the cost with the
 * operation's variables. The execution arguments, or the errors to send back.
 */
export function prepareSocketOperation(
  schema: GraphQLSchema,
  limits: QueryLimits,
  payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
): Omit<ExecutionArgs, 'contextValue'> | GraphQLError[] {
  let document;
  try {
    document = parse(payload.query, { maxTokens: limits.maxTokens });
  } catch (error) {
    const tooLong = tokenLimitRefusal(error);
    return [tooLong ? socketError(tooLong.message, tooLong.extensions) : coded('GRAPHQL_PARSE_FAILED')(error as GraphQLError, false)];
  }
  const rules = [...specifiedRules, ...(limits.introspection ? [] : [NoSchemaIntrospectionCustomRule]), ...queryShapeRules(limits)];
  const invalid = validate(schema, document, rules);
  if (invalid.length) {
    return invalid.map((error) =>
      error.extensions.code
        ? socketError(error.message, error.extensions)
        : coded('GRAPHQL_VALIDATION_FAILED')(error, !limits.introspection),
    );
  }
  if (!getOperationAST(document, payload.operationName ?? undefined)) {
    return [socketError('operationName names no operation in the document', { code: 'OPERATION_RESOLUTION_FAILURE' satisfies ErrorCode })];
  }
  const expensive = checkCost(schema, limits, document, payload.variables, payload.operationName);
  if (expensive) return [socketError(expensive.message, expensive.extensions)];
  return { schema, document, operationName: payload.operationName ?? null, variableValues: payload.variables ?? null };
}

/**
 * Counts open subscriptions per socket and per user. A socket keeps the ids it holds (its own
 * set); `acquire` refuses with TOO_MANY_SUBSCRIPTIONS when either count is at its limit.
 */
export class SubscriptionLimiter {
  private readonly perUser = new Map<string, number>();

  constructor(private readonly limits: SubscriptionLimits) {}

  acquire(held: Set<string>, userId: string, id: string): GraphQLError | null {
    if (held.has(id)) return null;
    const forUser = this.perUser.get(userId) ?? 0;
    if (held.size >= this.limits.maxSubscriptionsPerSocket || forUser >= this.limits.maxSubscriptionsPerUser) {
      const perSocket = held.size >= this.limits.maxSubscriptionsPerSocket;
      const max = perSocket ? this.limits.maxSubscriptionsPerSocket : this.limits.maxSubscriptionsPerUser;
      return socketError(
        perSocket
          ? `this connection has ${max} subscriptions open already: complete one first`
          : `you have ${max} subscriptions open already (over all connections): complete one first`,
        { code: 'TOO_MANY_SUBSCRIPTIONS' satisfies ErrorCode, limit: perSocket ? 'perSocket' : 'perUser', max },
      );
    }
    held.add(id);
    this.perUser.set(userId, forUser + 1);
    return null;
  }

  release(held: Set<string>, userId: string, id: string): void {
    if (!held.delete(id)) return;
    const left = (this.perUser.get(userId) ?? 1) - 1;
    if (left > 0) this.perUser.set(userId, left);
    else this.perUser.delete(userId);
  }

  /** Open subscriptions of one user (for tests and diagnostics). */
  openFor(userId: string): number {
    return this.perUser.get(userId) ?? 0;
  }
}
