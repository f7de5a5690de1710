/**
 * The raw replay: every row of the log read in batches, its body parsed and hashed
 * (`toLedgerEvent`, as the projector does before any projection), no projection. It is the
 * ceiling a read-model rebuild is measured against, in the ledger and the analytics benches.
 */
import { toLedgerEvent } from '../../src/ledger/ledger';
import type { SqliteEventStore } from '../../src/store/sqlite-event-store';
import { now } from './bench-util';

/** The projector's rebuild batch (Projector.catchUp). */
const BATCH = 10_000;

export interface ReplayResult {
  events: number;
  seconds: number;
}

export function rawReplay(store: SqliteEventStore, onProgress?: (done: number) => void): ReplayResult {
  const start = now();
  let after = 0;
  let events = 0;
  let revisions = 0; // a use of every parsed body, so that none of the work can be skipped
  for (;;) {
    const batch = store.readAllSync(after, BATCH);
    if (batch.length === 0) break;
    for (const e of batch) revisions += toLedgerEvent(e).body.revision;
    after = Number(batch[batch.length - 1]!.position);
    events += batch.length;
    onProgress?.(events);
  }
  const seconds = (now() - start) / 1000;
  if (!Number.isFinite(revisions)) throw new Error('raw replay: a body without a revision');
  return { events, seconds };
}
