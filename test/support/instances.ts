/**
 * Real server processes (src/server/main.ts) started on one shared DATA_DIR, as several
 * instances of the service on one machine would be: each on a port of its own, each logging
 * JSON lines on stdout. For the multi-instance tests.
 */
import type { ChildProcess } from 'node:child_process';
import { spawnTs } from './run-ts';
import { withTimeout } from './timeout';

export interface Instance {
  readonly name: string;
  readonly child: ChildProcess;
  /** http://127.0.0.1:<port>/graphql */
  readonly url: string;
  readonly wsUrl: string;
  readonly base: string;
  /** Every JSON log line so far. */
  readonly lines: Array<Record<string, unknown>>;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, no goodbye. */
  kill(): Promise<number | null>;
}

/** The settings that would point an instance elsewhere than DATA_DIR, blanked. */
export const ONLY_DATA_DIR = {
  JWT_SECRET: '',
  LEDGER_SIGNING_KEY: '',
  EVENTSTORE_URL: '',
  MONGODB_URL: '',
  OIDC_ISSUER: '',
  METRICS_PORT: '',
};

export async function startInstance(name: string, env: Record<string, string>, args: string[] = []): Promise<Instance> {
  const child = spawnTs('src/server/main.ts', args, { ...ONLY_DATA_DIR, PORT: '0', LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env });
  const lines: Array<Record<string, unknown>> = [];
  let pending = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    pending += d.toString();
    const parts = pending.split('\n');
    pending = parts.pop()!;
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as Record<string, unknown>);
      } catch {
        lines.push({ msg: part });
      }
    }
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  const ready = await withTimeout(
    (async () => {
      for (;;) {
        const line = lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('GraphQL ready'));
        if (line && typeof line.url === 'string') return { url: line.url, wsUrl: String(line.wsUrl) };
        const code = await Promise.race([exited, new Promise<'running'>((r) => setTimeout(() => r('running'), 50))]);
        if (code !== 'running') throw new Error(`instance ${name} exited (${code}): ${stderr.slice(-2000)}`);
      }
    })(),
    120_000,
    `instance ${name} did not start`,
  );
  return {
    name,
    child,
    url: ready.url,
    wsUrl: ready.wsUrl,
    base: ready.url.replace(/\/graphql$/, ''),
    lines,
    stderr: () => stderr,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return withTimeout(exited, 60_000, `instance ${name} did not stop`);
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return withTimeout(exited, 10_000, `instance ${name} did not die`);
    },
  };
}

/** POSTs a GraphQL operation with a bearer token; answers the parsed body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function gql(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}
