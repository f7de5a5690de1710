import { formatError } from '../../src/graphql/errors';
import { AppendTooLargeError } from '../../src/store/event-store';

describe('an append over the event store’s limit, as a client sees it', () => {
  it('is VALUE_TOO_LARGE with the limit, not an internal error', () => {
    const error = new AppendTooLargeError('template-t1', 2_000_000, 1_048_576, 'EVENTSTORE_MAX_APPEND_BYTES');
    const formatted = formatError({ message: error.message }, error);
    expect(formatted.extensions).toEqual({ code: 'VALUE_TOO_LARGE', limit: 1_048_576 });
    expect(formatted.message).toBe('this change is too large for the event store (2000000 bytes; the limit is 1048576)');
  });
});
