/**
 * EventStoreDB's limits the adapter checks before sending, kept apart from the adapter so that
 * configuration can name them without loading the gRPC client.
 *
 * The server's default `MaxAppendSize` (its option EVENTSTORE_MAX_APPEND_SIZE) is 1 MiB: the
 * data, metadata and type of all events of one append. Raise both together: the server option,
 * and EVENTSTORE_MAX_APPEND_BYTES here.
 */
export const DEFAULT_MAX_APPEND_BYTES = 1_048_576;
