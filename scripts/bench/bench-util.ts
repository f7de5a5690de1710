/**
 * Shared helpers of the benchmarks under scripts/bench/: formatting, percentiles, progress
 * bars on stderr, the "noise" measurement (how much of the shared machine was not ours during
 * a run) and the report table.
 */
import { Presets, SingleBar } from 'cli-progress';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const ms = (n: number): string => (n < 10 ? n.toFixed(2) : n.toFixed(1));
export const now = (): number => performance.now();
export const log = (line: string): void => void process.stderr.write(`${line}\n`);
export const mib = (bytes: number): string =>
  bytes < 10 * 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(2)} MiB` : `${fmt(bytes / 2 ** 20)} MiB`;

/** Longest wait for other processes to go quiet before each measured run. */
export const QUIET_WAIT_SECONDS = 15;

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function median(values: readonly number[]): number {
  return percentile(Float64Array.from(values).sort(), 50);
}

/**
 * How much of the machine was not ours during a run: CPU the hypervisor took from this VM
 * ("steal" in /proc/stat) and CPU other processes used (busy time minus this process's own,
 * worker threads included, and minus the CPU of child processes the benchmark itself ran and
 * measured). Linux only; null elsewhere. Printed beside every result, because on a shared
 * 2-core machine a neighbour's test run halves a parallel benchmark.
 */
export interface Noise {
  steal: number;
  others: number;
}
export interface NoiseMark {
  ticks: number[];
  own: NodeJS.CpuUsage;
}
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function noiseMark(): NoiseMark | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    return { ticks: line.trim().split(/\s+/).slice(1).map(Number), own: process.cpuUsage() };
  } catch {
    return null;
  }
}

/** `childSeconds`: CPU time of child processes that were part of the measured run (not noise). */
export function noiseSince(start: NoiseMark | null, childSeconds = 0): Noise | null {
  const end = noiseMark();
  if (!start || !end) return null;
  const d = end.ticks.map((t, i) => t - (start.ticks[i] ?? 0));
  const total = d.reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  // Fields: user nice system idle iowait irq softirq steal guest guest_nice.
  const idle = (d[3] ?? 0) + (d[4] ?? 0);
  const steal = d[7] ?? 0;
  const busy = total - idle - steal - (d[8] ?? 0) - (d[9] ?? 0);
  const ownSeconds = (end.own.user - start.own.user + end.own.system - start.own.system) / 1e6 + childSeconds;
  const others = Math.max(0, busy / TICKS_PER_SECOND - ownSeconds);
  return { steal: (steal / total) * 100, others: ((others * TICKS_PER_SECOND) / total) * 100 };
}

/** The larger of two noise readings, field by field (for results that combine several runs). */
export function worstNoise(a: Noise | null, b: Noise | null): Noise | null {
  if (!a) return b;
  if (!b) return a;
  return { steal: Math.max(a.steal, b.steal), others: Math.max(a.others, b.others) };
}

/** Waits (up to `maxSeconds`) for the hypervisor and other processes to leave the CPUs alone, so results mean something. */
export async function waitForQuiet(maxSeconds: number = QUIET_WAIT_SECONDS): Promise<Noise | null> {
  let last: Noise | null = null;
  for (let waited = 0; waited < maxSeconds; waited += 1) {
    const mark = noiseMark();
    if (!mark) return null;
    await new Promise((r) => setTimeout(r, 1000));
    last = noiseSince(mark);
    if (!last || last.others + last.steal < 10) return last;
    if (waited === 0) {
      log(
        `the machine is busy (steal ${last.steal.toFixed(0)}%, other processes ${last.others.toFixed(0)}%); waiting up to ${maxSeconds} s for quiet…`,
      );
    }
  }
  log(`still busy (steal ${last?.steal.toFixed(0)}%, other processes ${last?.others.toFixed(0)}%): running anyway; see the noise column`);
  return last;
}

/** One bar per phase (phases run one after another); cli-progress prints nothing off a TTY. */
export function bar(phase: string, total: number, unit: string): SingleBar {
  const b = new SingleBar(
    { format: `${phase.padEnd(30)} [{bar}] {percentage}% | {value}/{total} ${unit}`, hideCursor: true, stream: process.stderr },
    Presets.shades_classic,
  );
  b.start(total, 0);
  return b;
}

export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'interview-ledger') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root (package.json of interview-ledger)');
    dir = up;
  }
}

// ---- report -------------------------------------------------------------------------------

export interface Row {
  what: string;
  result: string;
  p50: string;
  p99: string;
  target: string;
  met: string;
  noise: string;
}

export const metCell = (value: number, target: number | null): string => (target === null ? 'n/a' : value >= target ? 'met' : 'not met');
/** For targets that are upper bounds (seconds, bytes). */
export const metAtMost = (value: number, limit: number): string => (value <= limit ? 'met' : 'not met');
export const noiseCell = (n: Noise | null): string => (n === null ? '—' : `${n.steal.toFixed(0)}% / ${n.others.toFixed(0)}%`);

export function table(rows: Row[]): string {
  const head =
    '| benchmark | result | p50 | p99 | target (DESIGN.md) | met? | noise: steal / other processes |\n| --- | --- | --- | --- | --- | --- | --- |';
  return [head, ...rows.map((r) => `| ${r.what} | ${r.result} | ${r.p50} | ${r.p99} | ${r.target} | ${r.met} | ${r.noise} |`)].join('\n');
}

/**
 * Rewrites the section `heading` (a `## ` line, up to the next `## ` heading) of a report
 * file, or, when it is not there yet, puts it before the first of `before` present (else at the
 * end). Each benchmark owns its sections; the others' are kept as they are.
 */
export function replaceSection(file: string, heading: string, section: string, before: readonly string[] = []): void {
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = doc.indexOf(`\n${heading}\n`);
  let head: string;
  let tail: string;
  if (start >= 0) {
    const next = doc.indexOf('\n## ', start + heading.length + 1);
    head = doc.slice(0, start);
    tail = next < 0 ? '' : doc.slice(next + 1);
  } else {
    const at = before.map((h) => doc.indexOf(`\n${h}`)).find((i) => i >= 0) ?? -1;
    head = at < 0 ? doc : doc.slice(0, at);
    tail = at < 0 ? '' : doc.slice(at + 1);
  }
  const text = `${head.trimEnd()}\n\n${section.trim()}\n${tail ? `\n${tail}` : ''}`;
  writeFileSync(file, text);
}
