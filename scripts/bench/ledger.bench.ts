/**
 * `npm run bench`: the ledger benchmarks of DESIGN.md ("Performance targets"), on the embedded,
 * durable SQLite store (WAL, synchronous=FULL) in a fresh temporary DATA_DIR:
 *
 *   (a) signed, hash-chained appends through Ledger.append — 1 sequential writer, and 32
 *       concurrent writers — one event per append; events/s and append latency p50/p99;
 *   (b) full-ledger verification (`verifyLedger`) of the resulting log, topped up to ≥ 60,000
 *       events, with 1 and with 2 signature workers;
 *   (c) read-model rebuild (Projector.reset + catchUp) of a log of realistic interview events;
 *   (d) evidence bundles: export and offline verification, one interview and whole queries
 *       (scripts/bench/evidence.bench.ts);
 *   (e) start-up of the server process with 1,000,000 events in the log: time to ready and
 *       peak RSS (scripts/bench/startup.bench.ts).
 *
 * Prints markdown tables and writes docs/benchmarks.md. Progress goes to stderr. About 3–4
 * minutes. BENCH_SECONDS (default 5) sets each timed append run; BENCH_DIR the parent of the
 * temporary data directories (default: the OS temp dir — it must be a real disk for "durable" to
 * mean anything; (e) needs ~3 GB there for a moment).
 */
import { generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { EventDraft } from '../../src/ledger/event-body';
import { Ledger } from '../../src/ledger/ledger';
import { sealEvents, type StreamHead } from '../../src/ledger/seal';
import { SigningPool } from '../../src/ledger/signing-pool';
import { verifyLedger, type LedgerVerificationReport } from '../../src/ledger/verify-ledger';
import { Projector } from '../../src/projections/projector';
import { INTERVIEWS } from '../../src/projections/interview.projection';
import { SqliteReadModelStore } from '../../src/readmodel/sqlite-read-model-store';
import { loadKeyring, PROJECTIONS } from '../../src/server/app';
import { loadConfig, paths } from '../../src/server/config';
import { SqliteEventStore } from '../../src/store/sqlite-event-store';
import { meta, SECTIONS } from './bench-data';
import { runEvidenceBench } from './evidence.bench';
import { runStartupBench, STARTUP_EVENTS } from './startup.bench';
import {
  bar,
  fmt,
  log,
  metCell,
  mib,
  ms,
  noiseCell,
  noiseMark,
  noiseSince,
  now,
  percentile,
  QUIET_WAIT_SECONDS,
  repoRoot,
  table,
  waitForQuiet,
  type Noise,
  type Row,
} from './bench-util';

// ---- configuration ------------------------------------------------------------------------

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENT_WRITERS = 32;
/** Events per stream before a writer moves to a new one: an interview's worth of edits. */
const EVENTS_PER_STREAM = 12;
const VERIFY_MIN_EVENTS = 60_000;
const REBUILD_INTERVIEWS = 3_000;
const REBUILD_PEOPLE = 400;

/** Targets from ../shared/DESIGN.md, "Performance targets". */
const TARGET = {
  append: 20_000,
  verify: 12_000,
  rebuild: 30_000,
};

// ---- events -------------------------------------------------------------------------------

function sectionEdited(interviewId: string, version: number, k: number, i: number): EventDraft {
  const [section, content] = SECTIONS[k % SECTIONS.length]!;
  return {
    id: randomUUID(),
    type: 'InterviewSectionEdited',
    data: { interviewId, version, section, content },
    meta: meta(i, new Date(Date.UTC(2026, 6, 1) + i * 1000).toISOString()),
  };
}

function interviewScheduled(interviewId: string, i: number): EventDraft {
  const employee = `E${10000 + (i % REBUILD_PEOPLE)}`;
  return {
    id: randomUUID(),
    type: 'InterviewScheduled',
    data: {
      interviewId,
      templateId: 'standard-v1',
      version: 1,
      employeeId: employee,
      managerId: `M${100 + (i % 20)}`,
      participantIds: i % 4 === 0 ? ['HR002'] : [],
      department: '生产部',
      position: '冲压操作工',
      cycle: '2026-Q2',
      scheduledAt: new Date(Date.UTC(2026, 6, 6, 2) + (i % 500) * 3_600_000).toISOString(),
      location: '生产部会议室 A',
    },
    meta: meta(i, new Date(Date.UTC(2026, 6, 1) + i * 1000).toISOString()),
  };
}

// ---- the benchmarks -----------------------------------------------------------------------

interface AppendResult {
  events: number;
  seconds: number;
  p50: number;
  p99: number;
  noise: Noise | null;
}

/**
 * `writers` loops, each appending one event at a time to its own streams and tracking each
 * stream's head itself (as the command handler does after reading the stream), for SECONDS.
 */
async function appendRun(ledger: Ledger, label: string, writers: number): Promise<AppendResult> {
  const latencies: number[] = [];
  const deadline = now() + SECONDS * 1000;
  const progress = bar(label, SECONDS, 's');
  const ticker = setInterval(() => progress.update(Math.min(SECONDS, Math.round((SECONDS * 1000 - (deadline - now())) / 1000))), 250);
  const start = now();
  const noise = noiseMark();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      let stream = 0;
      let head: StreamHead | null = null;
      let n = 0;
      while (now() < deadline) {
        const name = `bench-${label.replace(/\W+/g, '')}-${w}-${stream}`;
        const t0 = now();
        const result = await ledger.append(name, head, [sectionEdited(name, (head?.revision ?? -1) + 2, n, n)]);
        latencies.push(now() - t0);
        const sealed = result.sealed[0]!;
        head = { revision: sealed.revision, hash: sealed.hash };
        n += 1;
        if (n % EVENTS_PER_STREAM === 0) {
          stream += 1;
          head = null;
        }
      }
    }),
  );
  const seconds = (now() - start) / 1000;
  clearInterval(ticker);
  progress.update(SECONDS);
  progress.stop();
  const sorted = Float64Array.from(latencies).sort();
  return { events: latencies.length, seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), noise: noiseSince(noise) };
}

