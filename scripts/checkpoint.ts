/**
 * `npm run checkpoint`: brings DATA_DIR/merkle.db up to date with the event log (DATA_DIR or
 * EVENTSTORE_URL) and signs a checkpoint of it now. Prints the signed note on stdout — keep it:
 * it is what a later consistency proof is checked against — and, on stderr, its size, root and
 * the verifier keys that check it (docs/ledger-format.md §11).
 *
 * Safe beside a running server: both derive the same leaves from the same log into the same
 * merkle.db, and a size is signed once. The checkpoint is kept where the servers keep theirs, in
 * the shared read-model store (MONGODB_URL, or DATA_DIR/read-models.db), and checked against
 * the newest one there before it is signed. Exit status: 0 signed; 2 could not run (no data in DATA_DIR, …).
 *
 * Opens only the log, the read models, the ledger keys and merkle.db; never creates a key (a checkpoint signed by
 * a key the ledger does not publish would verify nowhere).
 */
import { MerkleLog } from '../src/ledger/merkle-log';
import { loadKeyring, openEventStore, openReadModels } from '../src/server/app';
import { loadConfig, paths } from '../src/server/config';
import { requireData } from '../src/server/data-dir';

async function main(): Promise<void> {
  const config = loadConfig();
  const files = paths(config);
  requireData(config, ['log', 'keys']);
  const keyring = loadKeyring(config);
  const store = await openEventStore(config);
  const shared = await openReadModels(config);
  const merkle = new MerkleLog(store, keyring, {
    file: files.merkle,
    shared,
    ...(config.logOrigin ? { origin: config.logOrigin } : {}),
  });
  try {
    const added = await merkle.catchUp();
    const checkpoint = await merkle.signCheckpoint();
    process.stdout.write(checkpoint.note);
    console.error(
      `checkpoint of ${checkpoint.size} events (${added} added to ${files.merkle}), root ${Buffer.from(checkpoint.rootHash).toString('base64')}, ` +
        `signed ${checkpoint.signedAt} by ${checkpoint.kid}\nverifier keys:\n${merkle
          .verifierKeys()
          .map((k) => `  ${k}`)
          .join('\n')}`,
    );
  } finally {
    await merkle.stop();
    await store.close();
    await shared.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`checkpoint: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
