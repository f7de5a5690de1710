/**
 * The "Summary" section of docs/benchmarks.md: every performance target of DESIGN.md in one
 * table (row, raw figure, ceiling measured in the same run, ratio, target, met?), gathered from
 * the results each bench wrote to BENCH_RESULTS (results.ts). `npm run bench` (all.ts) runs it
 * last; alone: `node dist/scripts/bench/summary.js [results dir]`.
 */
import { join } from 'node:path';
import { log, repoRoot, replaceSection } from './bench-util';
import { readResults, resultsDir, type BenchResults } from './results';

export const SUMMARY_SECTION = '## Summary';
/** Where each bench's own section is, for the reader. */
const SECTIONS: Record<string, string> = { ledger: 'Ledger', api: 'API under load', analytics: 'Analytics' };

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function summarySection(results: readonly BenchResults[], missing: readonly string[] = []): string {
  const rows = results.flatMap((r) =>
    r.targets.map(
      (t) =>
        `| ${cell(t.row)} (${SECTIONS[r.bench] ?? r.bench}) | ${cell(t.raw)} | ${cell(t.ceiling)} | ${cell(t.ratio)} | ${cell(t.target)} | ${t.met === null ? 'n/a' : t.met ? 'met' : 'not met'} | ${cell(t.noise)} |`,
    ),
  );
  const all = results.flatMap((r) => r.targets).filter((t) => t.met !== null);
  const met = all.filter((t) => t.met).length;
  const runs = results.map(
    (r) => `- **${SECTIONS[r.bench] ?? r.bench}:** ${r.date}, ${r.machine}${r.calibration ? `; calibration: ${r.calibration}` : ''}`,
  );
  return `${SUMMARY_SECTION}

Every target of DESIGN.md ("Performance targets") from the last \`npm run bench\` (scripts/bench/summary.ts gathers what each bench wrote): ${met} of ${all.length} met. Each ceiling was measured in the same run as its row, so the ratio is the figure to compare between runs; the raw figures move 2–3× with the machine. The sections below have the details.

| row | raw figure | ceiling (same run) | ratio | target | met? | noise: steal / other processes |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

${runs.join('\n')}${missing.length ? `\n- **Not in this summary:** ${missing.join(', ')} (no results from it in this run: it did not run or did not finish).` : ''}
`;
}

/** Prints the summary and writes it at the top of docs/benchmarks.md (before the first bench's section). */
export function writeSummary(dir: string = resultsDir(), expected: readonly string[] = ['ledger', 'api', 'analytics']): void {
  const rank = (bench: string) => (expected.includes(bench) ? expected.indexOf(bench) : expected.length);
  const results = readResults(dir).sort((a, b) => rank(a.bench) - rank(b.bench));
  const missing = expected.filter((b) => !results.some((r) => r.bench === b));
  const section = summarySection(results, missing);
  process.stdout.write(`\n${section}\n`);
  const out = join(repoRoot(), 'docs', 'benchmarks.md');
  replaceSection(out, SUMMARY_SECTION, section, ['## Ledger']);
  log(`wrote the "Summary" section of ${out} from ${dir}`);
}

if (require.main === module) {
  try {
    writeSummary(process.argv[2] ?? resultsDir());
  } catch (error: unknown) {
    console.error(`summary: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  }
}
