import type { KeyObject } from 'node:crypto';
import { ed25519Verify } from '../crypto/ed25519';
import { sha256Hex } from '../crypto/sha256';
import type { RecordedEvent } from '../store/event-store';
import type { EventBody } from './event-body';
import type { ChainCursor } from './event-checks';
import { verifyEventWith, type EventCrypto } from './verify-event-core';

export type { ChainCursor, EventFault } from './event-checks';
export { EventVerificationError } from './verify-event-core';

/**
 * Verifies one recorded event on its exact bytes: the body parses, is signed by a known ledger
 * key, agrees with the envelope the store kept, and continues the stream's chain from
 * `previous` (null for the stream's first event); the last two are ./event-checks.ts, which
 * `verifyLedger` applies too. Never re-serialises to verify the signature. Returns the parsed
 * body and the new chain cursor. The rules are ./verify-event-core.ts (shared with the browser
 * verifier); here with node:crypto KeyObjects.
 */
export function verifyRecordedEvent(
  event: RecordedEvent,
  previous: ChainCursor | null,
  keyFor: (kid: string) => KeyObject | undefined,
  options: { checkSignature?: boolean } = {},
): { body: EventBody; cursor: ChainCursor } {
  const crypto: EventCrypto<KeyObject> = { keyFor, verify: ed25519Verify, sha256Hex };
  return verifyEventWith(crypto, event, previous, options);
}

/** Parses a body without verification (trusted, local read paths). */
export function parseBody(event: RecordedEvent): EventBody {
  return JSON.parse(Buffer.from(event.body.buffer, event.body.byteOffset, event.body.byteLength).toString('utf8')) as EventBody;
}
