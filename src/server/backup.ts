/**
 * Online backup of the embedded stores (`npm run backup`), and what a backup holds.
 *
 * A backup is a directory:
 *
 *   manifest.json             written last: what the backup holds and the SHA-256 of every file
 *   events.db                 the event log, a self-contained SQLite file (no -wal)
 *   merkle.db                 the Merkle log: leaves and signed checkpoints, cut to the event log
 *   ledger-keys.json          the public part of the ledger key file (no private seed)
 *   attachments/<2 hex>/<sha256>   attachment bytes, by content address
 *   ledger-keys.private.json  only with --include-private-key, mode 0600; not in `files`
 *
 * Read models are not backed up: they are rebuilt from the log at restore (DESIGN.md: read
 * models are disposable). The token key is not either: a restored server makes a new one.
 *
 * Consistency (two databases, one position). SQLite's online backup API copies a database
 * page by page in steps; between steps the source is unlocked, and a write by any other
 * connection makes the copy start again from the first page. Next to a server that appends
 * all the time, a backup of a large log would therefore never end. So each database is copied
 * from a connection that holds one read transaction for the whole copy: in WAL mode the
 * server keeps writing (to the WAL, past our snapshot), and the copy is exactly the snapshot,
 * never restarted. The event log's snapshot gives the backup's position: its event count N
 * and last position, read in the same transaction as the copy.
 *
 * The Merkle log follows the event log (it only ever adds leaves for committed events), so
 * it is copied second, from a later snapshot: it holds at least the leaves it held when the
 * event log was copied, perhaps more. The copy is then cut back to N: leaves from index N on,
 * and checkpoints of more than N events, are deleted (they commit to events the backup does
 * not hold), and leaves it lacked (the Merkle log lagging behind the appends) are derived from
 * the copied events. Finally a checkpoint of exactly N events is signed into the copy with the
 * ledger key, so that the backup's checkpoint covers every event in it: a restore then proves
 * with the Merkle check that the log it restores is the whole log up to N, not a shorter one.
 * The checkpoint is a signed statement about a prefix of the log, consistent with every
 * checkpoint the server signs, so it stays valid wherever it is kept.
 *
 * A backup is written into a temporary directory next to --out (`.<name>.partial-<uuid>`),
 * with manifest.json written last and the directory renamed to --out at the very end: a
 * backup killed part-way leaves that temporary directory, without a manifest, and restore
 * refuses a directory without a complete manifest.
 */
import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { MerkleLog } from '../ledger/merkle-log';
import { SqliteEventStore } from '../store/sqlite-event-store';
import { loadKeyring } from './app';
import { paths, type Config } from './config';
import { ensurePrivateDatabase, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, requireData } from './data-dir';

export const BACKUP_FORMAT = 'interview-ledger-backup/v1';
export const MANIFEST_FILE = 'manifest.json';
export const PRIVATE_KEY_FILE = 'ledger-keys.private.json';
/** The files every backup holds, beside attachments. */
export const BACKUP_DATABASES = ['events.db', 'merkle.db', 'ledger-keys.json'] as const;

/**
 * Why a backup or restore stopped. Exit status 2: it could not run (no data, a store it does
 * not cover, a non-empty DATA_DIR, no such backup); 1: the data it was given is not sound.
 */
export type BackupErrorCode =
  | 'EXTERNAL_STORE'
  | 'OUT_EXISTS'
  | 'BACKUP_NOT_FOUND'
  | 'DATA_DIR_NOT_EMPTY'
  | 'BACKUP_INCOMPLETE'
  | 'BACKUP_MANIFEST_INVALID'
  | 'BACKUP_MANIFEST_MISMATCH'
  | 'BACKUP_FILE_MISSING'
  | 'BACKUP_FILE_UNLISTED'
  | 'BACKUP_FILE_CORRUPT'
  | 'BACKUP_KEY_MISMATCH'
  | 'BACKUP_LOG_MISMATCH'
  | 'MERKLE_MISMATCH'
  | 'LEDGER_INVALID'
  | 'ATTACHMENT_CORRUPT';

const CANNOT_RUN: ReadonlySet<BackupErrorCode> = new Set(['EXTERNAL_STORE', 'OUT_EXISTS', 'BACKUP_NOT_FOUND', 'DATA_DIR_NOT_EMPTY']);

