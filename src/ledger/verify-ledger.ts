/**
 * Full-ledger verification: every event of the log, in commit order.
 *
 * For each event it checks what `verifyRecordedEvent` checks for one event — the body bytes
 * parse, the Ed25519 signature over PAE(EVENT_PAYLOAD_TYPE, body) holds for a known ledger key
 * (on the exact stored bytes, never re-serialised), the envelope the store kept beside the body
 * agrees with the signed body, and the body continues its stream's hash chain (revisions
 * 0, 1, 2, … and `prev` = SHA-256 of the previous body), by the same rules (./event-checks.ts),
 * so both name a fault alike. A gap (an event deleted mid-stream), a
 * reorder, an inserted or duplicated event, or an event moved to another stream is therefore
 * named. Events missing at the *end* of a stream leave a valid shorter chain; only the global
 * Merkle log (DESIGN.md §6) can prove those were never there: so the walk also recomputes the
 * RFC 9162 tree of the bodies in commit order and, for every signed checkpoint it is given,
 * checks the note's signature by a ledger key and that its root is the recomputed root at its
 * size (CHECKPOINT_SIGNATURE, CHECKPOINT_MISMATCH). A checkpoint larger than the log means
 * events were removed from its end.
 *
 * Why the work is split: Ed25519 verification through OpenSSL costs ~160 µs per event here,
 * everything else (JSON parse, SHA-256, map look-ups) ~10 µs. Signatures are independent of
 * each other, so they fan out to `worker_threads`; the chain must be walked in commit order,
 * and it is cheap, so the main thread walks it while the workers verify.
 */
import { hash, type KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CheckpointError, checkpointVerifiers, openCheckpoint } from '../crypto/checkpoint';
import { ed25519Verify, publicKeyFromRaw, rawPublicKey, spkiFromRaw } from '../crypto/ed25519';
import type { LedgerPublicKey } from '../crypto/keyring';
import { emptyRoot, leafHash, MerkleAccumulator } from '../crypto/merkle';
import type { NoteVerifier } from '../crypto/signed-note';
import { pae, paeHeader, paeInto, paeSize } from '../crypto/pae';
import type { EventStore, RecordedEvent } from '../store/event-store';
import { SqliteEventStore } from '../store/sqlite-event-store';
import { EVENT_PAYLOAD_TYPE } from './event-body';
import { checkSignatureLength, checkSignedBody, parseBodyBytes, type ChainCursor } from './event-checks';
import type { EventFault } from './verify-event';

/**
 * Where verification finds the ledger's public keys: a Keyring (or anything with
 * `publicKey(kid)`), a function from key id to a KeyObject or raw 32-byte key, or the list of
 * published keys (what an offline verifier holds).
 */
export type LedgerKeyLookup =
  { publicKey(kid: string): KeyObject | undefined } | ((kid: string) => KeyObject | Uint8Array | undefined) | readonly LedgerPublicKey[];

export interface VerifyLedgerOptions {
  /**
   * Signature worker threads. Default: the machine's available parallelism (capped at 8).
   * 0 verifies signatures on the calling thread (no workers; for tiny logs and debugging).
   */
  readonly workers?: number;
  /** Events read from the store per page. Default 2048. */
  readonly pageSize?: number;
  /** Events per message to a worker. Default 256: ~40 ms of work, so messaging cost is noise. */
  readonly batchSize?: number;
  /**
   * Called as events finish verification. `total` is the log's size when the store can count
   * cheaply (the embedded store), otherwise undefined.
   */
  readonly onProgress?: (done: number, total: number | undefined) => void;
  /** Signed checkpoints of the Merkle log to check against the recomputed tree (merkle.db's). */
  readonly checkpoints?: LedgerCheckpoints;
}

/** Checkpoints to verify, as the Merkle log stored them. */
export interface LedgerCheckpoints {
  /** The log's origin (merkle.db's meta); a checkpoint with another origin fails. Absent: each note's own. */
  readonly origin?: string | null;
  /** `size`: the size the checkpoint was filed under; `note`: the C2SP signed note. */
  readonly checkpoints: readonly { readonly size: number; readonly note: string }[];
  /**
   * Ed25519 ledger public keys (raw, or base64) that may sign checkpoints. Default: those of
   * `keys` when it lists them (a Keyring's `published`, or the list itself).
   */
  readonly publicKeys?: readonly (Uint8Array | string)[];
}

