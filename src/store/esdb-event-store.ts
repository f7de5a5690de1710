import { createHash } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
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
  if (!event.position) {
    // Stream reads carry the $all position only from EventStoreDB 22.6 on.
    throw new Error('EventStoreDB: stream read returned no $all position (server older than 22.6?)');
  }
  const recorded = toRecorded(event, event.position);
  if (!recorded) throw new Error(`EventStoreDB: ${event.streamId}@${event.revision} is not a sealed ledger event`);
  return recorded;
}

/**
 * A stable event id derived from the sealed bytes. EventStoreDB treats a re-append of the same
 * ids at the same expected revision as a no-op, so a writer that retries after a lost reply
 * does not get a spurious concurrency error (or a duplicate).
 */
function eventId(event: SealedEvent): string {
  const hex = createHash('sha256').update(event.body).digest('hex').slice(0, 32).split('');
  hex[12] = '8'; // RFC 9562 "custom" version
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16); // RFC variant
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
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

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly onCommit?: CommitObserver,
  ) {}

  async append(stream: string, expected: ExpectedRevision, events: readonly SealedEvent[]): Promise<AppendResult> {
    if (this.closed) throw new Error('event store is closed');
    assertAppendable(stream, expected, events);
    const payload = events.map((event) =>
      jsonEvent({
        id: eventId(event),
        type: event.type,
        data: {
          body: Buffer.from(event.body).toString('base64'),
          kid: event.kid,
          sig: Buffer.from(event.sig).toString('base64'),
        },
      }),
    );
    let result;
    try {
      result = await this.client.appendToStream(stream, payload, { expectedRevision: serverExpectation(expected, events) });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new StreamConcurrencyError(stream, expected, actualRevision(error.actualVersion));
      }
      throw error;
    }
    // Only reached when the connection string sets throwOnAppendFailure=false.
    if (!result.success) throw new StreamConcurrencyError(stream, expected, actualRevision(result.nextExpectedRevision));

    const nextRevision = events[events.length - 1]!.revision;
    // The append reply carries one position for the whole write, which for a multi-event
    // append is not necessarily the last event's $all position. Read that event back so the
    // position we return is exactly the one readStream/readAll will report for it.
    const [last] = await this.readStream(stream, { fromRevision: nextRevision, maxCount: 1 });
    if (!last || last.revision !== nextRevision) throw new Error(`EventStoreDB: ${stream}@${nextRevision} not readable after append`);
    this.onCommit?.(1, events.length);
    return { nextRevision, position: last.position };
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

  subscribeAll(options: SubscribeAllOptions, handler: (event: RecordedEvent) => Promise<void> | void): Subscription {
    const after = options.after ? decodePosition(options.after) : null;
    const source = this.client.subscribeToAll({ fromPosition: after ?? START, filter: excludeSystemEvents() });
    let stopped = false;

    const loop = (async () => {
      for await (const resolved of source) {
        if (stopped) return;
        const event = resolved.event;
        if (!event) continue;
        // Subscriptions start after fromPosition on current servers; guard anyway, since a
        // redelivered `after` event would be applied twice by a projection.
        if (after && compare(event.position, after) <= 0) continue;
        const recorded = toRecorded(event, event.position);
        if (recorded) await handler(recorded);
      }
      // The server closed the subscription without an error: that is still the end of live
      // delivery, which the owner must hear about rather than silently stall.
      if (!stopped) throw new Error('EventStoreDB subscription ended');
    })().catch((error: unknown) => {
      if (stopped) return; // the cancellation we caused in unsubscribe()
      stopped = true;
      void source.unsubscribe().catch(() => undefined);
      options.onError?.(error);
    });

    const subscription: Subscription = {
      unsubscribe: async () => {
        this.subscriptions.delete(subscription);
        if (!stopped) {
          stopped = true;
          // unsubscribe() cancels the gRPC call but does not end the readable the loop is
          // waiting on; destroying it does.
          await source.unsubscribe().catch(() => undefined);
          source.destroy();
        }
        await loop;
      },
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
export async function connectEsdb(url: string, options: { onCommit?: CommitObserver } = {}): Promise<EsdbEventStore> {
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
  return new EsdbEventStore(client, options.onCommit);
}
