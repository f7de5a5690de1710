/**
 * The API under load (`npm run bench:api`), against a ceiling measured in the same run:
 *
 *   1. starts the real server (`node dist/src/server/main.js --demo`, a child process on
 *      127.0.0.1, a fresh DATA_DIR with the demo company; LOG_LEVEL=warn so that no access line
 *      is written per request), registers 50 more employees of the demo's team lead (M102) and
 *      schedules an interview for each, for the edits;
 *   2. captures our answers to the benchmark's queries and starts the ceiling (bare-apollo.ts,
 *      another child process): Apollo Server on node:http with the same adapter and the same
 *      schema, answering those fixed objects with no authentication, store or access check;
 *   3. runs autocannon (in this process: the servers have a core of their own) for
 *      BENCH_SECONDS with 50 connections per row: (a) `interview(id)` by the team lead over his
 *      reports' records, (b) a list (`interviews(first: 20, filter: …)`), (c) edits
 *      (`updateInterviewBasicInfo` with the right expected version, each connection on its own
 *      record) and person registrations (`registerPerson` by HR, a new person each) — and the
 *      same documents against the ceiling. Every response is checked: HTTP 200 and no
 *      GraphQL `errors`.
 *
 * Targets (the performance issue): reads ≥ 0.5× the ceiling with p99 ≤ 10 ms, list reads ≥ 0.3×,
 * mutations ≥ 0.2× with p99 ≤ 30 ms, no request failing. Writes the "API under load" section of
 * docs/benchmarks.md.
 */
import autocannon, { type Request } from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../../src/domain/command';
import { LocalTokens, mintToken } from '../../src/http/token';
import { fmt, log, ms, noiseCell, noiseMark, noiseSince, repoRoot, replaceSection, table, waitForQuiet, type Row } from './bench-util';
import { machine, times, writeResults } from './results';

const SECRET = 'api-bench-secret-not-for-production';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const EDIT_RECORDS = CONNECTIONS;
const SECTION = '## API under load';
/** BENCH_ROWS=a,b,edits,registrations runs only those rows (and then writes nothing to the doc); BENCH_CPU_PROF=dir profiles the server. */
const ROWS = process.env.BENCH_ROWS ? new Set(process.env.BENCH_ROWS.split(',').map((r) => r.trim())) : null;
const runs = (row: string) => ROWS === null || ROWS.has(row);
const CPU_PROF = process.env.BENCH_CPU_PROF;

const READ = `query Read($id: ID!) { interview(id: $id) { id version status cycle employeeId managerId department position scheduledAt location employee { id name } workflow { step label dueAt overdue pendingActorIds } } }`;
const LIST = `query List { interviews(first: 20, filter: { managerId: "M102" }) { totalCount pageInfo { hasNextPage endCursor } edges { node { id version status cycle employee { id name } workflow { step label dueAt overdue } } } } }`;
const EDIT = `mutation Edit($id: ID!, $v: Int!, $where: String!) { updateInterviewBasicInfo(input: { interviewId: $id, expectedVersion: $v, changes: { location: $where } }) { id version } }`;
const REGISTER = `mutation Register($id: ID!) { registerPerson(input: { personId: $id, name: "压测员工", department: "生产部", position: "操作工", managerId: "M102", category: "production", level: "staff", roles: ["employee"] }) { id name } }`;

function startChild(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start in 180 s:\n${output}`)), 180_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The server on `port`, ready when /health answers (its demo data loaded). */
async function startServer(args: string[], port: number, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exited: number | null | undefined;
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.once('exit', (code) => (exited = code));
  for (const deadline = Date.now() + 180_000; Date.now() < deadline;) {
    if (exited !== undefined) throw new Error(`server exited with ${exited}:\n${output}`);
    try {
      const ready = await fetch(`http://127.0.0.1:${port}/ready`);
      if (ready.status === 200) return { child, url: `http://127.0.0.1:${port}/graphql` };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not get ready in 180 s:\n${output}`);
}

async function gql(url: string, token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors[0])}`);
  return body.data;
}

interface Measured {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly total: number;
  readonly failed: number;
  readonly firstFailure?: string;
}

