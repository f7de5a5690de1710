/**
 * The README's operations commands run as written: every `sh` block marked `<!-- ops-commands -->`
 * in "Operations" runs line by line in bash against a real server with METRICS_PORT and
 * METRICS_TOKEN set (the README's 127.0.0.1:4000 and 127.0.0.1:9464 stand for its two ports),
 * each exits 0 with some output, and a line that shows its output (`# → …`) prints exactly that.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestApp } from '../support/test-app';
import { startServer, type RunningServer } from '../../src/server/http-server';
import type { App } from '../../src/server/app';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const METRICS_TOKEN = 'readme-metrics-token-0123456789';

function operationsSection(): string {
  const start = README.indexOf('\n## Operations\n');
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end);
}

function commandLines(): Array<{ command: string; expected?: string }> {
  const blocks = [...operationsSection().matchAll(/<!-- ops-commands -->\n```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks
    .flatMap((block) => block.split('\n'))
    .filter((line) => line.trim() && !line.trim().startsWith('#'))
    .map((line) => {
      const shown = /^(.*?)\s+# → (.*)$/.exec(line);
      return shown ? { command: shown[1]!, expected: shown[2]! } : { command: line };
    });
}

const bash = (command: string, env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('bash', ['-c', command], { env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

describe('README operations', () => {
  let app: App;
  let server: RunningServer;

  beforeAll(async () => {
    ({ app } = await openTestApp({ METRICS_PORT: '0', METRICS_TOKEN }));
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    const head = (await app.store.headPosition())!;
    await app.projector.waitFor(head);
    await app.merkle.waitFor(head);
  });
  afterAll(async () => {
    await server.stop();
    await app.close();
  });

  it('has the sections Backup and restore, Witness set-up, Metrics, Logs, Health and readiness, Shutdown', () => {
    const headings = [...operationsSection().matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['Backup and restore', 'Witness set-up', 'Metrics', 'Logs', 'Health and readiness', 'Shutdown']);
  });

  it('runs its commands as written', async () => {
    const lines = commandLines();
    expect(lines.length).toBeGreaterThanOrEqual(6);
    const publicPort = new URL(server.url).host;
    const metricsPort = new URL(server.metricsUrl!).host;
    for (const { command, expected } of lines) {
      const run = command.replaceAll('127.0.0.1:4000', publicPort).replaceAll('127.0.0.1:9464', metricsPort);
      const result = await bash(run, { METRICS_TOKEN });
      expect([command, result.code, result.stderr]).toEqual([command, 0, '']);
      expect([command, result.stdout.trim().length > 0]).toEqual([command, true]);
      if (expected !== undefined) expect([command, result.stdout.trim()]).toEqual([command, expected]);
    }
  });
});