/** Faults of a signed checkpoint, beside the per-event faults. */
export type CheckpointFault =
  /** The note does not verify with any ledger key under the log's origin (or is not a note). */
  | 'CHECKPOINT_SIGNATURE'
  /** A validly signed checkpoint whose size, origin or root does not match the log. */
  | 'CHECKPOINT_MISMATCH';

export type LedgerFault = EventFault | CheckpointFault;

/** The first bad event in commit order. */
export interface LedgerVerificationFailure {
  readonly position: string;
  readonly stream: string;
  /** The revision the store filed the event under. */
  readonly revision: number;
  readonly fault: LedgerFault;
  readonly detail: string;
  /** For checkpoint faults: the size of the checkpoint. Position, stream and revision then name its last event. */
  readonly checkpointSize?: number;
}

export interface LedgerVerificationReport {
  readonly ok: boolean;
  /** Events verified good: all of them when ok, else those before the first failure. */
  readonly events: number;
  /** Distinct streams among those events (and the failing one's, if any). */
  readonly streams: number;
  readonly firstFailure?: LedgerVerificationFailure;
  readonly elapsedMs: number;
  /** Worker threads used for signatures (0: the calling thread). */
  readonly workers: number;
  /** When ok: the RFC 9162 root (base64) of the Merkle log, the tree of all event bodies in commit order. */
  readonly merkleRoot?: string;
  /** Signed checkpoints found to match the log (all given ones when ok). */
  readonly checkpoints: number;
}

/** A fault the main thread found, at a global index in commit order. */
interface IndexedFailure extends LedgerVerificationFailure {
  readonly index: number;
  /**
   * True for faults that `verifyRecordedEvent` reports before it looks at the signature
   * (unparsable body, unknown key, malformed signature): they win over a bad signature on
   * the same event, while envelope and chain faults lose to it. Keeps the fault named for an
   * event identical to what the single-event verifier names.
   */
  readonly precedesSignature: boolean;
}

/** One batch of signatures for a verifier: the events plus their key indexes. */
interface SignatureBatch {
  readonly firstIndex: number;
  readonly events: readonly RecordedEvent[];
  readonly keyIndexes: Uint16Array;
}

