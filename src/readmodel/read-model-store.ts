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

export interface ReadModelStore {
  readonly name: string;
  get<T extends Doc = Doc>(collection: string, id: string): Promise<T | null>;
  /** Same order as `ids`; null where missing. One round trip (DataLoader batches into this). */
  getMany<T extends Doc = Doc>(collection: string, ids: readonly string[]): Promise<(T | null)[]>;
  find<T extends Doc = Doc>(collection: string, query: FindQuery): Promise<T[]>;
  /** Documents matching `where` (and, when given, whose array field contains the value), uncapped. */
  count(collection: string, where?: Readonly<Record<string, Scalar>>, contains?: FindQuery['contains']): Promise<number>;
  /** Last checkpoint committed by projection `name`, or null. */
  checkpoint(name: string): Promise<string | null>;
  /** Atomically applies `writes` and sets the checkpoint of projection `name`. */
  commit(name: string, writes: readonly DocWrite[], checkpoint: string): Promise<void>;
  /** Drops the collections and the checkpoint of projection `name` (for a rebuild). */
  reset(name: string, collections: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
