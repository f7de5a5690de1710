/**
 * Hostile GraphQL: what the costliest query the limits still accept does to everyone else.
 *
 *   1. starts the real server (`node dist/src/server/main.js --demo`, a child process on
 *      127.0.0.1, PORT=0, a fresh DATA_DIR with the demo company);
 *   2. prices a few heavy shapes with the server's own cost model, each at the largest size the
 *      budget accepts (page size, aliases), checks that the server accepts it and times it;
 *   3. probes a simple query (`interview(id)` as the employee, PROBE_CONNECTIONS sequential
 *      clients) for PHASE_SECONDS idle, then for PHASE_SECONDS while one attacker sends the
 *      slowest accepted read query in a loop, then the same with the slowest accepted mutation;
 *      RSS of the server is sampled every 20 ms throughout (VmRSS from /proc/<pid>/status).
 *
 * Target (the hardening issue): p99 of the probe within 2× idle, peak RSS below 2× idle.
 * Bounded: every phase stops after PHASE_SECONDS or MAX_REQUESTS probe requests; loopback
 * only. Writes the "Hostile GraphQL queries" section of docs/benchmarks.md.
 * `npm run bench:hostile`; BENCH_MAX_COST sets GRAPHQL_MAX_COST for the server.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { LocalTokens, mintToken } from '../../src/http/token';
import { DEMO_PEOPLE } from '../../src/demo/demo-data';
import { getSchema } from '../../src/graphql/schema';
import { DEFAULT_QUERY_LIMITS, operationCost } from '../../src/graphql/query-limits';
import type { Role } from '../../src/domain/command';
import { fmt, log, mib, ms, noiseCell, noiseMark, noiseSince, now, percentile, repoRoot, waitForQuiet, type Noise } from './bench-util';

const PHASE_SECONDS = 10;
const MAX_REQUESTS = 20_000;
const PROBE_CONNECTIONS = 4;
const SECRET = 'hostile-bench-secret';
const BUDGET = Number(process.env.BENCH_MAX_COST ?? DEFAULT_QUERY_LIMITS.maxCost);

interface Shape {
  name: string;
  kind: 'query' | 'mutation';
  as: keyof typeof DEMO_PEOPLE;
  /** The document at size n (page size or aliases); the largest n within the budget is used. */
  at(n: number, ids: string[]): string;
  maxN: number;
}

const aliases = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => `a${i}: ${f(i)}`).join(' ');
const INTERVIEW_FIELDS =
  'id status version templateId cycle employeeId managerId participantIds department position scheduledAt location sections createdAt updatedAt requiredSignatures lockedAt templateVersion flowId signatures { role signerId kid } addenda { text } corrections { reason } attachments { name size } improvementTasks { taskId } employee { name } manager { name }';

const SHAPES: Shape[] = [
  {
    name: 'page of interviews with every history and its changes',
    kind: 'query',
    as: 'auditor',
    maxN: 100,
    at: (n) =>
      `{ interviews(first: ${n}) { edges { node { id history { version eventType actor at changes { path kind before after } } } } } }`,
  },
  {
    name: 'page of interviews with their histories (changed paths)',
    kind: 'query',
    as: 'auditor',
    maxN: 100,
    at: (n) => `{ interviews(first: ${n}) { edges { node { id history { version changes { path } } } } } }`,
  },
  {
    name: 'page of interviews, every field',
    kind: 'query',
    as: 'auditor',
    maxN: 100,
    at: (n) => `{ interviews(first: ${n}) { totalCount edges { cursor node { ${INTERVIEW_FIELDS} } } } }`,
  },
  {
    name: 'interviewHistory of different interviews, aliased',
    kind: 'query',
    as: 'auditor',
    maxN: DEFAULT_QUERY_LIMITS.maxAliases,
    at: (n, ids) => `{ ${aliases(n, (i) => `interviewHistory(id: "${ids[i % ids.length]}") { version changes { path } }`)} }`,
  },
  {
    name: 'interviewAt (replay from the verified log), aliased',
    kind: 'query',
    as: 'auditor',
    maxN: DEFAULT_QUERY_LIMITS.maxAliases,
    at: (n, ids) => `{ ${aliases(n, (i) => `interviewAt(id: "${ids[i % ids.length]}", version: 1) { version sections }`)} }`,
  },
  {
    name: 'full introspection (demo mode), aliased',
    kind: 'query',
    as: 'auditor',
    maxN: DEFAULT_QUERY_LIMITS.maxAliases,
    at: (n) =>
      `{ ${aliases(n, () => '__schema { types { name kind fields { name args { name } type { name kind ofType { name kind } } } } }')} }`,
  },
  {
    name: 'exportEvidence of one interview, aliased',
    kind: 'mutation',
    as: 'auditor',
    maxN: DEFAULT_QUERY_LIMITS.maxAliases,
    at: (n, ids) => `mutation { ${aliases(n, (i) => `exportEvidence(interviewId: "${ids[i % ids.length]}") { fileName }`)} }`,
  },
  {
    name: 'exportEvidence of a whole cycle (filter)',
    kind: 'mutation',
    as: 'auditor',
    maxN: 1,
    at: () => 'mutation { exportEvidence(filter: { cycle: "2026-Q2" }) { fileName } }',
  },
];

