import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/store/sqlite-event-store';
import { eventStoreConformance } from './event-store.conformance';
import { sealed, testKeyring, uniqueStream } from '../support/sealed';

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
