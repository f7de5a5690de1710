import 'reflect-metadata';
import { SingleBar, Presets } from 'cli-progress';
import { IncompleteDemoError, seedDemo } from '../demo/demo-data';
import { createApp } from './app';
import { loadConfig } from './config';
import { incompleteDemoLine, writeDemoTokens } from './data-dir';
import { DEMO_PERSON_IDS, mintDemoToken } from './demo-tokens';
import { startServer } from './http-server';

/** `node dist/src/server/main.js [--demo]`: the service on the configured stores. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { demo: process.argv.includes('--demo') });
  const app = await createApp(config);
  console.log(`event store: ${app.store.name}${config.eventStoreUrl ? '' : ` (${config.dataDir})`}; read models: ${app.readModels.name}`);

  if (process.argv.includes('--demo')) {
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
    console.log(seeded ? 'demo data loaded' : 'demo data already present');
  }

  const server = await startServer(app);
  // Reminders go out on the schedule HR configures; REMINDER_INTERVAL_MS=0 leaves them to runReminders.
  app.reminders.start(config.reminderIntervalMs);
  console.log(`GraphQL ready at ${server.url}  (subscriptions: ${server.wsUrl})`);
  console.log(`web console at ${server.consoleUrl}${server.console.built ? '' : `  (${server.console.hint})`}`);
  console.log(`bearer tokens: ${app.tokens.description}`);

  if (process.argv.includes('--demo') && !app.localTokens) {
    console.log('\nNo demo tokens: sign in with the company sign-in service (OIDC_ISSUER) and send its token.');
  } else if (process.argv.includes('--demo') && app.localTokens) {
    const lines = ['Tokens for the demo users (valid 8 h; send as "Authorization: Bearer <token>"):'];
    for (const id of DEMO_PERSON_IDS) {
      const minted = await mintDemoToken(app, id);
      if (!minted) continue;
      const { person, token } = minted;
      lines.push(`  ${person.name} (${id}, ${person.roles.join('+')}):\n    ${token}`);
    }
    // Bearer tokens do not belong in a log: on a terminal they are shown, otherwise filed away.
    if (process.stdout.isTTY) console.log(`\n${lines.join('\n')}`);
    else console.log(`\ndemo tokens written to ${writeDemoTokens(config, `${lines.join('\n')}\n`)} (mode 0600; stdout is not a terminal)`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await server.stop();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