// ---- the server -----------------------------------------------------------------------------

async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(repoRoot(), 'dist', 'src', 'server', 'main.js'), '--demo'], {
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      JWT_SECRET: SECRET,
      CHECKPOINT_INTERVAL_MS: '0',
      REMINDER_INTERVAL_MS: '0',
      GRAPHQL_MAX_COST: String(BUDGET),
      // Unrationed, to measure what one export by query costs everyone else (the server rations them by default).
      EVIDENCE_QUERY_EXPORTS_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 180 s:\n${output}`)), 180_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphQL ready at (http:\/\/[^\s"]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, url };
}

function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

/** Samples the server's RSS every 20 ms until stopped; returns the peak. */
function rssSampler(pid: number): { stop(): number } {
  let peak = rssOf(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 20);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssOf(pid));
    },
  };
}

async function gql(url: string, token: string, query: string): Promise<{ ms: number; body: any }> {
  const start = now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = await response.json();
  return { ms: now() - start, body };
}

// ---- phases ---------------------------------------------------------------------------------

interface Phase {
  p50: number;
  p99: number;
  max: number;
  requests: number;
  attacks: number;
  attackP50: number;
  peakRss: number;
  noise: Noise | null;
}

async function phase(
  url: string,
  pid: number,
  probe: { token: string; query: string },
  attack?: { token: string; query: string },
): Promise<Phase> {
  await waitForQuiet();
  const mark = noiseMark();
  const rss = rssSampler(pid);
  const latencies: number[] = [];
  const attackTimes: number[] = [];
  const deadline = now() + PHASE_SECONDS * 1000;
  let stop = false;
  const attacker = (async () => {
    while (attack && !stop) {
      const { ms: took, body } = await gql(url, attack.token, attack.query);
      if (body.errors) throw new Error(`the attack query was refused: ${JSON.stringify(body.errors[0])}`);
      attackTimes.push(took);
    }
  })();
  // Let the attacker get going before the probes count.
  if (attack) await new Promise((r) => setTimeout(r, 200));
  const probes = Array.from({ length: PROBE_CONNECTIONS }, async () => {
    while (now() < deadline && latencies.length < MAX_REQUESTS) {
      const { ms: took, body } = await gql(url, probe.token, probe.query);
      if (body.errors) throw new Error(`the probe failed: ${JSON.stringify(body.errors[0])}`);
      latencies.push(took);
    }
  });
  await Promise.all(probes);
  stop = true;
  await attacker;
  const peakRss = rss.stop();
  const sorted = Float64Array.from(latencies).sort();
  const attacks = Float64Array.from(attackTimes).sort();
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    requests: latencies.length,
    attacks: attackTimes.length,
    attackP50: percentile(attacks, 50),
    peakRss,
    noise: noiseSince(mark),
  };
}

// ---- main -----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-bench-'));
  const started = new Date();
  log(`hostile-query benchmark: server on 127.0.0.1, demo data in ${dir}, budget ${BUDGET}`);
  const { child, url } = await startServer(dir);
  try {
    const local = await LocalTokens.hs256(SECRET);
    const token = (who: keyof typeof DEMO_PEOPLE, roles: Role[]) => mintToken(local, { id: DEMO_PEOPLE[who], roles });
    const tokens = {
      employee: token('employee', ['employee']),
      auditor: token('auditor', ['auditor']),
      hr: token('hr', ['hr', 'employee']),
      manager: token('manager', ['manager', 'employee']),
      admin: token('admin', ['admin']),
    };
    const listed = await gql(url, tokens.auditor, '{ interviews(first: 100) { edges { node { id } } } }');
    const ids: string[] = listed.body.data.interviews.edges.map((e: { node: { id: string } }) => e.node.id);
    const mine = await gql(url, tokens.employee, '{ interviews(first: 1) { edges { node { id } } } }');
    const probe = {
      token: tokens.employee,
      query: `{ interview(id: "${mine.body.data.interviews.edges[0].node.id}") { id status version cycle } }`,
    };

    // The largest accepted size of each shape, and what one run costs the server.
    const schema = await getSchema();
    const priced: Array<{ shape: Shape; n: number; cost: number; query: string; medianMs: number }> = [];
    for (const shape of SHAPES) {
      let n = 0;
      for (let k = 1; k <= shape.maxN; k++) {
        const cost = operationCost(schema, parse(shape.at(k, ids)));
        if (cost !== null && cost <= BUDGET) n = k;
        else break;
      }
      if (n === 0) {
        log(`  ${shape.name}: refused at any size`);
        continue;
      }
      const query = shape.at(n, ids);
      const cost = operationCost(schema, parse(query))!;
      const over = shape.maxN > n ? operationCost(schema, parse(shape.at(n + 1, ids))) : null;
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const { ms: took, body } = await gql(url, tokens[shape.as], query);
        if (body.errors) throw new Error(`${shape.name} (n=${n}) was refused: ${JSON.stringify(body.errors[0])}`);
        times.push(took);
      }
      const medianMs = Float64Array.from(times).sort()[2]!;
      priced.push({ shape, n, cost, query, medianMs });
      log(`  ${shape.name}: n=${n}, cost ${cost}${over ? ` (n=${n + 1}: ${over}, refused)` : ''}, ${ms(medianMs)} ms`);
    }
    const slowest = (kind: Shape['kind']) =>
      priced.filter((p) => p.shape.kind === kind).reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
    const worstQuery = slowest('query');
    const worstMutation = slowest('mutation');

    log('idle…');
    const idle = await phase(url, child.pid!, probe);
    log(`  p99 ${ms(idle.p99)} ms, peak RSS ${mib(idle.peakRss)}`);
    log(`under attack: ${worstQuery.shape.name}…`);
    const attacked = await phase(url, child.pid!, probe, { token: tokens[worstQuery.shape.as], query: worstQuery.query });
    log(`  p99 ${ms(attacked.p99)} ms, peak RSS ${mib(attacked.peakRss)}`);
    log(`under attack: ${worstMutation.shape.name}…`);
    const mutated = await phase(url, child.pid!, probe, { token: tokens[worstMutation.shape.as], query: worstMutation.query });
    log(`  p99 ${ms(mutated.p99)} ms, peak RSS ${mib(mutated.peakRss)}`);

    writeSection({ started, idle, attacked, mutated, priced, worstQuery, worstMutation });
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeSection(r: {
  started: Date;
  idle: Phase;
  attacked: Phase;
  mutated: Phase;
  priced: Array<{ shape: Shape; n: number; cost: number; medianMs: number }>;
  worstQuery: { shape: Shape; n: number; cost: number; medianMs: number };
  worstMutation: { shape: Shape; n: number; cost: number; medianMs: number };
}): void {
  const met = (ratio: number) => (ratio <= 2 ? 'met' : 'not met');
  const row = (label: string, p: Phase, attack?: string) => {
    const p99Ratio = p.p99 / r.idle.p99;
    const rssRatio = p.peakRss / r.idle.peakRss;
    return `| ${label} | ${fmt(p.requests)} probes${attack ? `, ${fmt(p.attacks)} × ${attack} (p50 ${ms(p.attackP50)} ms each)` : ''}; peak RSS ${mib(p.peakRss)} | ${ms(p.p50)} ms | ${ms(p.p99)} ms (max ${ms(p.max)}) | ${
      attack ? `p99 ≤ 2× idle: ${p99Ratio.toFixed(2)}×; RSS < 2× idle: ${rssRatio.toFixed(2)}×` : 'reference'
    } | ${attack ? `${met(p99Ratio)} / ${rssRatio < 2 ? 'met' : 'not met'}` : 'n/a'} | ${noiseCell(p.noise)} |`;
  };
  const readRatio = r.attacked.p99 / r.idle.p99;
  const exportRatio = r.mutated.p99 / r.idle.p99;
  const unit = (r.worstQuery.medianMs * 1000) / r.worstQuery.cost;
  const notes = [
    `**What this measures.** The attacks of the hardening issue (1,000 aliases of \`__schema\` in ~100 KB, a ~1 MiB body, 1,000 aliases of \`interviewHistory\`, 15 aliased pages of 100 interviews with histories) are refused before any resolver runs (test/graphql/limits.test.ts); this run is about the worst that is still accepted: each shape above at the largest size the budget allows, the slowest of them sent back to back.`,
    `**Read queries.** Under the slowest accepted read query (${r.worstQuery.shape.name}, ${ms(r.attacked.attackP50)} ms per request here) the probe's p99 is ${ms(r.attacked.p99)} ms against ${ms(r.idle.p99)} ms idle, ${readRatio.toFixed(2)}×: the 2× target is ${readRatio <= 2 ? 'met' : 'not met'}. Node answers on one thread, so a probe that arrives while an attack request runs waits for it: the probe's p99 under attack is at least about the attack's own time, and the budget is what bounds that time (here ~${unit.toFixed(1)} µs per cost unit, so ${fmt(BUDGET)} units ≈ ${ms((unit * BUDGET) / 1000)} ms).${readRatio <= 2 ? '' : ' To meet the target the worst accepted query would have to run in about the probe’s idle p99, a budget below the cost of one `interviewHistory` (the README’s own query); making a history cheaper to answer (its diffs are recomputed from the stream on every read) is the way there, not a smaller budget.'}`,
    `**Evidence export with a filter.** \`exportEvidence(filter: …)\` bundles every interview that matches (up to 500): its work grows with the data, which no static estimate knows, so it is priced at the whole default budget (it runs alone in its request) but not bounded by it. One bundle of the cycle 2026-Q2 takes ${ms(r.worstMutation.medianMs)} ms (most of it in the assembler's worker thread); sent back to back it puts the probe's p99 at ${exportRatio.toFixed(2)}× idle (${exportRatio <= 2 ? 'met' : 'not met'}). This run lifts the server's ration of such exports (\`EVIDENCE_QUERY_EXPORTS_PER_MINUTE=0\`) to measure what one costs everyone else; by default the server starts at most 2 a minute for everyone together and refuses the rest at once (\`EXPORT_RATE_LIMITED\`), so a looping client gets two a minute. The bundle is assembled in a worker thread (src/evidence/bundle-assembler.ts); what runs on the event loop (reading and parsing one interview's stream, or 64 inclusion proofs) is cut into slices between turns of the loop, so that a probe waits for at most one slice. Four consecutive runs on this machine (2026-12-01) measured 1.75×, 1.67×, 1.47× and 1.20×; before the slicing, 2.08× to 3.35×.`,
    `**Memory.** Peak RSS (VmRSS sampled every 20 ms) is ${mib(r.attacked.peakRss)} under the read attack and ${mib(r.mutated.peakRss)} under the export loop, against ${mib(r.idle.peakRss)} idle (${(r.attacked.peakRss / r.idle.peakRss).toFixed(2)}× and ${(r.mutated.peakRss / r.idle.peakRss).toFixed(2)}×; target < 2×). Before the limits the hardening issue measured ~3.9 GB for one request just under the old 1 MiB body limit; now the body is capped at 256 KiB and the parser stops at 2,000 tokens.`,
    `**Noise.** The machine is shared; with the "other processes" column high, every latency is inflated (the idle probe included) and the ratios are the part to read.`,
  ];
  const machine = `${process.platform} (${process.arch}), ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`;
  const section = `## Hostile GraphQL queries

Generated by \`npm run bench:hostile\` (scripts/bench/hostile.bench.ts).

- **Date:** ${r.started.toISOString()}
- **Machine:** ${machine}
- **Server:** \`node dist/src/server/main.js --demo\` as a child process on 127.0.0.1 (demo company,
  embedded SQLite, introspection on as in demo mode), default limits with \`GRAPHQL_MAX_COST=${BUDGET}\`.
- **Probe:** \`interview(id)\` as the employee, ${PROBE_CONNECTIONS} sequential clients, ${PHASE_SECONDS} s per phase.
  **Attacker:** one client sending the slowest query the limits accept, back to back.

| benchmark | result | p50 | p99 | target (hardening issue) | met? (p99 / RSS) | noise: steal / other processes |
| --- | --- | --- | --- | --- | --- | --- |
${row('probe, idle', r.idle)}
${row(`probe while the slowest accepted query runs in a loop: ${r.worstQuery.shape.name} (n=${r.worstQuery.n}, cost ${fmt(r.worstQuery.cost)})`, r.attacked, 'attack')}
${row(`probe while the slowest accepted mutation runs in a loop: ${r.worstMutation.shape.name} (n=${r.worstMutation.n}, cost ${fmt(r.worstMutation.cost)})`, r.mutated, 'attack')}

The heaviest shapes at the largest size the budget accepts (n: page size or aliases; one run, median of 5, idle server):

| shape | n | cost | server time |
| --- | --- | --- | --- |
${r.priced.map((p) => `| ${p.shape.kind} ${p.shape.name} | ${p.n} | ${fmt(p.cost)} | ${ms(p.medianMs)} ms |`).join('\n')}

${notes.map((n) => `- ${n}`).join('\n')}
`;
  const out = join(repoRoot(), 'docs', 'benchmarks.md');
  const doc = readFileSync(out, 'utf8');
  const start = doc.indexOf('## Hostile GraphQL queries');
  const kept = start < 0 ? doc.trimEnd() : doc.slice(0, start).trimEnd();
  writeFileSync(out, `${kept}\n\n${section}`);
  log(`\nwrote ${out}`);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
