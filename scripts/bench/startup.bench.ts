/**
 * Start-up with 1,000,000 events in the log (DESIGN.md, "Performance targets": ≤ 5 s,
 * RSS ≤ 300 MB), measured on the real server process:
 *
 *   1. builds a 1,000,000-event events.db in a temporary DATA_DIR, fast: event bodies are the
 *      exact canonical JSON (RFC 8785) the ledger writes, chained by `prev` per stream like
 *      sealed events (generated in a worker thread: startup-log.ts), inserted in large
 *      transactions straight into the schema SqliteEventStore creates. The Ed25519
 *      signatures are PLACEHOLDERS (64 zero bytes): signing a million events would take ~45 s
 *      of one core, and start-up never checks signatures (it reads leaf hashes and the
 *      projector checkpoint). `npm run verify` on this log would fail; nothing here runs it. The log has the shape of production: people, then interviews
 *      scheduled and edited in turns (~10 events each), a few hundred open at a time;
 *   2. builds merkle.db once (MerkleLog.catchUp, then a signed checkpoint, as
 *      `npm run checkpoint` does) in this process while `npm run rebuild` (a child process)
 *      brings the read models up to date; untimed for the target, but reported; then fsyncs
 *      the files, so that background writeback does not compete with the timed starts;
 *   3. starts `node dist/src/server/main.js` (PORT=0) once untimed — it has nothing to catch
 *      up, and it warms the page cache — then 3 timed times: from spawn to the "GraphQL ready"
 *      line, peak RSS (VmHWM from /proc/<pid>/status) at that line and one second later.
 *      The median of the 3 is the result. The same on an empty DATA_DIR gives the fixed cost
 *      (Node, modules, schema) for comparison, and MerkleLog.open alone in a fresh process
 *      (merkle-reload.ts) the part that grows with the log.
 *
 * Runs as part of `npm run bench`; alone: `node dist/scripts/bench/startup.bench.js`.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MerkleLog } from '../../src/ledger/merkle-log';
import { CHECKPOINT_NAME } from '../../src/projections/projector';
import { SqliteReadModelStore } from '../../src/readmodel/sqlite-read-model-store';
import { loadKeyring } from '../../src/server/app';
import { loadConfig, paths } from '../../src/server/config';
import { SqliteEventStore } from '../../src/store/sqlite-event-store';
import {
  bar,
  fmt,
  log,
  median,
  metAtMost,
  mib,
  noiseCell,
  noiseMark,
  noiseSince,
  now,
  repoRoot,
  waitForQuiet,
  worstNoise,
  type Noise,
  type Row,
} from './bench-util';
import { OPEN_INTERVIEWS, PEOPLE, type LogBatch, type LogWorkerData } from './startup-log';

export const STARTUP_EVENTS = Number(process.env.BENCH_STARTUP_EVENTS ?? 1_000_000);
const TIMED_STARTS = 3;
/** How long after the ready line the child keeps running before its peak RSS is read again. */
const SETTLE_MS = 1_000;
const READY_TIMEOUT_MS = 120_000;
const TX_ROWS = 25_000;

/** DESIGN.md targets. */
export const STARTUP_TARGET = { seconds: 5, rssBytes: 300_000_000 }; // 300 MB = 286 MiB

// ---- the log ------------------------------------------------------------------------------

/**
 * Writes the log into DATA_DIR/events.db; returns its size in bytes. A worker thread
 * generates the bodies (startup-log.ts) while this thread inserts them, one transaction per
 * batch, two batches in flight.
 */
