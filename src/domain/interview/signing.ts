/**
 * Signing an interview: the exact bytes an employee or manager signs with their own Ed25519
 * key (DESIGN.md, "The ledger" 5), and the codes a rejected signature gets.
 *
 * This file is shared by the server (the interview decider, evidence bundles) and by clients
 * that sign in a browser or in Node (src/client/signer.ts), so that both build the message
 * with the same code. It must therefore run in a browser: no node:crypto, no Buffer. The
 * encodings are the portable primitives of src/crypto/portable/ (PAE, RFC 8785, SHA-256, key
 * id), the same functions the ledger uses, so there is no second copy to drift. Pinned by
 * test/vectors/signing-message.json (scripts/generate-signing-vectors.ts).
 *
 * ## The bytes, version 1
 *
 * Conventions as in docs/ledger-format.md: JCS is RFC 8785 canonical JSON as UTF-8 bytes;
 * hex is lowercase; base64 is RFC 4648 §4 with padding.
 *
 * 1. **Signed content** at version V: the record's content as the ledger holds it after the
 *    event that produced V, as one JSON object
 *
 *        { "interviewId", "version": V, "templateId",
 *          "basic": { "employeeId", "managerId", "participantIds", "department", "position",
 *                     "cycle", "scheduledAt", "location" },
 *          "sections": { <section key>: <section content>, ... } }
 *
 *    Every field is always present (`participantIds` may be `[]`, `location` may be `""`,
 *    `sections` may be `{}`); a section appears once it has been edited.
 *
 * 2. **Content digest**: `contentDigest = hex(SHA-256(JCS(content)))` (FIPS 180-4), 64 hex digits.
 *
 * 3. **Claim**: the JSON object `{ "contentDigest", "interviewId", "role", "signerId", "version" }`
 *    with `role` one of `employee`, `manager`, `participant` and `signerId` the signer's person id.
 *    The claim repeats the interview and version beside the digest so that a reader sees what
 *    was signed without the content, and binds role and signer so that an employee's signature
 *    can never count as the manager's, nor one person's as another's.
 *
 * 4. **Message** (DSSE v1 pre-authentication encoding, as for ledger events):
 *
 *        message = PAE(payloadType, JCS(claim))
 *                = "DSSEv1 51 application/vnd.interview-ledger.signature+json;v=1 " LEN " " JCS(claim)
 *
 *    where LEN is the claim's byte length in ASCII decimal. The payload type differs from the
 *    ledger's event type, so a person's signature can never pass as a ledger signature or the
 *    other way round (domain separation).
 *
 * 5. **Signature**: `Ed25519-Sign(signer's private key, message)`, pure Ed25519 (RFC 8032
 *    §5.1.6), 64 bytes, sent as base64. Its key is named by
 *    `kid = "ed25519:" + hex(SHA-256(raw 32-byte public key))[0..16)`, as ledger keys are.
 *
 * Example claim (one line, keys sorted):
 * `{"contentDigest":"<64 hex>","interviewId":"iv-2026-0001","role":"employee","signerId":"emp-0001","version":3}`
 */
import { fromBase64 } from '../../crypto/portable/base64';
import { canonicalJson } from '../../crypto/portable/canonical-json';
import { ED25519_PUBLIC_KEY_BYTES, KEY_ID_PATTERN, keyIdOf } from '../../crypto/portable/key-id';
import { pae } from '../../crypto/portable/pae';
import { sha256Portable, toHex } from '../../crypto/portable/sha256';
import { DomainError } from '../errors';
import type { JsonObject } from '../limits';
import type { BasicInfo } from './basic-info';

export const SIGNATURE_PAYLOAD_TYPE = 'application/vnd.interview-ledger.signature+json;v=1';

/** Who may sign: the record's employee, its manager, or one of its other participants. */
export const SIGNATURE_ROLES = ['employee', 'manager', 'participant'] as const;
export type SignatureRole = (typeof SIGNATURE_ROLES)[number];
export const isSignatureRole = (value: unknown): value is SignatureRole => (SIGNATURE_ROLES as readonly unknown[]).includes(value);

export const PUBLIC_KEY_BYTES = ED25519_PUBLIC_KEY_BYTES;
export const SIGNATURE_BYTES = 64;
export const KEY_ID = KEY_ID_PATTERN;

export const SIGNING_LIMITS = {
  /** Active keys per person: enough for a laptop, a phone and a spare, without hoarding. */
  activeKeys: 5,
  /** Reasons for revoking a key or opening a correction. */
  reasonChars: 1000,
  /** Addenda per record: each may be long, and the record's read-model document holds them all. */
  addenda: 100,
} as const;

