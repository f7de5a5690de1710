import type { LedgerEvent } from '../ledger/ledger';
import type { Doc, DocWrite, ReadModelStore } from '../readmodel/read-model-store';
import type { Change, Projection, ProjectionTx } from './projection';

/**
 * Documents a rebuild has read and committed, kept between its batches (`Projector.catchUp`):
 * a log interleaves many records, so every batch would otherwise read, parse and rewrite the
 * same documents again. Holds what the store holds after the last commit (a document, or null
 * for "absent"), for at most `limit` documents, least recently used evicted first.
 *
 * Valid only while nobody else writes the projections' collections: a rebuild script, which
 * holds no lease, is that single writer. A batch that fails may have changed cached objects in
 * place (projections update what `get` returns), so a cache lives no longer than one `catchUp`,
 * which a failed batch ends.
 */
export class DocumentCache {
  private readonly docs = new Map<string, Doc | null>();

  constructor(readonly limit: number) {}

  get size(): number {
    return this.docs.size;
  }

  /** The committed document (null: absent), or undefined when not cached. */
  lookup(collection: string, id: string): Doc | null | undefined {
    return this.docs.get(cacheKey(collection, id));
  }

  /** Remembers what a commit left, as the most recently used; evicts beyond `limit`. */
  remember(collection: string, id: string, doc: Doc | null): void {
    const key = cacheKey(collection, id);
    this.docs.delete(key);
    this.docs.set(key, doc);
  }

  trim(): void {
    for (const key of this.docs.keys()) {
      if (this.docs.size <= this.limit) return;
      this.docs.delete(key);
    }
  }
}

const cacheKey = (collection: string, id: string): string => `${collection}\u0000${id}`;

/**
 * One batch's working set: the documents the projections read and wrote while applying its
 * events (later events of the batch see earlier ones' writes) and the writes to commit with
 * the checkpoint. Reads go to the batch's own documents, then the rebuild's cache, then the store.
 */
export class ProjectionBatch {
  /** Per collection, per id: the document as the batch left it (null: deleted or absent). */
  private readonly docs = new Map<string, Map<string, Doc | null>>();
  private readonly writes = new Map<string, Map<string, DocWrite>>();
  /** Documents read from the cache or the store (what the cache keeps after the commit). */
  private readonly loaded: Array<[collection: string, id: string]> = [];
  readonly changes: Change[] = [];
  events = 0;
  last: string | null = null;

  readonly tx: ProjectionTx;

  constructor(
    private readonly readModels: ReadModelStore,
    private readonly cache: DocumentCache | null,
  ) {
    this.tx = {
      get: async <T extends Doc>(collection: string, id: string) => {
        const docs = this.collection(collection);
        let doc = docs.get(id);
        if (doc === undefined) {
          doc = this.cache?.lookup(collection, id);
          if (doc === undefined) doc = await this.readModels.get(collection, id);
          // Should a projection read twice at once, the first answer stands.
          if (!docs.has(id)) {
            docs.set(id, doc);
            this.loaded.push([collection, id]);
          } else doc = docs.get(id)!;
        }
        return doc as T | null;
      },
      put: (collection, doc) => {
        this.collection(collection).set(doc.id, doc);
        this.writesOf(collection).set(doc.id, { op: 'put', collection, doc });
      },
      delete: (collection, id) => {
        this.collection(collection).set(id, null);
        this.writesOf(collection).set(id, { op: 'delete', collection, id });
      },
    };
  }

  /** Runs every projection over `events`, in order, into this batch. */
  async apply(events: readonly LedgerEvent[], projections: readonly Projection[]): Promise<void> {
    for (const event of events) {
      for (const projection of projections) {
        const change = await projection.apply(event, this.tx);
        if (change) this.changes.push(change);
      }
    }
    this.events += events.length;
    if (events.length > 0) this.last = events[events.length - 1]!.position;
  }

  /** The writes to commit, each document once, as the batch left it. */
  allWrites(): DocWrite[] {
    const all: DocWrite[] = [];
    for (const writes of this.writes.values()) for (const write of writes.values()) all.push(write);
    return all;
  }

  get writeCount(): number {
    let n = 0;
    for (const writes of this.writes.values()) n += writes.size;
    return n;
  }

  /** After a successful commit: the documents the batch read, as it left them, go to the cache. */
  committed(): void {
    if (!this.cache) return;
    for (const [collection, id] of this.loaded) this.cache.remember(collection, id, this.docs.get(collection)?.get(id) ?? null);
    this.cache.trim();
  }

  private collection(name: string): Map<string, Doc | null> {
    let docs = this.docs.get(name);
    if (!docs) this.docs.set(name, (docs = new Map()));
    return docs;
  }

  private writesOf(name: string): Map<string, DocWrite> {
    let writes = this.writes.get(name);
    if (!writes) this.writes.set(name, (writes = new Map()));
    return writes;
  }
}