export class BackupError extends Error {
  readonly exitCode: 1 | 2;
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message.replace(/\s*\n\s*/g, ' '));
    this.name = 'BackupError';
    this.exitCode = CANNOT_RUN.has(code) ? 2 : 1;
  }
}

export interface ManifestFile {
  /** Relative to the backup directory, with `/`. */
  readonly path: string;
  readonly bytes: number;
  /** Lowercase hex SHA-256 of the file's bytes. */
  readonly sha256: string;
}

export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly createdAt: string;
  /** The backup's position: the event log holds exactly these events. */
  readonly events: { readonly count: number; readonly lastPosition: string | null };
  /** merkle.db: its origin (the log's identity) and its leaves, one per event. */
  readonly merkle: { readonly origin: string; readonly leaves: number; readonly checkpoints: number };
  /** The latest signed checkpoint: of all `events.count` events (null for an empty log). */
  readonly checkpoint: {
    readonly size: number;
    readonly rootHash: string;
    readonly note: string;
    readonly kid: string;
    readonly signedAt: string;
  } | null;
  /** The ledger keys (public) in ledger-keys.json. */
  readonly keys: { readonly active: string; readonly kids: readonly string[] };
  /** The private key file written beside, when asked for; its bytes are not in `files`. */
  readonly privateKey: ManifestFile | null;
  readonly attachments: { readonly count: number; readonly bytes: number };
  /** Every file of the backup but the manifest and the private key file, sorted by path. */
  readonly files: readonly ManifestFile[];
}

/** Progress of one phase at a time: `done` of `total` `unit`s. */
export type ProgressFn = (phase: string, done: number, total: number, unit: string) => void;

export interface BackupOptions {
  readonly out: string;
  readonly includePrivateKey?: boolean;
  readonly onProgress?: ProgressFn;
  /** Pages copied per step of the online backup (default 4096, i.e. 16 MiB). */
  readonly stepPages?: number;
  readonly clock?: () => Date;
}

export interface BackupResult {
  readonly dir: string;
  readonly manifest: BackupManifest;
  /** SHA-256 of manifest.json: record it elsewhere, `npm run restore -- --expect-manifest` checks it. */
  readonly manifestSha256: string;
  /** Leaves the copied Merkle log lacked (derived from the copied events) and leaves and checkpoints cut from it. */
  readonly merkleCut: { readonly added: number; readonly leavesCut: number; readonly checkpointsCut: number };
  readonly warnings: readonly string[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const SHARD = /^[0-9a-f]{2}$/;

/** The one line for a configuration this command does not cover. */
export function refuseExternalStores(config: Config, command: 'backup' | 'restore'): void {
  const servers = [
    config.eventStoreUrl
      ? 'EVENTSTORE_URL (the event log on EventStoreDB: back it up with EventStoreDB’s own backup, e.g. a file-system snapshot of its data directory)'
      : '',
    config.mongodbUrl
      ? 'MONGODB_URL (read models and attachments on MongoDB: back them up with mongodump, attachments are its GridFS bucket)'
      : '',
  ].filter(Boolean);
  if (servers.length === 0) return;
  throw new BackupError(
    'EXTERNAL_STORE',
    `${servers.join(' and ')} ${servers.length > 1 ? 'are' : 'is'} configured: npm run ${command} covers the embedded stores in DATA_DIR only; those stores are backed up with their own tools (README: Operations → Backup and restore)`,
  );
}

/** Takes an online backup of the embedded stores of `config` into `options.out`. */
export async function backup(config: Config, options: BackupOptions): Promise<BackupResult> {
  refuseExternalStores(config, 'backup');
  requireData(config, ['log', 'keys']);
  const files = paths(config);
  const out = resolve(options.out);
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0))
    throw new BackupError('OUT_EXISTS', `${out} exists and is not an empty directory: a backup goes into a new directory`);
  const parent = dirname(out);
  mkdirSync(parent, { recursive: true, mode: PRIVATE_DIR_MODE });
  const keyring = loadKeyring(config);
  const clock = options.clock ?? (() => new Date());
  const progress = options.onProgress ?? (() => undefined);
  const warnings: string[] = [];

