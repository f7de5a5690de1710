/**
 * (g) Projection lag: how long after its commit an event is visible in the read models, while
 * interview edits are appended at a steady 1,000 events/s. The real app in this process
 * (`createApp` on a fresh DATA_DIR: embedded SqliteEventStore, the Projector with every
 * projection of the server (PROJECTIONS), the Merkle log, the alert and reminder services),
 * edits appended through its Ledger, open loop (each event at its own instant, whether or not
 * the earlier ones are visible yet). Per event: commit = the append's acknowledgement (after
 * the group commit's fsync); visible = `projector.waitFor(position)` resolving, i.e. the read
 * models' commit of the batch holding it. Target (DESIGN.md): p99 ≤ 50 ms. The ceiling beside
 * it: the append's own commit latency in the same run. Run by ledger.bench.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StreamHead } from '../../src/ledger/seal';
import { createApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { interviewScheduled, personRegistered, sectionEdited } from './bench-data';
import { bar, fmt, log, ms, noiseCell, noiseMark, noiseSince, now, percentile, waitForQuiet, type Row } from './bench-util';
import type { TargetResult } from './results';

export const LAG_RATE = 1000;
export const LAG_SECONDS = Number(process.env.BENCH_LAG_SECONDS ?? 10);
export const LAG_TARGET_P99_MS = 50;
/** Interviews being edited at once: at 1,000 events/s, 5 edits a second each. */
const OPEN_INTERVIEWS = 200;
const PEOPLE = 100;
/** How long an event may take to become visible before it counts as never seen. */
const VISIBLE_TIMEOUT_MS = 5000;

export interface LagBench {
  rows: Row[];
  notes: string[];
  targets: TargetResult[];
}

