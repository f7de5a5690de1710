/**
 * The performance targets each bench measured (DESIGN.md, "Performance targets"), one small
 * JSON file per bench in BENCH_RESULTS (default: <tmpdir>/interview-ledger-bench-results), so
 * that summary.ts can put every target in one table at the top of docs/benchmarks.md. Nothing
 * here is committed: `npm run bench` gives every run a fresh directory.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

/** One target: the raw figure, the ceiling it is measured against in the same run, and the verdict. */
export interface TargetResult {
  /** What was measured, as the bench's own table names it. */
  readonly row: string;
  readonly raw: string;
  /** The ceiling measured in the same run, or '—' where the target is an absolute bound. */
  readonly ceiling: string;
  /** raw / ceiling ('0.42×'), or '—'. */
  readonly ratio: string;
  readonly target: string;
  /** null: reported beside the targets, with none of its own. */
  readonly met: boolean | null;
  /** steal / other processes during the run (bench-util noiseCell). */
  readonly noise: string;
}

export interface BenchResults {
  readonly bench: string;
  readonly date: string;
  readonly machine: string;
  /** Anything the ceilings rest on (e.g. the Ed25519 calibration). */
  readonly calibration?: string;
  readonly targets: readonly TargetResult[];
}

export function resultsDir(): string {
  return resolve(process.env.BENCH_RESULTS ?? join(tmpdir(), 'interview-ledger-bench-results'));
}

/** The machine line every bench prints. */
export function machine(): string {
  const cpuList = cpus();
  return `${platform()} ${release()} (${arch()}), ${cpuList.length} × ${cpuList[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, OpenSSL ${process.versions.openssl}`;
}

/** `ratio` as the tables print it. */
export const times = (ratio: number): string => `${ratio.toFixed(2)}×`;

export function writeResults(results: BenchResults): string {
  const dir = resultsDir();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${results.bench}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

export function readResults(dir: string = resultsDir()): BenchResults[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as BenchResults);
}
