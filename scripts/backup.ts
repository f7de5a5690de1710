/**
 * `npm run backup -- --out DIR [--include-private-key]`: an online backup of DATA_DIR's event
 * log, Merkle log, the public part of the ledger key file and the attachments, taken while the
 * server keeps serving writes (src/server/backup.ts says how the two logs are made consistent).
 * Writes DIR/manifest.json last; prints the backup's position, its checkpoint and the
 * manifest's SHA-256 (keep that line apart from the backup: restore --expect-manifest checks it).
 *
 * Exit status: 0 backed up; 1 the data could not be backed up soundly (a damaged attachment, a
 * merkle.db of another log…); 2 could not run (no data in DATA_DIR, EVENTSTORE_URL/MONGODB_URL
 * configured, --out not new). Errors are one line: `backup: CODE: …`.
 */
import { parseArgs } from 'node:util';
import { backup } from '../src/server/backup';
import { loadConfig } from '../src/server/config';
import { operatorFailure, progressBars } from './operator-cli';

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, 'include-private-key': { type: 'boolean' } },
    strict: true,
  });
  if (!values.out) throw new Error('--out DIR is required: the new directory the backup goes into');
  const config = loadConfig();
  const bars = progressBars();
  const started = performance.now();
  try {
    const result = await backup(config, {
      out: values.out,
      includePrivateKey: values['include-private-key'] ?? false,
      onProgress: bars.update,
    });
    bars.stop();
    const seconds = (performance.now() - started) / 1000;
    const m = result.manifest;
    console.log(
      `OK backup of ${fmt(m.events.count)} events (last position ${m.events.lastPosition ?? 'none'}) and ${fmt(m.attachments.count)} attachments in ${seconds.toFixed(2)} s to ${result.dir}`,
    );
    console.log(
      m.checkpoint
        ? `   checkpoint: ${fmt(m.checkpoint.size)} events, root ${m.checkpoint.rootHash}, signed by ${m.checkpoint.kid}; origin ${m.merkle.origin}`
        : '   checkpoint: none (the log is empty)',
    );
    console.log(
      `   merkle.db cut to the event log: ${fmt(result.merkleCut.leavesCut)} leaves and ${fmt(result.merkleCut.checkpointsCut)} checkpoints after it removed, ${fmt(result.merkleCut.added)} leaves derived`,
    );
    console.log(
      m.privateKey
        ? `   private ledger key: ${result.dir}/${m.privateKey.path} (mode 0600): move it off this backup's storage`
        : '   private ledger key: not included (--include-private-key)',
    );
    console.log(`   manifest sha256 ${result.manifestSha256}`);
    for (const warning of result.warnings) console.error(`backup: ${warning}`);
    return 0;
  } finally {
    bars.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const { line, exitCode } = operatorFailure('backup', error);
    console.error(line);
    process.exit(exitCode);
  },
);