async function buildLog(file: string, kid: string, total: number): Promise<number> {
  // The store creates the schema (and WAL mode, which is kept in the file).
  await new SqliteEventStore(file).close();
  const db = new Database(file);
  db.pragma('synchronous = OFF'); // a scratch log: durability is not what is measured here
  const insert = db.prepare('INSERT INTO events (stream, revision, type, body, kid, sig) VALUES (?, ?, ?, ?, ?, ?)');
  const placeholderSig = Buffer.alloc(64);
  const write = db.transaction((batch: LogBatch) => {
    const bodies = Buffer.from(batch.bodies);
    for (let i = 0; i < batch.streams.length; i++) {
      insert.run(
        batch.streams[i],
        batch.revisions[i],
        batch.types[i],
        bodies.subarray(batch.offsets[i], batch.offsets[i + 1]),
        kid,
        placeholderSig,
      );
    }
  });
  const progress = bar('(e) writing 1M-event log', total, 'events');
  const worker = new Worker(join(__dirname, 'startup-log.js'), { workerData: { total, batchSize: TX_ROWS } satisfies LogWorkerData });
  let written = 0;
  try {
    await new Promise<void>((done, fail) => {
      worker.on('error', fail);
      worker.on('exit', (code) => (code === 0 ? done() : fail(new Error(`log generator exited with ${code}`))));
      worker.on('message', (batch: LogBatch | null) => {
        if (batch === null) return; // the worker ends after this
        try {
          write(batch);
        } catch (error) {
          fail(error);
          return;
        }
        written += batch.streams.length;
        progress.update(written);
        worker.postMessage('more');
      });
      worker.postMessage('more');
      worker.postMessage('more');
    });
  } finally {
    progress.stop();
    await worker.terminate();
  }
  if (written !== total) throw new Error(`benchmark log: ${written} events written, expected ${total}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return statSync(file).size;
}

// ---- the server process -------------------------------------------------------------------

interface StartRun {
  readyMs: number;
  /** VmHWM at the ready line and SETTLE_MS later, bytes. */
  hwmAtReady: number;
  hwmAfter: number;
  noise: Noise | null;
}

function procStatus(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

function procCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ": state is field 3, utime 14, stime 15 (1-based) → indexes 11 and 12 here.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Starts the server on `dataDir`, waits for "GraphQL ready", reads its memory, stops it. */
async function startOnce(mainJs: string, dataDir: string): Promise<StartRun> {
  // A clean environment: the embedded stores in dataDir, whatever the shell has set.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' };
  const mark = noiseMark();
  const started = now();
  const child = spawn(process.execPath, [mainJs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  try {
    const readyMs = await new Promise<number>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`no "GraphQL ready" within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('GraphQL ready')) {
          clearTimeout(timer);
          ready(now() - started);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        fail(new Error(`the server exited (${code}) before it was ready:\n${stdout}${stderr}`));
      });
    });
    const pid = child.pid!;
    const hwmAtReady = procStatus(pid, 'VmHWM');
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const hwmAfter = procStatus(pid, 'VmHWM');
    const noise = noiseSince(mark, procCpuSeconds(pid));
    if (stderr.trim()) log(`server stderr: ${stderr.trim()}`);
    return { readyMs, hwmAtReady, hwmAfter, noise };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
  }
}

/** `npm run rebuild` on `dataDir` as a child process; resolves to the seconds it reports. */
async function rebuildReadModels(dataDir: string): Promise<number> {
  const script = join(repoRoot(), 'dist', 'scripts', 'rebuild-read-models.js');
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', DATA_DIR: dataDir, CHECKPOINT_INTERVAL_MS: '0' };
  // stderr inherited: its progress bar shows on a terminal.
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
  const match = / in ([\d.]+) s /.exec(stdout);
  if (code !== 0 || !match) throw new Error(`npm run rebuild failed (${code}): ${stdout}`);
  return Number(match[1]);
}

/** MerkleLog.open on `dataDir` in a fresh process (merkle-reload.ts): seconds, and RSS it added. */
async function merkleReload(dataDir: string): Promise<{ seconds: number; rssBytes: number }> {
  const script = join(__dirname, 'merkle-reload.js');
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
  if (code !== 0) throw new Error(`merkle-reload failed (${code}): ${stdout}`);
  const result = JSON.parse(stdout) as { seconds: number; rssBytes: number; size: number };
  if (result.size !== STARTUP_EVENTS) throw new Error(`merkle-reload loaded ${result.size} leaves, expected ${STARTUP_EVENTS}`);
  return result;
}

interface StartSeries {
  runs: StartRun[];
  readyMs: number;
  hwm: number;
  noise: Noise | null;
}

async function timedStarts(label: string, mainJs: string, dataDir: string): Promise<StartSeries> {
  const runs: StartRun[] = [];
  for (let i = 0; i < TIMED_STARTS; i++) {
    await waitForQuiet();
    const run = await startOnce(mainJs, dataDir);
    log(
      `${label} start ${i + 1}/${TIMED_STARTS}: ready in ${(run.readyMs / 1000).toFixed(2)} s, peak RSS ${mib(run.hwmAtReady)} at ready, ${mib(run.hwmAfter)} after ${SETTLE_MS / 1000} s`,
    );
    runs.push(run);
  }
  return {
    runs,
    readyMs: median(runs.map((r) => r.readyMs)),
    hwm: median(runs.map((r) => r.hwmAfter)),
    noise: runs.reduce<Noise | null>((worst, r) => worstNoise(worst, r.noise), null),
  };
}

// ---- the benchmark ------------------------------------------------------------------------

export interface StartupBench {
  rows: Row[];
  notes: string[];
  /** For the console summary. */
  readyMs: number;
  hwm: number;
}

