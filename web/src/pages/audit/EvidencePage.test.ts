import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { retryAfterOf } from './EvidencePage';

describe('retryAfterOf', () => {
  it('reads details.retryAfterSeconds of EXPORT_RATE_LIMITED, and nothing of other errors', () => {
    const limited = new CombinedError({
      graphQLErrors: [
        new GraphQLError('try again', { extensions: { code: 'EXPORT_RATE_LIMITED', details: { limit: 2, retryAfterSeconds: 37 } } }),
      ],
    });
    expect(retryAfterOf(limited)).toBe(37);
    expect(retryAfterOf(new CombinedError({ graphQLErrors: [new GraphQLError('no', { extensions: { code: 'FORBIDDEN' } })] }))).toBeNull();
    expect(retryAfterOf(undefined)).toBeNull();
  });
});