/**
 * Why a signing, locking or key command was refused. Reaches clients as `extensions.code`.
 *
 * - `STALE_VERSION`: the signature is for a version that is not the record's current one.
 * - `NOT_A_PARTY`: the signer is not the record's employee / manager / participant in the role claimed.
 * - `UNKNOWN_KEY`: the signer has no registered key with that kid (revoking: the person has none).
 * - `KEY_REVOKED`: the key was revoked; it signs nothing any more.
 * - `BAD_SIGNATURE`: the signature does not verify over the message for the current version.
 * - `ALREADY_SIGNED`: this role (this participant) has signed this version already; also a replay.
 * - `LOCKED`: every required signature is in; the content cannot change or be signed again.
 * - `NOT_LOCKED`: addenda and corrections are for locked records; edit an unlocked one instead.
 * - `CORRECTION_UNCHANGED`: a correction is open but nothing has changed yet; there is no new version to sign.
 * - `DUPLICATE_KEY`, `TOO_MANY_KEYS`, `ALREADY_REVOKED`: key registration and revocation.
 */
export type SigningRejection =
  | 'STALE_VERSION'
  | 'NOT_A_PARTY'
  | 'UNKNOWN_KEY'
  | 'KEY_REVOKED'
  | 'BAD_SIGNATURE'
  | 'ALREADY_SIGNED'
  | 'LOCKED'
  | 'NOT_LOCKED'
  | 'CORRECTION_UNCHANGED'
  | 'DUPLICATE_KEY'
  | 'TOO_MANY_KEYS'
  | 'ALREADY_REVOKED';

/** A signing, locking or key rule the command breaks; `code` says which (see SigningRejection). */
export class SigningRuleError extends DomainError {
  constructor(
    readonly code: SigningRejection,
    message: string,
    field?: string,
  ) {
    super(message, field);
  }
}

// ---- content and digest -------------------------------------------------------------------

/** What the digest covers (step 1). */
export interface SignedContent {
  readonly interviewId: string;
  readonly version: number;
  readonly templateId: string;
  readonly basic: BasicInfo;
  readonly sections: Readonly<Record<string, JsonObject>>;
}

/** The parts of an interview's state the content comes from (the decider's state fits). */
export interface SignableRecord {
  readonly id: string;
  readonly version: number;
  readonly templateId: string;
  readonly basic: BasicInfo;
  readonly sections: Readonly<Record<string, JsonObject>>;
}

/** The signed content of a record at its current version, with exactly the documented fields. */
export function signedContent(record: SignableRecord): SignedContent {
  const b = record.basic;
  return {
    interviewId: record.id,
    version: record.version,
    templateId: record.templateId,
    // Named one by one: state may carry more than the format's fields, and they must not leak into the digest.
    basic: {
      employeeId: b.employeeId,
      managerId: b.managerId,
      participantIds: [...b.participantIds],
      department: b.department,
      position: b.position,
      cycle: b.cycle,
      scheduledAt: b.scheduledAt,
      location: b.location,
    },
    sections: record.sections,
  };
}

/** JCS bytes of the content: what SHA-256 hashes (step 2). */
export function signedContentBytes(content: SignedContent): Uint8Array {
  return canonicalJson(content, 'signed content');
}

/** hex(SHA-256(JCS(content))) of a signed content object (step 2). */
export function contentDigestOf(content: SignedContent): string {
  return toHex(sha256Portable(signedContentBytes(content)));
}

/** The content digest of a record at its current version. */
export function contentDigest(record: SignableRecord): string {
  return contentDigestOf(signedContent(record));
}

// ---- message ------------------------------------------------------------------------------

/** What a signer asserts (step 3). `role` is a string here so verifiers can rebuild any claim; `decide` checks it. */
export interface SigningClaim {
  readonly interviewId: string;
  readonly version: number;
  readonly contentDigest: string;
  readonly role: string;
  readonly signerId: string;
}

/** JCS bytes of the claim: the PAE body (step 3). */
export function signingPayload(claim: SigningClaim): Uint8Array {
  const { interviewId, version, contentDigest: digest, role, signerId } = claim;
  for (const [label, value] of [
    ['interviewId', interviewId],
    ['role', role],
    ['signerId', signerId],
  ] as const) {
    if (typeof value !== 'string' || value.length === 0) throw new TypeError(`signing claim: ${label} must be a non-empty string`);
  }
  if (!Number.isSafeInteger(version) || version < 1) throw new TypeError('signing claim: version must be a positive integer');
  if (typeof digest !== 'string' || !/^[0-9a-f]{64}$/.test(digest))
    throw new TypeError('signing claim: contentDigest must be 64 lowercase hex digits');
  return canonicalJson({ contentDigest: digest, interviewId, role, signerId, version }, 'signing claim');
}

/** The bytes the signer's Ed25519 key signs (step 4). */
export function signingMessage(claim: SigningClaim): Uint8Array {
  return pae(SIGNATURE_PAYLOAD_TYPE, signingPayload(claim));
}

/** Key id of a raw Ed25519 public key (step 5): the same function as the ledger's key ids. */
export const signerKeyId: (publicKey: Uint8Array) => string = keyIdOf;

/** Strict base64 of exactly `length` bytes, or null. */
export function decodeFixedBase64(text: unknown, length: number): Uint8Array | null {
  if (typeof text !== 'string') return null;
  const bytes = fromBase64(text);
  return bytes && bytes.length === length ? bytes : null;
}