/** One autocannon run; `next(context)` gives each request's body, `seen(body, context)` checks and reads each answer. */
async function load(
  url: string,
  token: string | null,
  next: (context: Record<string, any>) => string,
  seen?: (body: any, context: Record<string, any>) => void,
  /** After every answer, success or not (e.g. giving a record back to its pool). */
  done?: (context: Record<string, any>) => void,
): Promise<Measured> {
  let failed = 0;
  let firstFailure: string | undefined;
  const request: Request = {
    method: 'POST',
    path: new URL(url).pathname,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    setupRequest: (req, context) => ({ ...req, body: next(context as Record<string, any>) }),
    onResponse: (status, body, context) => {
      try {
        check(status, body, context as Record<string, any>);
      } finally {
        done?.(context as Record<string, any>);
      }
    },
  };
  const check = (status: number, body: string, context: Record<string, any>) => {
    let parsed: any;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    if (status !== 200 || !parsed || parsed.errors || !parsed.data) {
      failed++;
      firstFailure ??= `${status} ${body.slice(0, 200)}`;
      return;
    }
    seen?.(parsed, context);
  };
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests: [request] });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    failed: failed + result.errors + result.timeouts + result.non2xx,
    ...(firstFailure ? { firstFailure } : {}),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'api-bench-'));
  const started = new Date();
  log(`API load benchmark: ${CONNECTIONS} connections, ${SECONDS} s per row; server and ceiling in child processes on 127.0.0.1`);
  const children: ChildProcess[] = [];
  try {
    // LOG_LEVEL=warn keeps the "ready" line off stdout too: a free port chosen here, then /health polled.
    const port = await freePort();
    const profile = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [];
    const server = await startServer([...profile, join(repoRoot(), 'dist', 'src', 'server', 'main.js'), '--demo'], port, {
      DATA_DIR: join(dir, 'data'),
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: SECRET,
      CHECKPOINT_INTERVAL_MS: '0',
      REMINDER_INTERVAL_MS: '0',
      LOG_LEVEL: 'warn',
    });
    children.push(server.child);
    const local = await LocalTokens.hs256(SECRET);
    const token = (id: string, roles: Role[]) => mintToken(local, { id, roles }, 3600);
    const manager = token('M102', ['manager', 'employee']);
    const hr = token('HR001', ['hr', 'employee']);

    // The team lead's reports' records (reads), and records of his own for the edits.
    const team = await gql(server.url, manager, '{ interviews(first: 100, filter: { managerId: "M102" }) { edges { node { id } } } }');
    const readIds: string[] = team.interviews.edges.map((e: { node: { id: string } }) => e.node.id);
    log(`preparing ${EDIT_RECORDS} records to edit…`);
    const edits: Array<{ id: string; version: number }> = [];
    for (let i = 0; i < EDIT_RECORDS; i++) {
      const personId = `EB${String(i).padStart(3, '0')}`;
      await gql(server.url, hr, REGISTER, { id: personId });
      const made = await gql(
        server.url,
        manager,
        'mutation ($e: ID!) { scheduleInterview(input: { employeeId: $e, cycle: "2027-Q1", scheduledAt: "2027-01-15T09:30:00+08:00" }) { id version } }',
        { e: personId },
      );
      edits.push({ id: made.scheduleInterview.id, version: made.scheduleInterview.version });
    }

    // Our answers, for the ceiling to send back as they are.
    const answers = {
      interview: (await gql(server.url, manager, READ, { id: readIds[0] })).interview,
      interviews: (await gql(server.url, manager, LIST)).interviews,
      registerPerson: { id: 'X', name: '压测员工' },
      updateInterviewBasicInfo: { id: edits[0]!.id, version: edits[0]!.version },
    };
    const answersFile = join(dir, 'answers.json');
    writeFileSync(answersFile, JSON.stringify(answers));
    const ceiling = await startChild([join(__dirname, 'bare-apollo.js'), answersFile], {}, /ceiling ready at (http:\/\/\S+)/);
    children.push(ceiling.child);

    let n = 0;
    const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
    const rows: Array<{ what: string; ours: Measured; bare: Measured; ratio: number; target: number; p99Max: number | null }> = [];
    await waitForQuiet();
    const mark = noiseMark();

    const measure = async (
      row: string,
      what: string,
      target: number,
      p99Max: number | null,
      ours: () => Promise<Measured>,
      bare: () => Promise<Measured>,
    ) => {
      if (!runs(row)) return;
      log(`  ${what}: ceiling…`);
      const b = await bare();
      log(`  ${what}: ours…`);
      const o = await ours();
      rows.push({ what, ours: o, bare: b, ratio: o.rps / b.rps, target, p99Max });
      log(
        `    ${fmt(o.rps)}/s (p99 ${ms(o.p99)} ms) vs ceiling ${fmt(b.rps)}/s: ${(o.rps / b.rps).toFixed(2)}×${o.failed ? `, ${o.failed} failed: ${o.firstFailure}` : ''}`,
      );
    };

    await measure(
      'a',
      '(a) `interview(id)` by a manager over his reports’ records',
      0.5,
      10,
      () => load(server.url, manager, () => body(READ, { id: readIds[n++ % readIds.length] })),
      () => load(ceiling.url, null, () => body(READ, { id: readIds[n++ % readIds.length] })),
    );
    await measure(
      'b',
      '(b) list: `interviews(first: 20, filter: { managerId })`',
      0.3,
      null,
      () => load(server.url, manager, () => body(LIST, {})),
      () => load(ceiling.url, null, () => body(LIST, {})),
    );
    // autocannon resets a connection's context after each request: a record is taken from the pool
    // for one request and given back with the version it answered, so no two requests share one.
    const pool = [...edits];
    await measure(
      'edits',
      '(c) edits: `updateInterviewBasicInfo` with the expected version, one record per request in flight',
      0.2,
      30,
      () =>
        load(
          server.url,
          manager,
          (context) => {
            const r = pool.pop() ?? edits[0]!; // (empty only after a request lost without an answer)
            context.record = r;
            return body(EDIT, { id: r.id, v: r.version, where: `${r.version % 2 ? '二号' : '一号'}会议室` });
          },
          (answer, context) => {
            (context.record as { version: number }).version = answer.data.updateInterviewBasicInfo.version;
          },
          (context) => pool.push(context.record as { id: string; version: number }),
        ),
      () => load(ceiling.url, null, () => body(EDIT, { id: edits[0]!.id, v: 1, where: '一号会议室' })),
    );
    let people = 0;
    await measure(
      'registrations',
      '(c) registrations: `registerPerson` by HR, a new person each',
      0.2,
      30,
      () => load(server.url, hr, () => body(REGISTER, { id: `EL${String(people++).padStart(6, '0')}` })),
      () => load(ceiling.url, null, () => body(REGISTER, { id: `EL${String(people++).padStart(6, '0')}` })),
    );
    const noise = noiseSince(mark);

    const tableRows: Row[] = rows.flatMap((r) => [
      {
        what: `ceiling for ${r.what.split(':')[0]}: bare Apollo, fixed answer`,
        result: `${fmt(r.bare.rps)} requests/s (${fmt(r.bare.total)} in ${SECONDS} s${r.bare.failed ? `, ${r.bare.failed} failed` : ''})`,
        p50: `${ms(r.bare.p50)} ms`,
        p99: `${ms(r.bare.p99)} ms`,
        target: 'ceiling',
        met: 'n/a',
        noise: noiseCell(noise),
      },
      {
        what: r.what,
        result: `${fmt(r.ours.rps)} requests/s (${fmt(r.ours.total)}; ${r.ours.failed} failed) — ${r.ratio.toFixed(2)}× the ceiling`,
        p50: `${ms(r.ours.p50)} ms`,
        p99: `${ms(r.ours.p99)} ms`,
        target: `≥ ${r.target}× the ceiling${r.p99Max ? `, p99 ≤ ${r.p99Max} ms` : ''}, none failing`,
        met: r.ratio >= r.target && (r.p99Max === null || r.ours.p99 <= r.p99Max) && r.ours.failed === 0 ? 'met' : 'not met',
        noise: noiseCell(noise),
      },
    ]);
    writeResults({
      bench: 'api',
      date: started.toISOString(),
      machine: machine(),
      targets: rows.map((r) => ({
        row: r.what.replace(/`/g, ''),
        raw: `${fmt(r.ours.rps)} requests/s, p99 ${ms(r.ours.p99)} ms, ${r.ours.failed} failed`,
        ceiling: `bare Apollo ${fmt(r.bare.rps)} requests/s`,
        ratio: times(r.ratio),
        target: `≥ ${r.target}×${r.p99Max ? `, p99 ≤ ${r.p99Max} ms` : ''}`,
        met: r.ratio >= r.target && (r.p99Max === null || r.ours.p99 <= r.p99Max) && r.ours.failed === 0,
        noise: noiseCell(noise),
      })),
    });
    const section = `${SECTION}

Generated by \`npm run bench:api\` (scripts/bench/api.bench.ts, the ceiling scripts/bench/bare-apollo.ts) on ${started.toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}.

${table(tableRows)}

- **How.** autocannon, ${CONNECTIONS} connections, ${SECONDS} s per row, against the real server (\`--demo\`, a child process, \`LOG_LEVEL=warn\`) and then the ceiling: Apollo Server on node:http with the same request adapter and the product's schema, answering our server's own answers as fixed objects with no authentication, no store and no access check — what the HTTP layer and GraphQL execution cost alone. Every response is checked (HTTP 200 and no GraphQL \`errors\`), not only the status. The bearer token is HS256 (\`JWT_SECRET\`): the server verifies it once and then remembers it for \`TOKEN_CACHE_SECONDS\` (default 60 s), as it does for any client; the edits' and registrations' records are kept by the command handler (the state of recent streams), and the reads' documents by the read-model store (parsed documents by revision), as in production.
- **Edits** are \`updateInterviewBasicInfo\` with the version the connection last saw, each request in flight on a record of its own (a pool of ${EDIT_RECORDS}, one per connection) (a new signed event per request, durable before the answer); registrations are \`registerPerson\` of a new person each.
- The noise column counts the servers' CPU as other processes (they are children this process does not time), so it is high by construction.
`;
    process.stdout.write(`\n${section}\n`);
    if (ROWS !== null) return log('BENCH_ROWS set: docs/benchmarks.md left as it is');
    replaceSection(join(repoRoot(), 'docs', 'benchmarks.md'), SECTION, section, ['## Web console', '## Hostile GraphQL queries']);
    log('wrote the "API under load" section of docs/benchmarks.md');
  } finally {
    for (const child of children) child.kill('SIGTERM');
    // A profiled server writes its profile on exit: give it the time.
    if (CPU_PROF) await new Promise((r) => setTimeout(r, 3000));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
