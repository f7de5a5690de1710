/**
 * Restore of a backup (src/server/backup.ts) into an empty DATA_DIR (`npm run restore`).
 *
 * Everything happens in a temporary directory next to DATA_DIR (`.<name>.restore-<uuid>`),
 * renamed to DATA_DIR only once every check passed and the read models are rebuilt; a refused
 * backup leaves nothing in DATA_DIR (and the temporary directory is removed):
 *
 *   1. the manifest: present (a backup interrupted before its end has none), well-formed, and,
 *      with --expect-manifest, the SHA-256 the operator recorded when the backup was taken;
 *   2. every file it lists is copied and its SHA-256 and size checked on the bytes copied
 *      (attachments also against their content address); a file it does not list is refused;
 *   3. the private key file, when given, must be the key file of the very ledger whose public
 *      keys the backup holds;
 *   4. the event log holds the manifest's count and last position; merkle.db's leaves are
 *      the events, one by one, in commit order (position, stream, revision, leaf hash of the
 *      body), and the manifest's checkpoint is stored in it and covers every event;
 *   5. the whole-ledger verification (npm run verify): every signature, envelope and hash
 *      chain, the Merkle tree recomputed from the bodies, and every signed checkpoint, the
 *      backup's among them, checked against it;
 *   6. the read models are rebuilt from the log (never restored).
 */
