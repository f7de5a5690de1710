/**
 * Ed25519 signing on worker threads, for the ledger's appends (issue 12).
 *
 * Why: an event's signature (node:crypto, ~35–60 µs here) is the largest single part of the main
 * thread's work per append, and the embedded store's group commit blocks that thread in its
 * fsync. With the signatures on workers, the workers sign the next group while the main thread
 * commits the last one, so both cores work. What stays on the main thread is chaining the
 * bodies (canonical JSON, SHA-256, PAE: ~12 µs an event) and the store's commit.
 *
 * Batching: the `sign` calls made in one turn of the event loop go out together at the end of
 * that turn, split into a few messages (one per idle worker, at least two), and each message's
 * signatures come back in one message. Splitting in two is what makes the overlap: the first part
 * is committed while the second is being signed, so the writers settle into groups that take
 * turns. A lone call while no worker is busy is signed on the calling thread instead: one append
 * waiting on a thread round trip would only be slower (the 1-writer latency).
 *
 * What travels: the DSSE messages, built on the main thread by the one PAE
 * (src/ledger/seal.ts, `chainEvents`), concatenated into one transferred buffer; the private key
 * as a KeyObject (postMessage clones it into the worker; it is never exported as PEM or DER), sent
 * to a worker the first time that worker signs with its key id; back comes one buffer of
 * 64-byte signatures. The worker encodes nothing itself, so there is no second copy of the body,
 * PAE or key encoding to drift. A worker that fails or dies rejects exactly the calls it held;
 * nothing of them is signed, so the ledger writes nothing of them. A dead worker is replaced on
 * the next call.
 */
import type { KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ed25519Sign } from '../crypto/ed25519';
import type { MessageSigner, SigningKey } from './seal';

const SIGNATURE_BYTES = 64;
/** A turn's calls go out in at least this many messages (see `spread`). */
const MIN_PARTS = 2;

/**
 * Runs with `eval: true`, so it needs no file on disk (the same from dist/ and under ts-jest) and
 * depends on nothing but node:crypto.
 *
 * Protocol: the main thread posts { id, kid, key?, count, messages, offsets }, with `key` (a
 * KeyObject) only the first time this worker sees `kid`; the worker posts back { id, sigs }
 * (count × 64 bytes, transferred) or { id, error }.
 */
const WORKER_SOURCE = `
'use strict';
const { parentPort } = require('node:worker_threads');
const { sign } = require('node:crypto');
const keys = new Map();
parentPort.on('message', (m) => {
  try {
    if (m.key) keys.set(m.kid, m.key);
    const key = keys.get(m.kid);
    if (!key) throw new Error('no private key for key id ' + m.kid);
    const messages = Buffer.from(m.messages.buffer, m.messages.byteOffset, m.messages.byteLength);
    const sigs = new Uint8Array(m.count * ${SIGNATURE_BYTES});
    for (let i = 0; i < m.count; i++) {
      const sig = sign(null, messages.subarray(m.offsets[i], m.offsets[i + 1]), key);
      if (sig.length !== ${SIGNATURE_BYTES}) throw new Error('signature of ' + sig.length + ' bytes');
      sigs.set(sig, i * ${SIGNATURE_BYTES});
    }
    parentPort.postMessage({ id: m.id, sigs }, [sigs.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String((error && error.stack) || error) });
  }
});
`;

/** One `sign` call waiting for its signatures. */
interface Request {
  readonly key: SigningKey;
  readonly messages: readonly Uint8Array[];
  readonly resolve: (sigs: Uint8Array[]) => void;
  readonly reject: (error: unknown) => void;
}

interface Batch {
  readonly requests: readonly Request[];
  readonly count: number;
}

interface Slot {
  readonly worker: Worker;
  /** Key ids whose private key this worker holds. */
  readonly kids: Set<string>;
  readonly inFlight: Map<number, Batch>;
  /** Messages sent and not yet answered: the least loaded worker gets the next batch. */
  load: number;
  dead: boolean;
}