export async function runStartupBench(parent: string): Promise<StartupBench> {
  const mainJs = join(repoRoot(), 'dist', 'src', 'server', 'main.js');
  const dir = mkdtempSync(join(parent, 'startup-bench-'));
  const empty = mkdtempSync(join(parent, 'startup-empty-'));
  try {
    const config = loadConfig({ DATA_DIR: dir });
    const files = paths(config);
    const keyring = loadKeyring(config);

    let t = now();
    const eventsBytes = await buildLog(files.events, keyring.activeKid, STARTUP_EVENTS);
    const buildSeconds = (now() - t) / 1000;
    log(`(e) wrote ${fmt(STARTUP_EVENTS)} events (${mib(eventsBytes)}) in ${buildSeconds.toFixed(1)} s`);

    // Read models caught up once by `npm run rebuild` (a child process), while this process
    // builds merkle.db as `npm run checkpoint` does: the timed starts have nothing to catch up.
    t = now();
    const rebuild = rebuildReadModels(dir);
    const store = new SqliteEventStore(files.events);
    const merkle = new MerkleLog(store, keyring, { file: files.merkle });
    log('(e) building merkle.db and projecting the read models (npm run rebuild) side by side…');
    await merkle.catchUp();
    const checkpoint = await merkle.signCheckpoint();
    const merkleSeconds = (now() - t) / 1000;
    await merkle.stop();
    await store.close();
    if (checkpoint.size !== STARTUP_EVENTS) throw new Error(`merkle.db holds ${checkpoint.size} leaves, expected ${STARTUP_EVENTS}`);
    log(`(e) merkle.db built in ${merkleSeconds.toFixed(1)} s, checkpoint signed at size ${fmt(checkpoint.size)}`);
    const projectSeconds = await rebuild;
    const readModels = new SqliteReadModelStore(files.readModels);
    const caughtUp = await readModels.checkpoint(CHECKPOINT_NAME);
    await readModels.close();
    if (caughtUp !== String(STARTUP_EVENTS)) throw new Error(`read models at position ${caughtUp}, expected ${STARTUP_EVENTS}`);
    log(`(e) read models caught up in ${projectSeconds.toFixed(1)} s (${fmt(STARTUP_EVENTS / projectSeconds)} events/s)`);

    const sizes = { events: statSync(files.events).size, merkle: statSync(files.merkle).size, readModels: statSync(files.readModels).size };
    // The preparation wrote ~3 GB without fsync: flush it now, or the kernel's background
    // writeback competes with the timed starts (it shows as "other processes" in the noise).
    t = now();
    for (const file of [files.events, files.merkle, files.readModels].flatMap((f) => [f, `${f}-wal`])) {
      if (!existsSync(file)) continue;
      const fd = openSync(file, 'r');
      fsyncSync(fd);
      closeSync(fd);
    }
    const flushSeconds = (now() - t) / 1000;

    // One untimed start (nothing left to catch up; warms the page cache), then the timed ones.
    const warm = await startOnce(mainJs, dir);
    log(`(e) untimed first start: ready in ${(warm.readyMs / 1000).toFixed(2)} s`);
    const full = await timedStarts('(e) 1M events', mainJs, dir);
    await startOnce(mainJs, empty); // creates the key and secret of the empty DATA_DIR
    const base = await timedStarts('(e) empty log', mainJs, empty);

    // The part of start-up that grows with the log, alone: reloading the Merkle tree from
    // merkle.db (MerkleLog.open) in a fresh process, best of 3.
    let reload = { seconds: Infinity, rssBytes: NaN };
    for (let i = 0; i < 3; i++) {
      const r = await merkleReload(dir);
      if (r.seconds < reload.seconds) reload = r;
    }
    const seconds = full.readyMs / 1000;
    const spread = (s: StartSeries) => s.runs.map((r) => (r.readyMs / 1000).toFixed(2)).join(', ');
    const rows: Row[] = [
      {
        what: `start-up with ${fmt(STARTUP_EVENTS)} events in the log: spawn → "GraphQL ready", median of ${TIMED_STARTS}`,
        result: `${seconds.toFixed(2)} s (runs: ${spread(full)} s)`,
        p50: '—',
        p99: '—',
        target: `≤ ${STARTUP_TARGET.seconds} s`,
        met: metAtMost(seconds, STARTUP_TARGET.seconds),
        noise: noiseCell(full.noise),
      },
      {
        what: `start-up with ${fmt(STARTUP_EVENTS)} events: peak RSS (VmHWM) ${SETTLE_MS / 1000} s after ready, median of ${TIMED_STARTS}`,
        result: `${mib(full.hwm)} = ${fmt(full.hwm / 1e6)} MB (at the ready line: ${full.runs.map((r) => mib(r.hwmAtReady)).join(', ')})`,
        p50: '—',
        p99: '—',
        target: `≤ 300 MB (${mib(STARTUP_TARGET.rssBytes)})`,
        met: metAtMost(full.hwm, STARTUP_TARGET.rssBytes),
        noise: noiseCell(full.noise),
      },
      {
        what: `start-up on an empty DATA_DIR (fixed cost: Node, modules, GraphQL schema), median of ${TIMED_STARTS}`,
        result: `${(base.readyMs / 1000).toFixed(2)} s, peak RSS ${mib(base.hwm)} (runs: ${spread(base)} s)`,
        p50: '—',
        p99: '—',
        target: 'reference',
        met: 'n/a',
        noise: noiseCell(base.noise),
      },
    ];
    const grewSeconds = (full.readyMs - base.readyMs) / 1000;
    const grewBytes = full.hwm - base.hwm;
    const notes = [
      `**Start-up, the log.** ${fmt(STARTUP_EVENTS)} events: ${fmt(PEOPLE)} people registered, then interviews scheduled and edited (6–14 events each, realistic section contents), ${OPEN_INTERVIEWS} open at a time so that their events interleave in commit order. Written in ${buildSeconds.toFixed(1)} s straight into the events table SqliteEventStore creates, ${fmt(TX_ROWS)} rows per transaction, the bodies generated in a worker thread meanwhile. Bodies are the exact canonical JSON the ledger writes (a sample is checked against canonicalJson) and chained by \`prev\` per stream; **the signatures are placeholders** (64 zero bytes), because start-up checks none and signing a million events would take ~45 s of one core, so \`npm run verify\` would reject this log (it is not run on it). Interview ids are fixed-width (IV-START-000123), so that read-model documents are written in key order during the (untimed) rebuild: in a trial with ids whose text order differs from commit order (IV-START-123), the 1M rebuild ran at ~9,700 instead of ~13,000 events/s, and random UUIDs, as the API assigns, would behave like that; start-up does not depend on it. Files: events.db ${mib(sizes.events)}, merkle.db ${mib(sizes.merkle)}, read-models.db ${mib(sizes.readModels)}.`,
      `**Start-up, preparation (not timed for the target).** merkle.db built once from the log in ${merkleSeconds.toFixed(1)} s in this process (MerkleLog.catchUp, then a checkpoint signed at size ${fmt(checkpoint.size)}, as \`npm run checkpoint\` does), while \`npm run rebuild\` in a child process brought the read models up to date (${projectSeconds.toFixed(1)} s, ${fmt(STARTUP_EVENTS / projectSeconds)} events/s, the two sharing the two cores). The files were then fsynced (${flushSeconds.toFixed(1)} s), so that no write-back of the preparation is pending during the starts, and the server was started once untimed (${(warm.readyMs / 1000).toFixed(2)} s), with nothing left to catch up. So **the projector's catch-up is not part of the measurement**, and the database files are in the page cache: these are warm starts, as on a restart; after a reboot the first start also reads merkle.db (${mib(sizes.merkle)}) from disk.`,
      `**Start-up, what is timed.** \`node dist/src/server/main.js\` as a child process, PORT=0 and a clean environment (DATA_DIR only), from spawn to its "GraphQL ready" line; peak RSS is VmHWM in /proc/<pid>/status at that line and ${SETTLE_MS / 1000} s later (the projector and the Merkle log are following the log by then and find nothing new). ${seconds <= STARTUP_TARGET.seconds ? 'The time target is met' : 'The time target is not met'}, and ${full.hwm <= STARTUP_TARGET.rssBytes ? 'so is the memory target' : 'the memory target is not'}. Against an empty DATA_DIR (${(base.readyMs / 1000).toFixed(2)} s, ${mib(base.hwm)}: Node, the modules, the GraphQL schema, Apollo) the ${fmt(STARTUP_EVENTS)} events add ${grewSeconds.toFixed(2)} s and ${mib(grewBytes)}. That difference is the Merkle tree being reloaded: ${fmt(STARTUP_EVENTS)} leaf hashes read from merkle.db and every interior hash recomputed. Measured alone (MerkleLog.open in a fresh process, best of 3) it takes ${reload.seconds.toFixed(2)} s and adds ${mib(reload.rssBytes)} of RSS, of which the subtree cache it keeps is ~${mib(STARTUP_EVENTS * 64)} and the rest what the load allocates on the way; measured at other moments of a shared machine, the two need not add up exactly. Nothing else at start-up reads the log or the read models beyond their last position.`,
    ];
    return { rows, notes, readyMs: full.readyMs, hwm: full.hwm };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const parent = resolve(process.env.BENCH_DIR ?? tmpdir());
  mkdirSync(parent, { recursive: true });
  runStartupBench(parent).then(
    (result) => {
      process.stdout.write(
        `${result.rows.map((r) => `${r.what}: ${r.result} (${r.target}, ${r.met}; noise ${r.noise})`).join('\n')}\n\n${result.notes.join('\n\n')}\n`,
      );
    },
    (error: unknown) => {
      console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
