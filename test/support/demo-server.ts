/**
 * The real server as `npm start` runs it (--demo: demo data, local tokens, the console's demo
 * sign-in), on a fresh temporary DATA_DIR and a free port. For tests that talk to it as a
 * browser or client would (web/e2e).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../../src/demo/demo-data';
import type { Clock } from '../../src/server/clock';
import { createApp, type ServerApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { startServer, type RunningServer } from '../../src/server/http-server';

export interface DemoServer {
  readonly app: ServerApp;
  readonly server: RunningServer;
  /** http://127.0.0.1:<port> (no trailing slash). */
  readonly base: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export async function startDemoServer(options: { env?: Record<string, string>; clock?: Clock } = {}): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'demo-server-'));
  const config = loadConfig(
    { DATA_DIR: dataDir, PORT: '0', REMINDER_INTERVAL_MS: '0', CHECKPOINT_INTERVAL_MS: '0', LOG_LEVEL: 'warn', ...options.env },
    { demo: true },
  );
  const app = await createApp(config, options.clock ? { clock: options.clock } : {});
  await seedDemo(app);
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  return {
    app,
    server,
    base: server.url.replace(/\/graphql$/, ''),
    dataDir,
    async stop() {
      await server.stop();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
