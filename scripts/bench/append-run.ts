/**
 * The append loop of the ledger benchmarks: `writers` loops, each appending one event at a time
 * through the Ledger to its own streams and tracking each stream's head itself (as the command
 * handler does after reading the stream). Used by ledger.bench.ts (a) and by the peer comparison.
 */
import type { Keyring } from '../../src/crypto/keyring';
import { Ledger } from '../../src/ledger/ledger';
import type { SigningPool } from '../../src/ledger/signing-pool';
import type { StreamHead } from '../../src/ledger/seal';
import type { EventStore } from '../../src/store/event-store';
import { sectionEdited } from './bench-data';
import { bar, noiseMark, noiseSince, now, percentile, type Noise } from './bench-util';

/** Events per stream before a writer moves to a new one: an interview's worth of edits. */
export const EVENTS_PER_STREAM = 12;

/** The Ledger every append benchmark appends through: built in this one place. */
export function benchLedger(store: EventStore, keyring: Keyring, signer?: SigningPool): Ledger {
  return new Ledger(store, keyring, signer ? { signer } : {});
}

export interface AppendResult {
  /** Appends acknowledged (one event each). */
  events: number;
  seconds: number;
  p50: number;
  p99: number;
  /** Rejected appends by message (none expected: every writer has streams of its own). */
  errors: Record<string, number>;
  noise: Noise | null;
}

export async function appendRun(ledger: Ledger, label: string, writers: number, seconds: number): Promise<AppendResult> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const deadline = now() + seconds * 1000;
  const progress = bar(label, seconds, 's');
  const ticker = setInterval(() => progress.update(Math.min(seconds, Math.round((seconds * 1000 - (deadline - now())) / 1000))), 250);
  const start = now();
  const noise = noiseMark();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      let stream = 0;
      let head: StreamHead | null = null;
      let n = 0;
      while (now() < deadline) {
        const name = `bench-${label.replace(/\W+/g, '')}-${w}-${stream}`;
        const t0 = now();
        try {
          const result = await ledger.append(name, head, [sectionEdited(name, (head?.revision ?? -1) + 2, n, n)]);
          latencies.push(now() - t0);
          const sealed = result.sealed[0]!;
          head = { revision: sealed.revision, hash: sealed.hash };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          errors[message] = (errors[message] ?? 0) + 1;
          // Start the writer on a fresh stream: its head is unknown after a failure.
          head = null;
          stream += 1;
          continue;
        }
        n += 1;
        if (n % EVENTS_PER_STREAM === 0) {
          stream += 1;
          head = null;
        }
      }
    }),
  );
  const elapsed = (now() - start) / 1000;
  clearInterval(ticker);
  progress.update(seconds);
  progress.stop();
  const sorted = Float64Array.from(latencies).sort();
  return {
    events: latencies.length,
    seconds: elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors,
    noise: noiseSince(noise),
  };
}
