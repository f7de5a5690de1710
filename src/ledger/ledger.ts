import type { Keyring } from '../crypto/keyring';
import type { AppendResult, EventStore, RecordedEvent } from '../store/event-store';
import type { EventBody, EventDraft } from './event-body';
import { sealEvents, sealEventsWith, type MessageSigner, type Sealed, type StreamHead } from './seal';
import { parseBody, verifyRecordedEvent, type ChainCursor } from './verify-event';
import { sha256Hex } from '../crypto/sha256';

/** A recorded event with its parsed body and body hash. */
export interface LedgerEvent {
  readonly position: string;
  readonly body: EventBody;
  readonly hash: string;
  readonly kid: string;
}

export interface LedgerOptions {
  /**
   * Where the signatures are made: a SigningPool (src/ledger/signing-pool.ts) signs on worker
   * threads, overlapping the store's commits. Without one, appends sign on the calling thread
   * (and a Ledger starts no threads).
   */
  readonly signer?: MessageSigner;
}

/**
 * The ledger: seals events and appends them to the event store with an expected revision,
 * so that each stream is a hash chain and every event carries the ledger's signature.
 */
export class Ledger {
  private readonly signer: MessageSigner | undefined;

  constructor(
    readonly store: EventStore,
    readonly keyring: Keyring,
    options: LedgerOptions = {},
  ) {
    this.signer = options.signer;
  }

  /** The stream's head (last revision and body hash), or null for a new stream. */
  async head(stream: string): Promise<StreamHead | null> {
    const last = await this.store.lastEvent(stream);
    return last ? { revision: last.revision, hash: sha256Hex(last.body) } : null;
  }

  /**
   * Seals `drafts` after `head` and appends them. Throws StreamConcurrencyError when another
   * writer got there first; nothing is written then. When signing fails (a signing worker
   * failed or died), the append is rejected with that error and nothing is written either.
   */
  async append(stream: string, head: StreamHead | null, drafts: readonly EventDraft[]): Promise<AppendResult & { sealed: Sealed[] }> {
    const sealed = this.signer
      ? await sealEventsWith(this.signer, this.keyring, stream, head, drafts)
      : sealEvents(this.keyring, stream, head, drafts);
    const result = await this.store.append(stream, head ? head.revision : 'no_stream', sealed);
    return { ...result, sealed };
  }

  /** Reads a stream (from `fromRevision` on, when given), parsing bodies (trusted local read; no signature check). */
  async readStream(stream: string, options: { fromRevision?: number } = {}): Promise<LedgerEvent[]> {
    const events = await this.store.readStream(stream, options.fromRevision ? { fromRevision: options.fromRevision } : {});
    return events.map(toLedgerEvent);
  }

  /**
   * Reads a stream and verifies every event: signature on the exact bytes, envelope and
   * hash chain. Throws EventVerificationError naming the first bad event.
   */
  async readStreamVerified(stream: string): Promise<LedgerEvent[]> {
    const events = await this.store.readStream(stream);
    // A key another instance rotated to: look at the shared list before calling it unknown.
    for (const kid of new Set(events.map((e) => e.kid))) if (!this.keyring.publicKey(kid)) await this.keyring.resolve(kid);
    let cursor: ChainCursor | null = null;
    return events.map((event) => {
      const verified = verifyRecordedEvent(event, cursor, (kid) => this.keyring.publicKey(kid));
      cursor = verified.cursor;
      return { position: event.position, body: verified.body, hash: verified.cursor.hash, kid: event.kid };
    });
  }
}

export function toLedgerEvent(event: RecordedEvent): LedgerEvent {
  return { position: event.position, body: parseBody(event), hash: sha256Hex(event.body), kid: event.kid };
}
