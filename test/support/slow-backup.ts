/**
 * Child process for the kill -9 test: `npm run backup`'s backup() of DATA_DIR into argv[2],
 * one page per step of the online backup and 20 ms per step, so that it can be killed part-way.
 */
import { backup } from '../../src/server/backup';
import { loadConfig } from '../../src/server/config';

const pause = new Int32Array(new SharedArrayBuffer(4));
backup(loadConfig(), { out: process.argv[2]!, stepPages: 1, onProgress: () => void Atomics.wait(pause, 0, 0, 20) }).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`slow-backup: ${String(error)}\n`);
    process.exit(1);
  },
);