/** Verifies batches of signatures; resolves with one byte per event, 1 = bad signature. */
interface SignatureVerifier {
  readonly workers: number;
  /** Resolves once another batch may be submitted (bounds memory and keeps workers fed). */
  ready(): Promise<void>;
  submit(batch: SignatureBatch): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function verifyLedger(
  store: EventStore,
  keys: LedgerKeyLookup,
  options: VerifyLedgerOptions = {},
): Promise<LedgerVerificationReport> {
  const started = performance.now();
  const pageSize = positiveInt(options.pageSize ?? 2048, 'pageSize');
  const batchSize = positiveInt(options.batchSize ?? 256, 'batchSize');
  const workerCount = options.workers ?? Math.min(8, Math.max(1, availableParallelism()));
  if (!Number.isInteger(workerCount) || workerCount < 0) throw new RangeError(`workers must be a non-negative integer, got ${workerCount}`);

  const sqlite = store instanceof SqliteEventStore ? store : null;
  const total = sqlite ? sqlite.countSync() : undefined;
  const ring = new KeyTable(keys);
  const checkpoints = prepareCheckpoints(options.checkpoints, keys);
  const tree = new MerkleAccumulator();
  let checkpointFailure: IndexedFailure | null = checkpoints.check(0, emptyRoot(), null);
  let lastEvent: RecordedEvent | null = null;
  const verifier: SignatureVerifier = workerCount === 0 ? new InlineVerifier(ring) : new WorkerVerifier(workerCount, ring);

  /** Per stream: the last accepted revision and the SHA-256 (hex) of its body. */
  const chains = new Map<string, ChainCursor>();
  let index = 0; // global index in commit order of the next event read
  let done = 0;
  let chainFailure: IndexedFailure | null = null;
  let signatureFailure: IndexedFailure | null = null;
  let operationalError: unknown = null;
  const inFlight = new Set<Promise<void>>();

  const readPage = async (after: string | null): Promise<RecordedEvent[]> =>
    sqlite ? sqlite.readAllSync(after === null ? 0 : Number(after), pageSize) : store.readAll({ after, maxCount: pageSize });

  try {
    let after: string | null = null;
    // Read one page ahead so a remote store's round trip overlaps with checking this page.
    let nextPage = readPage(after);
    reading: for (;;) {
      const page = await nextPage;
      if (page.length === 0) break;
      after = page[page.length - 1]!.position;
      nextPage = page.length < pageSize && sqlite ? Promise.resolve([]) : readPage(after);
      nextPage.catch(() => undefined); // surfaced when awaited; avoid an unhandled rejection meanwhile

      for (let start = 0; start < page.length; start += batchSize) {
        const chunk = page.slice(start, start + batchSize);
        const firstIndex = index;
        const keyIndexes = new Uint16Array(chunk.length);
        let sendCount = chunk.length;
        for (let i = 0; i < chunk.length; i++) {
          const failure = checkEvent(chunk[i]!, index, chains, ring, keyIndexes, i);
          index += 1;
          if (failure) {
            chainFailure = failure;
            // The failing event's signature still matters when a bad signature would be
            // named before this fault; past it, nothing can be the first failure.
            sendCount = failure.precedesSignature ? i : i + 1;
            break;
          }
          // Leaf `index - 1` of the Merkle log (RFC 9162 §2.1.1): SHA-256(0x00 || body).
          lastEvent = chunk[i]!;
          tree.append(leafHash(lastEvent.body));
          const mismatch = checkpoints.has(index) ? checkpoints.check(index, tree.root(), lastEvent) : null;
          if (mismatch) {
            checkpointFailure ??= mismatch;
            sendCount = i + 1; // earlier bad signatures still come first
            break;
          }
        }
        if (sendCount > 0 && !signatureFailure) {
          await verifier.ready();
          if (operationalError) throw operationalError;
          const batch: SignatureBatch = { firstIndex, events: chunk.slice(0, sendCount), keyIndexes: keyIndexes.subarray(0, sendCount) };
          const task: Promise<void> = verifier.submit(batch).then(
            (bad) => {
              for (let i = 0; i < bad.length; i++) {
                if (bad[i] !== 1) continue;
                const at = batch.firstIndex + i;
                if (!signatureFailure || at < signatureFailure.index) {
                  const e = batch.events[i]!;
                  signatureFailure = {
                    index: at,
                    position: e.position,
                    stream: e.stream,
                    revision: e.revision,
                    fault: 'BAD_SIGNATURE',
                    detail: `Ed25519 signature by ${e.kid} does not match the body bytes`,
                    precedesSignature: false,
                  };
                }
                break; // later ones in this batch cannot come first
              }
              done += bad.length;
              options.onProgress?.(done, total);
            },
            (error: unknown) => {
              operationalError ??= error;
            },
          );
          inFlight.add(task);
          void task.finally(() => inFlight.delete(task));
        }
        // Stop reading at the first fault: nothing after it can be the first failure. Batches
        // already submitted all lie before it and are awaited below.
        if (chainFailure || signatureFailure || checkpointFailure) break reading;
      }
    }
    await Promise.all(inFlight);
    if (operationalError) throw operationalError;
  } finally {
    await verifier.close();
  }

  const eventFailure = pickFirst(chainFailure, signatureFailure);
  // Checkpoints larger than the whole (good) log: events were removed from its end.
  if (!eventFailure && !checkpointFailure) checkpointFailure = checkpoints.beyondEnd(index, lastEvent);
  // On the same event, the event's own fault is named first: the checkpoint fails because of it.
  const first = checkpointFailure && (!eventFailure || checkpointFailure.index < eventFailure.index) ? checkpointFailure : eventFailure;
  const elapsedMs = performance.now() - started;
  if (!first) {
    options.onProgress?.(index, total ?? index);
    const merkleRoot = Buffer.from(tree.root()).toString('base64');
    return {
      ok: true,
      events: index,
      streams: chains.size,
      elapsedMs,
      workers: verifier.workers,
      merkleRoot,
      checkpoints: checkpoints.matched(index),
    };
  }
  const { index: failedAt, precedesSignature: _p, ...firstFailure } = first;
  const streams = chains.has(firstFailure.stream) ? chains.size : chains.size + 1;
  // A checkpoint fault sits on its last event (index size-1), which itself verified.
  const events = first === checkpointFailure ? Math.min(failedAt + 1, index) : failedAt;
  return { ok: false, events, streams, firstFailure, elapsedMs, workers: verifier.workers, checkpoints: checkpoints.matched(events) };
}

/**
 * The checkpoints to check, keyed by size. Signatures and syntax are checked up front (they do
 * not depend on the log); roots when the walk reaches each size. Every fault is placed at the
 * checkpoint's last event (index size-1), so the report stays "the first failure in commit
 * order": events before it that are bad are named instead.
 */
function prepareCheckpoints(given: LedgerCheckpoints | undefined, keys: LedgerKeyLookup) {
  const bySize = new Map<number, Array<{ root: Uint8Array } | { fault: CheckpointFault; detail: string }>>();
  if (given && given.checkpoints.length > 0) {
    const publicKeys = given.publicKeys ?? publishedKeys(keys);
    if (!publicKeys) throw new RangeError('verifying checkpoints needs the ledger public keys: pass checkpoints.publicKeys');
    const verifiers = new Map<string, NoteVerifier[]>();
    for (const { size, note } of given.checkpoints) {
      const origin = given.origin ?? note.slice(0, Math.max(0, note.indexOf('\n')));
      const entries = bySize.get(size) ?? [];
      bySize.set(size, entries);
      let known = verifiers.get(origin);
      try {
        if (!known) verifiers.set(origin, (known = checkpointVerifiers(origin, publicKeys)));
      } catch {
        entries.push({
          fault: 'CHECKPOINT_SIGNATURE',
          detail: `checkpoint size=${size}: origin ${JSON.stringify(origin)} cannot name a ledger key`,
        });
        continue;
      }
      try {
        const { checkpoint } = openCheckpoint(note, known, { origin });
        if (checkpoint.size !== size) {
          entries.push({ fault: 'CHECKPOINT_MISMATCH', detail: `checkpoint size=${size}: the signed note states size ${checkpoint.size}` });
        } else entries.push({ root: checkpoint.rootHash });
      } catch (error) {
        const fault: CheckpointFault = error instanceof CheckpointError ? 'CHECKPOINT_MISMATCH' : 'CHECKPOINT_SIGNATURE';
        entries.push({ fault, detail: `checkpoint size=${size}: ${(error as Error).message}` });
      }
    }
  }
  const matchedSizes: number[] = [];
  const failure = (index: number, event: RecordedEvent | null, size: number, fault: CheckpointFault, detail: string): IndexedFailure => ({
    index,
    position: event?.position ?? '-',
    stream: event?.stream ?? '-',
    revision: event?.revision ?? -1,
    fault,
    detail,
    checkpointSize: size,
    precedesSignature: false,
  });
  return {
    has: (size: number): boolean => bySize.has(size),
    /** Checks the checkpoints of `size` against the recomputed root of the first `size` events (the last is `event`). */
    check(size: number, root: Uint8Array, event: RecordedEvent | null): IndexedFailure | null {
      for (const entry of bySize.get(size) ?? []) {
        if ('fault' in entry) return failure(size - 1, event, size, entry.fault, entry.detail);
        if (!Buffer.from(entry.root).equals(Buffer.from(root))) {
          const detail = `checkpoint size=${size} signs root ${Buffer.from(entry.root).toString('base64')}, but the first ${size} events of the log hash to ${Buffer.from(root).toString('base64')}`;
          return failure(size - 1, event, size, 'CHECKPOINT_MISMATCH', detail);
        }
        matchedSizes.push(size);
      }
      return null;
    },
    /** The smallest checkpoint that commits to more events than the log holds: the end was removed. */
    beyondEnd(count: number, last: RecordedEvent | null): IndexedFailure | null {
      const beyond = [...bySize.keys()].filter((size) => size > count).sort((a, b) => a - b)[0];
      if (beyond === undefined) return null;
      return failure(
        count,
        last,
        beyond,
        'CHECKPOINT_MISMATCH',
        `checkpoint size=${beyond} commits to ${beyond} events, but the log holds only ${count}: events were removed from its end`,
      );
    },
    /** How many checkpoints matched among those of size ≤ `events`. */
    matched: (events: number): number => matchedSizes.filter((size) => size <= events).length,
  };
}

/** The ledger's public keys when `keys` lists them (a Keyring or the published list). */
function publishedKeys(keys: LedgerKeyLookup): string[] | undefined {
  if (Array.isArray(keys)) return (keys as readonly LedgerPublicKey[]).map((k) => k.publicKey);
  const published = (keys as { published?: readonly LedgerPublicKey[] }).published;
  return Array.isArray(published) ? published.map((k) => k.publicKey) : undefined;
}

/** The earlier of the two; on the same event, the fault the single-event verifier would name. */
function pickFirst(chain: IndexedFailure | null, signature: IndexedFailure | null): IndexedFailure | null {
  if (!chain) return signature;
  if (!signature) return chain;
  if (signature.index < chain.index) return signature;
  if (chain.index < signature.index) return chain;
  return chain.precedesSignature ? chain : signature;
}

/**
 * The main thread's share for one event: body, key, envelope and chain, in the order
 * `verifyRecordedEvent` checks them (envelope and chain by the same ./event-checks.ts). Records the key index for the signature worker and, when
 * the event is good, advances its stream's chain. Returns the fault, if any.
 */
function checkEvent(
  event: RecordedEvent,
  index: number,
  chains: Map<string, ChainCursor>,
  ring: KeyTable,
  keyIndexes: Uint16Array,
  slot: number,
): IndexedFailure | null {
  const fail = (fault: EventFault, detail: string, precedesSignature = false): IndexedFailure => ({
    index,
    position: event.position,
    stream: event.stream,
    revision: event.revision,
    fault,
    detail,
    precedesSignature,
  });
  const body = parseBodyBytes(event.body);
  if (body === undefined) return fail('BODY_NOT_JSON', 'body bytes are not JSON', true);
  const keyIndex = ring.indexOf(event.kid);
  if (keyIndex < 0) return fail('UNKNOWN_KEY', `no ledger key ${event.kid}`, true);
  keyIndexes[slot] = keyIndex;
  const shape = checkSignatureLength(event.sig);
  if (shape) return fail(shape.fault, shape.detail, true);
  const violation = checkSignedBody(event, body, chains.get(event.stream) ?? null);
  if (violation) return fail(violation.fault, violation.detail);
  // One-shot crypto.hash (Node ≥ 20.12): same SHA-256 as sha256Hex, without a Hash object per event.
  chains.set(event.stream, { revision: event.revision, hash: hash('sha256', event.body, 'hex') });
  return null;
}

/**
 * Ledger public keys by small integer index, so that a batch names each event's key in two
 * bytes and a worker holds each key once as raw bytes (KeyObjects cannot cross threads).
 */
class KeyTable {
  private readonly byKid = new Map<string, number>();
  /** Raw 32-byte public keys by index. */
  readonly raw: Uint8Array[] = [];
  private readonly lookup: (kid: string) => KeyObject | Uint8Array | undefined;

