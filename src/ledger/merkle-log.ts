/**
 * The global, append-only Merkle log over every ledger event (DESIGN.md, "The ledger", item 6).
 *
 * Leaf i is the i-th event of the log in commit order; its entry is the event's exact canonical
 * body bytes, so leaf hash = SHA-256(0x00 || body) (RFC 9162 §2.1.1). The tree is therefore a
 * pure function of the event log: anyone holding the log recomputes every root, and a signed
 * checkpoint (C2SP tlog-checkpoint) commits the log to everything before its size — deleting,
 * changing or reordering an earlier event, or truncating the log, changes the root.
 *
 * State: `merkle.db` (SQLite) under DATA_DIR keeps one row per leaf (index → event position,
 * stream, revision, leaf hash) and a mirror of the signed checkpoints; an in-memory
 * `MerkleTreeStore` (src/crypto/merkle.ts, the one subtree cache) holds every complete subtree
 * hash so roots and proofs for any earlier size cost O(log n).
 * Start-up reloads the stored leaf hashes in large batches (never the bodies) and rebuilds the
 * interior hashes from them; then the log follows the event store live from where it stopped.
 *
 * The record of what was signed is the shared read-model store (`shared`, the one every instance
 * opens): checkpoints in `ledger_checkpoints`, witness cosignatures in `ledger_cosignatures`,
 * written with `insertIfAbsent`. merkle.db mirrors them so that reads stay synchronous; the mirror
 * is pulled at start, before each signing and every `syncIntervalMs`. So merkle.db is only a
 * cache: if it is lost, its leaves are rebuilt from the events and its checkpoints from the
 * shared store. Before it signs, the log checks that its newest leaf is the event the store holds
 * at that place, and that the new root is consistent with every checkpoint signed before by any
 * instance, the newest shared one included (tlog-checkpoint "Signatures": a log MUST NOT sign
 * inconsistent checkpoints); a log shorter than a signed checkpoint is refused (LOG_SHORTER).
 *
 * Several processes may open one merkle.db (several servers on one DATA_DIR, `npm run
 * checkpoint` beside a server): leaves are written INSERT-or-compare (a row that exists must be
 * the same leaf, else LOG_DIVERGED), checkpoints once per size, under busy_timeout.
 *
 * A subscription that fails (the event store went away) is not the end: the log resubscribes
 * from its last leaf with backoff and says meanwhile that it is stalled (`health()`).
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PositionWaiters } from '../store/position-waiters';
import { checkpointVerifiers, readCheckpointNote, signCheckpoint as signCheckpointNote } from '../crypto/checkpoint';
import type { Keyring } from '../crypto/keyring';
import {
  consistencyProof as treeConsistencyProof,
  HASH_SIZE,
  inclusionProof as treeInclusionProof,
  leafHash,
  MerkleTreeStore,
  rootFromLeafHashes,
} from '../crypto/merkle';
import { ed25519NoteSigner, ed25519VerifierKey, isValidKeyName, type NoteVerifier } from '../crypto/signed-note';
import type { EventStore, RecordedEvent, Subscription } from '../store/event-store';
import type { Doc, ReadModelStore } from '../readmodel/read-model-store';

/** Collections of the shared read-model store that hold the log's record (no projection names them). */
export const CHECKPOINTS_COLLECTION = 'ledger_checkpoints';
export const COSIGNATURES_COLLECTION = 'ledger_cosignatures';

/** A checkpoint the log signed, as stored. `origin`, `size` and `rootHash` are read from the note. */
export interface StoredCheckpoint {
  readonly origin: string;
  readonly size: number;
  /** MTH of the first `size` leaves, 32 bytes. */
  readonly rootHash: Uint8Array;
  /** The C2SP signed note, exactly as signed. */
  readonly note: string;
  /** Ledger key id of the key that signed it. */
  readonly kid: string;
  /** UTC ISO-8601 instant it was signed (not part of the signed text). */
  readonly signedAt: string;
}

/** A witness's cosignature of a stored checkpoint (docs/ledger-format.md §11.10), as stored. */
export interface StoredCosignature {
  readonly size: number;
  readonly witness: string;
  readonly keyId: number;
  /** POSIX seconds at which the witness signed. */
  readonly timestamp: number;
  /** `— <witness> <base64(key ID || timestamp || signature)>\n`. */
  readonly line: string;
  readonly receivedAt: string;
}

/** One leaf: which event it is and its hash. */
export interface MerkleLeaf {
  readonly index: number;
  readonly position: string;
  readonly stream: string;
  readonly revision: number;
  readonly leafHash: Buffer;
}

export type MerkleLogErrorCode =
  /** merkle.db and the event log disagree about which event is at a leaf index. */
  | 'LOG_DIVERGED'
  /** The tree's root at a signed checkpoint's size differs from the signed root. */
  | 'CHECKPOINT_INCONSISTENT'
  /** merkle.db belongs to a log with another origin than the configured one. */
  | 'ORIGIN_MISMATCH'
  /** The event log holds fewer events than a signed checkpoint commits to (truncated, or restored from an old backup). */
  | 'LOG_SHORTER'
  /** merkle.db is damaged (missing leaves, unreadable checkpoints). */
  | 'CORRUPT_STORE'
  /** The log is stopped (or never started). */
  | 'CLOSED';

export class MerkleLogError extends Error {
  constructor(
    readonly code: MerkleLogErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MerkleLogError';
  }
}

export interface MerkleLogOptions {
  /** Path of merkle.db (`paths(config).merkle`), or ':memory:'. */
  readonly file: string;
  /** For `signedAt`. Default: the system clock. */
  readonly clock?: () => Date;
  /** Sign a checkpoint this often when the log grew since the last one. 0 (default): only on demand. */
  readonly checkpointIntervalMs?: number;
  /**
   * Origin line and note key name for a new merkle.db; default `interview-ledger/<active kid>`.
   * Once stored, the origin is the log's identity: a different configured origin is refused.
   */
  readonly origin?: string;
  /** Leaves written to merkle.db per transaction while catching up. Default 2000. */
  readonly batchSize?: number;
  /** Called when following or periodic signing fails. Default: console.error. */
  readonly onError?: (error: unknown) => void;
  /**
   * The shared read-model store: the record of signed checkpoints and cosignatures that every
   * instance reads and writes. Absent (one-shot copies, e.g. a backup's): merkle.db alone.
   */
  readonly shared?: ReadModelStore;
  /** Pull the shared checkpoints into merkle.db this often while following. Default 5000; 0: only at start and before signing. */
  readonly syncIntervalMs?: number;
  /** First wait before resubscribing after the event store dropped the subscription; doubles up to 30 s. Default 250. */
  readonly retryDelayMs?: number;
}

