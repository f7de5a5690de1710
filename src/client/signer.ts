/**
 * Signing interviews with your own Ed25519 key, on your own device: in a browser, or in
 * Node (scripts/sign.ts). The server never sees the private key; it checks the signature
 * against the public key you registered (DESIGN.md, "The ledger" 5).
 *
 * Browser-safe on purpose: this file and everything it imports use only `tweetnacl`,
 * `canonicalize`, TextEncoder and Uint8Array; no node:crypto, no Buffer, no WebCrypto (which
 * is missing on plain-http pages). test/client/signer.test.ts walks the imports to keep it so.
 * The message comes from the same builder the server uses (src/domain/interview/signing.ts),
 * over the same primitives (src/crypto/portable/: PAE, RFC 8785, SHA-256, key id, base64),
 * and the content digest is recomputed here from the content you were shown, so a client
 * never signs bytes it has not checked.
 *
 *   const keys = generateKeyPair();                      // keep keys.secretKey on the device
 *   registerSigningKey(personId, publicKeyBase64(keys))   // GraphQL, once
 *   const m = signingMessage(interviewId, version, role)  // GraphQL: content, digest, message
 *   const s = signInterview({ interviewId, version, role, signerId, content: m.content, expectedMessage: m.message }, keys.secretKey);
 *   signInterview(input: { interviewId, version, role, kid: s.kid, signature: s.signature })  // GraphQL
 */
import nacl from 'tweetnacl';
import { fromBase64, toBase64 } from '../crypto/portable/base64';
import {
  contentDigestOf,
  isSignatureRole,
  PUBLIC_KEY_BYTES,
  SIGNATURE_BYTES,
  SIGNATURE_ROLES,
  signerKeyId,
  signingMessage,
  type SignatureRole,
  type SignedContent,
} from '../domain/interview/signing';

export const SEED_BYTES = 32;
/** tweetnacl's secret key: the 32-byte seed followed by the 32-byte public key. */
export const SECRET_KEY_BYTES = 64;

export interface SignerKeyPair {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

/** A fresh key pair from the platform's secure random source (crypto.getRandomValues, or Node's crypto inside tweetnacl). */
export function generateKeyPair(): SignerKeyPair {
  const pair = nacl.sign.keyPair();
  return { publicKey: pair.publicKey, secretKey: pair.secretKey };
}

/** The key pair of a 32-byte seed (RFC 8032 private key). Deterministic: for key files and tests. */
export function keyPairFromSeed(seed: Uint8Array): SignerKeyPair {
  if (!(seed instanceof Uint8Array) || seed.length !== SEED_BYTES) throw new TypeError(`seed must be ${SEED_BYTES} bytes`);
  const pair = nacl.sign.keyPair.fromSeed(seed);
  return { publicKey: pair.publicKey, secretKey: pair.secretKey };
}

/** The seed inside a tweetnacl secret key: what a key file needs to keep. */
export function seedOf(secretKey: Uint8Array): Uint8Array {
  assertSecretKey(secretKey);
  return secretKey.slice(0, SEED_BYTES);
}

/** The public key as registerSigningKey takes it: base64 of the raw 32 bytes. */
export function publicKeyBase64(key: SignerKeyPair | Uint8Array): string {
  const raw = key instanceof Uint8Array ? key : key.publicKey;
  if (raw.length !== PUBLIC_KEY_BYTES) throw new TypeError(`public key must be ${PUBLIC_KEY_BYTES} bytes`);
  return toBase64(raw);
}

/** The kid the server will give this key: "ed25519:" + 16 hex digits of SHA-256(public key). */
export function keyId(key: SignerKeyPair | Uint8Array): string {
  return signerKeyId(key instanceof Uint8Array ? key : key.publicKey);
}

export interface SignRequest {
  readonly interviewId: string;
  readonly version: number;
  readonly role: SignatureRole;
  /** Your person id: the signature is only valid for you. */
  readonly signerId: string;
  /** The signed content at `version`, as the signingMessage query returns it. */
  readonly content: SignedContent;
  /**
   * The server's `signingMessage.message` (base64). When given, signing refuses unless the
   * message built here from `content` is byte for byte the same, so a client never signs
   * something other than what it displayed.
   */
  readonly expectedMessage?: string;
}

export interface ClientSignature {
  /** base64 of the 64-byte Ed25519 signature: signInterview's `signature`. */
  readonly signature: string;
  /** Hex SHA-256 of the canonical content, as recomputed here. */
  readonly contentDigest: string;
  /** signInterview's `kid`. */
  readonly kid: string;
}

/** Signs one version of an interview in one role. Throws, signing nothing, when the inputs disagree. */
export function signInterview(request: SignRequest, secretKey: Uint8Array): ClientSignature {
  assertSecretKey(secretKey);
  const { interviewId, version, role, signerId, content } = request;
  if (!isSignatureRole(role)) throw new TypeError(`role must be one of ${SIGNATURE_ROLES.join(', ')}`);
  if (!content || content.interviewId !== interviewId || content.version !== version) {
    throw new Error(`the content is not interview ${interviewId} at version ${version}; fetch signingMessage for that version`);
  }
  const contentDigest = contentDigestOf(content);
  const message = signingMessage({ interviewId, version, contentDigest, role, signerId });
  if (request.expectedMessage !== undefined && request.expectedMessage !== toBase64(message)) {
    throw new Error("the server's signing message differs from the one built from the content shown: not signing");
  }
  const signature = nacl.sign.detached(message, secretKey);
  return { signature: toBase64(signature), contentDigest, kid: keyId(secretKey.subarray(SEED_BYTES)) };
}

/** Checks a recorded signature offline, e.g. one listed in an interview's `signatures`. */
export function verifyInterviewSignature(
  claim: { interviewId: string; version: number; contentDigest: string; role: string; signerId: string },
  signature: string,
  publicKey: string,
): boolean {
  const sig = fromBase64(signature);
  const key = fromBase64(publicKey);
  if (!sig || sig.length !== SIGNATURE_BYTES || !key || key.length !== PUBLIC_KEY_BYTES) return false;
  return nacl.sign.detached.verify(signingMessage(claim), sig, key);
}

function assertSecretKey(secretKey: Uint8Array): void {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== SECRET_KEY_BYTES) {
    throw new TypeError(`secret key must be tweetnacl's ${SECRET_KEY_BYTES} bytes (seed and public key)`);
  }
}
