import 'reflect-metadata';
import { SingleBar, Presets } from 'cli-progress';
import type { Logger } from 'pino';
import { IncompleteDemoError, seedDemo } from '../demo/demo-data';
import { createApp } from './app';
import { demoRefusal, loadConfig } from './config';
import { incompleteDemoLine, writeDemoTokens } from './data-dir';
import { DEMO_PERSON_IDS, mintDemoToken } from './demo-tokens';
import { startServer } from './http-server';

let log: Logger | undefined;

/** `node dist/src/server/main.js [--demo]`: the service on the configured stores. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { demo: process.argv.includes('--demo') });
  const refusal = process.argv.includes('--demo') ? demoRefusal(config) : null;
  if (refusal) throw new Error(refusal);
  const app = await createApp(config);
  log = app.log;
  log.info(
    { eventStore: app.store.name, ...(config.eventStoreUrl ? {} : { dataDir: config.dataDir }), readModels: app.readModels.name },
    'stores open',
  );

  if (process.argv.includes('--demo')) {
    // The progress bar is for the terminal (stderr), not the log.
    const bar = new SingleBar(
      { format: 'demo data  [{bar}] {percentage}% | {value}/{total} commands', hideCursor: true },
      Presets.shades_classic,
    );
    let started = false;
    let seeded: boolean;
    try {
      seeded = await seedDemo(app, {
        onProgress: (done, total) => {
          if (!started) {
            bar.start(total, 0);
            started = true;
          }
          bar.update(done);
        },
      });
    } catch (error) {
      if (started) bar.stop();
      await app.close();
      if (error instanceof IncompleteDemoError) throw new Error(incompleteDemoLine(config, error.message));
      throw error;
    }
    if (started) bar.stop();
    log.info({}, seeded ? 'demo data loaded' : 'demo data already present');
  }

  const server = await startServer(app);
  // Reminders go out on the schedule HR configures; REMINDER_INTERVAL_MS=0 leaves them to runReminders.
  app.reminders.start(config.reminderIntervalMs);
  log.info({ url: server.url, wsUrl: server.wsUrl }, `GraphQL ready at ${server.url}`);
  log.info(
    { url: server.consoleUrl, built: server.console.built },
    `web console at ${server.consoleUrl}${server.console.built ? '' : `  (${server.console.hint})`}`,
  );
  if (server.metricsUrl) log.info({ url: server.metricsUrl }, `metrics at ${server.metricsUrl}`);
  log.info({}, `bearer tokens: ${app.tokens.description}`);

  if (process.argv.includes('--demo') && !app.localTokens) {
    log.info({}, 'no demo tokens: sign in with the company sign-in service (OIDC_ISSUER) and send its token');
  } else if (process.argv.includes('--demo') && app.localTokens) {
    const lines = ['Tokens for the demo users (valid 8 h; send as "Authorization: Bearer <token>"):'];
    for (const id of DEMO_PERSON_IDS) {
      const minted = await mintDemoToken(app, id);
      if (!minted) continue;
      const { person, token } = minted;
      lines.push(`  ${person.name} (${id}, ${person.roles.join('+')}):\n    ${token}`);
    }
    // Bearer tokens do not belong in a log: on a terminal they are shown (not logged), otherwise filed away.
    if (process.stdout.isTTY) process.stdout.write(`\n${lines.join('\n')}\n\n`);
    else {
      const file = writeDemoTokens(config, `${lines.join('\n')}\n`);
      log.info({ file }, `demo tokens written to ${file} (mode 0600; stdout is not a terminal)`);
    }
  }

  // SIGTERM (a service manager, an orchestrator) or Ctrl-C: stop taking requests, finish those
  // in flight and the commits they wait for, close the WebSockets (1001), let the projector and
  // the Merkle log take in the last events and store their checkpoints, then exit 0. Past
  // SHUTDOWN_TIMEOUT_MS, or at a second signal, exit 1 at once: the next start catches up.
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      log!.warn({ signal }, 'second signal: exiting without finishing the shutdown');
      process.exit(1);
    }
    stopping = true;
    const started = Date.now();
    log!.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'stopping: no new requests; finishing those in flight');
    const deadline = setTimeout(() => {
      log!.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown did not finish in time (SHUTDOWN_TIMEOUT_MS): exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    try {
      await server.stop();
      await app.close();
    } catch (error) {
      log!.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
    clearTimeout(deadline);
    log!.info({ ms: Date.now() - started }, 'stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  log?.fatal({ err: error }, 'start-up failed');
  // The reason on stderr too, as one line: start-up may fail before there is a log (configuration).
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
