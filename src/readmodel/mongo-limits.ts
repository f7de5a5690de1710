/**
 * MongoDB settings configuration names without loading the driver.
 *
 * The connect probe gives up after CONNECT_TIMEOUT_MS, so that a wrong URL fails at start-up;
 * running operations wait up to the runtime server-selection timeout for a primary, which must
 * outlast an election (10–12 s with the default electionTimeoutMillis): 30 s, the driver's default.
 */
export const CONNECT_TIMEOUT_MS = 3000;
export const DEFAULT_SERVER_SELECTION_TIMEOUT_MS = 30_000;
/** BSON's document limit (the server's maxBsonObjectSize). */
export const MAX_BSON_DOCUMENT_BYTES = 16 * 1024 * 1024;