import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { privateKeyFromSeed, rawPublicKey } from '../crypto/ed25519';
import type { LedgerPublicKey } from '../crypto/keyring';
import { leafHash } from '../crypto/merkle';
import { readStoredCheckpoints } from '../ledger/merkle-log';
import { verifyLedger } from '../ledger/verify-ledger';
import { Projector } from '../projections/projector';
import { SqliteEventStore } from '../store/sqlite-event-store';
import { openReadModels, PROJECTIONS } from './app';
import {
  BACKUP_DATABASES,
  BACKUP_FORMAT,
  BackupError,
  fsyncDirectory,
  MANIFEST_FILE,
  PRIVATE_KEY_FILE,
  refuseExternalStores,
  sha256Hex,
  type BackupManifest,
  type ManifestFile,
  type ProgressFn,
} from './backup';
import { paths, type Config } from './config';
import { ensurePrivateDatabase, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './data-dir';

export interface RestoreOptions {
  readonly from: string;
  /** The private key file kept apart (ledger-keys.private.json); default: the backup's own, if it holds one. */
  readonly privateKey?: string;
  /** Hex SHA-256 of manifest.json as `npm run backup` printed it. */
  readonly expectManifest?: string;
  readonly onProgress?: ProgressFn;
  /** Signature worker threads for the verification (default: as npm run verify). */
  readonly workers?: number;
}

export interface RestoreResult {
  readonly manifest: BackupManifest;
  readonly events: number;
  readonly streams: number;
  readonly merkleRoot: string;
  readonly checkpoints: number;
  readonly attachments: number;
  readonly privateKeyRestored: boolean;
  readonly readModelEvents: number;
  /** Milliseconds per phase. */
  readonly timings: { readonly copy: number; readonly merkle: number; readonly verify: number; readonly rebuild: number };
}

const ATTACHMENT_PATH = /^attachments\/([0-9a-f]{2})\/([0-9a-f]{64})$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export async function restore(config: Config, options: RestoreOptions): Promise<RestoreResult> {
  refuseExternalStores(config, 'restore');
  const from = resolve(options.from);
  if (!existsSync(from) || !statSync(from).isDirectory()) throw new BackupError('BACKUP_NOT_FOUND', `no backup directory at ${from}`);
  const dataDir = config.dataDir;
  if (existsSync(dataDir) && (!statSync(dataDir).isDirectory() || readdirSync(dataDir).length > 0))
    throw new BackupError(
      'DATA_DIR_NOT_EMPTY',
      `${dataDir} is not empty: restore goes into an empty DATA_DIR only (nothing was changed); point DATA_DIR at a new directory`,
    );
  const progress = options.onProgress ?? (() => undefined);
  const manifestText = readManifestText(from);
  if (options.expectManifest !== undefined) {
    const actual = sha256Hex(manifestText);
    if (actual !== options.expectManifest.toLowerCase())
      throw new BackupError(
        'BACKUP_MANIFEST_MISMATCH',
        `${join(from, MANIFEST_FILE)} has SHA-256 ${actual}, not ${options.expectManifest}`,
      );
  }
  const manifest = parseManifest(manifestText, from);
  const privateSource = options.privateKey ?? (existsSync(join(from, PRIVATE_KEY_FILE)) ? join(from, PRIVATE_KEY_FILE) : undefined);
  if (privateSource !== undefined && !existsSync(privateSource))
    throw new BackupError('BACKUP_NOT_FOUND', `no private key file at ${privateSource}`);

  // Only what the manifest lists (and the private key file) may be in the backup.
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const path of listFiles(from))
    if (path !== MANIFEST_FILE && path !== PRIVATE_KEY_FILE && !listed.has(path))
      throw new BackupError(
        'BACKUP_FILE_UNLISTED',
        `${join(from, path)} is not in the manifest: a backup holds only what its manifest lists`,
      );

  mkdirSync(dirname(dataDir), { recursive: true });
  const staging = join(dirname(dataDir), `.${basename(dataDir)}.restore-${randomUUID()}`);
  mkdirSync(staging, { mode: PRIVATE_DIR_MODE });
  try {
    const t0 = performance.now();
    // 2. Copy and check every listed file.
    const total = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
    let done = 0;
    for (const file of manifest.files) {
      const source = join(from, ...file.path.split('/'));
      if (!existsSync(source))
        throw new BackupError('BACKUP_FILE_MISSING', `${source} is listed in the manifest but missing: the backup is incomplete`);
      const target = join(staging, ...file.path.split('/'));
      mkdirSync(dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
      const copied = await copyHashing(source, target, (n) => progress('copying and checking files', (done += n), total, 'bytes'));
      if (copied.bytes !== file.bytes || copied.sha256 !== file.sha256)
        throw new BackupError(
          'BACKUP_FILE_CORRUPT',
          `${source} is ${copied.bytes} bytes with SHA-256 ${copied.sha256}; the manifest lists ${file.bytes} bytes with ${file.sha256}: the file was changed or cut short`,
        );
      const attachment = ATTACHMENT_PATH.exec(file.path);
      if (attachment && attachment[2] !== copied.sha256)
        throw new BackupError('ATTACHMENT_CORRUPT', `${source} hashes to ${copied.sha256}, not to the content address it is filed under`);
    }

    // 3. The keys: public ones from the backup, the private key file only if it is this ledger's.
    const published = readPublicKeys(join(staging, 'ledger-keys.json'), manifest);
    const keyFile = join(staging, 'ledger-keys.json');
    let privateKeyRestored = false;
    if (privateSource !== undefined) {
      const bytes = readFileSync(privateSource);
      checkPrivateKeyFile(bytes, privateSource, published, manifest);
      rmSync(keyFile);
      const fd = openSync(keyFile, 'wx', PRIVATE_FILE_MODE);
      try {
        writeSync(fd, bytes);
      } finally {
        closeSync(fd);
      }
      privateKeyRestored = true;
    }
    chmodSync(keyFile, PRIVATE_FILE_MODE);
    const copyMs = performance.now() - t0;

    // 4. The event log against the manifest, and merkle.db against the event log.
    const t1 = performance.now();
    const stagedEvents = join(staging, 'events.db');
    const stagedMerkle = join(staging, 'merkle.db');
    for (const file of [stagedEvents, stagedMerkle]) checkDatabase(file);
    ensurePrivateDatabase(stagedEvents);
    ensurePrivateDatabase(stagedMerkle);
    const store = new SqliteEventStore(stagedEvents);
    let result: Omit<RestoreResult, 'readModelEvents' | 'timings' | 'attachments' | 'privateKeyRestored' | 'manifest'>;
    let merkleMs: number;
    let verifyMs: number;
    try {
      const count = store.countSync();
      const lastPosition = count > 0 ? String(lastPositionOf(stagedEvents)) : null;
      if (count !== manifest.events.count || lastPosition !== manifest.events.lastPosition)
        throw new BackupError(
          'BACKUP_LOG_MISMATCH',
          `events.db holds ${count} events up to position ${lastPosition}; the manifest says ${manifest.events.count} up to ${manifest.events.lastPosition}`,
        );
      const stored = readStoredCheckpoints(stagedMerkle);
      if (!stored || stored.origin !== manifest.merkle.origin)
        throw new BackupError(
          'MERKLE_MISMATCH',
          `merkle.db is the log ${stored?.origin ?? '(none)'}, the manifest names ${manifest.merkle.origin}`,
        );
      const cp = manifest.checkpoint;
      if (count > 0 && (cp === null || cp.size !== count))
        throw new BackupError('MERKLE_MISMATCH', `the manifest's checkpoint covers ${cp?.size ?? 0} events, the log holds ${count}`);
      if (cp && !stored.checkpoints.some((c) => c.size === cp.size && c.note === cp.note))
        throw new BackupError('MERKLE_MISMATCH', `merkle.db has no checkpoint of ${cp.size} events with the manifest's note`);
      const biggest = stored.checkpoints.reduce((max, c) => Math.max(max, c.size), 0);
      if (biggest > count)
        throw new BackupError(
          'MERKLE_MISMATCH',
          `merkle.db holds a checkpoint of ${biggest} events, the log only ${count}: events were removed from the end`,
        );
      await checkLeaves(store, stagedMerkle, count, progress);
      merkleMs = performance.now() - t1;

      // 5. The whole ledger, with every signed checkpoint, the backup's among them.
      const t2 = performance.now();
      const report = await verifyLedger(store, published, {
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        checkpoints: { origin: stored.origin, checkpoints: stored.checkpoints, publicKeys: published.map((k) => k.publicKey) },
        onProgress: (n, all) => progress('verifying the ledger', n, all ?? n, 'events'),
      });
      if (!report.ok) {
        const f = report.firstFailure!;
        throw new BackupError(
          'LEDGER_INVALID',
          `the backup's ledger does not verify: position=${f.position} stream=${f.stream} revision=${f.revision} fault=${f.fault}: ${f.detail}`,
        );
      }
      if (cp && report.merkleRoot !== cp.rootHash)
        throw new BackupError(
          'MERKLE_MISMATCH',
          `the log's Merkle root is ${report.merkleRoot}, the backup's checkpoint says ${cp.rootHash}`,
        );
      verifyMs = performance.now() - t2;
      result = { events: report.events, streams: report.streams, merkleRoot: report.merkleRoot ?? '', checkpoints: report.checkpoints };
    } finally {
      await store.close();
    }

    // 6. The read models, from the log.
    const t3 = performance.now();
    const stagedConfig: Config = { ...config, dataDir: staging };
    const rebuildStore = new SqliteEventStore(stagedEvents);
    const readModels = await openReadModels(stagedConfig);
    let readModelEvents = 0;
    try {
      const projector = new Projector(rebuildStore, readModels, PROJECTIONS);
      readModelEvents = await projector.catchUp((n) => progress('rebuilding read models', n, manifest.events.count, 'events'));
    } finally {
      await readModels.close();
      await rebuildStore.close();
    }
    const rebuildMs = performance.now() - t3;

    fsyncDirectory(staging);
    if (existsSync(dataDir)) rmdirSync(dataDir); // empty (checked above)
    renameSync(staging, dataDir);
    chmodSync(dataDir, PRIVATE_DIR_MODE);
    fsyncDirectory(dirname(dataDir));
    return {
      manifest,
      ...result,
      attachments: manifest.attachments.count,
      privateKeyRestored,
      readModelEvents,
      timings: { copy: copyMs, merkle: merkleMs, verify: verifyMs, rebuild: rebuildMs },
    };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

function readManifestText(from: string): Buffer {
  const file = join(from, MANIFEST_FILE);
  if (!existsSync(file))
    throw new BackupError(
      'BACKUP_INCOMPLETE',
      `${from} has no ${MANIFEST_FILE}: not a complete backup (a backup stopped before its end leaves none)`,
    );
  return readFileSync(file);
}

function parseManifest(text: Buffer, from: string): BackupManifest {
  const bad = (why: string) => new BackupError('BACKUP_MANIFEST_INVALID', `${join(from, MANIFEST_FILE)}: ${why}`);
  let m: BackupManifest;
  try {
    m = JSON.parse(text.toString('utf8')) as BackupManifest;
  } catch {
    throw bad('not JSON (cut short?)');
  }
  if (typeof m !== 'object' || m === null || m.format !== BACKUP_FORMAT) throw bad(`not a ${BACKUP_FORMAT} manifest`);
  const count = m.events?.count;
  if (!Number.isSafeInteger(count) || count < 0) throw bad('events.count is not a count');
  if (m.events.lastPosition !== null && typeof m.events.lastPosition !== 'string') throw bad('events.lastPosition is not a position');
  if (typeof m.merkle?.origin !== 'string' || m.merkle.leaves !== count) throw bad('merkle does not describe one leaf per event');
  if (
    m.checkpoint !== null &&
    (typeof m.checkpoint?.note !== 'string' || typeof m.checkpoint.rootHash !== 'string' || !Number.isSafeInteger(m.checkpoint.size))
  )
    throw bad('checkpoint is malformed');
  if (typeof m.keys?.active !== 'string' || !Array.isArray(m.keys.kids)) throw bad('keys is malformed');
  if (!Array.isArray(m.files)) throw bad('files is not a list');
  const seen = new Set<string>();
  for (const f of m.files) {
    if (
      typeof f?.path !== 'string' ||
      !Number.isSafeInteger(f.bytes) ||
      f.bytes < 0 ||
      typeof f.sha256 !== 'string' ||
      !SHA256_HEX.test(f.sha256)
    )
      throw bad(`a file entry is malformed: ${JSON.stringify(f)}`);
    const allowed =
      (BACKUP_DATABASES as readonly string[]).includes(f.path) || (ATTACHMENT_PATH.test(f.path) && posix.normalize(f.path) === f.path);
    if (!allowed) throw bad(`${JSON.stringify(f.path)} is not a file a backup holds`);
    if (seen.has(f.path)) throw bad(`${f.path} is listed twice`);
    seen.add(f.path);
  }
  for (const required of BACKUP_DATABASES) if (!seen.has(required)) throw bad(`${required} is not listed`);
  if (m.privateKey !== null && (typeof m.privateKey?.sha256 !== 'string' || !SHA256_HEX.test(m.privateKey.sha256)))
    throw bad('privateKey is malformed');
  const attachments = m.files.filter((f) => ATTACHMENT_PATH.test(f.path));
  if (m.attachments?.count !== attachments.length)
    throw bad(`attachments.count is ${m.attachments?.count}, ${attachments.length} are listed`);
  return m;
}

function listFiles(dir: string, prefix = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...listFiles(join(dir, entry.name), path));
    else found.push(path);
  }
  return found;
}

async function copyHashing(source: string, target: string, onBytes: (n: number) => void): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const fd = openSync(target, 'wx', PRIVATE_FILE_MODE);
  try {
    for await (const chunk of createReadStream(source, { highWaterMark: 1 << 20 })) {
      const buffer = chunk as Buffer;
      hash.update(buffer);
      let written = 0;
      while (written < buffer.length) written += writeSync(fd, buffer, written);
      bytes += buffer.length;
      onBytes(buffer.length);
    }
  } finally {
    closeSync(fd);
  }
  return { bytes, sha256: hash.digest('hex') };
}

