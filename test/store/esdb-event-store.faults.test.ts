/**
 * The EventStoreDB adapter against the official client's own error objects, with the faults a
 * server would cause injected where no server is reachable (no EventStoreDB binary can run
 * here): a dropped or ended subscription, a read-back that fails after the commit, a stale
 * writer re-appending the same bytes, an append over the size limit, a server older than 22.6.
 * The conformance suite (esdb-event-store.test.ts) covers the same adapter against a real
 * server when EVENTSTORE_TEST_URL is set.
 */
import { PassThrough } from 'node:stream';
import {
  convertToCommandError,
  MaxAppendSizeExceededError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendResult as EsdbAppendResult,
  type EventData,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { EsdbEventStore, type EsdbClient } from '../../src/store/esdb-event-store';
import { AppendTooLargeError, StreamConcurrencyError, type RecordedEvent, type SealedEvent } from '../../src/store/event-store';
import { sealed, testKeyring, uniqueStream } from '../support/sealed';
import { withTimeout } from '../support/timeout';

const keyring = testKeyring();
const FAST = { retry: { initialMs: 1, maxMs: 4 } };

/** What the client throws when the connection drops: a gRPC UNAVAILABLE status through its own converter. */
function unavailable(details = 'Connection dropped'): Error {
  const error = convertToCommandError(Object.assign(new Error(`14 UNAVAILABLE: ${details}`), { code: 14, details }));
  expect(error).toBeInstanceOf(UnavailableError);
  return error;
}

/** A resolved event as the client builds it from the wire (convertGrpcRecord's shape). */
function resolved(event: SealedEvent, position: Position): ResolvedEvent & AllStreamResolvedEvent {
  return {
    event: {
      streamId: event.stream,
      id: '00000000-0000-4000-8000-000000000000',
      revision: BigInt(event.revision),
      type: event.type,
      data: { body: Buffer.from(event.body).toString('base64'), kid: event.kid, sig: Buffer.from(event.sig).toString('base64') },
      metadata: undefined,
      isJson: true,
      created: new Date(0),
      position,
    },
    commitPosition: position.commit,
  } as unknown as ResolvedEvent & AllStreamResolvedEvent;
}

const at = (n: number): Position => ({ commit: BigInt(n), prepare: BigInt(n) });

/** A subscription as the client returns it: an object-mode readable with `unsubscribe`. */
class FakeSubscription extends PassThrough {
  constructor(readonly fromPosition: unknown) {
    super({ objectMode: true });
  }
  async unsubscribe(): Promise<void> {
    this.end();
  }
}

/** A readable that yields `items`, then fails with `error` when one is given. */
function streamingRead(items: unknown[], error?: Error): AsyncIterable<unknown> {
  return {
    async *[Symbol.asyncIterator]() {
      yield* items;
      if (error) throw error;
    },
  };
}

/** The client methods the adapter calls; each test fills in what its fault needs. */
function fakeClient(parts: Partial<Record<keyof EsdbClient, unknown>>): EsdbClient {
  return {
    appendToStream: () => Promise.reject(new Error('appendToStream not expected')),
    readStream: () => streamingRead([], new Error('readStream not expected')),
    readAll: () => streamingRead([]),
    subscribeToAll: () => new FakeSubscription(null),
    dispose: async () => undefined,
    ...parts,
  } as unknown as EsdbClient;
}

describe('EsdbEventStore.subscribeAll survives its stream', () => {
  const stream = uniqueStream('sub');
  const events = sealed(keyring, stream, null, 4);

  it('resubscribes from the last delivered position after a stream error, with onRetry and state', async () => {
    const subscriptions: FakeSubscription[] = [];
    const client = fakeClient({
      subscribeToAll: (options: { fromPosition: unknown }) => {
        const sub = new FakeSubscription(options.fromPosition);
        subscriptions.push(sub);
        if (subscriptions.length === 1) {
          sub.write(resolved(events[0]!, at(100)));
          sub.write(resolved(events[1]!, at(200)));
          setImmediate(() => sub.destroy(unavailable()));
        } else {
          // The server delivers from after fromPosition; an event at it would be a duplicate.
          sub.write(resolved(events[1]!, at(200)));
          sub.write(resolved(events[2]!, at(300)));
          sub.write(resolved(events[3]!, at(400)));
        }
        return sub;
      },
    });
    const store = new EsdbEventStore(client, FAST);
    const seen: RecordedEvent[] = [];
    const retries: Array<[number, unknown]> = [];
    const errors: unknown[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const sub = store.subscribeAll(
      { onError: (e) => errors.push(e), onRetry: (attempt, error) => retries.push([attempt, error]) },
      (event) => {
        seen.push(event);
        if (seen.length === 4) done();
      },
    );
    await withTimeout(finished, 10_000, 'the subscription was not resumed');
    expect(seen.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    expect(subscriptions).toHaveLength(2);
    expect(subscriptions[1]!.fromPosition).toEqual(at(200));
    expect(retries).toHaveLength(1);
    expect(retries[0]![0]).toBe(1);
    expect(retries[0]![1]).toBeInstanceOf(UnavailableError);
    expect(errors).toEqual([]);
    expect(sub.state()).toMatchObject({ connected: true, stopped: false, retries: 1, failures: 0, position: '400:400' });
    expect(sub.state().lastError).toMatch(/UNAVAILABLE/);
    await sub.unsubscribe();
    expect(sub.state()).toMatchObject({ connected: false, stopped: true });
    await store.close();
  });

  it('resubscribes when the server ends the subscription without an error', async () => {
    let calls = 0;
    const client = fakeClient({
      subscribeToAll: (options: { fromPosition: unknown }) => {
        const sub = new FakeSubscription(options.fromPosition);
        calls += 1;
        if (calls === 1) {
          sub.write(resolved(events[0]!, at(100)));
          sub.end();
        } else if (calls === 2) {
          sub.end(); // still down: the attempts count up
        } else {
          sub.write(resolved(events[1]!, at(200)));
        }
        return sub;
      },
    });
    const store = new EsdbEventStore(client, FAST);
    const seen: number[] = [];
    const attempts: number[] = [];
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const sub = store.subscribeAll({ onRetry: (attempt) => attempts.push(attempt) }, (event) => {
      seen.push(event.revision);
      if (seen.length === 2) done();
    });
    await withTimeout(finished, 10_000, 'the subscription was not resumed after the server ended it');
    expect(seen).toEqual([0, 1]);
    expect(attempts).toEqual([1, 2]); // consecutive failures: the second waits longer
    expect(sub.state().retries).toBe(2);
    await sub.unsubscribe();
    await store.close();
  });

  it('does not retry the handler’s own failure: onError, then stopped', async () => {
    let calls = 0;
    const client = fakeClient({
      subscribeToAll: (options: { fromPosition: unknown }) => {
        calls += 1;
        const sub = new FakeSubscription(options.fromPosition);
        sub.write(resolved(events[0]!, at(100)));
        sub.write(resolved(events[1]!, at(200)));
        return sub;
      },
    });
    const store = new EsdbEventStore(client, FAST);
    const failure = new Error('projection failed');
    let reported!: (error: unknown) => void;
    const onError = new Promise<unknown>((resolve) => (reported = resolve));
    const retries: number[] = [];
    const sub = store.subscribeAll({ onError: (e) => reported(e), onRetry: (a) => retries.push(a) }, () => {
      throw failure;
    });
    expect(await withTimeout(onError, 10_000, 'onError was not called')).toBe(failure);
    expect(calls).toBe(1);
    expect(retries).toEqual([]);
    expect(sub.state()).toMatchObject({ stopped: true, connected: false, retries: 0 });
    await sub.unsubscribe();
    await store.close();
  });

  it('stops waiting to retry when unsubscribed', async () => {
    const client = fakeClient({
      subscribeToAll: () => {
        const sub = new FakeSubscription(null);
        setImmediate(() => sub.destroy(unavailable('Connection refused')));
        return sub;
      },
    });
    // A long backoff: unsubscribe must not sit it out.
    const store = new EsdbEventStore(client, { retry: { initialMs: 600_000, maxMs: 600_000 } });
    let retried!: () => void;
    const waiting = new Promise<void>((resolve) => (retried = resolve));
    const sub = store.subscribeAll({ onRetry: () => retried() }, () => undefined);
    await withTimeout(waiting, 10_000, 'no retry was scheduled');
    expect(sub.state()).toMatchObject({ connected: false, stopped: false, failures: 1 });
    await withTimeout(sub.unsubscribe(), 5_000, 'unsubscribe waited for the backoff');
    await store.close();
  });
});

describe('EsdbEventStore.append', () => {
  it('reports a committed append as committed when the read-back would fail: the reply’s position is the last event’s', async () => {
    const stream = uniqueStream();
    const events = sealed(keyring, stream, null, 3);
    const client = fakeClient({
      appendToStream: async (): Promise<EsdbAppendResult> => ({ success: true, nextExpectedRevision: 2n, position: at(4242) }),
      readStream: () => streamingRead([], unavailable()),
    });
    const store = new EsdbEventStore(client, FAST);
    await expect(store.append(stream, 'no_stream', events)).resolves.toEqual({ nextRevision: 2, position: '4242:4242' });
  });

  it('reads the position back, retrying, when the reply names none', async () => {
    const stream = uniqueStream();
    const events = sealed(keyring, stream, null, 1);
    let reads = 0;
    const client = fakeClient({
      appendToStream: async (): Promise<EsdbAppendResult> => ({ success: true, nextExpectedRevision: 0n, position: undefined }),
      readStream: () => {
        reads += 1;
        return reads < 3 ? streamingRead([], unavailable()) : streamingRead([resolved(events[0]!, at(77))]);
      },
    });
    const store = new EsdbEventStore(client, FAST);
    await expect(store.append(stream, 'no_stream', events)).resolves.toEqual({ nextRevision: 0, position: '77:77' });
    expect(reads).toBe(3);
  });

  it('refuses a stale writer that re-appends the same bytes, as SQLite does (fresh event ids per attempt)', async () => {
    // The server's rule (its index writer's commit check): events whose ids it holds right
    // after the expected revision are an idempotent success; any other write at a stale
    // expected revision is a WrongExpectedVersion.
    const stored: Array<{ id: string }> = [];
    const sentIds: string[][] = [];
    const client = fakeClient({
      appendToStream: async (
        streamName: string,
        payload: EventData[],
        options: { expectedRevision: bigint | 'no_stream' },
      ): Promise<EsdbAppendResult> => {
        sentIds.push(payload.map((e) => e.id!));
        const expected = options.expectedRevision === 'no_stream' ? -1 : Number(options.expectedRevision);
        const idempotent = payload.every((e, i) => stored[expected + 1 + i]?.id === e.id);
        if (idempotent) return { success: true, nextExpectedRevision: BigInt(expected + payload.length), position: at(10) };
        if (expected !== stored.length - 1) {
          throw new WrongExpectedVersionError(undefined, {
            streamName,
            current: stored.length ? BigInt(stored.length - 1) : 'no_stream',
            expected: options.expectedRevision,
          });
        }
        stored.push(...payload.map((e) => ({ id: e.id! })));
        return { success: true, nextExpectedRevision: BigInt(stored.length - 1), position: at(10 * stored.length) };
      },
    });
    const store = new EsdbEventStore(client, FAST);
    const stream = uniqueStream();
    const events = sealed(keyring, stream, null, 2);
    await store.append(stream, 'no_stream', events);
    const stale = store.append(stream, 'no_stream', events);
    await expect(stale).rejects.toBeInstanceOf(StreamConcurrencyError);
    await expect(stale).rejects.toMatchObject({ expected: 'no_stream', actual: 1 });
    expect(stored).toHaveLength(2);
    expect(new Set(sentIds.flat()).size).toBe(4);
  });

  it('refuses an append over the limit before sending it, with a coded error naming the limit and the setting', async () => {
    let sent = 0;
    const client = fakeClient({
      appendToStream: async (): Promise<EsdbAppendResult> => {
        sent += 1;
        return { success: true, nextExpectedRevision: 0n, position: at(1) };
      },
    });
    const store = new EsdbEventStore(client, { maxAppendBytes: 2_000 });
    const stream = uniqueStream();
    const events = sealed(keyring, stream, null, 8);
    const refused = store.append(stream, 'no_stream', events);
    await expect(refused).rejects.toBeInstanceOf(AppendTooLargeError);
    await expect(refused).rejects.toMatchObject({ code: 'APPEND_TOO_LARGE', limit: 2_000 });
    await expect(refused).rejects.toThrow(/2000 bytes.*EVENTSTORE_MAX_APPEND_BYTES.*EVENTSTORE_MAX_APPEND_SIZE/);
    expect(sent).toBe(0);
    // The default is the server's default MaxAppendSize, 1 MiB.
    expect(new EsdbEventStore(client).maxAppendBytes).toBe(1_048_576);
  });

  it('turns the server’s own MaxAppendSizeExceeded into the same coded error, naming the server’s limit', async () => {
    const client = fakeClient({
      appendToStream: () => Promise.reject(MaxAppendSizeExceededError.fromMaxAppendSize(1_024)),
    });
    const store = new EsdbEventStore(client);
    const stream = uniqueStream();
    const refused = store.append(stream, 'no_stream', sealed(keyring, stream, null, 2));
    await expect(refused).rejects.toMatchObject({ code: 'APPEND_TOO_LARGE', limit: 1_024 });
    await expect(refused).rejects.toThrow(/server's MaxAppendSize/);
  });
});

describe('EsdbEventStore on a server older than 22.6', () => {
  it('refuses a stream read whose events carry no $all position (0:0, protobuf’s unset value)', async () => {
    const stream = uniqueStream();
    const events = sealed(keyring, stream, null, 1);
    const client = fakeClient({ readStream: () => streamingRead([resolved(events[0]!, at(0))]) });
    const store = new EsdbEventStore(client);
    await expect(store.readStream(stream)).rejects.toThrow(/older than 22\.6/);
    await expect(store.lastEvent(stream)).rejects.toThrow(/older than 22\.6/);
  });
});
