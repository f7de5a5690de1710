/**
 * `npm run verify [-- --workers N]`: verifies the whole event log of DATA_DIR (or EVENTSTORE_URL)
 * — every signature on its exact bytes, every envelope, every stream's hash chain — and the
 * Merkle log: every signed checkpoint in DATA_DIR/merkle.db must verify with a ledger key and
 * match the tree recomputed from the event bodies in commit order.
 *
 * Exit status: 0 the ledger verifies; 1 it does not, and a line
 *   FAIL position=<p> stream=<s> revision=<r> fault=<CODE>: <detail>
 * names the first bad event in commit order (for CHECKPOINT_* faults: the checkpoint's last event,
 * and the detail names the checkpoint size); 2 verification could not run (no log, no keys…).
 *
 * Only the log and the ledger's public keys are opened: no projector, no read model (but, with
 * several instances, the published ledger keys in the read-model store's ledger_keys), and no
 * key is ever created (a fresh key could not have signed anything in the log).
 */
import { Presets, SingleBar } from 'cli-progress';
import { parseArgs } from 'node:util';
import { readStoredCheckpoints } from '../src/ledger/merkle-log';
import { verifyLedger } from '../src/ledger/verify-ledger';
import { loadKeyring, openEventStore, openReadModels } from '../src/server/app';
import { ledgerKeyDirectory } from '../src/ledger/ledger-key-directory';
import { loadConfig, paths } from '../src/server/config';
import { requireData } from '../src/server/data-dir';

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { workers: { type: 'string' } }, strict: true });
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0)) throw new Error('--workers must be a non-negative integer');

  const config = loadConfig();
  const files = paths(config);
  requireData(config, ['log', 'keys']);
  const keyring = loadKeyring(config);
  if (config.instances === 'shared') {
    // Several instances: keys rotated on any of them are in the shared list, not in this key file.
    const readModels = await openReadModels(config);
    keyring.adopt(await ledgerKeyDirectory(readModels).list());
    await readModels.close();
  }
  // Read before the walk: checkpoints signed meanwhile cover events the walk may not reach.
  const stored = readStoredCheckpoints(files.merkle);
  const store = await openEventStore(config);

  const bar = new SingleBar(
    {
      format: 'verifying [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}',
      hideCursor: true,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  let barStarted = false;
  try {
    const report = await verifyLedger(store, keyring, {
      ...(workers !== undefined ? { workers } : {}),
      ...(stored ? { checkpoints: { origin: stored.origin, checkpoints: stored.checkpoints } } : {}),
      onProgress: (done, total) => {
        if (!barStarted) {
          // A remote store cannot count cheaply: the bar's total then grows with the work.
          bar.start(total ?? done, 0, { rate: '0' });
          barStarted = true;
        }
        if (total === undefined) bar.setTotal(done);
        bar.update(done, { rate: fmt(done / Math.max(0.001, (Date.now() - started) / 1000)) });
      },
    });
    if (barStarted) bar.stop();
    barStarted = false;
    const seconds = report.elapsedMs / 1000;
    const rate = report.events / Math.max(seconds, 0.001);
    const where = config.eventStoreUrl ? store.name : `${store.name} ${files.events}`;
    const keys = keyring.published.map((k) => k.kid + (k.retiredAt ? ' (retired)' : '')).join(', ');
    if (report.ok) {
      console.log(
        `OK ${fmt(report.events)} events in ${fmt(report.streams)} streams verified in ${seconds.toFixed(2)} s (${fmt(rate)} events/s, ${report.workers} signature workers)`,
      );
      console.log(`   log: ${where}; ledger keys: ${keys}`);
      console.log(
        stored
          ? `   merkle log: root ${report.merkleRoot} over ${fmt(report.events)} events; ${fmt(report.checkpoints)} signed checkpoint(s) match (${files.merkle})`
          : `   merkle log: root ${report.merkleRoot} over ${fmt(report.events)} events; no ${files.merkle}, so no signed checkpoints to check`,
      );
      return 0;
    }
    const f = report.firstFailure!;
    console.log(`FAIL position=${f.position} stream=${f.stream} revision=${f.revision} fault=${f.fault}: ${f.detail}`);
    console.log(`   ${fmt(report.events)} events before it verified; log: ${where}; ledger keys: ${keys}`);
    return 1;
  } finally {
    if (barStarted) bar.stop();
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`verify: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
