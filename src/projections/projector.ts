import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { toLedgerEvent, type LedgerEvent } from '../ledger/ledger';
import type { EventStore, RecordedEvent, Subscription } from '../store/event-store';
import { PositionWaiters } from '../store/position-waiters';
import { CheckpointConflictError, type Doc, type ReadModelStore } from '../readmodel/read-model-store';
import type { Change, Projection } from './projection';
import { DocumentCache, ProjectionBatch } from './projection-batch';

export const CHECKPOINT_NAME = 'read-models';
/** The lease that elects the one instance that projects into a read-model store. */
export const PROJECTOR_LEASE = 'projector';
/** Each committed batch's changes, for every instance's subscribers (see `Projector`). */
export const CHANGES = 'projector_changes';
/** How many committed batches of changes the store keeps for instances that poll behind. */
const CHANGES_KEPT = 10_000;

interface ChangeBatch extends Doc {
  readonly seq: number;
  readonly changes: Change[];
  readonly at: number;
}

/** The projector's state, for /ready and the metrics. */
export interface ProjectorHealth {
  /** leading: this instance projects; following: another one does and this one reads its checkpoint. */
  readonly role: 'leading' | 'following' | 'stopped';
  /** The last batch failed and will be retried (from the committed checkpoint) after a pause. */
  readonly failing: boolean;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
  /** Leading: the subscription to the log is down and being retried (a dropped connection) since this instant. */
  readonly disconnectedSince: string | null;
}

export interface ProjectorOptions {
  /** Events per batch when live (default 2,000), and per read of the log in `catchUp` (default 10,000). */
  readonly batchSize?: number;
  /** `catchUp` commits once this many events are applied (default 50,000)… */
  readonly catchUpEvents?: number;
  /** …or once this many documents are to be written (default 50,000). */
  readonly catchUpWrites?: number;
  /** Documents `catchUp` keeps in memory between its batches (default 20,000: a few KB to a few tens of KB each). */
  readonly catchUpCachedDocs?: number;
  /** Told of every failed batch (it is retried) and every lost lease. */
  readonly onError?: (error: unknown) => void;
  /** This instance's name in the lease; default host/pid/random. */
  readonly instanceId?: string;
  /** How long the lease lasts without renewal (default 5 s; renewed every third of it). */
  readonly leaseTtlMs?: number;
  /** How often a following instance reads the shared checkpoint and changes (default 100 ms; 20 ms while someone waits). */
  readonly pollMs?: number;
  /** First pause before a failed batch is retried; doubles up to `maxRetryMs` (defaults 100 ms, 30 s). */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}

/**
 * Runs projections over the log into the read-model store, safely with several instances on one
 * store (docs/operations: "Several instances").
 *
 * - **One projector per store.** The instances elect one with a lease kept in the read-model
 *   store (`PROJECTOR_LEASE`); it follows the log with a catch-up subscription from the stored
 *   checkpoint. The others follow the store: they read the shared checkpoint, so `waitFor`
 *   (read-your-writes) works on every instance, and take the lease over when it lapses (a killed
 *   instance's lease after `leaseTtlMs`; one on this host whose process is gone at once).
 * - **Safety does not rest on the lease.** Each batch's documents, its changes and the checkpoint
 *   after it are committed in one atomic write that is a compare-and-set on the checkpoint the
 *   batch started from: a stale leader (paused past its lease) is refused and writes nothing, so
 *   the checkpoint never moves backwards and a batch never lands on a state it was not computed from.
 * - **Never skips.** A failed batch (a projection's error, a store error, a refused commit) is not
 *   dropped: the subscription stops, nothing after the failed batch is committed, and after a
 *   pause (doubling to `maxRetryMs`) the projector starts again from the committed checkpoint.
 *   Meanwhile `health().failing` is true (and /ready says not ready).
 * - **Changes for every instance.** The changes a batch produces are committed with it (`CHANGES`,
 *   numbered); every instance, the projecting one included, reads them in order and tells its own
 *   subscribers, so a subscriber hears every change whichever instance projected it.
 */
