import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AppendExpectedRevision,
  type Position,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  AppendTooLargeError,
  assertAppendable,
  StreamConcurrencyError,
  type AppendResult,
  type CommitObserver,
  type EventStore,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SealedEvent,
  type SubscribeAllOptions,
  type Subscription,
} from './event-store';
import { DEFAULT_MAX_APPEND_BYTES } from './esdb-limits';
import { DEFAULT_RETRY, errorMessage, interruptibleSleep, retryDelay, SubscriptionHealth, type RetryPolicy } from './retry';

/**
 * The JSON data of one stored event. Bytes travel as base64 so that the canonical body and
 * the signature come back bit for bit; JSON-encoding the body itself would let the server or
 * a client re-serialise it and break the signature.
 */
interface StoredData {
  readonly body: string;
  readonly kid: string;
  readonly sig: string;
}

/** Events per round trip when paging through $all. */
const PAGE_SIZE = 500;
const CONNECT_TIMEOUT_MS = 3000;

// An append over the server's MaxAppendSize is refused by the server; checking before sending
// gives a clear, coded error and spares the round trip (src/store/esdb-limits.ts).
const LIMIT_HINT = 'EVENTSTORE_MAX_APPEND_BYTES here; raise it together with the server option EVENTSTORE_MAX_APPEND_SIZE (MaxAppendSize)';

/** How often a successful append whose reply names no position is read back before giving up. */
const READ_BACK_ATTEMPTS = 4;

/** What the adapter uses of the official client: the seam fault-injection tests fill with real error objects. */
export type EsdbClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export interface EsdbEventStoreOptions {
  readonly onCommit?: CommitObserver;
  /** Refuse appends whose events add up to more than this (the server's MaxAppendSize); default 1 MiB. */
  readonly maxAppendBytes?: number;
  /** Backoff of resubscriptions after a dropped subscription (and of read-backs). */
  readonly retry?: RetryPolicy;
}

/** Positions are `${commit}:${prepare}`: both halves are needed to order events in $all. */
function encodePosition(position: Position): string {
  return `${position.commit}:${position.prepare}`;
}

function decodePosition(position: string): Position {
  const match = /^(\d+):(\d+)$/.exec(position);
  if (!match) throw new Error(`not an EventStoreDB position: ${JSON.stringify(position)}`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}

function compare(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

function isStoredData(data: unknown): data is StoredData {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const d = data as Record<string, unknown>;
  return typeof d.body === 'string' && typeof d.kid === 'string' && typeof d.sig === 'string';
}

/**
 * Converts a raw event, or returns null when it is not ours: a system event (its type starts
 * with `$`, the same test as the server's excludeSystemEvents filter) or another writer's data.
 */
function toRecorded(event: EsdbRecordedEvent, position: Position): RecordedEvent | null {
  if (event.type.startsWith('$') || !event.isJson) return null;
  const data: unknown = event.data;
  if (!isStoredData(data)) return null;
  return {
    stream: event.streamId,
    revision: Number(event.revision),
    type: event.type,
    body: Buffer.from(data.body, 'base64'),
    kid: data.kid,
    sig: Buffer.from(data.sig, 'base64'),
    position: encodePosition(position),
  };
}

/**
 * A stream read must only ever meet ledger events: skipping a foreign one would leave a hole in
 * the revisions the hash chain is checked against, so fail loudly instead.
 */
function fromStreamRead(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new Error('EventStoreDB: stream read returned an unresolved link');
  if (!event.position || (event.position.commit === 0n && event.position.prepare === 0n)) {
    // Stream reads carry the $all position only from EventStoreDB 22.6 on. An older server
    // leaves the fields unset, which protobuf (and so the client) reads as 0:0; no event can
    // sit at 0:0, where every database's first epoch record is written.
    throw new Error('EventStoreDB: stream read returned no $all position (server older than 22.6?)');
  }
  const recorded = toRecorded(event, event.position);
  if (!recorded) throw new Error(`EventStoreDB: ${event.streamId}@${event.revision} is not a sealed ledger event`);
  return recorded;
}

/**
 * A fresh event id for every append attempt. EventStoreDB treats a re-append of ids it holds
 * at the expected revision as idempotent and answers success, even to a stale writer whose
 * events it never stored as new (CommitCheckResult.IdempotentLogPosition in the server's
 * index writer). The SQLite adapter refuses that writer; random ids make the server refuse it
 * too, so a stale expected revision is always a StreamConcurrencyError on both.
 */
const eventId = (): string => randomUUID();

/**
 * The bytes the server counts against MaxAppendSize for one event: data, metadata and the type
 * as UTF-16 (Event.SizeOnDisk in the server), summed over the append.
 */
function appendSize(events: ReadonlyArray<{ readonly type: string; readonly data: unknown }>): number {
  return events.reduce((sum, event) => sum + Buffer.byteLength(JSON.stringify(event.data), 'utf8') + event.type.length * 2, 0);
}

/**
 * Expected revision as the server should check it. `'any'` is tightened to "the revision just
 * before the first event": the revisions are sealed into the signed bodies, so letting the
 * server place the events anywhere else would store them under revisions their signatures do
 * not cover. This is the same rule the SQLite adapter applies.
 */
function serverExpectation(expected: ExpectedRevision, events: readonly SealedEvent[]): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') {
    const first = events[0]!.revision;
    return first === 0 ? NO_STREAM : BigInt(first - 1);
  }
  return BigInt(expected);
}

