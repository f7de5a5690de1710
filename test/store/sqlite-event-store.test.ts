import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/store/sqlite-event-store';
import { eventStoreConformance } from './event-store.conformance';
import { sealed, testKeyring, uniqueStream } from '../support/sealed';
import { withTimeout } from '../support/timeout';
import type { RecordedEvent } from '../../src/store/event-store';

eventStoreConformance('embedded SQLite', async () => new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'es-')), 'events.db')));

describe('SqliteEventStore commit observer', () => {
  it('is told the appends and events of each group commit, once per commit', async () => {
    const commits: Array<[number, number]> = [];
    const store = new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'es-')), 'events.db'), {
      onCommit: (appends, events) => commits.push([appends, events]),
    });
    try {
      const keyring = testKeyring();
      const streams = Array.from({ length: 8 }, () => uniqueStream('o'));
      await Promise.all(streams.map((s) => store.append(s, 'no_stream', sealed(keyring, s, null, 2))));
      // A stale writer is refused and not counted.
      await expect(store.append(streams[0]!, 'no_stream', sealed(keyring, streams[0]!, null, 1))).rejects.toThrow();
      expect(commits.reduce((n, [a]) => n + a, 0)).toBe(8);
      expect(commits.reduce((n, [, e]) => n + e, 0)).toBe(16);
      expect(commits.length).toBeLessThan(8); // concurrent appends shared commits
    } finally {
      await store.close();
    }
  });
});

describe('SqliteEventStore.subscribeAll after a read error', () => {
  const open = () =>
    new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'es-')), 'events.db'), { pollIntervalMs: 10, retry: { initialMs: 1, maxMs: 4 } });

  it('retries a busy read with backoff from the last delivered event, and reports it in onRetry and state', async () => {
    const store = open();
    try {
      const keyring = testKeyring();
      const stream = uniqueStream('busy');
      const first = sealed(keyring, stream, null, 2);
      await store.append(stream, 'no_stream', first);
      // The error better-sqlite3 throws when another process holds the file past busy_timeout.
      const busy = new Database.SqliteError('database is locked', 'SQLITE_BUSY');
      const read = store.readAllSync.bind(store);
      let reads = 0;
      jest.spyOn(store, 'readAllSync').mockImplementation((after, max) => {
        reads += 1;
        if (reads === 2 || reads === 3) throw busy;
        return read(after, max);
      });
      const seen: RecordedEvent[] = [];
      const retries: Array<[number, unknown]> = [];
      const errors: unknown[] = [];
      let done!: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      const sub = store.subscribeAll(
        { onError: (e) => errors.push(e), onRetry: (attempt, error) => retries.push([attempt, error]) },
        (e) => {
          seen.push(e);
          if (seen.length === 4) done();
        },
      );
      await store.append(stream, 1, sealed(keyring, stream, { revision: 1, hash: first[1]!.hash }, 2));
      await withTimeout(finished, 10_000, 'the subscription did not resume after SQLITE_BUSY');
      expect(seen.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      expect(retries.map(([attempt]) => attempt)).toEqual([1, 2]);
      expect(retries[0]![1]).toBe(busy);
      expect(errors).toEqual([]);
      expect(sub.state()).toMatchObject({ connected: true, stopped: false, retries: 2, failures: 0, lastError: 'database is locked' });
      await sub.unsubscribe();
    } finally {
      await store.close();
    }
  });

  it('stops on the handler’s own failure, without retrying', async () => {
    const store = open();
    try {
      const keyring = testKeyring();
      const stream = uniqueStream('fail');
      await store.append(stream, 'no_stream', sealed(keyring, stream, null, 2));
      const failure = new Error('projection failed');
      let reported!: (error: unknown) => void;
      const onError = new Promise<unknown>((resolve) => (reported = resolve));
      const retries: number[] = [];
      let calls = 0;
      const sub = store.subscribeAll({ onError: (e) => reported(e), onRetry: (a) => retries.push(a) }, () => {
        calls += 1;
        throw failure;
      });
      expect(await withTimeout(onError, 10_000, 'onError was not called')).toBe(failure);
      expect(calls).toBe(1);
      expect(retries).toEqual([]);
      expect(sub.state()).toMatchObject({ stopped: true, connected: false });
      await sub.unsubscribe();
    } finally {
      await store.close();
    }
  });
});
