import type { KeyObject } from 'node:crypto';
import { ed25519Verify } from '../crypto/ed25519';
import { pae } from '../crypto/pae';
import { sha256Hex } from '../crypto/sha256';
import type { RecordedEvent } from '../store/event-store';
import { EVENT_BODY_VERSION, EVENT_PAYLOAD_TYPE, type EventBody } from './event-body';

export type EventFault =
  | 'BODY_NOT_JSON'
  | 'BODY_VERSION'
  | 'ENVELOPE_MISMATCH'
  | 'UNKNOWN_KEY'
  | 'BAD_SIGNATURE'
  | 'CHAIN_REVISION'
  | 'CHAIN_PREV';

export class EventVerificationError extends Error {
  constructor(
    readonly fault: EventFault,
    readonly stream: string,
    readonly revision: number,
    readonly position: string,
    detail: string,
  ) {
    super(`event ${stream}@${revision} (position ${position}): ${fault}: ${detail}`);
    this.name = 'EventVerificationError';
  }
}

/** What a verifier knows about a stream after accepting one of its events. */
export interface ChainCursor {
  readonly revision: number;
  readonly hash: string;
}

/**
 * Verifies one recorded event on its exact bytes: the body parses, agrees with
 * the envelope the store kept, is signed by a known ledger key, and continues the stream's
 * chain from `previous` (null for the stream's first event). Never re-serialises to verify
 * the signature. Returns the parsed body and the new chain cursor.
 */
export function verifyRecordedEvent(
  event: RecordedEvent,
  previous: ChainCursor | null,
  keyFor: (kid: string) => KeyObject | undefined,
  options: { checkSignature?: boolean } = {},
): { body: EventBody; cursor: ChainCursor } {
  const fail = (fault: EventFault, detail: string): never => {
    throw new EventVerificationError(fault, event.stream, event.revision, event.position, detail);
  };
  const text = Buffer.from(event.body).toString('utf8');
  let body: EventBody;
  try {
    body = JSON.parse(text) as EventBody;
  } catch {
    return fail('BODY_NOT_JSON', 'body bytes are not JSON');
  }
  if (options.checkSignature !== false) {
    const key = keyFor(event.kid);
    if (!key) fail('UNKNOWN_KEY', `no ledger key ${event.kid}`);
    if (!ed25519Verify(pae(EVENT_PAYLOAD_TYPE, event.body), event.sig, key!)) {
      fail('BAD_SIGNATURE', `Ed25519 signature by ${event.kid} does not match the body bytes`);
    }
  }
  if (body === null || typeof body !== 'object' || body.v !== EVENT_BODY_VERSION) {
    fail('BODY_VERSION', `unsupported body version ${String((body as { v?: unknown } | null)?.v)}`);
  }
  if (body.stream !== event.stream || body.revision !== event.revision || body.type !== event.type) {
    fail('ENVELOPE_MISMATCH', 'stream, revision or type stored beside the body differ from the signed body');
  }
  const expectedRevision = previous ? previous.revision + 1 : 0;
  if (body.revision !== expectedRevision) {
    fail('CHAIN_REVISION', `expected revision ${expectedRevision}, found ${body.revision}`);
  }
  const expectedPrev = previous ? previous.hash : null;
  if (body.prev !== expectedPrev) {
    fail('CHAIN_PREV', `prev is ${String(body.prev)}, but the previous event hashes to ${String(expectedPrev)}`);
  }
  const hash = sha256Hex(event.body);
  return { body, cursor: { revision: body.revision, hash } };
}

/** Parses a body without verification (trusted, local read paths). */
export function parseBody(event: RecordedEvent): EventBody {
  return JSON.parse(Buffer.from(event.body).toString('utf8')) as EventBody;
}
