/**
 * `npm run bench`: the ledger bench (with its lag, peer, evidence and start-up parts), the API
 * bench and the analytics bench, one after another as child processes (each also runs alone),
 * every one writing its targets to a fresh BENCH_RESULTS directory; then the summary of every
 * target at the top of docs/benchmarks.md (summary.ts). A bench that fails does not stop the
 * others; the summary names it and the exit code is non-zero.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log } from './bench-util';
import { writeSummary } from './summary';

const BENCHES = ['ledger', 'api', 'analytics'] as const;
/**
 * BENCH_ONLY=ledger,api runs only those (the analytics bench builds a company of 10,000 people
 * and takes about half an hour); the summary then names the others as not run, and their
 * sections in docs/benchmarks.md stay as their last run wrote them.
 */
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((b) => b.trim())) : null;

function main(): number {
  const results = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'bench-results-'));
  const failed: string[] = [];
  try {
    for (const bench of BENCHES) {
      if (ONLY && !ONLY.has(bench)) {
        log(`\n==== ${bench} bench: not run (BENCH_ONLY) ====`);
        continue;
      }
      log(`\n==== ${bench} bench (dist/scripts/bench/${bench}.bench.js) ====`);
      const run = spawnSync(process.execPath, [join(__dirname, `${bench}.bench.js`)], {
        stdio: 'inherit',
        env: { ...process.env, BENCH_RESULTS: results },
      });
      if (run.status !== 0) {
        failed.push(bench);
        log(`${bench} bench failed (${run.error?.message ?? `exit ${run.status ?? run.signal}`}); going on with the others`);
      }
    }
    writeSummary(results, BENCHES);
  } finally {
    rmSync(results, { recursive: true, force: true });
  }
  if (failed.length > 0) log(`failed: ${failed.join(', ')}`);
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = main();
