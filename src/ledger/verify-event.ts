import type { KeyObject } from 'node:crypto';
import { ed25519Verify } from '../crypto/ed25519';
import { pae } from '../crypto/pae';
import { sha256Hex } from '../crypto/sha256';
import type { RecordedEvent } from '../store/event-store';
import { EVENT_PAYLOAD_TYPE, type EventBody } from './event-body';
import { checkSignatureLength, checkSignedBody, parseBodyBytes, type ChainCursor } from './event-checks';

export type { ChainCursor } from './event-checks';

export type { EventFault } from './event-checks';
import type { EventFault } from './event-checks';

export class EventVerificationError extends Error {
  constructor(
    readonly fault: EventFault,
    readonly stream: string,
    readonly revision: number,
    readonly position: string,
    readonly detail: string,
  ) {
    super(`event ${stream}@${revision} (position ${position}): ${fault}: ${detail}`);
    this.name = 'EventVerificationError';
  }
}

/**
 * Verifies one recorded event on its exact bytes: the body parses, is signed by a known ledger
 * key, agrees with the envelope the store kept, and continues the stream's chain from
 * `previous` (null for the stream's first event); the last two are ./event-checks.ts, which
 * `verifyLedger` applies too. Never re-serialises to verify the signature. Returns the parsed
 * body and the new chain cursor.
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
  const body = parseBodyBytes(event.body);
  if (body === undefined) fail('BODY_NOT_JSON', 'body bytes are not JSON');
  if (options.checkSignature !== false) {
    const key = keyFor(event.kid);
    if (!key) fail('UNKNOWN_KEY', `no ledger key ${event.kid}`);
    const shape = checkSignatureLength(event.sig);
    if (shape) fail(shape.fault, shape.detail);
    if (!ed25519Verify(pae(EVENT_PAYLOAD_TYPE, event.body), event.sig, key!)) {
      fail('BAD_SIGNATURE', `Ed25519 signature by ${event.kid} does not match the body bytes`);
    }
  }
  const violation = checkSignedBody(event, body, previous);
  if (violation) fail(violation.fault, violation.detail);
  const signed = body as EventBody;
  return { body: signed, cursor: { revision: signed.revision, hash: sha256Hex(event.body) } };
}

/** Parses a body without verification (trusted, local read paths). */
export function parseBody(event: RecordedEvent): EventBody {
  return JSON.parse(Buffer.from(event.body.buffer, event.body.byteOffset, event.body.byteLength).toString('utf8')) as EventBody;
}
