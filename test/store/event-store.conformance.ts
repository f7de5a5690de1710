/**
 * The one behaviour every EventStore adapter must have. Each adapter's test file calls
 * `eventStoreConformance` with a factory; external adapters skip with one clear line when
 * their server is not reachable.
 */
import { StreamConcurrencyError, MalformedAppendError, type EventStore, type RecordedEvent } from '../../src/store/event-store';
import { sealed, testKeyring, uniqueStream } from '../support/sealed';
import { sha256Hex } from '../../src/crypto/sha256';
import { withTimeout } from '../support/timeout';

export function eventStoreConformance(name: string, open: () => Promise<EventStore>): void {
  describe(`EventStore conformance: ${name}`, () => {
    const keyring = testKeyring();
    let store: EventStore;

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('appends a new stream and reads back the exact bytes in revision order', async () => {
      const stream = uniqueStream();
      const events = sealed(keyring, stream, null, 3);
      const result = await store.append(stream, 'no_stream', events);
      expect(result.nextRevision).toBe(2);
      const read = await store.readStream(stream);
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
      read.forEach((e, i) => {
        expect(Buffer.from(e.body).equals(Buffer.from(events[i]!.body))).toBe(true);
        expect(Buffer.from(e.sig).equals(Buffer.from(events[i]!.sig))).toBe(true);
        expect(e.kid).toBe(events[i]!.kid);
        expect(e.type).toBe('TestEvent');
        expect(e.stream).toBe(stream);
      });
      expect(store.comparePositions(read[2]!.position, result.position)).toBe(0);
    });

    it('returns [] and null for an unknown stream', async () => {
      const stream = uniqueStream('missing');
      expect(await store.readStream(stream)).toEqual([]);
      expect(await store.lastEvent(stream)).toBeNull();
    });

    it('continues a stream with the right expected revision and reads from a revision', async () => {
      const stream = uniqueStream();
      const first = sealed(keyring, stream, null, 2);
      await store.append(stream, 'no_stream', first);
      const head = { revision: 1, hash: first[1]!.hash };
      await store.append(stream, 1, sealed(keyring, stream, head, 2));
      const tail = await store.readStream(stream, { fromRevision: 2 });
      expect(tail.map((e) => e.revision)).toEqual([2, 3]);
      const last = await store.lastEvent(stream);
      expect(last?.revision).toBe(3);
      const limited = await store.readStream(stream, { maxCount: 1 });
      expect(limited.map((e) => e.revision)).toEqual([0]);
    });

    it('rejects a stale writer with a concurrency error and writes nothing', async () => {
      const stream = uniqueStream();
      await store.append(stream, 'no_stream', sealed(keyring, stream, null, 1));
      await expect(store.append(stream, 'no_stream', sealed(keyring, stream, null, 1))).rejects.toBeInstanceOf(StreamConcurrencyError);
      const read = await store.readStream(stream);
      expect(read).toHaveLength(1);
    });

    it('refuses a stale writer that re-appends the very events already stored (no idempotent success)', async () => {
      // EventStoreDB answers success to a re-append of event ids it holds; the adapters must
      // not let that through: a stale expected revision is a conflict whatever the bytes.
      const stream = uniqueStream();
      const first = sealed(keyring, stream, null, 2);
      await store.append(stream, 'no_stream', first);
      await expect(store.append(stream, 'no_stream', first)).rejects.toBeInstanceOf(StreamConcurrencyError);
      const next = sealed(keyring, stream, { revision: 1, hash: first[1]!.hash }, 1);
      await store.append(stream, 1, next);
      const again = store.append(stream, 1, next);
      await expect(again).rejects.toBeInstanceOf(StreamConcurrencyError);
      await expect(again).rejects.toMatchObject({ expected: 1, actual: 2 });
      expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2]);
    });

    it('lets exactly one of two racing writers win', async () => {
      const stream = uniqueStream();
      const base = sealed(keyring, stream, null, 1);
      await store.append(stream, 'no_stream', base);
      const head = { revision: 0, hash: base[0]!.hash };
      const results = await Promise.allSettled([
        store.append(stream, 0, sealed(keyring, stream, head, 2)),
        store.append(stream, 0, sealed(keyring, stream, head, 1)),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(StreamConcurrencyError);
      const read = await store.readStream(stream);
      const winner = results.findIndex((r) => r.status === 'fulfilled');
      expect(read).toHaveLength(winner === 0 ? 3 : 2);
    });

    it('rejects malformed appends (wrong revisions, foreign stream, empty) without writing', async () => {
      const stream = uniqueStream();
      await expect(store.append(stream, 'no_stream', [])).rejects.toBeInstanceOf(MalformedAppendError);
      const other = sealed(keyring, uniqueStream(), null, 1);
      await expect(store.append(stream, 'no_stream', other)).rejects.toBeInstanceOf(MalformedAppendError);
      await expect(store.append(stream, 5, sealed(keyring, stream, null, 1))).rejects.toBeInstanceOf(MalformedAppendError);
      expect(await store.readStream(stream)).toEqual([]);
    });

    it('reads all events in commit order after a position', async () => {
      const a = uniqueStream('a');
      const b = uniqueStream('b');
      const before = await lastPosition(store);
      const ea = sealed(keyring, a, null, 2);
      await store.append(a, 'no_stream', ea);
      const eb = sealed(keyring, b, null, 1);
      await store.append(b, 'no_stream', eb);
      await store.append(a, 1, sealed(keyring, a, { revision: 1, hash: ea[1]!.hash }, 1));
      const all = await readAllAfter(store, before);
      const mine = all.filter((e) => e.stream === a || e.stream === b);
      expect(mine.map((e) => `${e.stream === a ? 'a' : 'b'}${e.revision}`)).toEqual(['a0', 'a1', 'b0', 'a2']);
      for (let i = 1; i < all.length; i++) expect(store.comparePositions(all[i - 1]!.position, all[i]!.position)).toBeLessThan(0);
      const page = await store.readAll({ after: all[0]!.position, maxCount: 2 });
      expect(page.map((e) => e.position)).toEqual(all.slice(1, 3).map((e) => e.position));
    });

    it('names its head and counts the events after a position, up to a limit', async () => {
      const before = await lastPosition(store);
      expect(await store.headPosition()).toBe(before);
      const a = uniqueStream('h');
      const ea = sealed(keyring, a, null, 3);
      const appended = await store.append(a, 'no_stream', ea);
      expect(await store.headPosition()).toBe(appended.position);
      expect(await store.countAfter(before, 100)).toBe(3);
      expect(await store.countAfter(before, 2)).toBe(2);
      expect(await store.countAfter(appended.position, 100)).toBe(0);
      expect(await store.countAfter(null, 0)).toBe(0);
      const all = await readAllAfter(store, null);
      expect(await store.countAfter(null, all.length + 10)).toBe(all.length);
    });

    it('shares one group commit among concurrent writers to different streams', async () => {
      const streams = Array.from({ length: 32 }, () => uniqueStream('g'));
      const results = await Promise.all(streams.map((s) => store.append(s, 'no_stream', sealed(keyring, s, null, 2))));
      expect(results.every((r) => r.nextRevision === 1)).toBe(true);
      for (const s of streams) expect(await store.readStream(s)).toHaveLength(2);
    });

    it('delivers existing then live events to an all-stream subscription, from a position', async () => {
      const stream = uniqueStream('sub');
      const before = await lastPosition(store);
      const first = sealed(keyring, stream, null, 2);
      await store.append(stream, 'no_stream', first);
      const seen: RecordedEvent[] = [];
      let done: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      const sub = store.subscribeAll({ after: before }, (event) => {
        if (event.stream !== stream) return;
        seen.push(event);
        if (seen.length === 4) done();
      });
      await store.append(stream, 1, sealed(keyring, stream, { revision: 1, hash: first[1]!.hash }, 2));
      await withTimeout(finished, 10_000, 'subscription timed out');
      expect(sub.state()).toMatchObject({ connected: true, stopped: false, failures: 0 });
      expect(store.comparePositions(sub.state().position!, seen[3]!.position)).toBe(0);
      await sub.unsubscribe();
      expect(sub.state()).toMatchObject({ connected: false, stopped: true });
      expect(seen.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      expect(sha256Hex(seen[0]!.body)).toBe(first[0]!.hash);
    });
  });
}

async function readAllAfter(store: EventStore, after: string | null): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let position = after;
  for (;;) {
    const page = await store.readAll({ after: position, maxCount: 1000 });
    if (page.length === 0) return out;
    out.push(...page);
    position = page[page.length - 1]!.position;
  }
}

/** The position of the last event in the log, or null for an empty log. */
async function lastPosition(store: EventStore): Promise<string | null> {
  const all = await readAllAfter(store, null);
  return all.length ? all[all.length - 1]!.position : null;
}