  const temp = join(parent, `.${basename(out)}.partial-${randomUUID()}`);
  mkdirSync(temp, { mode: PRIVATE_DIR_MODE });
  try {
    // 1. The event log, from one read transaction: the copy and the position are one snapshot.
    const eventsCopy = join(temp, 'events.db');
    const position = await copyDatabase(files.events, eventsCopy, 'events.db', options.stepPages, progress, (db) => {
      const row = db.prepare('SELECT count(*) AS n, max(position) AS last FROM events').get() as { n: number; last: number | null };
      return { count: row.n, lastPosition: row.last === null ? null : String(row.last) };
    });

    // 2. The Merkle log, from a later snapshot, then cut back to the event log's count.
    const merkleCopy = join(temp, 'merkle.db');
    if (existsSync(files.merkle)) await copyDatabase(files.merkle, merkleCopy, 'merkle.db', options.stepPages, progress, () => null);
    const cut = cutMerkleCopy(merkleCopy, position.count);
    const copyStore = new SqliteEventStore(eventsCopy);
    const merkle = new MerkleLog(copyStore, keyring, {
      file: merkleCopy,
      ...(config.logOrigin ? { origin: config.logOrigin } : {}),
      onError: () => undefined, // every failure is also thrown, and said in one line
    });
    let checkpoint: BackupManifest['checkpoint'] = null;
    let added = 0;
    let origin: string;
    let checkpointCount: number;
    try {
      progress('merkle.db: catching up to the event log', 0, 1, 'steps');
      added = await merkle.catchUp();
      if (merkle.size !== position.count)
        throw new BackupError(
          'MERKLE_MISMATCH',
          `the Merkle log copy has ${merkle.size} leaves, the event log copy ${position.count} events`,
        );
      if (position.count > 0) {
        const signed = await merkle.signCheckpoint();
        checkpoint = {
          size: signed.size,
          rootHash: Buffer.from(signed.rootHash).toString('base64'),
          note: signed.note,
          kid: signed.kid,
          signedAt: signed.signedAt,
        };
      }
      progress('merkle.db: catching up to the event log', 1, 1, 'steps');
      origin = merkle.origin;
      checkpointCount = merkle.checkpoints({ limit: Number.MAX_SAFE_INTEGER }).length;
    } finally {
      await merkle.stop();
      await copyStore.close();
    }
    // Self-contained files: no -wal or -shm beside them.
    for (const file of [eventsCopy, merkleCopy]) toRollbackJournal(file);

    // 3. The ledger keys: the public part always, the private key file only when asked.
    writePrivateFile(
      join(temp, 'ledger-keys.json'),
      JSON.stringify({ format: 'interview-ledger-keys/v1', active: keyring.activeKid, keys: keyring.published }, null, 2),
    );
    let privateKey: ManifestFile | null = null;
    if (options.includePrivateKey) {
      if (config.ledgerSeed)
        warnings.push(
          'LEDGER_SIGNING_KEY is set: the active key is in the configuration, not in the key file; keep that secret where it is kept',
        );
      if (!existsSync(files.ledgerKeys)) warnings.push(`no ${files.ledgerKeys}: no private key file written`);
      else {
        const bytes = readFileSync(files.ledgerKeys);
        writePrivateFile(join(temp, PRIVATE_KEY_FILE), bytes);
        privateKey = { path: PRIVATE_KEY_FILE, bytes: bytes.length, sha256: sha256Hex(bytes) };
      }
    }

    // 4. Attachments, by content address, each checked against its name.
    const attachments = await copyAttachments(join(config.dataDir, 'attachments'), join(temp, 'attachments'), progress);

    // 5. The SHA-256 of every file, then the manifest, last.
    const listed = [...BACKUP_DATABASES.map((path) => ({ path, file: join(temp, path) }))];
    const hashed: ManifestFile[] = [];
    const totalBytes = listed.reduce((sum, f) => sum + statSync(f.file).size, 0);
    let done = 0;
    for (const { path, file } of listed) {
      const digest = await hashFile(file, (n) => progress('hashing', (done += n), totalBytes, 'bytes'));
      fsyncFile(file);
      hashed.push({ path, ...digest });
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: clock().toISOString(),
      events: position,
      merkle: { origin, leaves: position.count, checkpoints: checkpointCount },
      checkpoint,
      keys: { active: keyring.activeKid, kids: keyring.published.map((k) => k.kid) },
      privateKey,
      attachments: { count: attachments.length, bytes: attachments.reduce((sum, a) => sum + a.bytes, 0) },
      files: [...hashed, ...attachments].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    };
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    const partialManifest = join(temp, `${MANIFEST_FILE}.part`);
    writePrivateFile(partialManifest, text);
    renameSync(partialManifest, join(temp, MANIFEST_FILE));
    fsyncDirectory(temp);
    if (existsSync(out)) rmdirSync(out); // empty (checked above): rename does not replace a directory everywhere
    renameSync(temp, out);
    fsyncDirectory(parent);
    return {
      dir: out,
      manifest,
      manifestSha256: sha256Hex(Buffer.from(text, 'utf8')),
      merkleCut: { added, leavesCut: cut.leaves, checkpointsCut: cut.checkpoints },
      warnings,
    };
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Copies a live WAL database with SQLite's online backup API, from a connection that holds
 * one read transaction throughout (see the file comment): the copy is one snapshot and never
 * restarts however much the server writes. `inSnapshot` runs inside that transaction.
 */
async function copyDatabase<T>(
  source: string,
  target: string,
  phase: string,
  stepPages: number | undefined,
  progress: ProgressFn,
  inSnapshot: (db: Database.Database) => T,
): Promise<T> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN');
    const result = inSnapshot(db);
    // The first read of the transaction starts the snapshot (if inSnapshot read nothing).
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    const step = stepPages ?? 4096;
    ensurePrivateDatabase(target); // 0600 before SQLite writes a page of it (an empty file is an empty database)
    await db.backup(target, {
      progress: ({ totalPages, remainingPages }) => {
        progress(phase, totalPages - remainingPages, totalPages, 'pages');
        return step;
      },
    });
    db.exec('COMMIT');
    return result;
  } finally {
    db.close();
  }
}