const actualRevision = (current: bigint | string): number | 'no_stream' =>
  typeof current === 'bigint' && current >= 0n ? Number(current) : 'no_stream';

/** The subscriber's own failure, told apart from the stream's (which is retried). */
class HandlerFailure {
  constructor(readonly error: unknown) {}
}

/** Hides credentials of a connection string in error messages. */
const redact = (url: string): string => url.replace(/\/\/[^@/]*@/, '//***@');

/**
 * Event store on EventStoreDB (gRPC client). Each sealed event is one JSON event whose type is
 * the ledger event type; ordering, optimistic concurrency and live delivery are the server's.
 */
export class EsdbEventStore implements EventStore {
  readonly name = 'eventstoredb';
  private closed = false;
  private readonly subscriptions = new Set<Subscription>();
  private readonly onCommit: CommitObserver | undefined;
  private readonly retry: RetryPolicy;
  /** The largest append (bytes, as the server counts them) this store sends. */
  readonly maxAppendBytes: number;

  constructor(
    private readonly client: EsdbClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.onCommit = options.onCommit;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.maxAppendBytes = options.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES;
  }

  async append(stream: string, expected: ExpectedRevision, events: readonly SealedEvent[]): Promise<AppendResult> {
    if (this.closed) throw new Error('event store is closed');
    assertAppendable(stream, expected, events);
    const data = events.map((event) => ({
      type: event.type,
      data: {
        body: Buffer.from(event.body).toString('base64'),
        kid: event.kid,
        sig: Buffer.from(event.sig).toString('base64'),
      },
    }));
    const bytes = appendSize(data);
    if (bytes > this.maxAppendBytes) throw new AppendTooLargeError(stream, bytes, this.maxAppendBytes, LIMIT_HINT);
    const payload = data.map((event) => jsonEvent({ id: eventId(), type: event.type, data: event.data }));
    let result;
    try {
      result = await this.client.appendToStream(stream, payload, { expectedRevision: serverExpectation(expected, events) });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new StreamConcurrencyError(stream, expected, actualRevision(error.actualVersion));
      }
      if (error instanceof MaxAppendSizeExceededError) {
        // The server's limit is below ours: say which one refused.
        throw new AppendTooLargeError(stream, bytes, error.maxAppendSize, `the server's MaxAppendSize; ${LIMIT_HINT}`);
      }
      throw error;
    }
    // Only reached when the connection string sets throwOnAppendFailure=false.
    if (!result.success) throw new StreamConcurrencyError(stream, expected, actualRevision(result.nextExpectedRevision));

