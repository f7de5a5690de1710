/**
 * `npm run restore -- --from DIR [--private-key FILE] [--expect-manifest SHA256] [--workers N]`:
 * restores a backup of `npm run backup` into an empty DATA_DIR. Checks the manifest and every
 * file's SHA-256, runs the whole-ledger verification and the Merkle check against the backup's
 * checkpoint, then rebuilds the read models from the log (src/server/restore.ts).
 *
 * Exit status: 0 restored; 1 the backup is refused (incomplete, tampered with, truncated, mixed
 * from two ledgers), in one line `restore: CODE: …`, and nothing is left in DATA_DIR; 2 could
 * not run (DATA_DIR not empty, no such backup, EVENTSTORE_URL/MONGODB_URL configured).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config';
import { restore } from '../src/server/restore';
import { operatorFailure, progressBars } from './operator-cli';

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      'private-key': { type: 'string' },
      'expect-manifest': { type: 'string' },
      workers: { type: 'string' },
    },
    strict: true,
  });
  if (!values.from) throw new Error('--from DIR is required: the backup directory to restore');
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0)) throw new Error('--workers must be a non-negative integer');
  const config = loadConfig();
  const bars = progressBars();
  const started = performance.now();
  try {
    const result = await restore(config, {
      from: values.from,
      ...(values['private-key'] ? { privateKey: values['private-key'] } : {}),
      ...(values['expect-manifest'] ? { expectManifest: values['expect-manifest'] } : {}),
      ...(workers !== undefined ? { workers } : {}),
      onProgress: bars.update,
    });
    bars.stop();
    const seconds = (performance.now() - started) / 1000;
    const t = result.timings;
    console.log(
      `OK restored ${fmt(result.events)} events in ${fmt(result.streams)} streams and ${fmt(result.attachments)} attachments into ${config.dataDir} in ${seconds.toFixed(2)} s`,
    );
    console.log(
      `   verified: every signature, envelope and hash chain; merkle root ${result.merkleRoot}; ${fmt(result.checkpoints)} signed checkpoint(s) match, the backup's of ${fmt(result.manifest.checkpoint?.size ?? 0)} events among them`,
    );
    console.log(`   read models rebuilt from ${fmt(result.readModelEvents)} events`);
    console.log(
      `   phases: copy and SHA-256 ${(t.copy / 1000).toFixed(2)} s, merkle leaves ${(t.merkle / 1000).toFixed(2)} s, verification ${(t.verify / 1000).toFixed(2)} s, rebuild ${(t.rebuild / 1000).toFixed(2)} s`,
    );
    if (!result.privateKeyRestored)
      console.log(
        '   private ledger key: not restored (public keys only): give it with --private-key FILE on the restore, or set LEDGER_SIGNING_KEY, or run npm run rotate-key before starting the server',
      );
    return 0;
  } finally {
    bars.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const { line, exitCode } = operatorFailure('restore', error);
    console.error(line);
    process.exit(exitCode);
  },
);
