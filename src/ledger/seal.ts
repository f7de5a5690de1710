import type { KeyObject } from 'node:crypto';
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

/** A ledger key that signs: its key id and private key (what `Keyring.signingKey()` gives). */
export interface SigningKey {
  readonly kid: string;
  readonly key: KeyObject;
}

/**
 * Signs many messages with one key, possibly off the calling thread (src/ledger/signing-pool.ts).
 * Answers one 64-byte Ed25519 signature per message, in order, or rejects as a whole.
 */
export interface MessageSigner {
  sign(key: SigningKey, messages: readonly Uint8Array[]): Promise<Uint8Array[]>;
}

/** An event chained after its stream's head, not signed yet. */
export interface ChainedEvent {
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  /** Canonical JSON (RFC 8785) bytes of the body. */
  readonly body: Uint8Array;
  /** Hex SHA-256 of `body`. */
  readonly hash: string;
  /** What the ledger key signs: PAE(EVENT_PAYLOAD_TYPE, body). */
  readonly message: Uint8Array;
}

/**
 * Chains drafts after `head`: canonical body (RFC 8785), `prev` = SHA-256 of the previous body,
 * and the DSSE message PAE(EVENT_PAYLOAD_TYPE, body) the ledger signature covers.
 * See docs/ledger-format.md.
 */
export function chainEvents(stream: string, head: StreamHead | null, drafts: readonly EventDraft[]): ChainedEvent[] {
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
    const hash = sha256Hex(bytes);
    prev = hash;
    return { stream, revision, type: draft.type, body: bytes, hash, message: pae(EVENT_PAYLOAD_TYPE, bytes) };
  });
}

function withSignature(event: ChainedEvent, kid: string, sig: Uint8Array): Sealed {
  const { stream, revision, type, body, hash } = event;
  return { stream, revision, type, body, kid, sig, hash };
}

/**
 * Seals drafts into the chain after `head` (`chainEvents`) and signs each with the keyring's
 * active key, on this thread.
 */
export function sealEvents(keyring: Keyring, stream: string, head: StreamHead | null, drafts: readonly EventDraft[]): Sealed[] {
  const { kid, key } = keyring.signingKey();
  return chainEvents(stream, head, drafts).map((event) => withSignature(event, kid, ed25519Sign(event.message, key)));
}

/**
 * `sealEvents` with the signatures made by `signer` (a signing pool): the same bytes, because
 * the bodies are chained here by the same code and Ed25519 is deterministic (RFC 8032 §5.1.6).
 * The key is taken once, before signing, so every event names the key that signed it.
 */
export async function sealEventsWith(
  signer: MessageSigner,
  keyring: Keyring,
  stream: string,
  head: StreamHead | null,
  drafts: readonly EventDraft[],
): Promise<Sealed[]> {
  const signing = keyring.signingKey();
  const chained = chainEvents(stream, head, drafts);
  const sigs = await signer.sign(
    signing,
    chained.map((event) => event.message),
  );
  if (sigs.length !== chained.length) throw new Error(`signer answered ${sigs.length} signatures for ${chained.length} events`);
  return chained.map((event, i) => withSignature(event, signing.kid, sigs[i]!));
}
