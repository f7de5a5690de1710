import { EventEmitter } from 'node:events';
import { toLedgerEvent, type LedgerEvent } from '../ledger/ledger';
import type { EventStore, RecordedEvent, Subscription } from '../store/event-store';
import { PositionWaiters } from '../store/position-waiters';
import type { Doc, DocWrite, ReadModelStore } from '../readmodel/read-model-store';
import type { Change, Projection, ProjectionTx } from './projection';

export const CHECKPOINT_NAME = 'read-models';

/**
 * Runs projections over the log: a catch-up subscription from the stored checkpoint.
 * Events are applied in batches; each batch's documents and the checkpoint after it are
 * committed in one atomic write, so a crash resumes exactly where the last commit ended and
 * a re-delivered event is skipped by the documents' revision guards.
 */
export class Projector {
  private readonly changes = new EventEmitter();
  private buffer: LedgerEvent[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private subscription: Subscription | null = null;
  private position: string | null = null;
  private failure: unknown = null;
  private readonly waiters: PositionWaiters;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly projections: readonly Projection[],
    private readonly options: { batchSize?: number; onError?: (error: unknown) => void } = {},
  ) {
    this.changes.setMaxListeners(0);
    this.waiters = new PositionWaiters((a, b) => store.comparePositions(a, b));
  }

  /** The projections' names; they share one checkpoint, so each is exactly as far as the projector. */
  get names(): string[] {
    return this.projections.map((p) => p.name);
  }

  get collections(): string[] {
    return this.projections.flatMap((p) => p.collections);
  }

  /** Following the log live (between start and stop). */
  get running(): boolean {
    return this.subscription !== null;
  }

  /** Position of the last committed event, or null before the first. */
  get checkpoint(): string | null {
    return this.position;
  }

  async start(): Promise<void> {
    this.position = await this.readModels.checkpoint(CHECKPOINT_NAME);
    this.subscription = this.store.subscribeAll({ after: this.position, onError: (error) => this.fail(error) }, (event) =>
      this.enqueue(event),
    );
  }

  async stop(): Promise<void> {
    await this.subscription?.unsubscribe();
    this.subscription = null;
    await this.flushNow();
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

  /** Applies every event of the log after the checkpoint, in batches, reporting progress. */
  async catchUp(onProgress?: (applied: number) => void): Promise<number> {
    let applied = 0;
    this.position = await this.readModels.checkpoint(CHECKPOINT_NAME);
    const batchSize = this.options.batchSize ?? 10_000;
    for (;;) {
      const events = await this.store.readAll({ after: this.position, maxCount: batchSize });
      if (events.length === 0) return applied;
      await this.applyBatch(events.map(toLedgerEvent));
      applied += events.length;
      onProgress?.(applied);
    }
  }

  /** Drops every read model and the checkpoint; `catchUp` then rebuilds them from the log. */
  async reset(): Promise<void> {
    await this.readModels.reset(CHECKPOINT_NAME, this.collections);
    this.position = null;
  }

  private enqueue(event: RecordedEvent): Promise<void> | void {
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
      try {
        await this.applyBatch(batch);
      } catch (error) {
        this.fail(error);
      }
    });
    return this.flushing;
  }

  private async applyBatch(batch: readonly LedgerEvent[]): Promise<void> {
    const docs = new Map<string, Doc | null>();
    const writes = new Map<string, DocWrite>();
    const key = (collection: string, id: string) => `${collection}\u0000${id}`;
    const tx: ProjectionTx = {
      get: async <T extends Doc>(collection: string, id: string) => {
        const k = key(collection, id);
        if (!docs.has(k)) docs.set(k, await this.readModels.get(collection, id));
        return (docs.get(k) ?? null) as T | null;
      },
      put: (collection, doc) => {
        docs.set(key(collection, doc.id), doc);
        writes.set(key(collection, doc.id), { op: 'put', collection, doc });
      },
      delete: (collection, id) => {
        docs.set(key(collection, id), null);
        writes.set(key(collection, id), { op: 'delete', collection, id });
      },
    };
    const changes: Change[] = [];
    for (const event of batch) {
      for (const projection of this.projections) {
        const change = await projection.apply(event, tx);
        if (change) changes.push(change);
      }
    }
    const last = batch[batch.length - 1]!.position;
    await this.readModels.commit(CHECKPOINT_NAME, [...writes.values()], last);
    this.position = last;
    for (const change of changes) this.changes.emit('change', change);
    this.waiters.reached(last);
  }

  private fail(error: unknown): void {
    this.failure = error;
    if (this.options.onError) this.options.onError(error);
    else console.error('projector stopped:', error);
  }

  /** The error that stopped the projector, if any. */
  get error(): unknown {
    return this.failure;
  }
}