interface KeyFileShape {
  format?: unknown;
  active?: unknown;
  keys?: Array<LedgerPublicKey & { seed?: string }>;
}

function readPublicKeys(file: string, manifest: BackupManifest): LedgerPublicKey[] {
  let parsed: KeyFileShape;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as KeyFileShape;
  } catch {
    throw new BackupError('BACKUP_KEY_MISMATCH', 'ledger-keys.json is not JSON');
  }
  if (parsed.format !== 'interview-ledger-keys/v1' || !Array.isArray(parsed.keys) || parsed.keys.length === 0)
    throw new BackupError('BACKUP_KEY_MISMATCH', 'ledger-keys.json is not a ledger key file');
  const kids = parsed.keys.map((k) => k.kid);
  if (parsed.active !== manifest.keys.active || kids.join(',') !== manifest.keys.kids.join(','))
    throw new BackupError(
      'BACKUP_KEY_MISMATCH',
      `ledger-keys.json holds keys ${kids.join(', ')}, the manifest ${manifest.keys.kids.join(', ')}`,
    );
  return parsed.keys.map(({ kid, alg, publicKey, createdAt, retiredAt }) =>
    retiredAt ? { kid, alg, publicKey, createdAt, retiredAt } : { kid, alg, publicKey, createdAt },
  );
}

