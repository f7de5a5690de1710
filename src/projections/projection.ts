import type { LedgerEvent } from '../ledger/ledger';
import type { Doc } from '../readmodel/read-model-store';

/** Documents a projection reads and writes while applying one batch of events. */
export interface ProjectionTx {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  put(collection: string, doc: Doc): void;
  delete(collection: string, id: string): void;
}

/** A read model: evolve(doc, event) -> doc, written through a ProjectionTx. */
export interface Projection {
  readonly name: string;
  readonly collections: readonly string[];
  apply(event: LedgerEvent, tx: ProjectionTx): Promise<Change | void>;
}

/** What a projection tells subscribers after a commit. */
export interface Change {
  readonly kind: string;
  readonly id: string;
  /** People allowed to see the change besides HR, auditors and admins. */
  readonly viewers: readonly string[];
  readonly version?: number;
  readonly eventType: string;
  readonly position: string;
}