  constructor(keys: LedgerKeyLookup) {
    if (typeof keys === 'function') this.lookup = keys;
    else if (Array.isArray(keys)) {
      const list = keys as readonly LedgerPublicKey[];
      this.lookup = (kid) => {
        const found = list.find((k) => k.kid === kid);
        return found ? Buffer.from(found.publicKey, 'base64') : undefined;
      };
    } else {
      const ring = keys as { publicKey(kid: string): KeyObject | undefined };
      this.lookup = (kid) => ring.publicKey(kid);
    }
  }

  /** Index of `kid`, or -1 when no such ledger key is known. */
  indexOf(kid: string): number {
    const known = this.byKid.get(kid);
    if (known !== undefined) return known;
    const key = this.lookup(kid);
    let index = -1;
    if (key !== undefined) {
      const raw = key instanceof Uint8Array ? key : rawFromKeyObject(key);
      if (raw.length !== 32) throw new Error(`ledger key ${kid}: expected a 32-byte Ed25519 public key, got ${raw.length} bytes`);
      if (this.raw.length >= 0xffff) throw new Error('more than 65,535 ledger keys');
      index = this.raw.push(Uint8Array.from(raw)) - 1;
    }
    this.byKid.set(kid, index);
    return index;
  }
}

/** workers: 0 — verifies on the calling thread, with the same primitives the ledger uses. */
class InlineVerifier implements SignatureVerifier {
  readonly workers = 0;
  private readonly keys: KeyObject[] = [];