export class Projector {
  private readonly changes = new EventEmitter();
  private buffer: LedgerEvent[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private subscription: Subscription | null = null;
  /** Bumped on every (re)subscription: events and batches of an older one are dropped. */
  private generation = 0;
  private position: string | null = null;
  private failure: unknown = null;
  private failures = 0;
  private role: ProjectorHealth['role'] = 'stopped';
  private readonly waiters: PositionWaiters;
  private readonly holder: string;
  private nextSeq = 0;
  private lastSeenSeq = -1;
  private renewTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  private disconnectedAt: Date | null = null;
  /** Batches of changes this instance committed and told its subscribers before the poll read them. */
  private readonly toldSeqs = new Set<number>();
  private stopping = false;
  private leasing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly projections: readonly Projection[],
    private readonly options: ProjectorOptions = {},
  ) {
    this.changes.setMaxListeners(0);
    this.waiters = new PositionWaiters((a, b) => store.comparePositions(a, b));
    this.holder = options.instanceId ?? `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
  }

  /** The projections' names; they share one checkpoint, so each is exactly as far as the projector. */
  get names(): string[] {
    return this.projections.map((p) => p.name);
  }

  get collections(): string[] {
    return [...this.projections.flatMap((p) => p.collections), CHANGES];
  }

  /** Following the log, or the instance that does (between start and stop). */
  get running(): boolean {
    return this.role !== 'stopped';
  }

  /** Position of the last committed event, or null before the first. */
  get checkpoint(): string | null {
    return this.position;
  }

  /** This instance's name in the projector lease. */
  get instanceId(): string {
    return this.holder;
  }

  health(): ProjectorHealth {
    const text = (e: unknown) => (e instanceof Error ? e.message : String(e));
    const state = this.role === 'leading' ? this.subscription?.state() : undefined;
    if (state && !state.connected && !state.stopped) this.disconnectedAt ??= new Date();
    else this.disconnectedAt = null;
    return {
      role: this.role,
      failing: this.failure !== null,
      consecutiveFailures: this.failures,
      lastError: this.failure !== null ? text(this.failure) : this.disconnectedAt && state?.lastError ? state.lastError : null,
      disconnectedSince: this.disconnectedAt?.toISOString() ?? null,
    };
  }

  async start(): Promise<void> {
    this.stopping = false;
    this.position = await this.readModels.checkpoint(CHECKPOINT_NAME);
    this.lastSeenSeq = await this.newestSeq();
    this.role = 'following';
    await this.tryLead();
    const ttl = this.options.leaseTtlMs ?? 5000;
    this.renewTimer = setInterval(() => void this.tryLead(), Math.max(10, Math.floor(ttl / 3)));
    this.renewTimer.unref();
    this.schedulePoll(this.options.pollMs ?? 100);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.renewTimer) clearInterval(this.renewTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.renewTimer = this.retryTimer = this.pollTimer = null;
    await this.leasing;
    const leading = this.role === 'leading';
    await this.unsubscribe();
    await this.flushNow();
    await this.polling;
    this.role = 'stopped';
    if (leading) await this.readModels.releaseLease(PROJECTOR_LEASE, this.holder).catch(() => undefined);
    this.waiters.cancelAll();
  }

  /** Subscribes to committed changes (for GraphQL subscriptions). Returns an unsubscribe function. */
  onChange(listener: (change: Change) => void): () => void {
    this.changes.on('change', listener);
    return () => this.changes.off('change', listener);
  }

  /** Resolves once the read models include the event at `position` (read-your-writes). */
  waitFor(position: string, timeoutMs = 5000): Promise<boolean> {
    return this.waiters.wait(this.position, position, timeoutMs);
  }

  /**
   * Applies every event of the log after the checkpoint, reporting progress (scripts; no lease).
   * Far behind (a rebuild), batches are large: events are read `batchSize` at a time but
   * committed together up to `catchUpEvents` events or `catchUpWrites` documents, and the
   * documents read stay cached between batches (`DocumentCache`), so a log that interleaves
   * many records does not read, parse and rewrite each of them in every batch. Each commit is
   * still one atomic write of the documents with the checkpoint, compare-and-set as always.
   */
  async catchUp(onProgress?: (applied: number) => void): Promise<number> {
    let applied = 0;
    this.position = await this.readModels.checkpoint(CHECKPOINT_NAME);
    const readSize = this.options.batchSize ?? 10_000;
    const maxEvents = Math.max(readSize, this.options.catchUpEvents ?? 50_000);
    const maxWrites = this.options.catchUpWrites ?? 50_000;
    // One cache per call: a failed batch may have changed cached objects in place, and its error ends the call.
    const cache = new DocumentCache(this.options.catchUpCachedDocs ?? 20_000);
    let batch = new ProjectionBatch(this.readModels, cache);
    let after = this.position;
    for (;;) {
      const events = await this.store.readAll({ after, maxCount: readSize });
      if (events.length > 0) {
        await batch.apply(events.map(toLedgerEvent), this.projections);
        after = batch.last;
        // Progress per read, not per commit: a commit may be 50,000 events away.
        onProgress?.(applied + batch.events);
      }
      // The end is an empty read (as before): a store may answer fewer events than asked and have more.
      const end = events.length === 0;
      if (batch.events > 0 && (end || batch.events >= maxEvents || batch.writeCount >= maxWrites)) {
        await this.commitBatch(batch, false);
        applied += batch.events;
        batch = new ProjectionBatch(this.readModels, cache);
      }
      if (end) return applied;
    }
  }

  /** Drops every read model and the checkpoint; `catchUp` then rebuilds them from the log. */
  async reset(): Promise<void> {
    await this.readModels.reset(CHECKPOINT_NAME, this.collections);
    this.position = null;
  }

  /** Takes or renews the lease; starts or stops projecting as it is won or lost. */
  private tryLead(): Promise<void> {
    this.leasing = this.leasing.then(async () => {
      if (this.stopping) return;
      try {
        const ttl = this.options.leaseTtlMs ?? 5000;
        let lease = await this.readModels.lease(PROJECTOR_LEASE, this.holder, ttl);
        if (lease.holder !== this.holder && holderIsGone(lease.holder)) {
          // The holder ran on this machine and its process is gone (kill -9): no need to wait out its lease.
          await this.readModels.releaseLease(PROJECTOR_LEASE, lease.holder);
          lease = await this.readModels.lease(PROJECTOR_LEASE, this.holder, ttl);
        }
        if (this.stopping) return;
        if (lease.holder === this.holder && this.role !== 'leading') await this.lead();
        else if (lease.holder !== this.holder && this.role === 'leading') {
          this.report(new Error(`projector lease taken by ${lease.holder}: following it`));
          await this.follow();
        }
      } catch (error) {
        // The store did not answer: keep the current role; a leader that cannot renew loses the
        // lease after its TTL, and its commits are refused once another instance committed.
        this.report(error);
      }
    });
    return this.leasing;
  }

  private async lead(): Promise<void> {
    this.role = 'leading';
    await this.subscribe();
  }

  private async follow(): Promise<void> {
    this.role = 'following';
    await this.unsubscribe();
    this.buffer = [];
  }

  /** (Re)subscribes from the committed checkpoint; an older subscription's events are dropped. */
  private async subscribe(): Promise<void> {
    await this.unsubscribe();
    this.position = await this.readModels.checkpoint(CHECKPOINT_NAME);
    this.nextSeq = (await this.newestSeq()) + 1;
    if (this.stopping || this.role !== 'leading') return;
    const generation = ++this.generation;
    this.buffer = [];
    this.subscription = this.store.subscribeAll({ after: this.position, onError: (error) => this.failed(error, generation) }, (event) =>
      this.enqueue(event, generation),
    );
  }

  private async unsubscribe(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    this.generation++;
    await subscription?.unsubscribe();
  }

  private enqueue(event: RecordedEvent, generation: number): Promise<void> | void {
    if (generation !== this.generation) return;
    this.buffer.push(toLedgerEvent(event));
    if (this.buffer.length >= (this.options.batchSize ?? 2000)) return this.flushNow();
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        void this.flushNow();
      });
    }
  }

  private flushNow(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const batch = this.buffer;
      this.buffer = [];
      if (batch.length === 0) return;
      const generation = this.generation;
      try {
        await this.applyBatch(batch, true);
        this.failure = null;
        this.failures = 0;
      } catch (error) {
        this.failed(error, generation);
      }
    });
    return this.flushing;
  }

  /**
   * A batch (or the subscription) failed: nothing after the committed checkpoint is kept; the
   * projector subscribes again from it after a pause. Never awaits the subscription here: this
   * may run inside its handler.
   */
  private failed(error: unknown, generation: number): void {
    if (generation !== this.generation) return;
    this.generation++;
    this.buffer = [];
    this.failure = error;
    this.failures += 1;
    this.report(error);
    if (this.stopping || this.role !== 'leading') return;
    const base = this.options.retryMs ?? 100;
    const pause = Math.min(this.options.maxRetryMs ?? 30_000, base * 2 ** Math.min(this.failures - 1, 20));
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopping || this.role !== 'leading') return;
      // A refused commit means another instance projected: ask who holds the lease first.
      if (error instanceof CheckpointConflictError) void this.follow().then(() => this.tryLead());
      else void this.subscribe().catch((e: unknown) => this.failed(e, this.generation));
    }, pause);
    this.retryTimer.unref();
  }

  /** Applies `events` as one batch and commits it (live: with its changes for every instance). */
  private async applyBatch(events: readonly LedgerEvent[], live: boolean): Promise<void> {
    const batch = new ProjectionBatch(this.readModels, null);
    await batch.apply(events, this.projections);
    await this.commitBatch(batch, live);
  }

  /**
   * Commits a batch's documents with the checkpoint after its last event, as a compare-and-set
   * on the checkpoint it started from; live, with its changes, which are then told.
   */
  private async commitBatch(batch: ProjectionBatch, live: boolean): Promise<void> {
    const last = batch.last;
    if (last === null) return;
    const changes = batch.changes;
    const all = batch.allWrites();
    const seq = this.nextSeq;
    if (live && changes.length > 0) {
      const doc: ChangeBatch = { id: seqId(seq), seq, changes, at: Date.now() };
      all.push({ op: 'put', collection: CHANGES, doc });
      if (seq >= CHANGES_KEPT) all.push({ op: 'delete', collection: CHANGES, id: seqId(seq - CHANGES_KEPT) });
    }
    await this.readModels.commit(CHECKPOINT_NAME, all, last, { expected: this.position });
    this.position = last;
    batch.committed();
    if (live && changes.length > 0) {
      this.nextSeq = seq + 1;
      // Told here at once (the other instances read them from the store); the poll skips them.
      if (this.lastSeenSeq === seq - 1) this.lastSeenSeq = seq;
      else this.toldSeqs.add(seq);
      for (const change of changes) this.changes.emit('change', change);
    }
    this.waiters.reached(last);
  }

  /**
   * Reads the shared checkpoint (when following) and the changes committed since the last read:
   * after `delayMs`, then every `pollMs` (every 20 ms while a caller waits for a position).
   */
  private schedulePoll(delayMs: number): void {
    if (this.stopping) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      this.polling = this.poll()
        .catch((error: unknown) => this.report(error))
        .finally(() => {
          this.polling = null;
          const again = this.pollAgain;
          this.pollAgain = false;
          const interval = this.role === 'following' && this.waiters.pending > 0 ? 20 : (this.options.pollMs ?? 100);
          this.schedulePoll(again ? 0 : interval);
        });
    }, delayMs);
    this.pollTimer.unref();
  }

  private async poll(): Promise<void> {
    // The checkpoint first, then the changes (committed with it): once a caller's waitFor
    // resolves, the changes up to its position have been told.
    const shared = this.role === 'following' ? await this.readModels.checkpoint(CHECKPOINT_NAME) : null;
    for (;;) {
      const batches = await this.readModels.find<ChangeBatch>(CHANGES, {
        orderBy: { field: 'seq', direction: 'asc' },
        ...(this.lastSeenSeq >= 0 ? { after: { value: this.lastSeenSeq, id: seqId(this.lastSeenSeq) } } : {}),
        limit: 200,
      });
      for (const batch of batches) {
        this.lastSeenSeq = Math.max(this.lastSeenSeq, batch.seq);
        if (this.toldSeqs.delete(batch.seq)) continue;
        for (const change of batch.changes) this.changes.emit('change', change);
      }
      if (batches.length < 200) break;
    }
    if (
      shared !== null &&
      this.role === 'following' &&
      (this.position === null || this.store.comparePositions(shared, this.position) > 0)
    ) {
      this.position = shared;
      this.waiters.reached(shared);
    }
  }

  private async newestSeq(): Promise<number> {
    const [newest] = await this.readModels.find<ChangeBatch>(CHANGES, { orderBy: { field: 'seq', direction: 'desc' }, limit: 1 });
    return newest?.seq ?? -1;
  }

  private report(error: unknown): void {
    if (this.options.onError) this.options.onError(error);
    else console.error('projector:', error);
  }

  /** The error of the last failed batch while it has not been retried successfully, else null. */
  get error(): unknown {
    return this.failure;
  }
}

/** Ids that sort as their numbers do. */
const seqId = (seq: number): string => String(seq).padStart(12, '0');

/** True when `holder` names a process on this host that no longer runs. */
function holderIsGone(holder: string): boolean {
  const [host, pidText] = holder.split('/');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
