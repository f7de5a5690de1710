/**
 * Verification of one recorded event, written once for the server and the browser: the body
 * parses, is signed by a known ledger key, agrees with its envelope and continues its stream's
 * chain (./event-checks.ts). The signature check and the hash are given by the caller, so this
 * module imports no node: module and uses no Buffer: ./verify-event.ts runs it with
 * node:crypto KeyObjects (Ledger.readStreamVerified), the evidence verifier with a `VerifyPort`
 * on raw keys (src/evidence/verify-bundle-core.ts).
 */
import { pae } from '../crypto/portable/pae';
import { EVENT_PAYLOAD_TYPE, type EventBody } from './event-body';
import { checkSignatureLength, checkSignedBody, parseBodyBytes, type ChainCursor, type EventFault } from './event-checks';

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

/** A recorded event as the verifier reads it (src/store/event-store.ts's RecordedEvent is one). */
export interface VerifiableEvent {
  readonly position: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly body: Uint8Array;
  readonly kid: string;
  readonly sig: Uint8Array;
}

/** How to check a ledger signature and hash a body, with keys of type K. */
export interface EventCrypto<K> {
  /** The ledger key `kid`, or undefined when it is not a (trusted) ledger key. */
  keyFor(kid: string): K | undefined;
  /** Ed25519 over `message` by `key`; the signature is 64 bytes when this is asked. */
  verify(message: Uint8Array, signature: Uint8Array, key: K): boolean;
  /** Lowercase hex SHA-256 of `bytes`. */
  sha256Hex(bytes: Uint8Array): string;
}

/**
 * Verifies one recorded event on its exact bytes (never re-serialised), continuing the chain
 * from `previous` (null for the stream's first event). Throws `EventVerificationError` naming
 * the first rule broken; returns the parsed body and the new chain cursor.
 */
export function verifyEventWith<K>(
  crypto: EventCrypto<K>,
  event: VerifiableEvent,
  previous: ChainCursor | null,
  options: { checkSignature?: boolean } = {},
): { body: EventBody; cursor: ChainCursor } {
  const fail = (fault: EventFault, detail: string): never => {
    throw new EventVerificationError(fault, event.stream, event.revision, event.position, detail);
  };
  const body = parseBodyBytes(event.body);
  if (body === undefined) fail('BODY_NOT_JSON', 'body bytes are not JSON');
  if (options.checkSignature !== false) {
    const key = crypto.keyFor(event.kid);
    if (key === undefined) fail('UNKNOWN_KEY', `no ledger key ${event.kid}`);
    const shape = checkSignatureLength(event.sig);
    if (shape) fail(shape.fault, shape.detail);
    if (!crypto.verify(pae(EVENT_PAYLOAD_TYPE, event.body), event.sig, key!)) {
      fail('BAD_SIGNATURE', `Ed25519 signature by ${event.kid} does not match the body bytes`);
    }
  }
  const violation = checkSignedBody(event, body, previous);
  if (violation) fail(violation.fault, violation.detail);
  const signed = body as EventBody;
  return { body: signed, cursor: { revision: signed.revision, hash: crypto.sha256Hex(event.body) } };
}