/** The private key file must be the key file of the ledger whose public keys the backup holds. */
function checkPrivateKeyFile(bytes: Buffer, file: string, published: readonly LedgerPublicKey[], manifest: BackupManifest): void {
  const mismatch = (why: string) => new BackupError('BACKUP_KEY_MISMATCH', `${file}: ${why}`);
  if (manifest.privateKey && sha256Hex(bytes) !== manifest.privateKey.sha256)
    throw mismatch(`SHA-256 ${sha256Hex(bytes)}, the manifest lists ${manifest.privateKey.sha256}: not this backup's private key file`);
  let parsed: KeyFileShape;
  try {
    parsed = JSON.parse(bytes.toString('utf8')) as KeyFileShape;
  } catch {
    throw mismatch('not JSON');
  }
  if (parsed.format !== 'interview-ledger-keys/v1' || !Array.isArray(parsed.keys)) throw mismatch('not a ledger key file');
  const theirs = parsed.keys.map((k) => `${k.kid}:${k.publicKey}`).join(',');
  const ours = published.map((k) => `${k.kid}:${k.publicKey}`).join(',');
  if (parsed.active !== manifest.keys.active || theirs !== ours) throw mismatch('its keys are not the ledger keys of this backup');
  for (const key of parsed.keys) {
    if (key.seed === undefined) continue;
    const raw = rawPublicKey(privateKeyFromSeed(Buffer.from(key.seed, 'base64')));
    if (raw.toString('base64') !== key.publicKey) throw mismatch(`the private seed of ${key.kid} is not that key's`);
  }
}

