import { canonicalJson } from '../crypto/canonical-json';
import { ed25519Sign } from '../crypto/ed25519';
import { pae } from '../crypto/pae';
import { sha256Hex } from '../crypto/sha256';
import type { Keyring } from '../crypto/keyring';
import type { SealedEvent } from '../store/event-store';
import { EVENT_BODY_VERSION, EVENT_PAYLOAD_TYPE, type EventBody, type EventDraft } from './event-body';

/** Where a stream stands before an append: its last revision and that event's body hash. */
export interface StreamHead {
  readonly revision: number;
  readonly hash: string;
}

export interface Sealed extends SealedEvent {
  /** Hex SHA-256 of `body`: the next event's `prev`. */
  readonly hash: string;
}

/**
 * Seals drafts into the chain after `head`: canonical body (RFC 8785), `prev` = SHA-256 of
 * the previous body, Ed25519 signature over PAE(EVENT_PAYLOAD_TYPE, body).
 * See docs/ledger-format.md.
 */
export function sealEvents(keyring: Keyring, stream: string, head: StreamHead | null, drafts: readonly EventDraft[]): Sealed[] {
  const { kid, key } = keyring.signingKey();
  let revision = head ? head.revision : -1;
  let prev = head ? head.hash : null;
  return drafts.map((draft) => {
    revision += 1;
    const body: EventBody = {
      v: EVENT_BODY_VERSION,
      id: draft.id,
      stream,
      revision,
      prev,
      type: draft.type,
      data: draft.data,
      meta: draft.meta,
    };
    const bytes = canonicalJson(body);
    const sig = ed25519Sign(pae(EVENT_PAYLOAD_TYPE, bytes), key);
    const hash = sha256Hex(bytes);
    prev = hash;
    return { stream, revision, type: draft.type, body: bytes, kid, sig, hash };
  });
}
