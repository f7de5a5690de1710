/**
 * `npm run rebuild`: drops every read model and its checkpoint, then replays the whole log
 * through the projections (DESIGN.md: read models are disposable).
 *
 * Stop the API on this DATA_DIR first: its projector would keep applying events while the
 * read models are dropped, and readers would see empty lists until the rebuild ends.
 * Exit status: 0 rebuilt; 1 the rebuild failed; 2 no data where the configuration points.
 */
import { Presets, SingleBar } from 'cli-progress';
import { createApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { NoDataError, requireData } from '../src/server/data-dir';
import { SqliteEventStore } from '../src/store/sqlite-event-store';

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const config = loadConfig();
  requireData(config, ['log', 'keys']);
  const app = await createApp(config, { startProjector: false });
  try {
    const total = app.store instanceof SqliteEventStore ? app.store.countSync() : undefined;
    console.error(
      `rebuilding ${app.projector.collections.join(', ')} on ${app.readModels.name} from the ${app.store.name} log${total !== undefined ? ` (${fmt(total)} events)` : ''}`,
    );
    await app.projector.reset();

    const bar = new SingleBar(
      {
        format: 'rebuild [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}',
        hideCursor: true,
        stream: process.stderr,
      },
      Presets.shades_classic,
    );
    bar.start(total ?? 0, 0, { rate: '0' });
    const started = performance.now();
    const applied = await app.projector.catchUp((done) => {
      if (total === undefined || done > total) bar.setTotal(done); // a remote log, or one still growing
      bar.update(done, { rate: fmt(done / Math.max(0.001, (performance.now() - started) / 1000)) });
    });
    bar.stop();
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `rebuilt read models from ${fmt(applied)} events in ${seconds.toFixed(2)} s (${fmt(applied / Math.max(seconds, 0.001))} events/s); checkpoint ${app.projector.checkpoint ?? 'none'}`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(`rebuild: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof NoDataError ? 2 : 1);
});