export interface SigningPoolOptions {
  /** Worker threads; default `defaultSigningWorkers()`. Started on first use, not before. */
  readonly workers?: number;
  /**
   * Sign a lone call on the calling thread while no worker is busy (default true): a single
   * sequential writer then pays no thread round trip.
   */
  readonly inlineWhenIdle?: boolean;
  /** Starts one worker running `source` (tests give workers that fail). */
  readonly spawn?: (source: string) => Worker;
}

/** One thread fewer than the machine has (the main thread commits), at least one, at most four. */
export function defaultSigningWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** A pool of signing worker threads; see the module comment. Close it to end its threads. */
export class SigningPool implements MessageSigner {
  readonly workers: number;
  private readonly inlineWhenIdle: boolean;
  private readonly spawnWorker: (source: string) => Worker;
  private readonly slots: Array<Slot | null>;
  private queue: Request[] = [];
  private scheduled = false;
  private nextId = 0;
  /** Workers with a batch in flight. */
  private busy = 0;
  private closed = false;

  constructor(options: SigningPoolOptions = {}) {
    const workers = options.workers ?? defaultSigningWorkers();
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`signing workers must be a positive integer, got ${workers}`);
    this.workers = workers;
    this.inlineWhenIdle = options.inlineWhenIdle ?? true;
    this.spawnWorker = options.spawn ?? ((source) => new Worker(source, { eval: true }));
    this.slots = Array.from({ length: workers }, () => null);
  }

  sign(key: SigningKey, messages: readonly Uint8Array[]): Promise<Uint8Array[]> {
    if (this.closed) return Promise.reject(new Error('signing pool is closed'));
    if (messages.length === 0) return Promise.resolve([]);
    return new Promise<Uint8Array[]>((resolve, reject) => {
      this.queue.push({ key, messages, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.dispatch());
      }
    });
  }

  /** Ends the worker threads; calls not answered yet are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new Error('signing pool is closed');
    for (const request of this.queue) request.reject(error);
    this.queue = [];
    const slots = this.slots.filter((slot): slot is Slot => slot !== null);
    this.slots.fill(null);
    for (const slot of slots) this.fail(slot, error);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    this.scheduled = false;
    const requests = this.queue;
    this.queue = [];
    if (requests.length === 0 || this.closed) return;
    if (this.inlineWhenIdle && this.busy === 0 && requests.length === 1) {
      this.signHere(requests);
      return;
    }
    // One batch per key (a rotation inside one turn is rare, but each batch carries one key).
    const byKid = new Map<string, Request[]>();
    for (const request of requests) {
      const list = byKid.get(request.key.kid);
      if (list) list.push(request);
      else byKid.set(request.key.kid, [request]);
    }
    for (const group of byKid.values()) this.spread(group);
  }

  /**
   * Splits one key's calls into parts, at least two when there are two calls, one per idle
   * worker when more are idle. Parts beyond the idle workers go to the least loaded worker as
   * separate messages: a worker answers each message as soon as it is signed, so the first part
   * commits while the worker signs the next, and the writers fall into groups whose signing
   * overlaps the other groups' commits. (Measured: the calling thread signing a share itself
   * instead was slower; it is the thread that commits.)
   */
  private spread(requests: readonly Request[]): void {
    const idle = this.slots.map((_, i) => i).filter((i) => (this.slots[i]?.load ?? 0) === 0);
    const parts = Math.min(requests.length, Math.max(MIN_PARTS, idle.length));
    const total = requests.reduce((n, r) => n + r.messages.length, 0);
    // Split by messages, not calls, so that the parts are about the same work.
    const split: Request[][] = [[]];
    let sent = 0;
    for (const request of requests) {
      if (split.length < parts && sent >= (total * split.length) / parts) split.push([]);
      split[split.length - 1]!.push(request);
      sent += request.messages.length;
    }
    split.forEach((part, i) => this.post(part, idle[i]));
  }

  /** Signs `requests` on this thread and answers them. */
  private signHere(requests: readonly Request[]): void {
    for (const request of requests) {
      try {
        request.resolve(request.messages.map((message) => ed25519Sign(message, request.key.key)));
      } catch (error) {
        request.reject(error);
      }
    }
  }

  private post(requests: readonly Request[], index: number | undefined): void {
    const slot = this.slot(index ?? this.leastLoaded());
    const key = requests[0]!.key;
    let count = 0;
    let size = 0;
    for (const request of requests) {
      count += request.messages.length;
      for (const message of request.messages) size += message.byteLength;
    }
    const offsets = new Uint32Array(count + 1);
    const messages = new Uint8Array(size);
    let i = 0;
    let at = 0;
    for (const request of requests) {
      for (const message of request.messages) {
        offsets[i++] = at;
        messages.set(message, at);
        at += message.byteLength;
      }
    }
    offsets[count] = at;
    const id = this.nextId++;
    const first = !slot.kids.has(key.kid);
    slot.kids.add(key.kid);
    if (slot.inFlight.size === 0) {
      slot.worker.ref();
      this.busy += 1;
    }
    slot.inFlight.set(id, { requests, count });
    slot.load += count;
    const message: { id: number; kid: string; key?: KeyObject; count: number; messages: Uint8Array; offsets: Uint32Array } = {
      id,
      kid: key.kid,
      count,
      messages,
      offsets,
    };
    if (first) message.key = key.key;
    try {
      slot.worker.postMessage(message, [messages.buffer, offsets.buffer]);
    } catch (error) {
      // E.g. a key postMessage cannot clone: these calls fail, the worker stays as it was.
      if (first) slot.kids.delete(key.kid);
      this.settle(slot, id, slot.inFlight.get(id)!);
      const failure = new Error(`signing worker could not be sent the batch: ${(error as Error).message}`);
      for (const request of requests) request.reject(failure);
    }
  }

  private leastLoaded(): number {
    let best = 0;
    for (let i = 1; i < this.slots.length; i++) if ((this.slots[i]?.load ?? 0) < (this.slots[best]?.load ?? 0)) best = i;
    return best;
  }

  /** The worker at `index`, started (again) when there is none or it died. */
  private slot(index: number): Slot {
    const existing = this.slots[index];
    if (existing && !existing.dead) return existing;
    const worker = this.spawnWorker(WORKER_SOURCE);
    const slot: Slot = { worker, kids: new Set(), inFlight: new Map(), load: 0, dead: false };
    worker.on('message', (m: { id: number; sigs?: Uint8Array; error?: string }) => this.answer(slot, m));
    const die = (error: Error) => {
      if (slot.dead) return;
      slot.dead = true;
      if (this.slots[index] === slot) this.slots[index] = null;
      this.fail(slot, error);
    };
    worker.on('error', (error) => die(new Error(`signing worker crashed: ${error.message}`)));
    worker.on('exit', (code) => die(new Error(`signing worker exited with code ${code}`)));
    // Idle, a worker keeps no process alive; while it signs it does (see `post`). After the
    // listeners: adding a 'message' listener refs the worker's port again.
    worker.unref();
    this.slots[index] = slot;
    return slot;
  }

  private answer(slot: Slot, m: { id: number; sigs?: Uint8Array; error?: string }): void {
    const batch = slot.inFlight.get(m.id);
    if (!batch) return;
    this.settle(slot, m.id, batch);
    if (m.error !== undefined || !m.sigs || m.sigs.byteLength !== batch.count * SIGNATURE_BYTES) {
      const error = new Error(`signing worker failed: ${m.error ?? 'wrong number of signature bytes'}`);
      for (const request of batch.requests) request.reject(error);
      return;
    }
    const sigs = m.sigs;
    let at = 0;
    for (const request of batch.requests) {
      const mine: Uint8Array[] = [];
      for (let i = 0; i < request.messages.length; i++, at += SIGNATURE_BYTES) {
        mine.push(Buffer.from(sigs.buffer, sigs.byteOffset + at, SIGNATURE_BYTES));
      }
      request.resolve(mine);
    }
  }

  private settle(slot: Slot, id: number, batch: Batch): void {
    slot.inFlight.delete(id);
    slot.load -= batch.count;
    if (slot.inFlight.size === 0) {
      this.busy -= 1;
      if (!slot.dead) slot.worker.unref();
    }
  }

  /** Rejects every call `slot` holds. */
  private fail(slot: Slot, error: Error): void {
    for (const [id, batch] of [...slot.inFlight]) {
      this.settle(slot, id, batch);
      for (const request of batch.requests) request.reject(error);
    }
  }
}