export async function runLagBench(parent: string): Promise<LagBench> {
  const dir = mkdtempSync(join(parent, 'lag-bench-'));
  const app = await createApp(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn' }));
  try {
    // The company and the interviews, untimed.
    let last = '0';
    for (let i = 0; i < PEOPLE; i++) last = (await app.ledger.append(`person-E${10000 + i}`, null, [personRegistered(i)])).position;
    const heads: Array<StreamHead | null> = [];
    const busy: boolean[] = [];
    for (let i = 0; i < OPEN_INTERVIEWS; i++) {
      const result = await app.ledger.append(`interview-IV-LAG-${i}`, null, [interviewScheduled(`IV-LAG-${i}`, i, PEOPLE)]);
      heads.push({ revision: result.sealed[0]!.revision, hash: result.sealed[0]!.hash });
      busy.push(false);
      last = result.position;
    }
    if (!(await app.projector.waitFor(last, 30_000))) throw new Error('projection lag: the projector did not take in the set-up events');

    await waitForQuiet();
    const commits: number[] = [];
    const lags: number[] = [];
    let notVisible = 0;
    let skipped = 0; // due while every interview still had an edit in flight
    let failed = 0;
    let issued = 0;
    let next = 0;
    const inFlight = new Set<Promise<void>>();
    const progress = bar('(g) projection lag', LAG_SECONDS, 's');
    const mark = noiseMark();
    const start = now();
    const end = start + LAG_SECONDS * 1000;
    const edit = async (i: number, n: number): Promise<void> => {
      busy[i] = true;
      const head = heads[i]!;
      const t0 = now();
      try {
        const result = await app.ledger.append(`interview-IV-LAG-${i}`, head, [sectionEdited(`IV-LAG-${i}`, head.revision + 2, n, n)]);
        const committed = now();
        heads[i] = { revision: result.sealed[0]!.revision, hash: result.sealed[0]!.hash };
        busy[i] = false;
        commits.push(committed - t0);
        if (await app.projector.waitFor(result.position, VISIBLE_TIMEOUT_MS)) lags.push(now() - committed);
        else notVisible += 1;
      } catch {
        failed += 1;
        busy[i] = false;
      }
    };
    while (now() < end) {
      const due = Math.floor(((now() - start) / 1000) * LAG_RATE) - issued;
      for (let k = 0; k < due; k++) {
        let tries = 0;
        while (busy[next] && tries < OPEN_INTERVIEWS) {
          next = (next + 1) % OPEN_INTERVIEWS;
          tries += 1;
        }
        issued += 1;
        if (busy[next]) {
          skipped += 1;
          continue;
        }
        const p = edit(next, issued);
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
        next = (next + 1) % OPEN_INTERVIEWS;
      }
      progress.update(Math.min(LAG_SECONDS, Math.floor((now() - start) / 1000)));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const seconds = (now() - start) / 1000;
    await Promise.all(inFlight);
    const noise = noiseSince(mark);
    progress.update(LAG_SECONDS);
    progress.stop();

    const sortedLag = Float64Array.from(lags).sort();
    const sortedCommit = Float64Array.from(commits).sort();
    const p50 = percentile(sortedLag, 50);
    const p99 = percentile(sortedLag, 99);
    const max = sortedLag[sortedLag.length - 1] ?? NaN;
    const commitP50 = percentile(sortedCommit, 50);
    const commitP99 = percentile(sortedCommit, 99);
    const rate = commits.length / seconds;
    const met = p99 <= LAG_TARGET_P99_MS && notVisible === 0 && failed === 0 && skipped === 0;
    log(
      `(g) projection lag at ${fmt(rate)} events/s: p50 ${ms(p50)} ms, p99 ${ms(p99)} ms (commit p50 ${ms(commitP50)} ms, p99 ${ms(commitP99)} ms)`,
    );
    const problems = [
      notVisible ? `${fmt(notVisible)} not visible within ${VISIBLE_TIMEOUT_MS / 1000} s` : '',
      failed ? `${fmt(failed)} appends failed` : '',
      skipped ? `${fmt(skipped)} not sent (all ${OPEN_INTERVIEWS} interviews had an edit in flight)` : '',
    ].filter(Boolean);
    const rows: Row[] = [
      {
        what: `(g) ceiling: commit latency of those appends (Ledger.append → acknowledged, durable)`,
        result: `${fmt(commits.length)} appends in ${seconds.toFixed(1)} s (${fmt(rate)} events/s)`,
        p50: `${ms(commitP50)} ms`,
        p99: `${ms(commitP99)} ms`,
        target: 'ceiling (reference)',
        met: 'n/a',
        noise: noiseCell(noise),
      },
      {
        what: `(g) projection lag: commit → visible in the read models (\`projector.waitFor\`), ${fmt(LAG_RATE)} edits/s for ${LAG_SECONDS} s, the app's projections`,
        result: `${fmt(lags.length)} events seen, max ${ms(max)} ms; p99 = ${(p99 / commitP99).toFixed(1)}× the commit p99${problems.length ? `; ${problems.join(', ')}` : ''}`,
        p50: `${ms(p50)} ms`,
        p99: `${ms(p99)} ms`,
        target: `p99 ≤ ${LAG_TARGET_P99_MS} ms, every event seen`,
        met: met ? 'met' : 'not met',
        noise: noiseCell(noise),
      },
    ];
    const notes = [
      `**Projection lag.** The real app in the bench's process (\`createApp\` on a fresh DATA_DIR: the projector with every projection of the server, the analytics one with its text analysis included, the Merkle log, the alert and reminder services), ${PEOPLE} people and ${OPEN_INTERVIEWS} interviews set up first; then section edits of those interviews (realistic contents, bench-data.ts) appended through the app's Ledger at ${fmt(LAG_RATE)} a second, open loop (each at its own instant, ${OPEN_INTERVIEWS} interviews in turn, one edit in flight per interview), for ${LAG_SECONDS} s. Lag is from the append's acknowledgement (its commit, fsync included) to \`projector.waitFor(position)\` resolving (the read models' commit of the batch that holds it): what a client that wrote and then reads waits at most. The ceiling beside it is the commit latency of the same appends. p50 ${ms(p50)} ms, p99 ${ms(p99)} ms, max ${ms(max)} ms: the target (p99 ≤ ${LAG_TARGET_P99_MS} ms) is ${met ? 'met' : 'not met'}.`,
    ];
    const targets: TargetResult[] = [
      {
        row: `projection lag under ${fmt(LAG_RATE)} events/s, p99 (p50 ${ms(p50)} ms)`,
        raw: `p99 ${ms(p99)} ms at ${fmt(rate)} events/s${problems.length ? `; ${problems.join(', ')}` : ''}`,
        ceiling: `commit p99 ${ms(commitP99)} ms (p50 ${ms(commitP50)} ms)`,
        ratio: `${(p99 / commitP99).toFixed(1)}× the commit p99`,
        target: `p99 ≤ ${LAG_TARGET_P99_MS} ms`,
        met,
        noise: noiseCell(noise),
      },
    ];
    return { rows, notes, targets };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
