/**
 * The two primitives the offline verifiers need, and nothing else: SHA-256 and Ed25519
 * verification. Verification code (evidence bundles, signed notes, checkpoints, Merkle
 * inclusion, event chains) takes a `VerifyPort` instead of importing node:crypto, so the same
 * code runs on the server (`nodeVerifyPort`, src/crypto/node-verify-port.ts: OpenSSL, with
 * KeyObjects cached per key) and in a browser (`portableVerifyPort`,
 * ./portable-verify-port.ts: tweetnacl and ./sha256.ts). Both must give the same answer on
 * every input; test/evidence/verify-ports.test.ts checks that they do.
 *
 * This module imports nothing: it is only the contract.
 */
export interface VerifyPort {
  /** SHA-256 (FIPS 180-4) of `bytes`, 32 bytes. */
  sha256(bytes: Uint8Array): Uint8Array;
  /**
   * Ed25519 (RFC 8032 §5.1.7) verification of `signature` over `message` by the raw 32-byte
   * `publicKey`. False, never a throw, for a key that is not 32 bytes or a signature that is
   * not 64.
   */
  ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

/** Lowercase hex of `bytes`. */
export function hexOf(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += (bytes[i]! < 16 ? '0' : '') + bytes[i]!.toString(16);
  return out;
}

/** Lowercase hex SHA-256 of `bytes` through `port`. */
export const sha256HexWith = (port: VerifyPort, bytes: Uint8Array): string => hexOf(port.sha256(bytes));

/** Whether two byte strings are equal (not constant-time: everything compared here is public). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The bytes of `parts`, one after the other, in a fresh array. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const encoder = new TextEncoder();
/** UTF-8 bytes of `text` (a lone surrogate becomes U+FFFD, as Buffer.from(text, 'utf8') does). */
export const utf8 = (text: string): Uint8Array => encoder.encode(text);
