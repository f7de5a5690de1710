/**
 * The verify port without node: tweetnacl's Ed25519 (RFC 8032, pure JavaScript) and the
 * portable SHA-256. What the browser verifier (src/evidence/verify-bundle-browser.ts) uses;
 * it runs in Node too, where the tests hold it to the same answers as node:crypto.
 */
import nacl from 'tweetnacl';
import { sha256Portable } from './sha256';
import type { VerifyPort } from './verify-port';

/** The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian (RFC 8032 §5.1). */
const ORDER = Uint8Array.of(
  0xed,
  0xd3,
  0xf5,
  0x5c,
  0x1a,
  0x63,
  0x12,
  0x58,
  0xd6,
  0x9c,
  0xf7,
  0xa2,
  0xde,
  0xf9,
  0xde,
  0x14,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0x10,
);

/**
 * Whether the signature's S (its second half, little-endian) is below L. RFC 8032 §5.1.7 makes
 * S ≥ L invalid, and OpenSSL refuses it; tweetnacl does not check, so without this S + L (the
 * same signature, re-encoded) would verify here and not on the server.
 */
function canonicalS(signature: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    const s = signature[32 + i]!;
    if (s !== ORDER[i]) return s < ORDER[i]!;
  }
  return false; // S == L
}

export const portableVerifyPort: VerifyPort = {
  sha256: (bytes) => sha256Portable(bytes),
  ed25519Verify(publicKey, message, signature) {
    // tweetnacl throws on wrong lengths; the port answers false.
    if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return false;
    if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
    if (!canonicalS(signature)) return false;
    return nacl.sign.detached.verify(message, signature, publicKey);
  },
};
