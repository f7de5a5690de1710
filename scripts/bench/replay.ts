/**
 * The raw replay that read-model rebuilds are measured against (DESIGN.md, "Performance
 * targets": rebuild ≥ 0.5× raw replay): every row of the log read and its body parsed and
 * hashed, as the projector does before any projection, and nothing else. Used by
 * ledger.bench.ts (the rebuild row) and analytics.bench.ts (row (a)).
 */
import { toLedgerEvent } from '../../src/ledger/ledger';
import type { SqliteEventStore } from '../../src/store/sqlite-event-store';
import { bar, noiseMark, noiseSince, now, type Noise } from './bench-util';

export interface ReplayResult {
  events: number;
  seconds: number;
  noise: Noise | null;
}

/** Reads the whole log in pages of 10,000 (the projector's catch-up read) and parses and hashes every body. */
export async function rawReplay(store: SqliteEventStore, label: string): Promise<ReplayResult> {
  const total = store.countSync();
  const progress = bar(label, total, 'events');
  const mark = noiseMark();
  const start = now();
  let after: string | null = null;
  let events = 0;
  let revisions = 0; // a use of every parsed body, so that none of the work can be skipped
  for (;;) {
    const batch = await store.readAll({ after, maxCount: 10_000 });
    if (batch.length === 0) break;
    for (const e of batch) revisions += toLedgerEvent(e).body.revision;
    after = batch[batch.length - 1]!.position;
    events += batch.length;
    progress.update(events);
  }
  const seconds = (now() - start) / 1000;
  progress.stop();
  if (!Number.isFinite(revisions)) throw new Error('raw replay: a body without a revision');
  return { events, seconds, noise: noiseSince(mark) };
}
