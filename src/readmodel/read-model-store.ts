/**
 * The ReadModel port. Adapters: embedded SQLite (default) and MongoDB.
 * Every adapter passes test/readmodel/read-model.conformance.ts.
 *
 * Documents are plain JSON objects keyed by `id` inside a named collection. Projections
 * write through `commit`, which stores the documents and the projection's checkpoint in one
 * atomic step, so a crash never leaves documents ahead of or behind their checkpoint.
 */

export type Doc = { readonly id: string } & Record<string, unknown>;

export type DocWrite =
  | { readonly op: 'put'; readonly collection: string; readonly doc: Doc }
  | { readonly op: 'delete'; readonly collection: string; readonly id: string };

export type Scalar = string | number | boolean;

export interface FindQuery {
  /** Equality on top-level fields; all must match. */
  readonly where?: Readonly<Record<string, Scalar>>;
  /** Top-level array field that must contain the value (e.g. viewers contains "E001"). */
  readonly contains?: { readonly field: string; readonly value: Scalar };
  /** Sort by this top-level field, then by id; both in `direction`. */
  readonly orderBy: { readonly field: string; readonly direction: 'asc' | 'desc' };
  /** Keyset pagination: return documents strictly after (sortValue, id) in the sort order. */
  readonly after?: { readonly value: Scalar; readonly id: string };
  readonly limit: number;
}

/** A lease kept in the store: who holds it, since which taking (`epoch`), until when (ms since epoch). */
export interface Lease {
  readonly name: string;
  readonly holder: string;
  /** Grows by one each time another holder takes the lease. */
  readonly epoch: number;
  readonly expiresAt: number;
}

export interface CommitOptions {
  /**
   * The checkpoint the batch was computed from (null: none yet). The commit is refused with a
   * `CheckpointConflictError`, writing nothing, unless the stored checkpoint is still this one: a
   * projector working from an older state can never overwrite newer documents, skip events or
   * move the checkpoint backwards. Absent: no check (a single writer, e.g. a rebuild script).
   */
  readonly expected?: string | null;
}

/** Thrown by `commit` when the stored checkpoint is not the one the batch started from. */
export class CheckpointConflictError extends Error {
  readonly code = 'CHECKPOINT_CONFLICT';
  constructor(
    readonly checkpointName: string,
    readonly expected: string | null,
    readonly actual: string | null,
  ) {
    super(`checkpoint ${checkpointName}: expected ${String(expected)}, stored ${String(actual)}`);
    this.name = 'CheckpointConflictError';
  }
}

/**
 * `shared`: the caller only reads the documents it gets and never changes them (the query
 * side: GraphQL loaders, lists). The store may then answer with parsed documents it keeps and
 * gives to other such readers too, instead of parsing the stored text again each time. Under
 * the tests such documents are frozen, so code that would change one fails there.
 */
export interface ReadOptions {
  readonly shared?: boolean;
}

export interface ReadModelStore {
  readonly name: string;
  get<T extends Doc = Doc>(collection: string, id: string, options?: ReadOptions): Promise<T | null>;
  /** Same order as `ids`; null where missing. One round trip (DataLoader batches into this). */
  getMany<T extends Doc = Doc>(collection: string, ids: readonly string[], options?: ReadOptions): Promise<(T | null)[]>;
  find<T extends Doc = Doc>(collection: string, query: FindQuery, options?: ReadOptions): Promise<T[]>;
  /** Documents matching `where` (and, when given, whose array field contains the value), uncapped. */
  count(collection: string, where?: Readonly<Record<string, Scalar>>, contains?: FindQuery['contains']): Promise<number>;
  /** Last checkpoint committed by projection `name`, or null. */
  checkpoint(name: string): Promise<string | null>;
  /** Atomically applies `writes` and sets the checkpoint of projection `name`. */
  commit(name: string, writes: readonly DocWrite[], checkpoint: string, options?: CommitOptions): Promise<void>;
  /** Drops the collections and the checkpoint of projection `name` (for a rebuild). Other collections stay. */
  reset(name: string, collections: readonly string[]): Promise<void>;
  /** Writes `doc` unless its id exists in `collection`; true when this call wrote it. Atomic across instances. */
  insertIfAbsent(collection: string, doc: Doc): Promise<boolean>;
  /**
   * Takes the lease `name` for `holder` when it is free or expired, or renews it when `holder`
   * holds it (for `ttlMs` from now), in one atomic step; answers the lease as it stands after.
   */
  lease(name: string, holder: string, ttlMs: number): Promise<Lease>;
  /** Gives the lease up at once when `holder` holds it (a clean stop), so another takes it without waiting. */
  releaseLease(name: string, holder: string): Promise<void>;
  close(): Promise<void>;
}