  constructor(private readonly ring: KeyTable) {}

  async ready(): Promise<void> {}

  async submit(batch: SignatureBatch): Promise<Uint8Array> {
    const bad = new Uint8Array(batch.events.length);
    batch.events.forEach((event, i) => {
      const k = batch.keyIndexes[i]!;
      const key = (this.keys[k] ??= publicKeyFromRaw(this.ring.raw[k]!));
      if (!ed25519Verify(pae(EVENT_PAYLOAD_TYPE, event.body), event.sig, key)) bad[i] = 1;
    });
    return bad;
  }

  async close(): Promise<void> {}
}

/**
 * The worker's source. Kept as a string run with `eval: true` so that it needs no file on disk:
 * it works the same from compiled dist/ and under ts-jest (whose coverage instrumentation would
 * break a `fn.toString()`), and depends on nothing but node:crypto.
 *
 * It encodes nothing itself: the main thread sends each event's DSSE message, built by the one
 * PAE implementation (src/crypto/portable/pae.ts), and each key as DER SPKI, built by
 * src/crypto/ed25519.ts; the worker only asks OpenSSL whether the signatures hold. So there is no
 * second copy of the payload type, the PAE layout or the key encoding to drift.
 *
 * Protocol: the main thread posts { id, count, messages, offsets, sigs, kids, newKeys } with the
 * messages concatenated into one buffer (transferred, not copied); the worker posts back
 * { id, bad } with one byte per event, 1 for a signature that does not verify.
 */
const WORKER_SOURCE = `
'use strict';
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const keys = [];
parentPort.on('message', (m) => {
  try {
    for (const k of m.newKeys) keys[k.index] = createPublicKey({ key: Buffer.from(k.spki), format: 'der', type: 'spki' });
    const messages = Buffer.from(m.messages.buffer, m.messages.byteOffset, m.messages.byteLength);
    const sigs = Buffer.from(m.sigs.buffer, m.sigs.byteOffset, m.sigs.byteLength);
    const bad = new Uint8Array(m.count);
    for (let i = 0; i < m.count; i++) {
      let ok = false;
      try {
        ok = verify(null, messages.subarray(m.offsets[i], m.offsets[i + 1]), keys[m.kids[i]], sigs.subarray(i * 64, i * 64 + 64));
      } catch {
        ok = false; // a key or signature OpenSSL rejects outright is simply not a valid signature
      }
      if (!ok) bad[i] = 1;
    }
    parentPort.postMessage({ id: m.id, bad }, [bad.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String((error && error.stack) || error) });
  }
});
`;

interface WorkerSlot {
  readonly worker: Worker;
  /** Events submitted and not yet answered: the load used to pick the least busy worker. */
  load: number;
  batches: number;
  /** How many entries of the key table this worker has been sent. */
  keysSent: number;
  readonly pending: Map<number, { resolve: (bad: Uint8Array) => void; reject: (error: unknown) => void }>;
}

/** Fans signature batches out to worker threads, at most `MAX_BATCHES_PER_WORKER` each. */
class WorkerVerifier implements SignatureVerifier {
  // Two batches per worker: one being verified, one queued, so a worker never waits for the
  // main thread, while memory stays at a few batches of bodies.
  private static readonly MAX_BATCHES_PER_WORKER = 2;
  private readonly slots: WorkerSlot[];
  private nextId = 0;
  private waiters: Array<() => void> = [];
  private failure: unknown = null;
  private closing = false;
  /** "DSSEv1" SP LEN(type) SP type SP: the start of every event's message. */
  private readonly header = paeHeader(EVENT_PAYLOAD_TYPE);

