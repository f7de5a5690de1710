/**
 * The rules a recorded event must meet besides its signature, written once for both ledger
 * verifiers: `verifyRecordedEvent` (one event or one stream: Ledger.readStreamVerified,
 * evidence bundles) and `verifyLedger` (the whole log, in commit order). Each names the same
 * fault with the same detail, so an auditor gets one answer whichever tool they ran.
 *
 * These are steps 3 (signature length) and 4–7 of docs/ledger-format.md §9. The chain rule:
 * within a stream, revisions are 0, 1, 2, … and each body's `prev` is the hex SHA-256 of the
 * previous body's exact bytes (null at revision 0).
 */
import { EVENT_BODY_VERSION, type EventBody } from './event-body';

/**
 * What these rules read of a recorded event: its envelope (src/store/event-store.ts's
 * RecordedEvent has it). Declared here so that this module, which the browser verifier runs,
 * depends on no store.
 */
export interface EventEnvelope {
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
}

/** Every way a recorded event can fail verification (docs/ledger-format.md §9 lists them, in checking order). */
export type EventFault =
  'BODY_NOT_JSON' | 'BODY_VERSION' | 'ENVELOPE_MISMATCH' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE' | 'CHAIN_REVISION' | 'CHAIN_PREV';

/** A broken rule: which one, and what an auditor needs to know about it. */
export interface EventRuleViolation {
  readonly fault: EventFault;
  readonly detail: string;
}

/** What a verifier knows about a stream after accepting one of its events. */
export interface ChainCursor {
  readonly revision: number;
  /** Hex SHA-256 of the accepted event's body bytes: the next event's `prev`. */
  readonly hash: string;
}

// Invalid UTF-8 becomes U+FFFD and a BOM is kept, as Buffer#toString('utf8') does.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** The body's JSON value, or undefined when the bytes are not JSON. Never copies the bytes. */
export function parseBodyBytes(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** An Ed25519 signature is 64 bytes (RFC 8032 §5.1.6); anything else cannot verify. */
export function checkSignatureLength(sig: unknown): EventRuleViolation | null {
  if (sig instanceof Uint8Array && sig.length === 64) return null;
  const length = sig instanceof Uint8Array ? sig.length : 0;
  return { fault: 'BAD_SIGNATURE', detail: `signature is ${length} bytes, an Ed25519 signature is 64` };
}

/**
 * The signed body is of a version this code reads, and the envelope the store kept beside it
 * (stream, revision, type) agrees with it.
 */
export function checkEnvelope(event: EventEnvelope, body: unknown): EventRuleViolation | null {
  if (body === null || typeof body !== 'object' || (body as { v?: unknown }).v !== EVENT_BODY_VERSION) {
    return { fault: 'BODY_VERSION', detail: `unsupported body version ${String((body as { v?: unknown } | null)?.v)}` };
  }
  const signed = body as EventBody;
  if (signed.stream !== event.stream || signed.revision !== event.revision || signed.type !== event.type) {
    // Name what differs: an auditor needs to tell a moved event from a relabelled one.
    const diffs = (['stream', 'revision', 'type'] as const)
      .filter((f) => signed[f] !== event[f])
      .map((f) => `${f} stored as ${JSON.stringify(event[f])}, signed as ${JSON.stringify(signed[f])}`);
    return { fault: 'ENVELOPE_MISMATCH', detail: `the envelope differs from the signed body: ${diffs.join('; ')}` };
  }
  return null;
}

/**
 * The chain rule: `body` continues its stream from `previous` (null: the stream's first event).
 * A gap (an event deleted mid-stream), a replay, a reorder or an event from another chain of the
 * same stream name breaks it.
 */
export function checkChainLink(previous: ChainCursor | null, body: Pick<EventBody, 'revision' | 'prev'>): EventRuleViolation | null {
  const expectedRevision = previous ? previous.revision + 1 : 0;
  if (body.revision !== expectedRevision) {
    const missing =
      body.revision - 1 === expectedRevision
        ? `revision ${expectedRevision} is`
        : `revisions ${expectedRevision}..${body.revision - 1} are`;
    const why =
      body.revision < expectedRevision
        ? 'a duplicated, replayed or reordered event'
        : `${missing} missing before it (deleted, or moved later in the log)`;
    return { fault: 'CHAIN_REVISION', detail: `expected revision ${expectedRevision}, found ${body.revision}: ${why}` };
  }
  const expectedPrev = previous ? previous.hash : null;
  if (body.prev !== expectedPrev) {
    return { fault: 'CHAIN_PREV', detail: `prev is ${String(body.prev)}, but the previous event hashes to ${String(expectedPrev)}` };
  }
  return null;
}

/** Envelope, then chain: every rule after the signature, in the order both verifiers apply them. */
export function checkSignedBody(event: EventEnvelope, body: unknown, previous: ChainCursor | null): EventRuleViolation | null {
  return checkEnvelope(event, body) ?? checkChainLink(previous, body as EventBody);
}