/** A SQLite file, and readable: a damaged one is named here rather than by a stack trace. */
function checkDatabase(file: string): void {
  try {
    const db = new Database(file, { fileMustExist: true });
    try {
      const result = db.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw new Error(String(result));
    } finally {
      db.close();
    }
  } catch (error) {
    throw new BackupError('BACKUP_FILE_CORRUPT', `${basename(file)} is not a sound SQLite database: ${(error as Error).message}`);
  }
}

function lastPositionOf(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT max(position) AS last FROM events').get() as { last: number }).last;
  } finally {
    db.close();
  }
}

/**
 * merkle.db's leaves are the events, one by one: the same count, and leaf i is event i in
 * commit order (position, stream, revision, and SHA-256(0x00 || body) of its exact bytes).
 */
async function checkLeaves(store: SqliteEventStore, merkleFile: string, count: number, progress: ProgressFn): Promise<void> {
  const db = new Database(merkleFile, { readonly: true, fileMustExist: true });
  try {
    const leaves = db.prepare('SELECT count(*) AS n, max(leaf_index) AS max FROM leaves').get() as { n: number; max: number | null };
    if (leaves.n !== count || (count > 0 && leaves.max !== count - 1))
      throw new BackupError(
        'MERKLE_MISMATCH',
        `merkle.db has ${leaves.n} leaves, the event log ${count} events: the two are not one backup`,
      );
    const page = db.prepare<
      [number, number],
      { leaf_index: number; position: string; stream: string; revision: number; leaf_hash: Buffer }
    >('SELECT * FROM leaves WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?');
    let index = 0;
    let after = 0;
    while (index < count) {
      const events = store.readAllSync(after, 10_000);
      const rows = page.all(index, events.length);
      for (let i = 0; i < events.length; i++) {
        const event = events[i]!;
        const leaf = rows[i];
        if (
          !leaf ||
          leaf.leaf_index !== index ||
          leaf.position !== event.position ||
          leaf.stream !== event.stream ||
          leaf.revision !== event.revision ||
          !leafHash(event.body).equals(leaf.leaf_hash)
        )
          throw new BackupError(
            'MERKLE_MISMATCH',
            `merkle.db leaf ${index} is not event ${event.stream}@${event.revision} (position ${event.position}) of the event log: the two are not one ledger`,
          );
        index += 1;
      }
      if (events.length === 0) break;
      after = Number(events[events.length - 1]!.position);
      progress('checking the Merkle log', index, count, 'leaves');
    }
  } finally {
    db.close();
  }
}