  constructor(
    readonly workers: number,
    private readonly ring: KeyTable,
  ) {
    this.slots = Array.from({ length: workers }, () => this.spawn());
  }

  private spawn(): WorkerSlot {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    const slot: WorkerSlot = { worker, load: 0, batches: 0, keysSent: 0, pending: new Map() };
    worker.on('message', (m: { id: number; bad?: Uint8Array; error?: string }) => {
      const entry = slot.pending.get(m.id);
      if (!entry) return;
      slot.pending.delete(m.id);
      slot.batches -= 1;
      if (m.error !== undefined) entry.reject(new Error(`signature worker failed: ${m.error}`));
      else {
        slot.load -= m.bad!.length;
        entry.resolve(m.bad!);
      }
      this.wake();
    });
    const die = (error: unknown) => {
      if (this.closing) return;
      this.failure ??= error;
      for (const entry of slot.pending.values()) entry.reject(error);
      slot.pending.clear();
      this.wake();
    };
    worker.on('error', (error) => die(new Error(`signature worker crashed: ${error.message}`)));
    worker.on('exit', (code) => die(new Error(`signature worker exited with code ${code}`)));
    return slot;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private freeSlot(): WorkerSlot | undefined {
    let best: WorkerSlot | undefined;
    for (const slot of this.slots) {
      if (slot.batches >= WorkerVerifier.MAX_BATCHES_PER_WORKER) continue;
      if (!best || slot.load < best.load) best = slot;
    }
    return best;
  }

  async ready(): Promise<void> {
    while (!this.failure && !this.freeSlot()) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failure) throw this.failure;
  }

