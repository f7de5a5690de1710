/**
 * The peer of the append benchmark, in a process of its own (peer.bench.ts starts it):
 * `@event-driven-io/emmett-sqlite`'s `getSQLiteEventStore` on a file database, appending the
 * event the ledger bench appends (bench-data.ts `sectionEdited`: type, data, metadata), one event
 * per `appendToStream` with the expected stream version, by `writers` loops on distinct streams
 * (12 events a stream, as ours) for `seconds`.
 *
 *   node dist/scripts/bench/emmett-peer.js <database file> <writers> <seconds>
 *
 * Prints one JSON line (`PeerRun`) on stdout. Its own process because, with several writers,
 * the store fails in ways that must not reach the benchmark: appends that never answer,
 * rejections on closed handles, and lines the library writes with console.log.
 */
import Database from 'better-sqlite3';
import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import sqlite3 from 'sqlite3';
import { sectionEdited } from './bench-data';
import { now, percentile } from './bench-util';

/** Events per stream before a writer moves to a new one, as in ledger.bench.ts. */
const EVENTS_PER_STREAM = 12;
/** An append without an answer after this long is counted as hung and the writer goes on. */
const HUNG_MS = 2000;

export interface PeerRun {
  writers: number;
  seconds: number;
  /** Appends that resolved. */
  acknowledged: number;
  p50: number;
  p99: number;
  /** Rejections by message. */
  errors: Record<string, number>;
  /** Appends still unanswered after HUNG_MS. */
  hung: number;
  /** Lines the library wrote to the console meanwhile. */
  consoleLines: number;
  unhandledRejections: number;
  /** What a fresh connection finds in the file afterwards. */
  check: {
    events: number;
    /** Acknowledged events not in the file. */
    lost: number;
    /** Events in the file whose append was not acknowledged. */
    unacknowledgedWritten: number;
    /** Streams whose stream_position disagrees with their messages. */
    streamsOff: number;
  };
  durability: { journalMode: string; synchronous: number };
  /** This process's CPU time (user + system), for the parent's noise figure. */
  cpuSeconds: number;
}

const count = (map: Record<string, number>, key: string): void => void (map[key] = (map[key] ?? 0) + 1);

async function main(): Promise<void> {
  const [file, writersText, secondsText] = process.argv.slice(2);
  if (!file || !writersText || !secondsText) throw new Error('usage: emmett-peer.js <database file> <writers> <seconds>');
  const writers = Number(writersText);
  const seconds = Number(secondsText);
  const errors: Record<string, number> = {};
  let unhandledRejections = 0;
  process.on('unhandledRejection', (error) => {
    unhandledRejections += 1;
    count(errors, `unhandled: ${error instanceof Error ? error.message : String(error)}`);
  });
  let consoleLines = 0;
  const quiet = () => void (consoleLines += 1);
  const original = { log: console.log, error: console.error };

  const store = getSQLiteEventStore({ fileName: file });
  // The schema is created on the first use: one append outside the timed run.
  await store.appendToStream('warmup-0', [{ type: 'Warmup', data: {}, metadata: {} }], { expectedStreamVersion: 0n });

  console.log = quiet;
  console.error = quiet;
  const latencies: number[] = [];
  const acked = new Map<string, number>();
  let hung = 0;
  const deadline = now() + seconds * 1000;
  const start = now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      let stream = 0;
      let n = 0;
      let version = 0;
      while (now() < deadline) {
        const name = `interview-peer${w}-${stream}`;
        const draft = sectionEdited(name, version + 1, n, n);
        const t0 = now();
        let timer: NodeJS.Timeout | undefined;
        try {
          const answer = await Promise.race([
            store.appendToStream(name, [{ type: draft.type, data: draft.data as Record<string, unknown>, metadata: { ...draft.meta } }], {
              expectedStreamVersion: BigInt(version),
            }),
            new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), HUNG_MS))),
          ]);
          if (answer === 'hung') {
            hung += 1;
            continue; // the same expected version again: if it was written after all, the next one conflicts
          }
          latencies.push(now() - t0);
          acked.set(name, (acked.get(name) ?? 0) + 1);
          version += 1;
          n += 1;
          if (version === EVENTS_PER_STREAM) {
            stream += 1;
            version = 0;
          }
        } catch (error) {
          count(errors, error instanceof Error ? error.message : String(error));
          await new Promise((resolve) => setImmediate(resolve));
        } finally {
          clearTimeout(timer);
        }
      }
    }),
  );
  const elapsed = (now() - start) / 1000;
  console.log = original.log;
  console.error = original.error;

  // What was stored, seen through a fresh connection once the writes have settled.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const db = new Database(file, { readonly: true });
  const stored = new Map(
    db
      .prepare<[], { stream_id: string; n: number }>(
        "SELECT stream_id, count(*) AS n FROM emt_messages WHERE stream_id LIKE 'interview-%' GROUP BY stream_id",
      )
      .all()
      .map((r) => [r.stream_id, r.n]),
  );
  const streamsOff = db
    .prepare<[], number>(
      `SELECT count(*) FROM emt_streams s WHERE s.stream_position <> (SELECT count(*) FROM emt_messages m WHERE m.stream_id = s.stream_id)`,
    )
    .pluck()
    .get()!;
  db.close();
  let lost = 0;
  let unacknowledgedWritten = 0;
  for (const name of new Set([...acked.keys(), ...stored.keys()])) {
    const a = acked.get(name) ?? 0;
    const s = stored.get(name) ?? 0;
    lost += Math.max(0, a - s);
    unacknowledgedWritten += Math.max(0, s - a);
  }

  const sorted = Float64Array.from(latencies).sort();
  const run: PeerRun = {
    writers,
    seconds: elapsed,
    acknowledged: latencies.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors,
    hung,
    consoleLines,
    unhandledRejections,
    check: { events: [...stored.values()].reduce((a, b) => a + b, 0), lost, unacknowledgedWritten, streamsOff },
    durability: await durability(file),
    cpuSeconds: 0,
  };
  const cpu = process.cpuUsage();
  run.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.stdout.write(`${JSON.stringify(run)}\n`);
  // Hung appends may hold handles open: the answer is out, leave.
  process.exit(0);
}

/**
 * The store's durability settings: it opens `new sqlite3.Database(file)` and sets only
 * `journal_mode = WAL`, so a connection opened the same way shows what its connections run with.
 */
function durability(file: string): Promise<{ journalMode: string; synchronous: number }> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file);
    db.get<{ journal_mode: string }>('PRAGMA journal_mode', (error, mode) => {
      if (error) return reject(error);
      db.get<{ synchronous: number }>('PRAGMA synchronous', (error2, sync) => {
        db.close();
        if (error2) return reject(error2);
        resolve({ journalMode: mode!.journal_mode, synchronous: sync!.synchronous });
      });
    });
  });
}

main().catch((error: unknown) => {
  console.error(`emmett-peer: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
