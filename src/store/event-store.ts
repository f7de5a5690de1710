/**
 * The EventStore port. Adapters: embedded SQLite (default) and EventStoreDB.
 * Every adapter passes test/store/event-store.conformance.ts.
 *
 * The store never looks inside an event: it keeps the sealed bytes the ledger gives it and
 * returns them unchanged. Positions are opaque strings owned by the adapter; compare them only
 * with `comparePositions`.
 */

/** What the writer expects the stream's last revision to be. */
export type ExpectedRevision = number | 'no_stream' | 'any';

/** An event as the ledger sealed it: exact canonical body bytes plus the ledger signature. */
export interface SealedEvent {
  readonly stream: string;
  /** 0-based revision of this event in its stream. */
  readonly revision: number;
  readonly type: string;
  /** Canonical JSON (RFC 8785) body, UTF-8 bytes. Signed and hashed as is. */
  readonly body: Uint8Array;
  /** Ledger key id that produced `sig`. */
  readonly kid: string;
  /** Ed25519 signature over PAE(payloadType, body), 64 bytes. */
  readonly sig: Uint8Array;
}

/** A sealed event as read back, with its place in the global order. */
export interface RecordedEvent extends SealedEvent {
  /** Global commit-order position (opaque, adapter specific). */
  readonly position: string;
}

export interface AppendResult {
  /** Revision of the last event written. */
  readonly nextRevision: number;
  /** Position of the last event written. */
  readonly position: string;
}

export interface ReadStreamOptions {
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events strictly after this position; from the beginning when absent/null. */
  readonly after?: string | null;
  readonly maxCount?: number;
}

/** How a subscription is doing, for readiness and metrics (a follower that is stalled is not ready). */
export interface SubscriptionState {
  /**
   * True while the subscription reads the log (EventStoreDB: the server confirmed it or sent an
   * event; SQLite: the last read succeeded); false while it waits to retry after a read or
   * stream error, and once it has stopped.
   */
  readonly connected: boolean;
  /** True once it will deliver nothing more: unsubscribed, or the handler failed (onError was called). */
  readonly stopped: boolean;
  /** Resubscriptions (EventStoreDB) or read retries (SQLite) since the start, after stream or read errors. */
  readonly retries: number;
  /** Consecutive failed attempts since the last good read; 0 while connected. */
  readonly failures: number;
  /** The last stream or read error's message, if any since the start. */
  readonly lastError: string | null;
  /** Position of the last event handed to the handler (or the start position). */
  readonly position: string | null;
}

export interface Subscription {
  /** Stops delivery; resolves once the handler will not be called again. */
  unsubscribe(): Promise<void>;
  /** A snapshot of the subscription's health. */
  state(): SubscriptionState;
}

/** Told after each commit: how many appends it held (more than one is a shared group commit) and how many events. */
export type CommitObserver = (appends: number, events: number) => void;

export interface SubscribeAllOptions {
  readonly after?: string | null;
  /**
   * Called when the handler throws; the subscription stops after it. A read or stream error
   * (a dropped connection, a server restart, SQLITE_BUSY) is not the handler's: the adapter
   * retries it with capped exponential backoff from the last delivered position and calls
   * `onRetry` instead.
   */
  readonly onError?: (error: unknown) => void;
  /** Told before each retry: the consecutive attempt (1, 2, ...), the error and the wait before it. */
  readonly onRetry?: (attempt: number, error: unknown, delayMs: number) => void;
}

export interface EventStore {
  /** Adapter name, for logs and benchmarks. */
  readonly name: string;
  /**
   * Appends `events` atomically. Their revisions must continue the stream
   * (expected + 1, + 2, ...). A writer whose expectation is stale gets a
   * `StreamConcurrencyError` and nothing is written.
   */
  append(stream: string, expected: ExpectedRevision, events: readonly SealedEvent[]): Promise<AppendResult>;
  /** Events of one stream in revision order; [] for an unknown stream. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The stream's last event, or null when the stream does not exist. */
  lastEvent(stream: string): Promise<RecordedEvent | null>;
  /** Events of all streams in commit order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Position of the last event of the log, or null while it is empty (how far followers must get). */
  headPosition(): Promise<string | null>;
  /**
   * How many events follow `after` (all of them when null), counting at most `limit`: how far a
   * follower (the projector, the Merkle log) is behind, for readiness and metrics.
   */
  countAfter(after: string | null, limit: number): Promise<number>;
  /** Catch-up then live delivery of all events after `after`, in commit order, one at a time. */
  subscribeAll(options: SubscribeAllOptions, handler: (event: RecordedEvent) => Promise<void> | void): Subscription;
  /** Negative, zero or positive as a is before, equal to or after b. */
  comparePositions(a: string, b: string): number;
  close(): Promise<void>;
}

/** Thrown by `append` when the stream's revision differs from the expectation. */
export class StreamConcurrencyError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'StreamConcurrencyError';
  }
}

/**
 * Thrown by `append` when the events are larger than the store accepts in one append
 * (EventStoreDB's `MaxAppendSize`, 1 MiB by default); nothing is written.
 */
export class AppendTooLargeError extends Error {
  readonly code = 'APPEND_TOO_LARGE';
  constructor(
    readonly stream: string,
    readonly bytes: number,
    readonly limit: number,
    hint: string,
  ) {
    super(`stream ${stream}: append of ${bytes} bytes is over the event store's limit of ${limit} bytes (${hint})`);
    this.name = 'AppendTooLargeError';
  }
}

/** Thrown by `append` when the events do not continue the stream they name. */
export class MalformedAppendError extends Error {
  readonly code = 'MALFORMED_APPEND';
  constructor(message: string) {
    super(message);
    this.name = 'MalformedAppendError';
  }
}

/** Shared argument checks so that every adapter rejects the same malformed appends. */
export function assertAppendable(stream: string, expected: ExpectedRevision, events: readonly SealedEvent[]): void {
  if (typeof stream !== 'string' || stream.length === 0 || stream.length > 200) {
    throw new MalformedAppendError('stream name must be 1..200 characters');
  }
  if (events.length === 0) throw new MalformedAppendError('append needs at least one event');
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
    throw new MalformedAppendError(`expected revision must be a non-negative integer, got ${expected}`);
  }
  const first = events[0]!.revision;
  if (typeof expected === 'number' && first !== expected + 1) {
    throw new MalformedAppendError(`first event revision ${first} does not follow expected revision ${expected}`);
  }
  if (expected === 'no_stream' && first !== 0) {
    throw new MalformedAppendError(`a new stream starts at revision 0, got ${first}`);
  }
  events.forEach((event, i) => {
    if (event.stream !== stream) throw new MalformedAppendError(`event ${i} names stream ${event.stream}, not ${stream}`);
    if (event.revision !== first + i) throw new MalformedAppendError(`event ${i} has revision ${event.revision}, expected ${first + i}`);
    if (!(event.body instanceof Uint8Array) || !(event.sig instanceof Uint8Array)) {
      throw new MalformedAppendError(`event ${i} body and sig must be bytes`);
    }
  });
}
