import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
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
import { DEFAULT_RETRY, SubscriptionHealth, type RetryPolicy } from './retry';

interface PendingAppend {
  readonly stream: string;
  readonly expected: ExpectedRevision;
  readonly events: readonly SealedEvent[];
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

interface Row {
  position: number;
  stream: string;
  revision: number;
  type: string;
  body: Buffer;
  kid: string;
  sig: Buffer;
}

const toRecorded = (row: Row): RecordedEvent => ({
  position: String(row.position),
  stream: row.stream,
  revision: row.revision,
  type: row.type,
  body: row.body,
  kid: row.kid,
  sig: row.sig,
});

/**
 * Embedded, durable event store on SQLite (WAL, synchronous=FULL).
 *
 * Group commit: appends that arrive while a commit is being prepared are queued and written
 * in one transaction, so concurrent writers share one fsync. Each append in a group is
 * checked against its expected revision on its own; a stale one is rejected without touching
 * the others, and nothing of it is written.
 */
export class SqliteEventStore implements EventStore {
  readonly name = 'sqlite';
  private readonly db: Database.Database;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private readonly listeners = new Set<() => void>();
  private closed = false;
  private readonly stmts;

  constructor(
    readonly file: string,
    options: { pollIntervalMs?: number; onCommit?: CommitObserver; retry?: RetryPolicy } = {},
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS events (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        stream   TEXT    NOT NULL,
        revision INTEGER NOT NULL,
        type     TEXT    NOT NULL,
        body     BLOB    NOT NULL,
        kid      TEXT    NOT NULL,
        sig      BLOB    NOT NULL,
        UNIQUE (stream, revision)
      );
    `);
    this.stmts = {
      streamHead: this.db.prepare<[string], { revision: number }>('SELECT max(revision) AS revision FROM events WHERE stream = ?'),
      insert: this.db.prepare('INSERT INTO events (stream, revision, type, body, kid, sig) VALUES (?, ?, ?, ?, ?, ?)'),
      readStream: this.db.prepare<[string, number, number], Row>(
        'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      last: this.db.prepare<[string], Row>('SELECT * FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1'),
      readAll: this.db.prepare<[number, number], Row>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      head: this.db.prepare<[], number | null>('SELECT max(position) FROM events').pluck(),
      countAfter: this.db
        .prepare<[number, number], number>('SELECT count(*) FROM (SELECT 1 FROM events WHERE position > ? LIMIT ?)')
        .pluck(),
    };
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.onCommit = options.onCommit;
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  private readonly retry: RetryPolicy;

  private readonly pollIntervalMs: number;
  private readonly onCommit: CommitObserver | undefined;

  append(stream: string, expected: ExpectedRevision, events: readonly SealedEvent[]): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    try {
      assertAppendable(stream, expected, events);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ stream, expected, events, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const outcomes: Array<{ ok: true; result: AppendResult } | { ok: false; error: unknown }> = [];
    let appends = 0;
    let events = 0;
    const heads = new Map<string, number>();
    const current = (stream: string): number => {
      const cached = heads.get(stream);
      if (cached !== undefined) return cached;
      const row = this.stmts.streamHead.get(stream);
      return row?.revision ?? -1;
    };
    const writeBatch = this.db.transaction(() => {
      for (const pending of batch) {
        const actual = current(pending.stream);
        const ok = pending.expected === 'any' || (pending.expected === 'no_stream' && actual === -1) || pending.expected === actual;
        const first = pending.events[0]!.revision;
        if (!ok || (pending.expected === 'any' && first !== actual + 1)) {
          outcomes.push({
            ok: false,
            error: new StreamConcurrencyError(pending.stream, pending.expected, actual === -1 ? 'no_stream' : actual),
          });
          continue;
        }
        let position = 0;
        for (const e of pending.events) {
          position = Number(this.stmts.insert.run(e.stream, e.revision, e.type, e.body, e.kid, e.sig).lastInsertRowid);
        }
        const nextRevision = pending.events[pending.events.length - 1]!.revision;
        heads.set(pending.stream, nextRevision);
        appends += 1;
        events += pending.events.length;
        outcomes.push({ ok: true, result: { nextRevision, position: String(position) } });
      }
    });
    try {
      writeBatch.immediate();
    } catch (error) {
      // The whole group rolled back: nothing of any append in it was written.
      for (const pending of batch) pending.reject(error);
      return;
    }
    if (appends > 0) this.onCommit?.(appends, events);
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    });
    for (const listener of this.listeners) listener();
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const rows = this.stmts.readStream.all(stream, options.fromRevision ?? 0, options.maxCount ?? -1);
    return rows.map(toRecorded);
  }

  async lastEvent(stream: string): Promise<RecordedEvent | null> {
    const row = this.stmts.last.get(stream);
    return row ? toRecorded(row) : null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ? Number(options.after) : 0;
    return this.stmts.readAll.all(after, options.maxCount ?? -1).map(toRecorded);
  }

  async headPosition(): Promise<string | null> {
    const head = this.stmts.head.get();
    return head === null || head === undefined ? null : String(head);
  }

  async countAfter(after: string | null, limit: number): Promise<number> {
    if (limit <= 0) return 0;
    return this.stmts.countAfter.get(after ? Number(after) : 0, limit) ?? 0;
  }

  /** Synchronous batch read for hot loops (verification, rebuild, subscriptions) on the embedded store. */
  readAllSync(after: number, maxCount: number): RecordedEvent[] {
    return this.stmts.readAll.all(after, maxCount).map(toRecorded);
  }

  /** Number of events in the log. */
  countSync(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  }

  subscribeAll(options: SubscribeAllOptions, handler: (event: RecordedEvent) => Promise<void> | void): Subscription {
    let position = options.after ? Number(options.after) : 0;
    const health = new SubscriptionHealth(true, this.retry, options.onRetry);
    let wake: (() => void) | null = null;
    const signal = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    this.listeners.add(signal);
    // Polling as well as in-process signals: another process (a script, another instance) may append too.
    const timer = setInterval(signal, this.pollIntervalMs);
    timer.unref();
    const loop = (async () => {
      while (!health.stopped) {
        let events: RecordedEvent[];
        try {
          events = this.closed ? [] : this.readAllSync(position, 500);
        } catch (error) {
          // A read error (SQLITE_BUSY past busy_timeout, an I/O error) is the file's, not the
          // handler's: wait and read again from the last delivered position.
          await health.pause(error);
          continue;
        }
        health.live();
        for (const event of events) {
          if (health.stopped) return;
          await handler(event);
          position = Number(event.position);
        }
        if (events.length === 0 && !health.stopped) await new Promise<void>((resolve) => (wake = resolve));
      }
    })().catch((error: unknown) => {
      // Only the handler's own failure gets here: it stops the subscription.
      health.stop();
      options.onError?.(error);
    });
    return {
      unsubscribe: async () => {
        health.stop();
        this.listeners.delete(signal);
        clearInterval(timer);
        signal();
        await loop;
      },
      state: () => health.state(position ? String(position) : null),
    };
  }

  comparePositions(a: string, b: string): number {
    return Math.sign(Number(a) - Number(b));
  }

  /** Waits for queued appends to commit, then closes the database. */
  async close(): Promise<void> {
    if (this.closed) return;
    while (this.queue.length > 0 || this.flushScheduled) await new Promise((r) => setImmediate(r));
    this.closed = true;
    for (const listener of this.listeners) listener();
    this.listeners.clear();
    this.db.close();
  }
}
