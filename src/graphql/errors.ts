import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AuthorizationError } from 'type-graphql';
import type { ErrorCode } from '../domain/error-codes';
import { DomainError } from '../domain/errors';
import { AppendTooLargeError, StreamConcurrencyError } from '../store/event-store';
import { QueryLimitError, tokenLimitRefusal } from './query-limits';

/**
 * Shapes every error a client sees: a message and `extensions.code` (plus `field` where one
 * input is at fault). Never a stack trace; unexpected errors become INTERNAL_SERVER_ERROR
 * with a generic message, and the server logs the original (src/server/metrics.ts's plugin,
 * with the request's id).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
  if (original instanceof DomainError) {
    return {
      ...base,
      message: original.message,
      extensions: {
        code: original.code,
        ...(original.field ? { field: original.field } : {}),
        ...(original.details ? { details: original.details } : {}),
      },
    };
  }
  if (original instanceof StreamConcurrencyError) {
    return {
      ...base,
      message: 'another change to this record was saved at the same moment; try again',
      extensions: { code: 'CONCURRENCY_CONFLICT' satisfies ErrorCode },
    };
  }
  if (original instanceof AppendTooLargeError) {
    // The event store's per-append limit (EventStoreDB's MaxAppendSize): nothing was written.
    return {
      ...base,
      message: `this change is too large for the event store (${original.bytes} bytes; the limit is ${original.limit})`,
      extensions: { code: 'VALUE_TOO_LARGE' satisfies ErrorCode, limit: original.limit },
    };
  }
  // Apollo wraps the shape rules' refusals as validation errors, the token limit as a syntax error; the limit's code stays.
  const inner = original instanceof GraphQLError && original.originalError ? original.originalError : original;
  const limit = inner instanceof QueryLimitError ? inner : tokenLimitRefusal(inner);
  if (limit instanceof QueryLimitError) {
    return {
      ...base,
      message: limit.message,
      extensions: { code: 'QUERY_TOO_COMPLEX' satisfies ErrorCode, limit: limit.limit, ...limit.details },
    };
  }
  if (original instanceof AuthorizationError) {
    return { ...base, message: 'your role may not do this', extensions: { code: 'FORBIDDEN' satisfies ErrorCode } };
  }
  const code = formatted.extensions?.code;
  if (original instanceof GraphQLError && typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    const {
      stacktrace: _stack,
      http: _http,
      exception: _exception,
      ...extensions
    } = (formatted.extensions ?? {}) as Record<string, unknown>;
    return { ...base, message: formatted.message, extensions: { ...extensions, code } };
  }
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' satisfies ErrorCode } };
}

/** The code a client is shown for `error` (formatError's), for metrics and the log. */
export function errorCodeOf(error: GraphQLError): string {
  const code = formatError(error.toJSON(), error).extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}
