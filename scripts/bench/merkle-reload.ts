/**
 * Child process of startup.bench.ts: opens the Merkle log of DATA_DIR (MerkleLog.open: leaf
 * hashes read from merkle.db, interior hashes recomputed) in a fresh Node process and prints
 * {"seconds": …, "rssBytes": …} — the part of start-up that grows with the log, alone.
 */
import { MerkleLog } from '../../src/ledger/merkle-log';
import { loadKeyring } from '../../src/server/app';
import { loadConfig, paths } from '../../src/server/config';
import { SqliteEventStore } from '../../src/store/sqlite-event-store';

async function main(): Promise<void> {
  const config = loadConfig();
  const store = new SqliteEventStore(paths(config).events);
  const merkle = new MerkleLog(store, loadKeyring(config), { file: paths(config).merkle });
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  merkle.open();
  const seconds = (performance.now() - started) / 1000;
  const rssBytes = process.memoryUsage().rss - rssBefore;
  const size = merkle.size;
  await merkle.stop();
  await store.close();
  process.stdout.write(`${JSON.stringify({ seconds, rssBytes, size })}\n`);
}

main().catch((error: unknown) => {
  console.error(`merkle-reload: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
