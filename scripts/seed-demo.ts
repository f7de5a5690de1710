/**
 * `npm run seed`: loads the demo company and its interview history into DATA_DIR (or the
 * configured EventStoreDB/MongoDB) through the real services and ledger. Does nothing when
 * the demo is already there, so it is safe to run twice. All or nothing: a load that was
 * stopped part-way is refused (exit status 1, one line saying what to remove), never added to.
 */
import { Presets, SingleBar } from 'cli-progress';
import { DEMO_PEOPLE, IncompleteDemoError, seedDemo } from '../src/demo/demo-data';
import { PEOPLE, type PersonDoc } from '../src/projections/person.projection';
import { createApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { dataLocation, incompleteDemoLine } from '../src/server/data-dir';
import { SqliteEventStore } from '../src/store/sqlite-event-store';

async function main(): Promise<void> {
  const config = loadConfig();
  // The projector runs: every service call waits for its read model, and scheduling an
  // interview looks the employee up in the directory.
  const app = await createApp(config);
  const bar = new SingleBar(
    {
      format: 'demo data [{bar}] {percentage}% | {value}/{total} commands | ETA {eta_formatted}',
      hideCursor: true,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  let barStarted = false;
  try {
    const before = app.store instanceof SqliteEventStore ? app.store.countSync() : undefined;
    const started = performance.now();
    const seeded = await seedDemo(app, {
      onProgress: (done, total) => {
        if (!barStarted) {
          bar.start(total, 0);
          barStarted = true;
        }
        bar.update(done);
      },
    }).catch((error: unknown) => {
      throw error instanceof IncompleteDemoError ? new Error(incompleteDemoLine(config, error.message)) : error;
    });
    if (barStarted) bar.stop();
    barStarted = false;
    if (!seeded) {
      console.log(`demo data already present in ${dataLocation(config)}: nothing written`);
      return;
    }
    const seconds = (performance.now() - started) / 1000;
    const events = before !== undefined && app.store instanceof SqliteEventStore ? app.store.countSync() - before : undefined;
    console.log(`demo data loaded in ${seconds.toFixed(1)} s${events !== undefined ? `: ${events} ledger events` : ''}`);
    console.log('people to sign in as (npm run token -- --sub <id> --roles <roles>):');
    for (const [what, id] of Object.entries(DEMO_PEOPLE)) {
      const p = await app.readModels.get<PersonDoc>(PEOPLE, id);
      if (p) console.log(`  ${what.padEnd(8)} ${id.padEnd(6)} ${p.name}  ${p.department} ${p.position}  roles ${p.roles.join(',')}`);
    }
  } finally {
    if (barStarted) bar.stop();
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