/** Tops the log up to `min` events quickly: 8 writers appending batches of 100 events. */
async function fill(ledger: Ledger, store: SqliteEventStore, min: number): Promise<void> {
  const missing = min - store.countSync();
  if (missing <= 0) return;
  const progress = bar('(b) growing the log', missing, 'events');
  let written = 0;
  await Promise.all(
    Array.from({ length: 8 }, async (_, w) => {
      let head: StreamHead | null = null;
      let stream = 0;
      while (written < missing) {
        const name = `bench-fill-${w}-${stream}`;
        const drafts = Array.from({ length: 100 }, (_, k) => sectionEdited(name, (head?.revision ?? -1) + 2 + k, k, written + k));
        written += drafts.length;
        const result = await ledger.append(name, head, drafts);
        const last = result.sealed[result.sealed.length - 1]!;
        head = last.revision >= 499 ? null : { revision: last.revision, hash: last.hash };
        if (head === null) stream += 1;
        progress.update(Math.min(written, missing));
      }
    }),
  );
  progress.stop();
}

async function verifyRun(
  store: SqliteEventStore,
  ledger: Ledger,
  workers: number,
): Promise<LedgerVerificationReport & { noise: Noise | null }> {
  const total = store.countSync();
  const progress = bar(`(b) verify, ${workers} worker${workers === 1 ? '' : 's'}`, total, 'events');
  const noise = noiseMark();
  const report = await verifyLedger(store, ledger.keyring, { workers, onProgress: (done) => progress.update(done) });
  progress.stop();
  if (!report.ok) throw new Error(`benchmark log does not verify: ${JSON.stringify(report.firstFailure)}`);
  return { ...report, noise: noiseSince(noise) };
}

/**
 * A log shaped like production: people registered, then interviews scheduled and edited by
 * turns (commit order interleaves interviews, as concurrent users do), ~10 events each.
 */