/** Whether the log follows the event store: what /ready reports. */
export interface MerkleLogHealth {
  /** Subscribed and not stalled nor stopped by an error. */
  readonly following: boolean;
  /** Events in the store after the last leaf (counted up to 10 000); null when the store did not answer. */
  readonly behind: number | null;
  /** Since when the subscription is down and being retried (UTC ISO-8601), or null. */
  readonly stalledSince: string | null;
  /** The last error following met (retried or not), or null. */
  readonly lastError: string | null;
  /** The error that stopped the log for good (`error`), or null. */
  readonly failure: string | null;
}

export const MERKLE_DB_FORMAT = 'interview-ledger-merkle/v1';

/** Leaf hashes read per query at start-up: 2 MiB of hashes, one buffer per query. */
const LOAD_BATCH = 65_536;
/** Documents read per query from the shared store. */
const SYNC_PAGE = 1000;
const MAX_RETRY_DELAY_MS = 30_000;

/** A checkpoint in the shared store: id is the size, zero-padded, so that ids sort as sizes. */
interface CheckpointDoc extends Doc {
  readonly size: number;
  readonly note: string;
  readonly kid: string;
  readonly signedAt: string;
}

interface CosignatureDoc extends Doc {
  readonly size: number;
  readonly witness: string;
  readonly keyId: number;
  readonly timestamp: number;
  readonly line: string;
  readonly receivedAt: string;
}

/** 16 digits: every safe integer, so that text order is number order. */
const sizeId = (size: number): string => String(size).padStart(16, '0');
const cosignatureId = (size: number, keyId: number, witness: string): string => `${sizeId(size)}:${keyId}:${witness}`;
/** Size, key ID and witness of a cosignature id (the witness may hold ':', the first two never). */
function cosignatureKey(id: string): [number, number, string] {
  const [size = '', keyId = ''] = id.split(':', 2);
  return [Number(size), Number(keyId), id.slice(size.length + keyId.length + 2)];
}

interface PendingLeaf {
  readonly position: string;
  readonly stream: string;
  readonly revision: number;
  readonly hash: Buffer;
}

interface LeafRow {
  leaf_index: number;
  position: string;
  stream: string;
  revision: number;
  leaf_hash: Buffer;
}

interface CosignatureRow {
  tree_size: number;
  witness: string;
  key_id: number;
  timestamp: number;
  line: string;
  received_at: string;
}