    const nextRevision = events[events.length - 1]!.revision;
    // From here on the events are committed: nothing below may turn that into a failure.
    this.onCommit?.(1, events.length);
    // The server answers a write with (p, p), p the log position of its last event's record
    // (WriteEventsCompleted carries CommitAck.LogPosition twice), and $all reports each event
    // of a write at (its record's log position, the same): so the reply's position is exactly
    // the last event's, with no read-back RPC that could fail after the commit.
    if (result.position) return { nextRevision, position: encodePosition(result.position) };
    return { nextRevision, position: await this.readBackPosition(stream, nextRevision) };
  }

  /**
   * The $all position of an event just committed, for a reply that named none: read back,
   * retried with backoff, since a failed read says nothing about the append that succeeded.
   */
  private async readBackPosition(stream: string, revision: number): Promise<string> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= READ_BACK_ATTEMPTS; attempt++) {
      try {
        const [last] = await this.readStream(stream, { fromRevision: revision, maxCount: 1 });
        if (last && last.revision === revision) return last.position;
        lastError = new Error(`EventStoreDB: ${stream}@${revision} not readable after append`);
      } catch (error) {
        lastError = error;
      }
      if (attempt < READ_BACK_ATTEMPTS) await interruptibleSleep(retryDelay(attempt, this.retry)).done;
    }
    throw new Error(`EventStoreDB: ${stream}@${revision} was committed but its position could not be read: ${errorMessage(lastError)}`);
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (maxCount <= 0) return [];
    return this.collectStream(stream, {
      direction: FORWARDS,
      fromRevision: BigInt(options.fromRevision ?? 0),
      maxCount,
    });
  }

  async lastEvent(stream: string): Promise<RecordedEvent | null> {
    const [last] = await this.collectStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    return last ?? null;
  }

  private async collectStream(
    stream: string,
    options: { direction: typeof FORWARDS | typeof BACKWARDS; fromRevision: bigint | typeof END; maxCount: number },
  ): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, options)) out.push(fromStreamRead(resolved));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? Number.POSITIVE_INFINITY;
    const out: RecordedEvent[] = [];
    if (limit <= 0) return out;
    // $all reads start *at* fromPosition, and $all also holds system and foreign events that
    // do not count towards maxCount, so page until we have enough of ours or reach the end.
    let exclusive: Position | null = options.after ? decodePosition(options.after) : null;
    let from: ReadPosition = exclusive ?? START;
    for (;;) {
      const read = this.client.readAll({ direction: FORWARDS, fromPosition: from, maxCount: PAGE_SIZE });
      let seen = 0;
      let last: Position | null = null;
      for await (const resolved of read) {
        seen++;
        const event = resolved.event;
        if (!event) continue;
        last = event.position;
        if (exclusive && compare(event.position, exclusive) <= 0) continue;
        const recorded = toRecorded(event, event.position);
        if (!recorded) continue;
        out.push(recorded);
        if (out.length >= limit) {
          await read.cancel(); // leaving the loop early does not end the gRPC call by itself
          return out;
        }
      }
      if (seen < PAGE_SIZE || !last) return out;
      exclusive = last;
      from = last;
    }
  }

  async headPosition(): Promise<string | null> {
    // $all read backwards from its end: the first event of ours is the head (system and
    // foreign events are skipped, page by page).
    let from: ReadPosition = END;
    let skip: Position | null = null;
    for (;;) {
      const read = this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: PAGE_SIZE });
      let seen = 0;
      let last: Position | null = null;
      for await (const resolved of read) {
        seen++;
        const event = resolved.event;
        if (!event) continue;
        last = event.position;
        if (skip && compare(event.position, skip) >= 0) continue;
        const recorded = toRecorded(event, event.position);
        if (recorded) {
          await read.cancel();
          return recorded.position;
        }
      }
      if (seen < PAGE_SIZE || !last) return null;
      skip = last;
      from = last;
    }
  }

  async countAfter(after: string | null, limit: number): Promise<number> {
    // No count in $all: read up to `limit` events (bounded, like every read here).
    return limit <= 0 ? 0 : (await this.readAll({ after, maxCount: limit })).length;
  }

  /**
   * Catch-up then live delivery, resubscribed from the last delivered position with capped
   * exponential backoff whenever the stream fails or the server ends it (a restart, a leader
   * change, a network blip): the client does not resubscribe by itself. Only the handler's own
   * failure stops the subscription (onError).
   */
  subscribeAll(options: SubscribeAllOptions, handler: (event: RecordedEvent) => Promise<void> | void): Subscription {
    let last: Position | null = options.after ? decodePosition(options.after) : null;
    const health = new SubscriptionHealth(false, this.retry, options.onRetry);
    let source: ReturnType<EsdbClient['subscribeToAll']> | null = null;
    const live = () => health.live();
    const loop = (async () => {
      while (!health.stopped) {
        const current = this.client.subscribeToAll({ fromPosition: last ?? START, filter: excludeSystemEvents() });
        source = current;
        current.on('confirmation', () => (health.connected = true));
        current.on('caughtUp', live);
        let failure: unknown;
        try {
          for await (const resolved of current) {
            if (health.stopped) return;
            live();
            const event = resolved.event;
            if (!event) continue;
            // Subscriptions start after fromPosition on current servers; guard anyway, since a
            // redelivered event would be applied twice by a projection.
            if (last && compare(event.position, last) <= 0) continue;
            const recorded = toRecorded(event, event.position);
            if (recorded) {
              try {
                await handler(recorded);
              } catch (error) {
                throw new HandlerFailure(error);
              }
            }
            last = event.position;
          }
          failure = new Error('EventStoreDB subscription ended by the server');
        } catch (error) {
          if (error instanceof HandlerFailure) throw error.error;
          failure = error;
        }
        if (health.stopped) return;
        void current.unsubscribe().catch(() => undefined);
        current.destroy();
        await health.pause(failure);
      }
    })().catch((error: unknown) => {
      if (health.stopped) return; // the cancellation we caused in unsubscribe()
      health.stop();
      if (source) {
        void source.unsubscribe().catch(() => undefined);
        source.destroy();
      }
      options.onError?.(error);
    });

    const subscription: Subscription = {
      unsubscribe: async () => {
        this.subscriptions.delete(subscription);
        if (!health.stopped) {
          health.stop();
          if (source) {
            // unsubscribe() cancels the gRPC call but does not end the readable the loop is
            // waiting on; destroying it does.
            await source.unsubscribe().catch(() => undefined);
            source.destroy();
          }
        }
        await loop;
      },
      state: () => health.state(last ? encodePosition(last) : null),
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  comparePositions(a: string, b: string): number {
    return compare(decodePosition(a), decodePosition(b));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.unsubscribe()));
    await this.client.dispose();
  }
}

/**
 * Connects to EventStoreDB and checks that it answers, so that a wrong URL or a stopped server
 * fails at start-up rather than on the first command.
 */
export async function connectEsdb(url: string, options: EsdbEventStoreOptions = {}): Promise<EsdbEventStore> {
  const client = EventStoreDBClient.connectionString(url);
  // Streaming reads ignore the client's `deadline` option, so bound the probe ourselves.
  const probe = client.readAll({ direction: FORWARDS, fromPosition: START, maxCount: 1 });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        for await (const _event of probe) {
          // draining the one event proves the server answers reads
        }
      })(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    await probe.cancel().catch(() => undefined);
    await client.dispose().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`EventStoreDB not reachable at ${redact(url)}: ${reason}`);
  } finally {
    clearTimeout(timer);
  }
  return new EsdbEventStore(client, options);
}