/**
 * Deletes, in the copied merkle.db, every leaf from index `count` on and every checkpoint of more
 * than `count` events, with its witnesses' cosignatures.
 */
function cutMerkleCopy(file: string, count: number): { leaves: number; checkpoints: number } {
  if (!existsSync(file)) return { leaves: 0, checkpoints: 0 };
  const db = new Database(file);
  try {
    const has = (name: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    const leaves = has('leaves') ? db.prepare('DELETE FROM leaves WHERE leaf_index >= ?').run(count).changes : 0;
    if (has('cosignatures')) db.prepare('DELETE FROM cosignatures WHERE tree_size > ?').run(count);
    const checkpoints = has('checkpoints') ? db.prepare('DELETE FROM checkpoints WHERE tree_size > ?').run(count).changes : 0;
    return { leaves, checkpoints };
  } finally {
    db.close();
  }
}

/** Makes a copied database one file: rollback journal instead of WAL, so nothing lives beside it. */
export function toRollbackJournal(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

async function copyAttachments(from: string, to: string, progress: ProgressFn): Promise<ManifestFile[]> {
  if (!existsSync(from)) return [];
  const found: Array<{ shard: string; name: string }> = [];
  for (const shard of readdirSync(from)) {
    if (!SHARD.test(shard) || !statSync(join(from, shard)).isDirectory()) continue; // .staging: never committed, not backed up
    for (const name of readdirSync(join(from, shard))) if (SHA256_HEX.test(name) && name.startsWith(shard)) found.push({ shard, name });
  }
  const copied: ManifestFile[] = [];
  progress('attachments', 0, found.length, 'files');
  for (const { shard, name } of found) {
    const bytes = readFileSync(join(from, shard, name));
    const sha256 = sha256Hex(bytes);
    if (sha256 !== name)
      throw new BackupError(
        'ATTACHMENT_CORRUPT',
        `attachment ${join(from, shard, name)} hashes to ${sha256}: the attachment store is damaged`,
      );
    mkdirSync(join(to, shard), { recursive: true, mode: PRIVATE_DIR_MODE });
    const target = join(to, shard, name);
    writePrivateFile(target, bytes);
    copied.push({ path: `attachments/${shard}/${name}`, bytes: bytes.length, sha256 });
    progress('attachments', copied.length, found.length, 'files');
  }
  return copied;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** SHA-256 and size of a file, streamed. */
export async function hashFile(file: string, onBytes?: (n: number) => void): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
    onBytes?.(buffer.length);
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Writes a new file, mode 0600, and fsyncs it. */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  const fd = openSync(file, 'wx', PRIVATE_FILE_MODE);
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
