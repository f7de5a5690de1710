/**
 * Backup and restore throughput (`npm run bench:backup [-- --events N] [-- --attachments N]`):
 *
 *   1. builds an N-event log (default 1,000,000) in a temporary DATA_DIR the way the start-up
 *      benchmark does (startup-log.ts: the exact canonical bodies the ledger writes, chained by
 *      `prev` per stream, generated in a worker thread), but with REAL Ed25519 signatures by
 *      the DATA_DIR's ledger key: restore runs the whole-ledger verification, which a
 *      placeholder signature would fail; then merkle.db (MerkleLog.catchUp and a signed
 *      checkpoint, as `npm run checkpoint` does) and some attachments;
 *   2. times `backup()` (what `npm run backup` runs) of that DATA_DIR into a new directory;
 *   3. times `restore()` (what `npm run restore` runs) of the backup into an empty DATA_DIR,
 *      by phase: copy with SHA-256 checks, the Merkle leaves against the events, the
 *      whole-ledger verification with the checkpoints, the read-model rebuild.
 *
 * With the default 1,000,000 events it rewrites the "Backup and restore" section of
 * docs/benchmarks.md (kept by the ledger bench, placed before "Analytics"); with another
 * --events it prints the table only.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { arch, cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { FsAttachmentStore } from '../../src/attachments/fs-attachment-store';
import { ed25519Sign } from '../../src/crypto/ed25519';
import { pae } from '../../src/crypto/pae';
import { sha256Hex } from '../../src/crypto/sha256';
import { EVENT_PAYLOAD_TYPE } from '../../src/ledger/event-body';
import { MerkleLog } from '../../src/ledger/merkle-log';
import { loadKeyring } from '../../src/server/app';
import { backup, type BackupResult } from '../../src/server/backup';
import { loadConfig, paths, type Config } from '../../src/server/config';
import { ensurePrivateDataDir } from '../../src/server/data-dir';
import { restore, type RestoreResult } from '../../src/server/restore';
import { SqliteEventStore } from '../../src/store/sqlite-event-store';
import {
  bar,
  fmt,
  log,
  mib,
  noiseCell,
  noiseMark,
  noiseSince,
  now,
  repoRoot,
  replaceSection,
  table,
  waitForQuiet,
  type Noise,
  type Row,
} from './bench-util';
import type { LogBatch, LogWorkerData } from './startup-log';

const SECTION = '## Backup and restore';
const FULL_SIZE = 1_000_000;
const TX_ROWS = 25_000;

async function buildLog(config: Config, total: number): Promise<void> {
  const file = paths(config).events;
  await new SqliteEventStore(file).close(); // the store's schema, in WAL mode
  const { kid, key } = loadKeyring(config).signingKey();
  const db = new Database(file);
  db.pragma('synchronous = OFF'); // a scratch log: durability is not what is measured here
  const insert = db.prepare('INSERT INTO events (stream, revision, type, body, kid, sig) VALUES (?, ?, ?, ?, ?, ?)');
  const write = db.transaction((batch: LogBatch) => {
    const bodies = Buffer.from(batch.bodies);
    for (let i = 0; i < batch.streams.length; i++) {
      const body = bodies.subarray(batch.offsets[i], batch.offsets[i + 1]);
      insert.run(batch.streams[i], batch.revisions[i], batch.types[i], body, kid, ed25519Sign(pae(EVENT_PAYLOAD_TYPE, body), key));
    }
  });
  const progress = bar('writing the signed log', total, 'events');
  const worker = new Worker(join(__dirname, 'startup-log.js'), { workerData: { total, batchSize: TX_ROWS } satisfies LogWorkerData });
  let written = 0;
  try {
    await new Promise<void>((done, fail) => {
      worker.on('error', fail);
      worker.on('exit', (code) => (code === 0 ? done() : fail(new Error(`log generator exited with ${code}`))));
      worker.on('message', (batch: LogBatch | null) => {
        if (batch === null) return;
        try {
          write(batch);
        } catch (error) {
          fail(error);
          return;
        }
        written += batch.streams.length;
        progress.update(written);
        worker.postMessage('more');
      });
      worker.postMessage('more');
      worker.postMessage('more');
    });
  } finally {
    progress.stop();
    await worker.terminate();
    db.close();
  }
  if (written !== total) throw new Error(`benchmark log: ${written} events written, expected ${total}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: 'string' }, attachments: { type: 'string' } }, strict: true });
  const events = Number(values.events ?? FULL_SIZE);
  const attachmentCount = Number(values.attachments ?? 100);
  if (!Number.isSafeInteger(events) || events < 1) throw new Error('--events must be a positive integer');
  if (!Number.isSafeInteger(attachmentCount) || attachmentCount < 0) throw new Error('--attachments must be a non-negative integer');
  const dir = mkdtempSync(join(tmpdir(), 'bench-backup-'));
  const source = loadConfig({ DATA_DIR: join(dir, 'data'), CHECKPOINT_INTERVAL_MS: '0' });
  try {
    ensurePrivateDataDir(source);
    let t = now();
    await buildLog(source, events);
    const buildSeconds = (now() - t) / 1000;
    log(`log of ${fmt(events)} signed events written in ${buildSeconds.toFixed(1)} s`);
    t = now();
    const keyring = loadKeyring(source);
    const store = new SqliteEventStore(paths(source).events);
    const merkle = new MerkleLog(store, keyring, { file: paths(source).merkle });
    await merkle.catchUp();
    await merkle.signCheckpoint();
    await merkle.stop();
    await store.close();
    const merkleSeconds = (now() - t) / 1000;
    log(`merkle.db built in ${merkleSeconds.toFixed(1)} s`);
    const attachments = new FsAttachmentStore(join(source.dataDir, 'attachments'));
    for (let i = 0; i < attachmentCount; i++) {
      const bytes = randomBytes(64 * 1024);
      await attachments.put(sha256Hex(bytes), bytes);
    }
    const sizes = {
      events:
        statSync(paths(source).events).size +
        (existsSync(`${paths(source).events}-wal`) ? statSync(`${paths(source).events}-wal`).size : 0),
      merkle: statSync(paths(source).merkle).size,
    };

    await waitForQuiet();
    let mark = noiseMark();
    t = now();
    const backedUp: BackupResult = await backup(source, { out: join(dir, 'backup') });
    const backupSeconds = (now() - t) / 1000;
    const backupNoise: Noise | null = noiseSince(mark);
    const backupBytes = backedUp.manifest.files.reduce((sum, f) => sum + f.bytes, 0);
    log(`backup: ${backupSeconds.toFixed(2)} s (${fmt(events / backupSeconds)} events/s, ${mib(backupBytes / backupSeconds)}/s)`);

    await waitForQuiet();
    mark = noiseMark();
    t = now();
    const restored: RestoreResult = await restore(loadConfig({ DATA_DIR: join(dir, 'restored') }), { from: backedUp.dir });
    const restoreSeconds = (now() - t) / 1000;
    const restoreNoise = noiseSince(mark);
    log(`restore: ${restoreSeconds.toFixed(2)} s (${fmt(events / restoreSeconds)} events/s)`);

    const tm = restored.timings;
    const phase = (what: string, ms: number, detail: string): Row => ({
      what,
      result: `${fmt(events / (ms / 1000))} events/s (${(ms / 1000).toFixed(2)} s${detail})`,
      p50: '—',
      p99: '—',
      target: 'none (measurement)',
      met: 'n/a',
      noise: noiseCell(restoreNoise),
    });
    const rows: Row[] = [
      {
        what: `\`npm run backup\` of ${fmt(events)} events (events.db ${mib(sizes.events)}, merkle.db ${mib(sizes.merkle)}, ${fmt(attachmentCount)} attachments of 64 KiB)`,
        result: `${fmt(events / backupSeconds)} events/s, ${mib(backupBytes / backupSeconds)}/s (${backupSeconds.toFixed(2)} s, ${mib(backupBytes)})`,
        p50: '—',
        p99: '—',
        target: 'none (measurement)',
        met: 'n/a',
        noise: noiseCell(backupNoise),
      },
      {
        what: `\`npm run restore\` of that backup, whole (checks, verification, rebuild)`,
        result: `${fmt(events / restoreSeconds)} events/s (${restoreSeconds.toFixed(2)} s)`,
        p50: '—',
        p99: '—',
        target: 'none (measurement)',
        met: 'n/a',
        noise: noiseCell(restoreNoise),
      },
      phase('restore: copy with SHA-256 of every file', tm.copy, `, ${mib(backupBytes / (tm.copy / 1000))}/s`),
      phase('restore: Merkle leaves against the events, one by one', tm.merkle, ''),
      phase(`restore: whole-ledger verification with ${fmt(restored.checkpoints)} checkpoint(s)`, tm.verify, ''),
      phase('restore: read-model rebuild from the log', tm.rebuild, ''),
    ];
    const cpuList = cpus();
    const machine = `${platform()} ${release()} (${arch()}), ${cpuList.length} × ${cpuList[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`;
    const section = `${SECTION}

Generated by \`npm run bench:backup\` (scripts/bench/backup.bench.ts) on ${new Date().toISOString()}, ${machine}.

${table(rows)}

- **The data.** ${fmt(events)} events of the start-up benchmark's shape (startup-log.ts), with **real Ed25519 signatures** by the DATA_DIR's ledger key, so that the restore's verification passes (written and signed in ${buildSeconds.toFixed(1)} s, merkle.db built and a checkpoint signed in ${merkleSeconds.toFixed(1)} s; untimed). Plus ${fmt(attachmentCount)} attachments of 64 KiB. No server runs during the measurement; \`test/ops/backup-restore.test.ts\` takes backups while writes go on.
- **Backup.** The online backup API copies events.db and then merkle.db, each from one held read transaction (${fmt(backedUp.manifest.events.count)} events at position ${backedUp.manifest.events.lastPosition}); the Merkle copy is cut to the event count and a checkpoint of exactly that many events is signed into it (here it already existed: ${fmt(backedUp.merkleCut.added)} leaves derived, ${fmt(backedUp.merkleCut.leavesCut)} cut); both copies go to a rollback journal (one file each), every file is hashed (SHA-256), the manifest written last. It is bound by reading and writing the bytes.
- **Restore.** Copying with the SHA-256 of every byte and the leaf-by-leaf check are the cheap part; the whole-ledger verification (Ed25519 per event, in worker threads, as \`npm run verify\`) and above all the read-model rebuild are the cost. The rebuild runs every projection of the server (PROJECTIONS in src/server/app.ts, the analytics one with its text analysis included), not only the interview and people projections of the Ledger section's rebuild row, so it is much slower than that row. Where the noise column is high, the machine was shared and every figure is low by about as much.
`;
    process.stdout.write(`\n${section}\n`);
    if (events === FULL_SIZE) {
      const out = join(repoRoot(), 'docs', 'benchmarks.md');
      replaceSection(out, SECTION, section, ['## Analytics', '## Web console', '## Hostile GraphQL queries']);
      log(`wrote the "${SECTION.slice(3)}" section of ${out}`);
    } else log(`--events ${events}: not the full size; docs/benchmarks.md left as it is`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
