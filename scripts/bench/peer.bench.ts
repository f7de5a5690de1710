/**
 * (f) A peer, side by side, in the same run: `@event-driven-io/emmett-sqlite` on a durable file
 * database (emmett-peer.ts, a child process) against ours (Ledger + SqliteEventStore: signed,
 * hash-chained, WAL, synchronous=FULL), the same event (bench-data.ts `sectionEdited`), one
 * event per append with the expected version, (1) one sequential writer and (2) 16 concurrent
 * writers on distinct streams. Target (DESIGN.md): ours ≥ 10× the peer's sequential rate, and
 * correct under concurrency (every acknowledged event stored, the log verifies). Run by
 * ledger.bench.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Keyring } from '../../src/crypto/keyring';
import { verifyLedger } from '../../src/ledger/verify-ledger';
import { SqliteEventStore } from '../../src/store/sqlite-event-store';
import { SigningPool } from '../../src/ledger/signing-pool';
import { appendRun, benchLedger, type AppendResult } from './append-run';
import { fmt, log, ms, noiseCell, noiseMark, noiseSince, waitForQuiet, type Noise, type Row } from './bench-util';
import type { PeerRun } from './emmett-peer';
import { times, type TargetResult } from './results';

export const PEER_WRITERS = 16;
export const PEER_TARGET = 10;

export interface PeerBench {
  rows: Row[];
  notes: string[];
  targets: TargetResult[];
}

function runPeer(file: string, writers: number, seconds: number): Promise<PeerRun & { noise: Noise | null }> {
  const mark = noiseMark();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(__dirname, 'emmett-peer.js'), file, String(writers), String(seconds)],
      { timeout: (seconds + 60) * 1000, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').pop() ?? '';
        if (error && !line.startsWith('{')) return reject(new Error(`emmett peer failed: ${error.message}\n${stderr}`));
        try {
          const run = JSON.parse(line) as PeerRun;
          // The child's CPU is the measured run's, not noise.
          resolve({ ...run, noise: noiseSince(mark, run.cpuSeconds) });
        } catch {
          reject(new Error(`emmett peer printed no result:\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

const errorList = (errors: Record<string, number>): string =>
  Object.entries(errors)
    .sort((a, b) => b[1] - a[1])
    .map(([message, n]) => `${n} × "${message.replace(/\|/g, '\\|')}"`)
    .join(', ');

export async function runPeerBench(parent: string, keyring: Keyring, seconds: number): Promise<PeerBench> {
  const dir = mkdtempSync(join(parent, 'peer-bench-'));
  try {
    // Ours: a fresh log file each, the bench's ledger key.
    const oursRun = async (label: string, writers: number): Promise<AppendResult & { verified: boolean; stored: number }> => {
      const store = new SqliteEventStore(join(dir, `ours-${writers}.db`));
      // As the server appends: signatures from its signing pool.
      const signer = new SigningPool();
      try {
        await waitForQuiet();
        const result = await appendRun(benchLedger(store, keyring, signer), label, writers, seconds);
        const stored = store.countSync();
        const report = await verifyLedger(store, keyring, { workers: 2 });
        return { ...result, verified: report.ok, stored };
      } finally {
        await signer.close();
        await store.close();
      }
    };
    const theirsRun = async (label: string, writers: number) => {
      await waitForQuiet();
      log(`${label}: emmett-sqlite in a child process, ${seconds} s…`);
      return runPeer(join(dir, `emmett-${writers}.db`), writers, seconds);
    };

    const theirsSeq = await theirsRun('(f) emmett-sqlite, 1 writer', 1);
    const oursSeq = await oursRun('(f) ours, 1 writer', 1);
    const theirsMany = await theirsRun(`(f) emmett-sqlite, ${PEER_WRITERS} writers`, PEER_WRITERS);
    const oursMany = await oursRun(`(f) ours, ${PEER_WRITERS} writers`, PEER_WRITERS);

    const rate = (r: { acknowledged?: number; events?: number; seconds: number }) => (r.acknowledged ?? r.events ?? 0) / r.seconds;
    const theirsSeqRate = rate(theirsSeq);
    const oursSeqRate = rate(oursSeq);
    const theirsManyRate = rate(theirsMany);
    const oursManyRate = rate(oursMany);
    const oursCorrect = (r: typeof oursSeq) => Object.keys(r.errors).length === 0 && r.verified && r.stored === r.events;
    const theirsCorrect = (r: PeerRun) =>
      Object.keys(r.errors).length === 0 &&
      r.hung === 0 &&
      r.check.lost === 0 &&
      r.check.unacknowledgedWritten === 0 &&
      r.check.streamsOff === 0;
    const theirsHow = (r: PeerRun): string =>
      theirsCorrect(r)
        ? 'every append answered, every acknowledged event stored'
        : [
            Object.keys(r.errors).length ? `rejected: ${errorList(r.errors)}` : '',
            r.hung ? `${fmt(r.hung)} appends unanswered after 2 s` : '',
            `afterwards: ${fmt(r.check.events)} events in the file, ${fmt(r.check.lost)} acknowledged ones missing, ${fmt(r.check.unacknowledgedWritten)} written without an acknowledgement, ${fmt(r.check.streamsOff)} streams whose position disagrees with their events`,
            r.consoleLines ? `${fmt(r.consoleLines)} lines written to the console by the library` : '',
          ]
            .filter(Boolean)
            .join('; ');
    const oursHow = (r: typeof oursSeq): string =>
      `${oursCorrect(r) ? 'correct' : 'NOT correct'}: ${fmt(r.stored)} events stored for ${fmt(r.events)} acknowledged, whole-log verification ${r.verified ? 'passes' : 'FAILS'}${Object.keys(r.errors).length ? `; rejected: ${errorList(r.errors)}` : ''}`;
    const manyRatio = oursManyRate / theirsSeqRate;
    const manyMet = manyRatio >= PEER_TARGET && oursCorrect(oursMany);

    const rows: Row[] = [
      {
        what: '(f) peer: emmett-sqlite 0.38.5, 1 writer, `appendToStream` with the expected stream version, one event per append (file database)',
        result: `${fmt(theirsSeqRate)} events/s (${fmt(theirsSeq.acknowledged)} in ${theirsSeq.seconds.toFixed(1)} s); ${theirsHow(theirsSeq)}`,
        p50: `${ms(theirsSeq.p50)} ms`,
        p99: `${ms(theirsSeq.p99)} ms`,
        target: 'the peer’s sequential rate (the ceiling of this comparison)',
        met: 'n/a',
        noise: noiseCell(theirsSeq.noise),
      },
      {
        what: '(f) ours, 1 writer, same event, one event per append (signed, hash-chained, durable)',
        result: `${fmt(oursSeqRate)} events/s (${fmt(oursSeq.events)} in ${oursSeq.seconds.toFixed(1)} s) = **${times(oursSeqRate / theirsSeqRate)}** the peer’s sequential rate; ${oursHow(oursSeq)}`,
        p50: `${ms(oursSeq.p50)} ms`,
        p99: `${ms(oursSeq.p99)} ms`,
        target: 'reference',
        met: 'n/a',
        noise: noiseCell(oursSeq.noise),
      },
      {
        what: `(f) peer: emmett-sqlite, ${PEER_WRITERS} concurrent writers on distinct streams`,
        result: `${fmt(theirsManyRate)} acknowledged events/s (${fmt(theirsMany.acknowledged)} in ${theirsMany.seconds.toFixed(1)} s); ${theirsHow(theirsMany)}`,
        p50: Number.isFinite(theirsMany.p50) ? `${ms(theirsMany.p50)} ms` : '—',
        p99: Number.isFinite(theirsMany.p99) ? `${ms(theirsMany.p99)} ms` : '—',
        target: 'correct under concurrency',
        met: theirsCorrect(theirsMany) ? 'met' : 'not met',
        noise: noiseCell(theirsMany.noise),
      },
      {
        what: `(f) ours, ${PEER_WRITERS} concurrent writers on distinct streams`,
        result: `${fmt(oursManyRate)} events/s (${fmt(oursMany.events)} in ${oursMany.seconds.toFixed(1)} s) = **${times(manyRatio)}** the peer’s sequential rate (${times(oursManyRate / Math.max(theirsManyRate, 1e-9))} its ${PEER_WRITERS}-writer rate); ${oursHow(oursMany)}`,
        p50: `${ms(oursMany.p50)} ms`,
        p99: `${ms(oursMany.p99)} ms`,
        target: `≥ ${PEER_TARGET}× the peer’s sequential rate, correct`,
        met: manyMet ? 'met' : 'not met',
        noise: noiseCell(oursMany.noise),
      },
    ];
    const d = theirsSeq.durability;
    const notes = [
      `**The peer.** \`getSQLiteEventStore({ fileName })\` of @event-driven-io/emmett-sqlite 0.38.5 (with @event-driven-io/emmett 0.38.5; 0.42.4 wants emmett 0.42.4, which the registry here does not have) on node-sqlite3 ${sqliteVersion()}, in a child process of its own (scripts/bench/emmett-peer.ts), a fresh file database in the same directory as ours. Durability: it sets \`journal_mode = WAL\` and leaves \`synchronous\` at the build's default, which a connection opened the same way reports as ${d.synchronous} (${['OFF', 'NORMAL', 'FULL', 'EXTRA'][d.synchronous] ?? '?'}; journal ${d.journalMode}): an fsync per commit, like ours. It opens a connection for each operation and closes it after, and keeps no hash chain and no signature.`,
      `**The event.** The one every append row writes (bench-data.ts \`sectionEdited\`: a section of realistic content, the request metadata), as \`{ type, data, metadata }\` for the peer; 12 events a stream, then a new stream, for both. Each writer tracks its stream's version and passes it as the expected version.`,
      `**Concurrency.** ${
        theirsCorrect(theirsMany)
          ? `The peer answered every one of ${PEER_WRITERS} writers' appends correctly. `
          : `With ${PEER_WRITERS} writers the peer does not work: ${theirsHow(theirsMany)}. Its store keeps one connection for concurrent operations and closes it after each one, and its transactions nest on that connection by a counter: the second writer's append runs inside the first one's transaction (and is acknowledged when its own part is done), and when another writer's close lands in the middle, that transaction is never committed, so appends acknowledged to their callers are not in the file afterwards (the "acknowledged ones missing"). `
      }The rows count what it acknowledged; an append unanswered for 2 s is counted and the writer tries again.`,
      `**Ours** run in this process with a fresh log file each; after each run the log is read back (count) and verified whole (signatures, envelopes, chains). The target is the ${PEER_WRITERS}-writer rate against the peer's sequential one, ${times(manyRatio)} here (target ≥ ${PEER_TARGET}×): ${manyMet ? 'met' : 'not met'}.`,
    ];
    const targets: TargetResult[] = [
      {
        row: `peer: ours, ${PEER_WRITERS} writers, vs emmett-sqlite sequential`,
        raw: `${fmt(oursManyRate)} events/s`,
        ceiling: `emmett-sqlite 1 writer: ${fmt(theirsSeqRate)} events/s`,
        ratio: times(manyRatio),
        target: `≥ ${PEER_TARGET}×, correct under concurrency`,
        met: manyMet,
        noise: noiseCell(oursMany.noise),
      },
      {
        row: `peer: emmett-sqlite, ${PEER_WRITERS} concurrent writers`,
        raw: `${fmt(theirsManyRate)} acknowledged events/s${theirsCorrect(theirsMany) ? '' : `; fails (${Object.values(theirsMany.errors).reduce((a, b) => a + b, 0)} rejected, ${theirsMany.hung} hung, ${theirsMany.check.lost} lost)`}`,
        ceiling: '—',
        ratio: '—',
        target: 'reported (how it fails)',
        met: null,
        noise: noiseCell(theirsMany.noise),
      },
    ];
    return { rows, notes, targets };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sqliteVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('sqlite3/package.json') as { version: string }).version;
}