interface CheckpointRow {
  tree_size: number;
  note: string;
  kid: string;
  signed_at: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS leaves (
    leaf_index INTEGER PRIMARY KEY,                       -- 0, 1, 2, ... in commit order
    position   TEXT    NOT NULL UNIQUE,                   -- the event store's position
    stream     TEXT    NOT NULL,
    revision   INTEGER NOT NULL,
    leaf_hash  BLOB    NOT NULL CHECK (length(leaf_hash) = 32),  -- SHA-256(0x00 || body)
    UNIQUE (stream, revision)
  );
  CREATE TABLE IF NOT EXISTS checkpoints (
    tree_size INTEGER PRIMARY KEY,
    note      TEXT NOT NULL,                              -- the signed note, as signed
    kid       TEXT NOT NULL,
    signed_at TEXT NOT NULL
  );
  -- Witness cosignatures (C2SP tlog-cosignature) of stored checkpoints, append-only: one per
  -- witness key and checkpoint, the first kept. Verified before they are stored.
  CREATE TABLE IF NOT EXISTS cosignatures (
    tree_size   INTEGER NOT NULL REFERENCES checkpoints (tree_size),
    witness     TEXT    NOT NULL,                     -- the witness's key name
    key_id      INTEGER NOT NULL,                     -- its 32-bit key ID
    timestamp   INTEGER NOT NULL,                     -- POSIX seconds the witness signed at
    line        TEXT    NOT NULL,                     -- the signature line, as the witness wrote it
    received_at TEXT    NOT NULL,                     -- UTC ISO-8601
    PRIMARY KEY (tree_size, witness, key_id)
  );
`;

export class MerkleLog {
  private db: Database.Database | null = null;
  private stmts: ReturnType<MerkleLog['prepare']> | null = null;
  private tree = new MerkleTreeStore();
  private originName: string | null = null;
  /** Position of the last leaf in `tree` (and in merkle.db). */
  private lastPosition: string | null = null;
  private pending: PendingLeaf[] = [];
  private flushScheduled = false;
  private subscription: Subscription | null = null;
  /** Grows with each (re)subscription: a dropped subscription's late calls are ignored. */
  private generation = 0;
  private following = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private stalled: { since: Date; error: unknown } | null = null;
  private lastError: unknown = null;
  private timer: NodeJS.Timeout | null = null;
  private syncTimer: NodeJS.Timeout | null = null;
  /** Pulls from the shared store run one at a time, in this chain. */
  private pulling: Promise<unknown> = Promise.resolve();
  private polling = false;
  /** The origin of the newest shared checkpoint, for a new merkle.db when none is configured. */
  private sharedOrigin: string | undefined;
  private signing: Promise<unknown> = Promise.resolve();
  private readonly waiters: PositionWaiters;
  private failure: unknown = null;
  private readonly clock: () => Date;

  constructor(
    private readonly store: EventStore,
    private readonly keyring: Keyring,
    private readonly options: MerkleLogOptions,
  ) {
    this.waiters = new PositionWaiters((a, b) => store.comparePositions(a, b));
    this.clock = options.clock ?? (() => new Date());
    const interval = options.checkpointIntervalMs ?? 0;
    if (!Number.isSafeInteger(interval) || interval < 0)
      throw new RangeError(`checkpointIntervalMs must be a non-negative integer, got ${interval}`);
    for (const [name, value] of [
      ['syncIntervalMs', options.syncIntervalMs],
      ['retryDelayMs', options.retryDelayMs],
    ] as const) {
      if (value !== undefined && (!Number.isSafeInteger(value) || value < 0))
        throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
    }
    this.retryDelay = options.retryDelayMs ?? 250;
  }

  /** Number of leaves (events) in the tree. */
  get size(): number {
    return this.tree.size;
  }

  /** Position of the last event in the tree, or null while it is empty. */
  get position(): string | null {
    return this.lastPosition;
  }

  /** The log's origin: first line of its checkpoints and key name of their signatures. */
  get origin(): string {
    if (this.originName === null) throw new MerkleLogError('CLOSED', 'the Merkle log is not open');
    return this.originName;
  }

  /** The error that stopped the log from following or signing for good, if any. */
  get error(): unknown {
    return this.failure;
  }

  /** Since when the subscription is down and being retried, or null. */
  get stalledSince(): Date | null {
    return this.stalled?.since ?? null;
  }

  /** Whether it follows the event store, how far behind, and what went wrong: for /ready. */
  async health(): Promise<MerkleLogHealth> {
    let behind: number | null;
    try {
      behind = await this.store.countAfter(this.lastPosition, 10_000);
    } catch {
      behind = null;
    }
    const text = (error: unknown) => (error === null ? null : error instanceof Error ? error.message : String(error));
    return {
      following: this.subscription !== null && this.stalled === null && this.failure === null,
      behind,
      stalledSince: this.stalled?.since.toISOString() ?? null,
      lastError: text(this.lastError),
      failure: text(this.failure),
    };
  }

  /**
   * Opens merkle.db and loads the stored leaves into memory (idempotent). Checks the newest
   * stored checkpoint against the reloaded tree.
   */
  open(): void {
    if (this.db) return;
    const file = this.options.file;
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      // First: another process may be creating or writing this file right now.
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      // NORMAL, not FULL: every leaf is re-derivable from the (fully synced) event log, and a
      // lost tail is simply re-derived at the next start. Commits stay atomic either way.
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
      // The bulk load below concatenates BLOBs through group_concat, which passes bytes
      // through unchanged only in a UTF-8 database (the default, and what we create).
      const encoding = db.pragma('encoding', { simple: true });
      if (encoding !== 'UTF-8') throw new MerkleLogError('CORRUPT_STORE', `${file}: expected a UTF-8 database, found ${String(encoding)}`);
      this.db = db;
      this.stmts = this.prepare(db);
      this.originName = this.resolveOrigin();
      this.load();
    } catch (error) {
      this.db = null;
      this.stmts = null;
      db.close();
      throw error;
    }
  }

  /**
   * Opens, checks merkle.db against the event log, then follows the log: catch-up from the
   * last stored leaf, then live. Starts periodic signing if configured.
   */
  async start(): Promise<void> {
    if (this.following) return;
    await this.openShared();
    try {
      await this.assertMatchesLog(this.size);
      await this.sync();
    } catch (error) {
      this.close();
      throw error;
    }
    this.following = true;
    this.subscribe();
    const interval = this.options.checkpointIntervalMs ?? 0;
    if (interval > 0) {
      this.timer = setInterval(() => void this.tick(), interval);
      this.timer.unref(); // a pending checkpoint never keeps the process alive
    }
    const syncInterval = this.options.syncIntervalMs ?? 5000;
    if (this.options.shared && syncInterval > 0) {
      this.syncTimer = setInterval(() => this.poll(), syncInterval);
      this.syncTimer.unref();
    }
  }

  /** Stops following and signing, writes what was received, closes merkle.db. */
  async stop(): Promise<void> {
    this.following = false;
    for (const timer of [this.timer, this.syncTimer]) if (timer) clearInterval(timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.timer = this.syncTimer = this.retryTimer = null;
    this.generation++;
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.unsubscribe();
    await this.signing;
    await this.pulling;
    if (this.db && !this.failure) {
      try {
        this.flush();
      } catch (error) {
        this.fail(error); // reported; closing goes on (the leaves are re-derived at the next start)
      }
    }
    this.close();
    this.waiters.cancelAll();
  }

  private close(): void {
    this.db?.close();
    this.db = null;
    this.stmts = null;
  }

  /**
   * Reads every event after the last leaf and adds it, for one-shot scripts that do not
   * follow the log live. Returns the number of leaves added.
   */
  async catchUp(onProgress?: (added: number) => void): Promise<number> {
    if (this.following) throw new Error('catchUp: the Merkle log is already following the event store');
    await this.openShared();
    await this.assertMatchesLog(this.size);
    await this.sync();
    let added = 0;
    for (;;) {
      const events = await this.store.readAll({ after: this.lastPosition, maxCount: 10_000 });
      if (events.length === 0) return added;
      for (const event of events) this.accept(event);
      this.flush();
      added += events.length;
      onProgress?.(added);
    }
  }

  /** Resolves true once the event at `position` is in the tree; false after `timeoutMs` or on stop. */
  waitFor(position: string, timeoutMs = 5000): Promise<boolean> {
    return this.waiters.wait(this.lastPosition, position, timeoutMs);
  }

  /** Leaf index of the event at `position`, if it is in the tree yet. */
  leafIndexOf(position: string): number | undefined {
    const index = this.statements().indexByPosition.get(position);
    return index !== undefined && index < this.size ? index : undefined;
  }

  /** Leaf index of event `revision` of `stream`, if it is in the tree yet. */
  leafIndexOfEvent(stream: string, revision: number): number | undefined {
    const index = this.statements().indexByEvent.get(stream, revision);
    return index !== undefined && index < this.size ? index : undefined;
  }

  /** The leaf at `index`, if it is in the tree. */
  leaf(index: number): MerkleLeaf | undefined {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.size) return undefined;
    const row = this.statements().leaf.get(index);
    return row ? toLeaf(row) : undefined;
  }

  /** MTH of the first `treeSize` leaves (default: all), RFC 9162 §2.1.1. O(log n). */
  root(treeSize?: number): Uint8Array {
    return rootFromLeafHashes(this.tree, treeSize);
  }

  /** Audit path for leaf `leafIndex` in the tree of size `treeSize` (default: all), RFC 9162 §2.1.3.1. */
  inclusionProof(leafIndex: number, treeSize: number = this.size): Uint8Array[] {
    return treeInclusionProof(this.tree, leafIndex, treeSize);
  }

  /** Consistency proof between two sizes, RFC 9162 §2.1.4.1 (0 < oldSize ≤ newSize ≤ size). */
  consistencyProof(oldSize: number, newSize: number): Uint8Array[] {
    return treeConsistencyProof(this.tree, oldSize, newSize);
  }

  /**
   * Signs a checkpoint for the current size now, stores it and returns it. If one was already
   * signed at this size it is returned instead (the same size always has the same root).
   * Signings run one at a time.
   */
  signCheckpoint(): Promise<StoredCheckpoint> {
    const run = this.signing.then(() => this.signNow());
    this.signing = run.catch(() => undefined);
    return run;
  }

  /** The checkpoint with the largest size (at most `maxSize`, when given), or null. */
  latestCheckpoint(maxSize?: number): StoredCheckpoint | null {
    const row = this.statements().latestCheckpoint.get(maxSize ?? Number.MAX_SAFE_INTEGER);
    return row ? this.toCheckpoint(row) : null;
  }

  /** The checkpoint signed at exactly `size`, or null. */
  checkpointAt(size: number): StoredCheckpoint | null {
    const row = this.statements().checkpointAt.get(size);
    return row ? this.toCheckpoint(row) : null;
  }

  /** Stored checkpoints, newest (largest) first: `limit` of them with size below `beforeSize`. */
  checkpoints(options: { limit?: number; beforeSize?: number } = {}): StoredCheckpoint[] {
    const rows = this.statements().checkpoints.all(options.beforeSize ?? Number.MAX_SAFE_INTEGER, options.limit ?? 100);
    return rows.map((row) => this.toCheckpoint(row));
  }

  /**
   * Stores a witness's cosignature of the checkpoint of `size`, which the caller has verified
   * over that checkpoint's note (src/application/cosignatures.ts). Append-only: a second
   * cosignature by the same witness key of the same checkpoint is not stored, the first stays.
   * Returns whether it was stored.
   */
  async addCosignature(cosignature: Omit<StoredCosignature, 'receivedAt'>): Promise<boolean> {
    if (!this.checkpointAt(cosignature.size)) await this.sync();
    if (!this.checkpointAt(cosignature.size))
      throw new MerkleLogError('CORRUPT_STORE', `no checkpoint of size ${cosignature.size} to cosign`);
    const { size, witness, keyId, timestamp, line } = cosignature;
    const doc: CosignatureDoc = {
      id: cosignatureId(size, keyId, witness),
      size,
      witness,
      keyId,
      timestamp,
      line,
      receivedAt: this.clock().toISOString(),
    };
    const shared = this.options.shared;
    // The shared store first: it is the record, and it says which instance's copy was first.
    if (shared && !(await shared.insertIfAbsent(COSIGNATURES_COLLECTION, doc))) {
      const first = await shared.get<CosignatureDoc>(COSIGNATURES_COLLECTION, doc.id);
      if (first) this.mirrorCosignature(first);
      return false;
    }
    return this.mirrorCosignature(doc);
  }

  /** The cosignatures of the checkpoint of `size`, in the order they were received. */
  cosignatures(size: number): StoredCosignature[] {
    return this.statements()
      .cosignatures.all(size)
      .map((r) => ({
        size: r.tree_size,
        witness: r.witness,
        keyId: r.key_id,
        timestamp: r.timestamp,
        line: r.line,
        receivedAt: r.received_at,
      }));
  }

  /**
   * Of the checkpoints of at least `minSize` entries that witnesses cosigned, the one cosigned by
   * the most witness keys (the largest among equals), or null when none is cosigned.
   */
  mostCosignedCheckpoint(minSize: number): StoredCheckpoint | null {
    const size = this.statements().mostCosigned.get(minSize);
    return size === undefined ? null : this.checkpointAt(size);
  }

  /** The checkpoint's note with its witnesses' cosignature lines after the log's own: what C2SP clients read. */
  cosignedNote(checkpoint: Pick<StoredCheckpoint, 'size' | 'note'>): string {
    return (
      checkpoint.note +
      this.cosignatures(checkpoint.size)
        .map((c) => c.line)
        .join('')
    );
  }

  /** Verifier keys (`<origin>+<key ID>+<key>`) of every ledger key, for checkpoint verifiers. */
  verifierKeys(): string[] {
    return this.keyring.published.map((k) => ed25519VerifierKey(this.origin, Buffer.from(k.publicKey, 'base64')));
  }

  /** Note verifiers for this log's checkpoints: every ledger key under the origin. */
  verifiers(): NoteVerifier[] {
    return checkpointVerifiers(
      this.origin,
      this.keyring.published.map((k) => k.publicKey),
    );
  }

  /**
   * Pulls the shared store's checkpoints and cosignatures into merkle.db, completely: what is
   * new, then, when the counts differ, everything both ways. Each checkpoint is checked against
   * the tree as far as it reaches: another origin, or a root the tree contradicts, stops the
   * log. Checkpoints only merkle.db holds (signed before the store was the record, or kept in a
   * backup's merkle.db) are written to the store. A no-op without a shared store.
   */
  sync(): Promise<void> {
    return this.queuePull(true);
  }

  // ---- the shared record ----

  /** Opens merkle.db; a new one takes the shared checkpoints' origin when none is configured. */
  private async openShared(): Promise<void> {
    if (this.db) return;
    const shared = this.options.shared;
    if (shared && this.options.origin === undefined) {
      const [newest] = await shared.find<CheckpointDoc>(CHECKPOINTS_COLLECTION, { orderBy: { field: 'id', direction: 'desc' }, limit: 1 });
      if (newest) this.sharedOrigin = this.parseCheckpoint(newest.size, newest.note, newest.kid, newest.signedAt).origin;
    }
    this.open();
  }

  private queuePull(complete: boolean): Promise<void> {
    const shared = this.options.shared;
    if (!shared) return Promise.resolve();
    const run = this.pulling.then(() => (this.db ? this.pull(shared, complete) : undefined));
    this.pulling = run.catch(() => undefined);
    return run;
  }

  /**
   * The periodic pull, kept light (one indexed read per collection when nothing is new): what
   * sorts after the newest mirrored document. A checkpoint another instance stored late with a
   * smaller size, or a cosignature of an older checkpoint, comes with the next complete pull
   * (the next signing, or a start).
   */
  private poll(): void {
    if (this.polling || !this.db || this.failure) return;
    this.polling = true;
    this.queuePull(false)
      .catch((error: unknown) => this.report(error))
      .finally(() => (this.polling = false));
  }

  private async pull(shared: ReadModelStore, complete: boolean): Promise<void> {
    const stmts = this.statements();
    const newestId = async (collection: string) =>
      (await shared.find(collection, { orderBy: { field: 'id', direction: 'desc' }, limit: 1 }))[0]?.id ?? null;
    // New checkpoints (larger than any mirrored one), then, when the counts still differ, every one.
    const newest = stmts.maxCheckpointSize.get() ?? -1;
    const after = newest < 0 ? null : sizeId(newest);
    const newestShared = complete ? null : await newestId(CHECKPOINTS_COLLECTION);
    if (complete || (newestShared !== null && (after === null || newestShared > after)))
      await this.pullPages<CheckpointDoc>(shared, CHECKPOINTS_COLLECTION, after, (doc) => this.mirrorCheckpoint(doc));
    if (complete && (await shared.count(CHECKPOINTS_COLLECTION)) !== stmts.countCheckpoints.get()) {
      await this.pullPages<CheckpointDoc>(shared, CHECKPOINTS_COLLECTION, null, (doc) => this.mirrorCheckpoint(doc));
      for (const row of stmts.allCheckpoints.iterate() as IterableIterator<CheckpointRow>) {
        const doc: CheckpointDoc = {
          id: sizeId(row.tree_size),
          size: row.tree_size,
          note: row.note,
          kid: row.kid,
          signedAt: row.signed_at,
        };
        if (await shared.insertIfAbsent(CHECKPOINTS_COLLECTION, doc)) continue;
        const first = await shared.get<CheckpointDoc>(CHECKPOINTS_COLLECTION, doc.id);
        if (first && first.note !== doc.note) this.assertSameRoot(doc, first);
      }
    }
    // Cosignatures come for any checkpoint, mostly the newest: from the largest cosigned size on.
    const cosigned = stmts.maxCosignedSize.get() ?? -1;
    const newestCosignature = complete ? null : await newestId(COSIGNATURES_COLLECTION);
    if (complete || (newestCosignature !== null && stmts.hasCosignature.get(...cosignatureKey(newestCosignature)) === undefined))
      await this.pullPages<CosignatureDoc>(shared, COSIGNATURES_COLLECTION, cosigned < 0 ? null : sizeId(cosigned), (doc) =>
        this.mirrorCosignature(doc),
      );
    if (complete && (await shared.count(COSIGNATURES_COLLECTION)) !== stmts.countCosignatures.get()) {
      await this.pullPages<CosignatureDoc>(shared, COSIGNATURES_COLLECTION, null, (doc) => this.mirrorCosignature(doc));
      for (const r of stmts.allCosignatures.iterate() as IterableIterator<CosignatureRow>) {
        await shared.insertIfAbsent(COSIGNATURES_COLLECTION, {
          id: cosignatureId(r.tree_size, r.key_id, r.witness),
          size: r.tree_size,
          witness: r.witness,
          keyId: r.key_id,
          timestamp: r.timestamp,
          line: r.line,
          receivedAt: r.received_at,
        } satisfies CosignatureDoc);
      }
    }
  }

  /** Every document of `collection` with an id after `after` (all when null), in id order, a page at a time. */
  private async pullPages<T extends Doc>(shared: ReadModelStore, collection: string, after: string | null, take: (doc: T) => void) {
    let cursor = after;
    for (;;) {
      const page = await shared.find<T>(collection, {
        orderBy: { field: 'id', direction: 'asc' },
        ...(cursor === null ? {} : { after: { value: cursor, id: cursor } }),
        limit: SYNC_PAGE,
      });
      if (!this.db) return; // stopped meanwhile
      for (const doc of page) take(doc);
      if (page.length < SYNC_PAGE) return;
      cursor = page[page.length - 1]!.id;
    }
  }

  /** Writes a shared checkpoint into merkle.db, after checking it against the tree as far as the tree reaches. */
  private mirrorCheckpoint(doc: CheckpointDoc): void {
    const checkpoint = this.parseCheckpoint(doc.size, doc.note, doc.kid, doc.signedAt);
    if (checkpoint.origin !== this.origin) {
      const error = new MerkleLogError(
        'ORIGIN_MISMATCH',
        `the shared store holds checkpoint ${doc.size} of the log ${checkpoint.origin}, this log is ${this.origin}: set LEDGER_LOG_ORIGIN alike on every instance`,
      );
      this.fail(error);
      throw error;
    }
    const stmts = this.statements();
    if (stmts.insertCheckpoint.run(doc.size, doc.note, doc.kid, doc.signedAt).changes === 0) {
      const mine = stmts.checkpointAt.get(doc.size);
      if (mine && mine.note !== doc.note) this.assertSameRoot(this.toCheckpoint(mine), checkpoint);
    }
    this.assertConsistent(checkpoint);
  }

  private mirrorCosignature(doc: CosignatureDoc): boolean {
    return this.statements().insertCosignature.run(doc.size, doc.witness, doc.keyId, doc.timestamp, doc.line, doc.receivedAt).changes === 1;
  }

  /**
   * Two notes at one size: another key (a rotation between two instances' signings) is the same
   * statement; another root is two histories.
   */
  private assertSameRoot(a: Pick<StoredCheckpoint, 'size' | 'note'>, b: Pick<StoredCheckpoint, 'size' | 'note'>): void {
    const [ra, rb] = [a, b].map((c) => this.parseCheckpoint(c.size, c.note, '', '').rootHash);
    if (!bytesEqual(ra!, rb!)) {
      const error = new MerkleLogError(
        'CHECKPOINT_INCONSISTENT',
        `two checkpoints of size ${a.size} sign different roots: the log was signed inconsistently (run npm run verify)`,
      );
      this.fail(error);
      throw error;
    }
  }

  // ---- following the event store ----

  /** Subscribes from the last leaf (or the last pending one). A new generation: the previous subscription is ignored. */
  private subscribe(): void {
    const generation = ++this.generation;
    const after = this.pending.length > 0 ? this.pending[this.pending.length - 1]!.position : this.lastPosition;
    const subscription = this.store.subscribeAll(
      { after, onError: (error) => generation === this.generation && this.dropped(error) },
      (event) => {
        if (generation === this.generation) this.onEvent(event);
      },
    );
    if (generation === this.generation) this.subscription = subscription;
  }

  /**
   * The subscription ended with an error. The log's own refusals (a diverged log) stop it for
   * good; anything else (the event store restarted, a network blip, a busy merkle.db) is retried
   * from the last leaf written, with backoff, and the log says it is stalled meanwhile.
   */
  private dropped(error: unknown): void {
    if (this.failure || error instanceof MerkleLogError) {
      this.subscription = null;
      this.fail(error);
      return;
    }
    this.lastError = error;
    this.stalled ??= { since: this.clock(), error };
    this.report(error);
    const previous = this.subscription;
    this.subscription = null;
    this.generation++; // whatever the old subscription still delivers is ignored
    this.pending = []; // not written: delivered again after the last leaf
    void previous?.unsubscribe().catch(() => undefined);
    if (!this.following || this.retryTimer) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(MAX_RETRY_DELAY_MS, Math.max(1, delay * 2));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.following || this.failure) return;
      this.subscribe();
      // An idle log delivers nothing to show it is back: a subscription that held as long as the
      // wait before it, with nothing left to deliver, is taken as recovered.
      const generation = this.generation;
      setTimeout(() => {
        if (generation !== this.generation || !this.stalled || this.failure) return;
        void this.store.countAfter(this.lastPosition, 1).then(
          (behind) => {
            if (behind === 0 && generation === this.generation) this.recovered();
          },
          () => undefined,
        );
      }, delay).unref();
    }, delay);
    this.retryTimer.unref();
  }

  private recovered(): void {
    this.stalled = null;
    this.retryDelay = this.options.retryDelayMs ?? 250;
  }

  private onEvent(event: RecordedEvent): void {
    // Throwing stops the subscription: nothing is added after a failure.
    if (this.failure) throw this.failure;
    if (this.stalled) this.recovered(); // delivering again: the subscription is back
    this.accept(event);
    if (this.pending.length >= (this.options.batchSize ?? 2000)) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        if (!this.db || this.failure) return;
        try {
          this.flush();
        } catch {
          // Reported by flush; a refusal stopped the log, anything else resubscribes.
        }
      });
    }
  }

  private accept(event: RecordedEvent): void {
    const last = this.pending.length > 0 ? this.pending[this.pending.length - 1]!.position : this.lastPosition;
    // A redelivered event is already a leaf; the tree only ever grows by the next event.
    if (last !== null && this.store.comparePositions(event.position, last) <= 0) return;
    this.pending.push({ position: event.position, stream: event.stream, revision: event.revision, hash: leafHash(event.body) });
  }

  /**
   * Writes pending leaves to merkle.db in one transaction, then adds them to the tree, and checks
   * the mirrored checkpoints the tree now reaches. A refusal (LOG_DIVERGED, CHECKPOINT_INCONSISTENT)
   * stops the log; any other failure drops the batch and, when following, resubscribes after the
   * last leaf written, so that no event is ever skipped.
   */
  private flush(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    const stmts = this.statements();
    this.pending = [];
    const first = this.tree.size;
    try {
      stmts.insertLeaves(first, batch);
    } catch (error) {
      if (error instanceof MerkleLogError) this.fail(error);
      else if (this.following) this.dropped(error);
      throw error;
    }
    this.tree.appendMany(batch.length === 1 ? batch[0]!.hash : Buffer.concat(batch.map((leaf) => leaf.hash)));
    const last = batch[batch.length - 1]!.position;
    this.lastPosition = last;
    this.waiters.reached(last);
    for (const row of stmts.checkpointsBetween.all(first, this.tree.size)) this.assertConsistent(this.toCheckpoint(row));
  }

  /**
   * Reads events after the last leaf straight from the store until the tree has `size` leaves
   * (or the log ends): a signed checkpoint ahead of this instance is checked before it signs,
   * not after. What the subscription delivers again is skipped by `accept`.
   */
  private async readAhead(size: number): Promise<void> {
    while (this.size + this.pending.length < size) {
      const after = this.pending.length > 0 ? this.pending[this.pending.length - 1]!.position : this.lastPosition;
      const events = await this.store.readAll({ after, maxCount: Math.min(10_000, size - this.size - this.pending.length) });
      if (events.length === 0) break;
      for (const event of events) this.accept(event);
      this.flush();
    }
    this.flush();
  }

  private async tick(): Promise<void> {
    if (!this.db || this.failure) return;
    try {
      this.flush();
      const latest = this.latestCheckpoint();
      if (this.size > 0 && (latest === null || this.size > latest.size)) await this.signCheckpoint();
    } catch (error) {
      this.report(error);
    }
  }

  private async signNow(): Promise<StoredCheckpoint> {
    if (this.failure) throw this.failure;
    this.flush();
    // Every instance's checkpoints, the newest shared one included, are checked below.
    await this.sync();
    const newest = this.latestCheckpoint();
    if (newest && newest.size > this.size) {
      await this.readAhead(newest.size);
      if (newest.size > this.size) {
        const error = new MerkleLogError(
          'LOG_SHORTER',
          `a checkpoint of ${newest.size} events was signed, but the event log holds only ${this.size}: it was truncated or restored from an older backup; refusing to sign (run npm run verify)`,
        );
        this.fail(error);
        throw error;
      }
    }
    const size = this.size;
    const root = this.root(size);
    const existing = this.checkpointAt(size);
    if (existing) {
      this.assertConsistent(existing);
      return existing;
    }
    await this.assertMatchesLog(size);
    // The newest checkpoint at or below this size must be a prefix of this tree.
    const previous = this.latestCheckpoint(size);
    if (previous) this.assertConsistent(previous);
    const { kid, key } = this.keyring.signingKey();
    const note = signCheckpointNote({ origin: this.origin, size, rootHash: root }, ed25519NoteSigner(this.origin, key));
    const doc: CheckpointDoc = { id: sizeId(size), size, note, kid, signedAt: this.clock().toISOString() };
    const shared = this.options.shared;
    if (shared && !(await shared.insertIfAbsent(CHECKPOINTS_COLLECTION, doc))) {
      // Another instance signed this size meanwhile. With the same key and origin the note is
      // byte-identical (Ed25519 is deterministic, the note has no time); the first one stays.
      const first = await shared.get<CheckpointDoc>(CHECKPOINTS_COLLECTION, doc.id);
      if (!first) throw new MerkleLogError('CORRUPT_STORE', `checkpoint ${size} is neither stored nor storable`);
      this.mirrorCheckpoint(first);
    } else {
      // Another process on this merkle.db (npm run checkpoint) may have signed this size meanwhile: keep the first.
      this.statements().insertCheckpoint.run(size, note, kid, doc.signedAt);
    }
    const stored = this.checkpointAt(size);
    if (!stored) throw new MerkleLogError('CORRUPT_STORE', `checkpoint ${size} was not stored`);
    this.assertConsistent(stored);
    return stored;
  }

  /** Fails (and stops signing for good) if a signed root differs from the tree's at its size. */
  private assertConsistent(checkpoint: StoredCheckpoint): void {
    if (checkpoint.size > this.size) return; // beyond what this process holds; checked when it gets there
    if (checkpoint.origin !== this.origin || !bytesEqual(checkpoint.rootHash, this.root(checkpoint.size))) {
      const error = new MerkleLogError(
        'CHECKPOINT_INCONSISTENT',
        `signed checkpoint at size ${checkpoint.size} does not match the tree derived from the event log; refusing to sign (run npm run verify)`,
      );
      this.fail(error);
      throw error;
    }
  }

  /**
   * The last leaf of a tree of `size` must be the event the store holds right after leaf
   * size-2, with the same body: a merkle.db left over from another log (or a log rewritten
   * since) is never extended or signed.
   */
  private async assertMatchesLog(size: number): Promise<void> {
    // An empty tree is a prefix of any log: it has just not caught up yet.
    if (size === 0) return;
    const leaf = this.leaf(size - 1);
    const before = size >= 2 ? this.leaf(size - 2) : undefined;
    if (!leaf || (size >= 2 && !before)) throw new MerkleLogError('CORRUPT_STORE', `merkle.db has no leaf ${size - 1}`);
    const [event] = await this.store.readAll({ after: before?.position ?? null, maxCount: 1 });
    const diverged = (why: string) => {
      const error = new MerkleLogError(
        'LOG_DIVERGED',
        `leaf ${size - 1} (position ${leaf.position}) ${why}: merkle.db does not belong to this event log (run npm run verify)`,
      );
      this.fail(error);
      return error;
    };
    if (!event) throw diverged('is missing from the event log');
    if (this.store.comparePositions(event.position, leaf.position) !== 0) throw diverged(`is event position ${event.position} in the log`);
    if (!leafHash(event.body).equals(leaf.leafHash) || !bytesEqual(this.tree.leaf(size - 1), leaf.leafHash)) {
      throw diverged('hashes differently from its event body');
    }
  }

  private fail(error: unknown): void {
    if (error === this.failure) return; // already reported (e.g. rethrown to stop the subscription)
    this.failure ??= error;
    this.report(error);
  }

  private report(error: unknown): void {
    if (this.options.onError) this.options.onError(error);
    else console.error('merkle log:', error);
  }

  // ---- merkle.db ----

  private resolveOrigin(): string {
    const stmts = this.statements();
    const stored = stmts.getMeta.get('origin');
    const configured = this.options.origin;
    if (stored !== undefined) {
      if (configured !== undefined && configured !== stored) {
        throw new MerkleLogError('ORIGIN_MISMATCH', `${this.options.file} is the log ${stored}, not ${configured}: a log keeps its origin`);
      }
      return stored;
    }
    const origin = configured ?? this.sharedOrigin ?? `interview-ledger/${this.keyring.activeKid}`;
    if (!isValidKeyName(origin))
      throw new MerkleLogError('ORIGIN_MISMATCH', `origin ${JSON.stringify(origin)} must be non-empty with no spaces and no "+"`);
    // Several processes may open a new merkle.db at once: the first origin written stays, and all read it back.
    stmts.initMeta.run('format', MERKLE_DB_FORMAT);
    stmts.initMeta.run('origin', origin);
    const won = stmts.getMeta.get('origin')!;
    if (configured !== undefined && configured !== won)
      throw new MerkleLogError('ORIGIN_MISMATCH', `${this.options.file} is the log ${won}, not ${configured}: a log keeps its origin`);
    return won;
  }

  /**
   * Rebuilds the in-memory tree from the stored leaf hashes, LOAD_BATCH at a time, each batch
   * one concatenated BLOB: a million leaves are ~16 queries and 32 MiB, not a million Buffers.
   * Interior hashes are recomputed, not stored: nothing in merkle.db but leaf hashes is trusted.
   */
  private load(): void {
    const stmts = this.statements();
    const max = stmts.maxIndex.get();
    const count = max === null || max === undefined ? 0 : max + 1;
    const tree = new MerkleTreeStore(count);
    for (let start = 0; start < count; start += LOAD_BATCH) {
      const end = Math.min(count, start + LOAD_BATCH);
      const bytes = stmts.leafHashes.get(start, end);
      // Every stored hash is 32 bytes (CHECK constraint), so the length proves no index is missing.
      if (!Buffer.isBuffer(bytes) || bytes.length !== (end - start) * HASH_SIZE) {
        throw new MerkleLogError('CORRUPT_STORE', `${this.options.file}: leaves ${start}..${end - 1} are not all present`);
      }
      tree.appendMany(bytes);
    }
    this.tree = tree;
    this.lastPosition = count === 0 ? null : stmts.leaf.get(count - 1)!.position;
    this.pending = [];
    const latest = this.latestCheckpoint(count);
    if (latest) this.assertConsistent(latest);
  }

  private statements(): NonNullable<MerkleLog['stmts']> {
    if (!this.stmts) throw new MerkleLogError('CLOSED', 'the Merkle log is not open');
    return this.stmts;
  }

  private prepare(db: Database.Database) {
    const insertLeaf = db.prepare<[number, string, string, number, Buffer]>(
      'INSERT INTO leaves (leaf_index, position, stream, revision, leaf_hash) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const leaf = db.prepare<[number], LeafRow>('SELECT * FROM leaves WHERE leaf_index = ?');
    const insertLeaves = db.transaction((first: number, batch: readonly PendingLeaf[]) => {
      batch.forEach((l, i) => {
        const index = first + i;
        if (insertLeaf.run(index, l.position, l.stream, l.revision, l.hash).changes === 1) return;
        // Already there: written by another process following the same log (npm run
        // checkpoint next to the server). It must be this very leaf.
        const row = leaf.get(index);
        if (
          !row ||
          row.position !== l.position ||
          row.stream !== l.stream ||
          row.revision !== l.revision ||
          !row.leaf_hash.equals(l.hash)
        ) {
          throw new MerkleLogError(
            'LOG_DIVERGED',
            `leaf ${index}: merkle.db holds ${row ? `${row.stream}@${row.revision} (position ${row.position})` : 'another leaf with this event'}, the log has ${l.stream}@${l.revision} (position ${l.position})`,
          );
        }
      });
    });
    return {
      insertLeaves: (first: number, batch: readonly PendingLeaf[]) => insertLeaves.immediate(first, batch),
      leaf,
      maxIndex: db.prepare<[], number | null>('SELECT max(leaf_index) FROM leaves').pluck(),
      leafHashes: db
        .prepare<[number, number], Buffer | null>(
          "SELECT CAST(group_concat(leaf_hash, x'' ORDER BY leaf_index) AS BLOB) FROM leaves WHERE leaf_index >= ? AND leaf_index < ?",
        )
        .pluck(),
      indexByPosition: db.prepare<[string], number>('SELECT leaf_index FROM leaves WHERE position = ?').pluck(),
      indexByEvent: db.prepare<[string, number], number>('SELECT leaf_index FROM leaves WHERE stream = ? AND revision = ?').pluck(),
      getMeta: db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck(),
      initMeta: db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
      insertCheckpoint: db.prepare<[number, string, string, string]>(
        'INSERT INTO checkpoints (tree_size, note, kid, signed_at) VALUES (?, ?, ?, ?) ON CONFLICT (tree_size) DO NOTHING',
      ),
      checkpointAt: db.prepare<[number], CheckpointRow>('SELECT * FROM checkpoints WHERE tree_size = ?'),
      insertCosignature: db.prepare<[number, string, number, number, string, string]>(
        'INSERT INTO cosignatures (tree_size, witness, key_id, timestamp, line, received_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      cosignatures: db.prepare<[number], CosignatureRow>('SELECT * FROM cosignatures WHERE tree_size = ? ORDER BY rowid'),
      mostCosigned: db
        .prepare<[number], number>(
          'SELECT tree_size FROM cosignatures WHERE tree_size >= ? GROUP BY tree_size ORDER BY count(*) DESC, tree_size DESC LIMIT 1',
        )
        .pluck(),
      latestCheckpoint: db.prepare<[number], CheckpointRow>(
        'SELECT * FROM checkpoints WHERE tree_size <= ? ORDER BY tree_size DESC LIMIT 1',
      ),
      checkpoints: db.prepare<[number, number], CheckpointRow>(
        'SELECT * FROM checkpoints WHERE tree_size < ? ORDER BY tree_size DESC LIMIT ?',
      ),
      checkpointsBetween: db.prepare<[number, number], CheckpointRow>(
        'SELECT * FROM checkpoints WHERE tree_size > ? AND tree_size <= ? ORDER BY tree_size',
      ),
      maxCheckpointSize: db.prepare<[], number | null>('SELECT max(tree_size) FROM checkpoints').pluck(),
      countCheckpoints: db.prepare<[], number>('SELECT count(*) FROM checkpoints').pluck(),
      allCheckpoints: db.prepare<[], CheckpointRow>('SELECT * FROM checkpoints ORDER BY tree_size'),
      hasCosignature: db
        .prepare<[number, number, string], number>('SELECT 1 FROM cosignatures WHERE tree_size = ? AND key_id = ? AND witness = ?')
        .pluck(),
      maxCosignedSize: db.prepare<[], number | null>('SELECT max(tree_size) FROM cosignatures').pluck(),
      countCosignatures: db.prepare<[], number>('SELECT count(*) FROM cosignatures').pluck(),
      allCosignatures: db.prepare<[], CosignatureRow>('SELECT * FROM cosignatures ORDER BY tree_size'),
    };
  }

  private toCheckpoint(row: CheckpointRow): StoredCheckpoint {
    return this.parseCheckpoint(row.tree_size, row.note, row.kid, row.signed_at);
  }

  private parseCheckpoint(size: number, note: string, kid: string, signedAt: string): StoredCheckpoint {
    let parsed;
    try {
      parsed = readCheckpointNote(note);
    } catch (error) {
      throw new MerkleLogError('CORRUPT_STORE', `stored checkpoint ${size} is not a checkpoint note: ${(error as Error).message}`);
    }
    if (parsed.size !== size) throw new MerkleLogError('CORRUPT_STORE', `stored checkpoint ${size} states size ${parsed.size}`);
    return { origin: parsed.origin, size: parsed.size, rootHash: parsed.rootHash, note, kid, signedAt };
  }
}

/** A stored checkpoint as verification reads it: the note is what counts. */
export interface CheckpointRecord {
  readonly size: number;
  readonly note: string;
  readonly kid: string;
  readonly signedAt: string;
}

/**
 * Reads the origin and every stored checkpoint of a merkle.db without opening it for writing
 * (for `npm run verify`). Null when there is no such file.
 */
export function readStoredCheckpoints(file: string): { origin: string | null; checkpoints: CheckpointRecord[] } | null {
  if (!existsSync(file)) return null;
  // Any other failure to open is an error, never "no checkpoints": verification must not pass
  // because it could not read what it was meant to check.
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hasTable = (name: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    const origin = hasTable('meta')
      ? ((db.prepare("SELECT value FROM meta WHERE key = 'origin'").pluck().get() as string | undefined) ?? null)
      : null;
    const rows = hasTable('checkpoints') ? (db.prepare('SELECT * FROM checkpoints ORDER BY tree_size').all() as CheckpointRow[]) : [];
    return { origin, checkpoints: rows.map((r) => ({ size: r.tree_size, note: r.note, kid: r.kid, signedAt: r.signed_at })) };
  } finally {
    db.close();
  }
}

function toLeaf(row: LeafRow): MerkleLeaf {
  return { index: row.leaf_index, position: row.position, stream: row.stream, revision: row.revision, leafHash: row.leaf_hash };
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return (
    a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength))
  );
}