async function buildInterviewLog(dir: string, ledger: Ledger): Promise<{ store: SqliteEventStore; events: number }> {
  const store = new SqliteEventStore(join(dir, 'rebuild-events.db'));
  const keyring = ledger.keyring;
  const people = Array.from({ length: REBUILD_PEOPLE }, (_, i) =>
    sealEvents(keyring, `person-E${10000 + i}`, null, [
      {
        id: randomUUID(),
        type: 'PersonRegistered',
        data: {
          personId: `E${10000 + i}`,
          name: ['王建国', '李娜', '张伟', '刘洋', '陈磊', '杨帆', '黄静', '吴强'][i % 8]! + String(i),
          department: '生产部',
          position: '冲压操作工',
          managerId: `M${100 + (i % 20)}`,
          category: 'production',
          level: 'staff',
          roles: ['employee'],
        },
        meta: meta(i, '2026-06-01T02:00:00.000Z'),
      },
    ]),
  );
  const perInterview = Array.from({ length: REBUILD_INTERVIEWS }, (_, i) => 6 + (i % 9)); // 6..14 events
  const total = people.length + perInterview.reduce((a, b) => a + b, 0);
  const progress = bar('(c) writing interview log', total, 'events');
  let written = 0;
  const appendAll = async (batch: Array<{ stream: string; expected: number | 'no_stream'; sealed: ReturnType<typeof sealEvents> }>) => {
    await Promise.all(batch.map((b) => store.append(b.stream, b.expected, b.sealed)));
    written += batch.reduce((n, b) => n + b.sealed.length, 0);
    progress.update(written);
  };
  for (let i = 0; i < people.length; i += 200) {
    await appendAll(people.slice(i, i + 200).map((sealed) => ({ stream: sealed[0]!.stream, expected: 'no_stream' as const, sealed })));
  }
  const heads: Array<StreamHead | null> = perInterview.map(() => null);
  const maxRounds = Math.max(...perInterview);
  let counter = 0;
  for (let round = 0; round < maxRounds; round++) {
    // Each round is every open interview's next event, appended concurrently so they share commits.
    const pending: Array<{ stream: string; expected: number | 'no_stream'; sealed: ReturnType<typeof sealEvents> }> = [];
    for (let i = 0; i < REBUILD_INTERVIEWS; i++) {
      if (round >= perInterview[i]!) continue;
      const id = `IV-BENCH-${i}`;
      const stream = `interview-${id}`;
      const head = heads[i] ?? null;
      const draft = round === 0 ? interviewScheduled(id, i) : sectionEdited(id, round + 1, round - 1 + i, counter);
      counter += 1;
      const sealed = sealEvents(keyring, stream, head, [draft]);
      heads[i] = { revision: sealed[0]!.revision, hash: sealed[0]!.hash };
      pending.push({ stream, expected: head ? head.revision : 'no_stream', sealed });
      if (pending.length >= 500) await appendAll(pending.splice(0));
    }
    if (pending.length > 0) await appendAll(pending.splice(0));
  }
  progress.stop();
  return { store, events: store.countSync() };
}

async function rebuildRun(
  dir: string,
  store: SqliteEventStore,
  label: string,
): Promise<{ events: number; seconds: number; noise: Noise | null }> {
  const readModels = new SqliteReadModelStore(join(dir, 'rebuild-read-models.db'));
  // The same indexes the app creates: rebuild pays for maintaining them, as in production.
  readModels.ensureIndex(INTERVIEWS, ['scheduledAt']);
  readModels.ensureIndex(INTERVIEWS, ['employeeId', 'scheduledAt']);
  readModels.ensureIndex(INTERVIEWS, ['managerId', 'scheduledAt']);
  const projector = new Projector(store, readModels, PROJECTIONS);
  const total = store.countSync();
  const progress = bar(label, total, 'events');
  await projector.reset();
  const noise = noiseMark();
  const start = now();
  const events = await projector.catchUp((done) => progress.update(done));
  const seconds = (now() - start) / 1000;
  progress.stop();
  const interviews = await readModels.count(INTERVIEWS);
  if (interviews !== REBUILD_INTERVIEWS) throw new Error(`rebuild produced ${interviews} interviews, expected ${REBUILD_INTERVIEWS}`);
  await readModels.close();
  return { events, seconds, noise: noiseSince(noise) };
}

/**
 * Runs a short benchmark `n` times (each after waiting for quiet) and keeps the fastest: on a
 * shared VM a neighbour's burst or hypervisor steal only ever makes a run slower, so the best
 * run is the closest to what the code can do. Long timed runs (appends) run once.
 */
async function bestOf<T>(n: number, run: () => Promise<T>, score: (result: T) => number): Promise<T> {
  let best: T | undefined;
  for (let i = 0; i < n; i++) {
    await waitForQuiet(QUIET_WAIT_SECONDS);
    const result = await run();
    if (best === undefined || score(result) > score(best)) best = result;
  }
  return best!;
}