  submit(batch: SignatureBatch): Promise<Uint8Array> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.freeSlot() ?? this.slots.reduce((a, b) => (a.load <= b.load ? a : b));
    const count = batch.events.length;
    // Each event's message PAE(EVENT_PAYLOAD_TYPE, body), side by side in one buffer.
    const offsets = new Uint32Array(count + 1);
    let size = 0;
    batch.events.forEach((e, i) => {
      offsets[i] = size;
      size += paeSize(this.header, e.body.length);
    });
    offsets[count] = size;
    const messages = new Uint8Array(size);
    const sigs = new Uint8Array(count * 64);
    batch.events.forEach((e, i) => {
      paeInto(this.header, e.body, messages, offsets[i]!);
      sigs.set(e.sig.subarray(0, 64), i * 64);
    });
    const kids = Uint16Array.from(batch.keyIndexes);
    const newKeys = this.ring.raw.slice(slot.keysSent).map((raw, i) => ({ index: slot.keysSent + i, spki: spkiFromRaw(raw) }));
    slot.keysSent = this.ring.raw.length;
    const id = this.nextId++;
    slot.load += count;
    slot.batches += 1;
    return new Promise<Uint8Array>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, count, messages, offsets, sigs, kids, newKeys }, [
        messages.buffer,
        offsets.buffer,
        sigs.buffer,
        kids.buffer,
      ]);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}

/**
 * Raw 32-byte key of a public or private Ed25519 KeyObject. `rawPublicKey` alone cannot take a
 * public KeyObject (createPublicKey() of one throws), and a Keyring hands out public ones.
 */
function rawFromKeyObject(key: KeyObject): Uint8Array {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`ledger keys are Ed25519, got ${String(key.asymmetricKeyType)}`);
  if (key.type === 'private') return rawPublicKey(key);
  // RFC 8410 §4: the SPKI DER of an Ed25519 key is a 12-byte prefix and the raw 32-byte key.
  return key.export({ format: 'der', type: 'spki' }).subarray(-32);
}

function positiveInt(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