/** One core's node:crypto Ed25519 sign and verify rate, measured now: the ceiling the results sit under. */
function calibrate(): { sign: number; verify: number } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const message = Buffer.alloc(700, 0x61);
  const signature = sign(null, message, privateKey);
  const rate = (fn: () => void): number => {
    for (let i = 0; i < 200; i++) fn();
    let n = 0;
    const start = now();
    while (now() - start < 700) {
      for (let i = 0; i < 100; i++) fn();
      n += 100;
    }
    return n / ((now() - start) / 1000);
  };
  return { sign: rate(() => sign(null, message, privateKey)), verify: rate(() => verify(null, message, publicKey, signature)) };
}

// ---- main ---------------------------------------------------------------------------------

async function main(): Promise<void> {
  const parent = resolve(process.env.BENCH_DIR ?? tmpdir());
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'ledger-bench-'));
  // Only DATA_DIR comes from here: the benchmark always measures the embedded store with a
  // fresh key, whatever EVENTSTORE_URL or LEDGER_SIGNING_KEY the shell has.
  const config = loadConfig({ DATA_DIR: dir });
  const started = new Date();
  log(`ledger benchmark in ${dir} (embedded SQLite, WAL, synchronous=FULL); ${SECONDS} s per timed append run`);
  try {
    const cal = calibrate();
    log(`calibration: one core signs ${fmt(cal.sign)}/s and verifies ${fmt(cal.verify)}/s (node:crypto Ed25519)`);

    const keyring = loadKeyring(config);
    const store = new SqliteEventStore(paths(config).events);
    const signer = new SigningPool();
    const ledger = new Ledger(store, keyring, { signer });

    await waitForQuiet(QUIET_WAIT_SECONDS);
    const a1 = await appendRun(ledger, '(a) append, 1 writer', 1);
    log(`(a) 1 writer: ${fmt(a1.events / a1.seconds)} events/s, p50 ${ms(a1.p50)} ms, p99 ${ms(a1.p99)} ms`);
    await waitForQuiet(QUIET_WAIT_SECONDS);
    const a32 = await appendRun(ledger, `(a) append, ${CONCURRENT_WRITERS} writers`, CONCURRENT_WRITERS);
    log(`(a) ${CONCURRENT_WRITERS} writers: ${fmt(a32.events / a32.seconds)} events/s, p50 ${ms(a32.p50)} ms, p99 ${ms(a32.p99)} ms`);

    await fill(ledger, store, VERIFY_MIN_EVENTS);
    const v1 = await bestOf(
      2,
      () => verifyRun(store, ledger, 1),
      (r) => r.events / r.elapsedMs,
    );
    log(`(b) verify, 1 worker: ${fmt(v1.events / (v1.elapsedMs / 1000))} events/s over ${fmt(v1.events)} events`);
    const v2 = await bestOf(
      2,
      () => verifyRun(store, ledger, 2),
      (r) => r.events / r.elapsedMs,
    );
    log(`(b) verify, 2 workers: ${fmt(v2.events / (v2.elapsedMs / 1000))} events/s over ${fmt(v2.events)} events`);
    await signer.close();
    await store.close();

    const { store: interviewLog, events: logEvents } = await buildInterviewLog(dir, ledger);
    const r1 = await bestOf(
      2,
      () => rebuildRun(dir, interviewLog, '(c) rebuild read models'),
      (r) => r.events / r.seconds,
    );
    log(`(c) rebuild: ${fmt(r1.events / r1.seconds)} events/s over ${fmt(r1.events)} events`);
    await interviewLog.close();

    const evidence = await runEvidenceBench(parent);
    const startup = await runStartupBench(parent);
    log(`(e) start-up with ${fmt(STARTUP_EVENTS)} events: ${(startup.readyMs / 1000).toFixed(2)} s to ready, peak RSS ${mib(startup.hwm)}`);

    const rate = (events: number, seconds: number) => events / seconds;
    const a1Rate = rate(a1.events, a1.seconds);
    const a32Rate = rate(a32.events, a32.seconds);
    const v1Rate = rate(v1.events, v1.elapsedMs / 1000);
    const v2Rate = rate(v2.events, v2.elapsedMs / 1000);
    const rRate = rate(r1.events, r1.seconds);
    const rows: Row[] = [
      {
        what: 'signed, hash-chained append, 1 writer (one event per append, durable)',
        result: `${fmt(a1Rate)} events/s (${fmt(a1.events)} in ${a1.seconds.toFixed(1)} s)`,
        p50: `${ms(a1.p50)} ms`,
        p99: `${ms(a1.p99)} ms`,
        target: `≥ ${fmt(TARGET.append)} events/s`,
        met: metCell(a1Rate, TARGET.append),
        noise: noiseCell(a1.noise),
      },
      {
        what: `signed, hash-chained append, ${CONCURRENT_WRITERS} concurrent writers (one event per append, durable)`,
        result: `${fmt(a32Rate)} events/s (${fmt(a32.events)} in ${a32.seconds.toFixed(1)} s)`,
        p50: `${ms(a32.p50)} ms`,
        p99: `${ms(a32.p99)} ms`,
        target: `≥ ${fmt(TARGET.append)} events/s`,
        met: metCell(a32Rate, TARGET.append),
        noise: noiseCell(a32.noise),
      },
      {
        what: 'full-ledger verification (signatures + envelopes + chains), 1 signature worker, best of 2',
        result: `${fmt(v1Rate)} events/s (${fmt(v1.events)} events, ${fmt(v1.streams)} streams)`,
        p50: '—',
        p99: '—',
        target: 'reference (target is for both cores)',
        met: 'n/a',
        noise: noiseCell(v1.noise),
      },
      {
        what: 'full-ledger verification (signatures + envelopes + chains), 2 signature workers, best of 2',
        result: `${fmt(v2Rate)} events/s (${fmt(v2.events)} events, ${fmt(v2.streams)} streams)`,
        p50: '—',
        p99: '—',
        target: `≥ ${fmt(TARGET.verify)} events/s`,
        met: metCell(v2Rate, TARGET.verify),
        noise: noiseCell(v2.noise),
      },
      {
        what: `read-model rebuild (reset + catchUp; ${fmt(REBUILD_INTERVIEWS)} interviews, ${fmt(REBUILD_PEOPLE)} people), best of 2`,
        result: `${fmt(rRate)} events/s (${fmt(logEvents)} events in ${r1.seconds.toFixed(2)} s)`,
        p50: '—',
        p99: '—',
        target: `≥ ${fmt(TARGET.rebuild)} events/s`,
        met: metCell(rRate, TARGET.rebuild),
        noise: noiseCell(r1.noise),
      },
    ];
    const markdown = table(rows);
    const evidenceTable = table(evidence.rows);
    const startupTable = table(startup.rows);
    process.stdout.write(`\n${markdown}\n\n${evidenceTable}\n\n${startupTable}\n`);

    const cpuList = cpus();
    const machine = `${platform()} ${release()} (${arch()}), ${cpuList.length} × ${cpuList[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, OpenSSL ${process.versions.openssl}`;
    const verifyCeiling = 2 * cal.verify;
    const verifyWhy =
      v2Rate >= TARGET.verify
        ? 'The target is met.'
        : verifyCeiling < TARGET.verify
          ? `At ${fmt(v2Rate)} events/s the ${fmt(TARGET.verify)} events/s target is not met, and cannot be with node:crypto on this machine: the signature checks alone cap two idle cores at ~${fmt(verifyCeiling)} events/s.`
          : `At ${fmt(v2Rate)} events/s the ${fmt(TARGET.verify)} events/s target is not met: at the target, two cores have ${fmt(2e6 / TARGET.verify)} µs per event, ${fmt(1e6 / cal.verify)} µs of it for the signature, which leaves ~${fmt(2e6 / TARGET.verify - 1e6 / cal.verify)} µs for reading the row, parsing the body, hashing it and checking the chain on the main thread — about 40 µs in a profile.`;
    const doc = `# Benchmarks

Generated by \`npm run bench\` (scripts/bench/ledger.bench.ts, with evidence.bench.ts and
startup.bench.ts beside it); the numbers below are from the last run. Targets are those of
DESIGN.md, "Performance targets"; where it sets none, the rows are measurements.

- **Date:** ${started.toISOString()}
- **Machine:** ${machine}
- **Store:** embedded SQLite (better-sqlite3, WAL, \`synchronous=FULL\`) in a fresh temporary
  directory on the machine's disk; a fresh Ed25519 ledger key.
- **Calibration at run time:** one core signs ${fmt(cal.sign)}/s and verifies ${fmt(cal.verify)}/s
  with node:crypto Ed25519 (700-byte message).

"Noise" is what of the machine was not ours during each run: CPU time the hypervisor took
from this VM (steal) and CPU time used by other processes, as a share of all CPUs (from
/proc/stat; the CPU of a server process the benchmark starts and times counts as ours). The
benchmark waits up to ${QUIET_WAIT_SECONDS} s for quiet before each run; where noise is high, the machine was
shared (other sessions' tests) and the result is low by about as much. p50 and p99 are the
latency of one operation: one append, one export, one verification.

## Ledger

${markdown}

- **Appends, 1 writer.** Every append is its own durable commit: the writer waits for SQLite's
  fsync before it can append the next event, so this row measures commit latency
  (p50 ${ms(a1.p50)} ms), not signing. The throughput target is about concurrent writers; this row is
  the latency reference.
- **Appends, ${CONCURRENT_WRITERS} writers.** Concurrent appends share a group commit (one
  transaction, one fsync per event-loop turn), so the fsync is amortised and CPU on the one
  event-loop thread becomes the limit: each event takes ~${fmt(1e6 / a32Rate)} µs there, of which Ed25519 signing
  is the largest single part (~${fmt(1e6 / cal.sign)} µs, i.e. at most ~${fmt(cal.sign)} events/s), the rest canonical JSON,
  hashing, the SQLite insert and promise bookkeeping. ${a32Rate >= TARGET.append ? 'The target is met.' : `The ${fmt(TARGET.append)} events/s target is therefore out of reach for a single Node process on this machine with one event per append; it would take signing off the event loop (a signing worker pool) or appends of several events each.`}
- **Verification.** Signature checks run in worker threads; the main thread reads the log and
  walks every stream's chain in commit order at the same time. Each Ed25519 verify through
  node:crypto costs ~${fmt(1e6 / cal.verify)} µs (OpenSSL 3's per-call set-up included), so two cores cap it at
  ~${fmt(verifyCeiling)} events/s before any reading, parsing or hashing. ${verifyWhy} With 1 worker:
  ${fmt(v1Rate)} events/s; the second worker gives ${(v2Rate / v1Rate).toFixed(2)}×.
- **Rebuild.** Replays the log through the interview and people projections into SQLite read
  models, one transaction per catch-up batch: every event's body is parsed and hashed, the
  interview folded, and its documents written (the interview, and one version document per
  event). ${rRate >= TARGET.rebuild ? 'The target is met.' : `${fmt(rRate)} events/s does not meet the ${fmt(TARGET.rebuild)} events/s target.`} The log interleaves ${fmt(REBUILD_INTERVIEWS)} interviews, as
  concurrent users do, so every batch reads, re-parses and rewrites most interview documents;
  a CPU profile puts about half of the time in SQLite writing documents and most of the rest in
  reading and JSON-parsing them and in garbage collection.
- Appends are single ${SECONDS}-second runs; verification and rebuild keep the better of two runs.
  This is a shared VM: expect ±20% between runs, more when the noise column is high.

## Evidence bundles

${evidenceTable}

${evidence.notes.map((n) => `- ${n}`).join('\n')}

## Start-up with ${fmt(STARTUP_EVENTS)} events in the log

${startupTable}

${startup.notes.map((n) => `- ${n}`).join('\n')}
`;
    const out = join(repoRoot(), 'docs', 'benchmarks.md');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${doc.trimEnd()}\n${hostileSection(out)}`);
    log(`\nwrote ${out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The sections the other benches write (backup.bench.ts, analytics.bench.ts, console.bench.ts, then
 * hostile.bench.ts, to the end of the file) are their own runs: kept as they are.
 */
function hostileSection(file: string): string {
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const starts = ['\n## Backup and restore\n', '\n## Analytics\n', '\n## Web console\n', '\n## Hostile GraphQL queries']
    .map((h) => old.indexOf(h))
    .filter((i) => i >= 0);
  return starts.length === 0 ? '' : `\n${old.slice(Math.min(...starts) + 1)}`;
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
